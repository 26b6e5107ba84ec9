"""The fallback: the best passage of the reports and laws for a question nobody trained for."""
from actions.answers import Answer
from actions.phrasing import quote, with_sources

# Passages scoring below this share too few words with the question to be worth quoting.
MIN_SCORE = 8.0
SUGGESTIONS = ["收到多少政府信息公开申请？", "申请的办理结果怎样？", "怎么申请政府信息公开？", "申请政府信息公开要收费吗？"]


def suggestion_buttons():
    return [{"title": q, "payload": q} for q in SUGGESTIONS]


def best_passage(kb, text: str) -> Answer:
    passages = kb.search(text, limit=2) if text.strip() else []
    passages = [p for p in passages if p.score > MIN_SCORE]
    if not passages:
        return Answer("抱歉，年度报告和相关法规里都没有找到与您的问题相关的内容，报告没有说到这一点。"
                      "您可以换个说法，或者试试下面的问题：", suggestion_buttons())
    lines = ["我没有完全理解您的问题。报告和法规中与它最相关的内容是："]
    lines += [quote(p.text, 300) for p in passages]
    return Answer(with_sources(lines, [p.source for p in passages]), suggestion_buttons())
