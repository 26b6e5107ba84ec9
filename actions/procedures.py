"""Procedure answers quoted from the law: the article of the topic the question asks about.

The NLU intent names one of ten coarse topics (procedure_<key>); the question's own words may ask a
finer rule (a third party's time to reply, an oral application, help for a blind applicant). The
knowledge base ranks every topic against the question; a finer topic replaces the intent's only when
it matches clearly better, so a question the intent already answers keeps its article."""
from typing import List, Optional

from actions.answers import Answer
from actions.phrasing import article_body, article_source, number, quote, with_sources
from knowledge.laws import fee_parts, fee_quantities, focus_part

DEFAULT_LEAD = "相关规定如下："
# Legal time limits (knowledge base `time_limits`) that belong in a topic's answer.
TIME_LIMITS = {
    "remedies": ["review_application", "review_first", "litigation_after_review", "litigation_direct"],
    "correction": ["correction_notice"],
    "proactive_timing": ["proactive"],
}
FEE_TOPICS = ("fees", "excessive_requests")     # answers that give the fee standard (and compute a fee)
QUOTE_LIMIT = 400
RELATED_LIMIT = 60
MAX_RELATED = 2
# A finer topic replaces the intent's when it scores at least FINE_MIN and FINE_RATIO times the intent
# topic's score: a word of the rule's own (盲人, 第三方, 不动产登记) scores about 12, a word that
# questions of other topics use too, less.
FINE_MIN = 11.0
FINE_RATIO = 1.3
SHOWN_PARTS = 6


def procedure(kb, topic: str, question: str = "") -> Answer:
    chosen = choose_topic(kb, topic, question)
    articles = kb.articles_for_topic(chosen)
    if not articles:
        return Answer("抱歉，知识库里没有找到这方面的法规条文。")
    spec = kb.topic(chosen) or {}
    main, related = articles[0], articles[1:MAX_RELATED + 1]
    where, words = focus_part(main.text, main.label, spec.get("focus") or "")
    lines = [spec.get("lead") or DEFAULT_LEAD, f"{article_source(main)}{where}：{quote(words, QUOTE_LIMIT)}"]
    sources = [article_source(main)]
    if chosen in FEE_TOPICS:
        standard = kb.fee_standard()
        lines.append(fee_standard_line(standard))
        lines += fee_lines(standard, question)
        sources.append(standard["source"])
    limits = [t for t in kb.time_limits() if t["key"] in TIME_LIMITS.get(chosen, [])]
    if limits:
        lines.append("需要注意的期限：")
        lines += [f"· {t['name']}（{t['value']}{t['unit']}）：{quote(t['quote'])}（{t['source']}）" for t in limits]
        sources += [t["source"] for t in limits]
    if related and not limits:
        lines.append("相关规定还有：" + "；".join(
            f"{article_source(a)}{quote(article_body(a), RELATED_LIMIT)}" for a in related))
        sources += [article_source(a) for a in related]
    slots = {"last_answer": f"procedure:{chosen}"} if chosen != topic else {}
    return Answer(with_sources(lines, sources), slots=slots)


def choose_topic(kb, prior: str, question: str) -> str:
    """The intent's topic, or the finer topic the question's words match clearly better."""
    ranked = kb.procedure_topics(question) if question else []
    needed = max(FINE_MIN, FINE_RATIO * dict(ranked).get(prior, 0.0))
    for key, score in ranked:
        if score < needed:
            break
        if key != prior and not (kb.topic(key) or {}).get("coarse"):
            return key
    return prior


def fee_standard_line(standard: dict) -> str:
    return f"收费标准（{standard['source']}）：{standard['summary']}"


def fee_lines(standard: dict, question: str) -> List[str]:
    """The fee for the number of applications or pages in the question, computed tier by tier."""
    lines = []
    for kind, quantity in fee_quantities(question).items():
        scheme = standard.get(kind)
        if not scheme:
            continue
        parts = fee_parts(scheme["tiers"], quantity)
        unit = scheme["tiers"][0]["unit"].split("/")[-1]
        method = "按件计收" if kind == "by_count" else "按量计收"
        lines.append(f"{method}，{scheme['basis']}为{quantity}{unit}，超额累进计算：")
        lines += [_part_line(p, unit) for p in _shown(parts)]
        total = sum(p["amount"] for p in parts)
        lines.append(f"合计{number(total)}元。" if total else f"合计0元：{quantity}{unit}在不收费的范围内。")
    if lines:
        lines.append(f"说明：行政机关只在申请数量、频次明显超过合理范围时才可以收取信息处理费；{standard.get('methods', '')}")
    return lines


def _shown(parts: List[dict]) -> List[Optional[dict]]:
    if len(parts) <= SHOWN_PARTS:
        return parts
    return parts[:SHOWN_PARTS - 2] + [None] + parts[-1:]


def _part_line(part: Optional[dict], unit: str) -> str:
    if part is None:
        return "· ……（每增加一档，单价提高，依此类推）"
    span = f"第{part['from']}{unit}" if part["from"] == part["to"] else f"第{part['from']}—{part['to']}{unit}"
    if not part["price"]:
        return f"· {span}：不收费"
    return f"· {span}：{part['count']}{unit} × {number(part['price'])}{part['unit']} = {number(part['amount'])}元"


def article_explanation(kb, topic: str) -> Answer:
    """For "为什么": the full text of the topic's first article."""
    articles = kb.articles_for_topic(topic)
    if not articles:
        return Answer("抱歉，我没有找到这条规定的依据。")
    article = articles[0]
    return Answer(with_sources([f"依据是{article_source(article)}，全文如下：", quote(article_body(article))],
                               [article_source(article)]))
