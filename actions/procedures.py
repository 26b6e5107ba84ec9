"""Procedure answers quoted from the law: the article of the topic the question asks about.

The NLU intent names one of ten coarse topics (procedure_<key>); the question's own words may ask a
finer rule (a third party's time to reply, an oral application, help for a blind applicant). The
knowledge base ranks every topic against the question; a finer topic replaces the intent's only when
it matches clearly better, so a question the intent already answers keeps its article."""
import re
from typing import List, Optional

from actions.answers import Answer
from actions.phrasing import article_body, number, quote, with_sources
from actions.route import FEE_TOPICS, REMEDY_FEES
from knowledge.laws import article_parts, fee_parts, fee_quantities, focus_part

DEFAULT_LEAD = "相关规定如下："
# Legal time limits (knowledge base `time_limits`) that belong in a topic's answer.
TIME_LIMITS = {
    "remedies": ["review_application", "review_first", "litigation_after_review", "litigation_direct"],
    "review_first": ["review_application", "litigation_after_review", "litigation_direct"],
    "correction": ["correction_notice"],
    "proactive_timing": ["proactive"],
}
QUOTE_LIMIT = 400
RELATED_LIMIT = 60
MAX_RELATED = 2
# A finer topic replaces the intent's when it scores at least FINE_MIN and FINE_RATIO times the intent
# topic's score: a word of the rule's own (盲人, 第三方, 不动产登记) scores about 12, and a citizens'
# question of the topic worded alike adds some; a word that questions of other topics use too, less.
FINE_MIN = 14.0
TALK_OVER_OWN = 1.5  # a topic in scope only by the talk's review or lawsuit must match this much better
FEE_MIN = 5.0       # a fee's rule ranked this well is the one a question naming a fee asks
FEE_OUTRANKED = 2.5  # ... unless another topic matches this many times better (the fee is what is asked for)
CLEAR_MIN = 11.0    # a topic matched this well is the one a question asks about, whatever its intent (route.Question)
FINE_RATIO = 1.3
# A question asking what one may do (route.Question.asks_what_one_may_do) takes a topic matched this well,
# or the best-ranked articles when they score at least LOOSE_ARTICLE_MIN and more than the topic.
LOOSE_MIN = 6.0
LOOSE_ARTICLE_MIN = 8.0
RANKED_ARTICLES = "articles"   # a route's topic for "the articles the ranking finds": one when sure, else two
SHOWN_PARTS = 6
# The ranking over every article of the laws (kb.law_articles_ranked) answers instead of the topic when its
# best article is none of the topic's, scores at least ARTICLE_MIN and ARTICLE_RATIO times the topic's best
# article; it is sure when the best scores SURE_RATIO times the next article, else both are named.
ARTICLE_MIN = 14.0
ARTICLE_RATIO = 1.3
SURE_RATIO = 1.25
RANKED = 12
TOPIC_SHARE = 1.3   # the best article scores less than this times the topic's own words (kb.procedure_topics): the topic stays
# The review and litigation laws answer questions about a review or a lawsuit: an article of theirs is a
# candidate only when the question names one (the 条例 answers the rest).
# 告 as in 告他们, 被告, not 报告, 告知, 公告.
_LAWSUIT = re.compile(r"诉讼|起诉|上诉|[一二]审|审判|法院|法庭|开庭|判决|胜诉|败诉|官司|(?<![报公广通宣警布转劝])告(?![知示诉])")
_REVIEW = re.compile(r"复议")
LAW_SCOPE = {"行政复议法": (_REVIEW,), "行政诉讼法": (_LAWSUIT,), "最高法规定": (_LAWSUIT,)}
# A topic of the review law may also answer a lawsuit question (复议前置: whether one may sue at once).
TOPIC_SCOPE = {**LAW_SCOPE, "行政复议法": (_REVIEW, _LAWSUIT)}
ARTICLE_TOPIC = "#"          # a route's topic naming one article: 行政复议法#22
UNSURE_LEAD = "您的问题可能涉及下面两条规定，我不能确定是哪一条，请对照看看："
ARTICLE_LEAD = "这个问题法规是这样规定的："


def procedure(kb, topic: str, question: str = "", context: str = "") -> Answer:
    """The answer of a law topic (or ranked articles, or one article) to the question. `context`, here
    and below: the conversation's earlier words, which may name the review or lawsuit the question goes
    on about without naming it ("能请律师吗" in a talk about a review); they decide only which laws are
    in scope, never the ranking."""
    if topic == RANKED_ARTICLES:
        return ranked_answer(kb, question, context)
    if ARTICLE_TOPIC in topic:
        return after_article(kb, topic, question, context)
    chosen = choose_topic(kb, topic, question, context)
    better = better_articles(kb, chosen, question, context) if question else []
    if better:
        return article_answer(better[0][0], question, kb) if len(better) == 1 else unsure_answer(better, question)
    return topic_answer(kb, chosen, topic, question)


def after_article(kb, topic: str, question: str, context: str = "") -> Answer:
    """A question routed to one article, or a follow-up to an article's answer: the article its own
    words name clearly, else the topic they match clearly, else the article before."""
    named = article_route(kb, question, context=context) if question else None
    law, _, number = (named or topic).partition(ARTICLE_TOPIC)
    article = kb.article(law, int(number)) if number.isdigit() else None
    topics = ranked_topics(kb, question, context) if question and not named else []
    if topics and topics[0][1] >= FINE_MIN:
        return topic_answer(kb, topics[0][0], "", question)
    if article is None:
        return topic_answer(kb, "how_to_apply", "", question)
    return article_answer(article, question, kb)


def in_scope(article, question: str) -> bool:
    return law_in_scope(article.law, question)


def law_in_scope(law: str, question: str, scope: dict = LAW_SCOPE) -> bool:
    return law not in scope or any(p.search(question) for p in scope[law])


def _asked(question: str, context: str) -> str:
    """The words that decide which laws a question is about: its own and the conversation's."""
    return f"{question} {context}" if context else question


def topic_in_scope(kb, key: str, question: str) -> bool:
    """A finer topic quoting only the review or litigation laws answers a question naming a review or a
    lawsuit (复议机关多久作出决定 is not about the time to sue)."""
    laws = (kb.topic(key) or {}).get("articles") or {}
    return not laws or any(law_in_scope(law, question, TOPIC_SCOPE) for law in laws)


def quotes_the_remedy_laws(kb, route_topic: Optional[str]) -> bool:
    """A topic or an article (行政诉讼法#18) of the review and litigation laws alone."""
    if not route_topic:
        return False
    law, _, number = route_topic.partition(ARTICLE_TOPIC)
    laws = [law] if number else list((kb.topic(route_topic) or {}).get("articles") or {})
    return bool(laws) and all(law in LAW_SCOPE for law in laws)


# The topics whose rule is a fee: a question naming a fee (交费, 诉讼费) asks one of them.
FEE_RULES = FEE_TOPICS + REMEDY_FEES
_A_FEE = re.compile(r"(?<![经浪花])费|[交要花收掏付出]钱")


def ranked_topics(kb, question: str, context: str = "") -> list:
    """The procedure topics ranked for the question (kb.procedure_topics), those of the review and
    litigation laws only when it names a review or a lawsuit ("要交钱吗" is no question of 复议's fee), or
    the talk did and such a topic matches far better ("请不起律师怎么办" after 复议);
    a fee's rules first when it names a fee ("申请复议要交费吗": not the review's deadline)."""
    every = kb.procedure_topics(question)
    ranked = [(key, score) for key, score in every if topic_in_scope(kb, key, question)]
    in_the_talk = [(key, score) for key, score in every if topic_in_scope(kb, key, _asked(question, context))]
    if in_the_talk and in_the_talk[0][1] > TALK_OVER_OWN * max((score for _, score in ranked[:1]), default=0.0):
        ranked = in_the_talk        # the review or lawsuit talked about, matched far better than the words' own
    fee = max((score for key, score in ranked if key in FEE_RULES), default=0.0)
    if _A_FEE.search(question) and ranked and ranked[0][1] < FEE_OUTRANKED * fee:
        return sorted(ranked, key=lambda t: t[0] not in FEE_RULES)
    return ranked               # "自来水公司的收费明细…": a fee named, another rule matched far better


def clear_topic(topics: list, question: str) -> Optional[str]:
    """The topic the question clearly asks: one ranked CLEAR_MIN or more, or a fee's rule when it names a fee."""
    if not topics:
        return None
    key, score = topics[0]
    return key if score >= CLEAR_MIN or key in FEE_RULES and _A_FEE.search(question) and score >= FEE_MIN else None


def ranked_articles(kb, question: str, own=frozenset(), context: str = "") -> list:
    """The law articles ranked for the question, those of a law the question does not ask about left
    out (unless they are the topic's own)."""
    return [(a, m) for a, m in kb.law_articles_ranked(question, RANKED)
            if (a.law, a.number) in own or in_scope(a, _asked(question, context))]


def better_articles(kb, topic: str, question: str, context: str = "") -> list:
    """[best] when an article no topic quotes matches the question clearly better than the topic does (its articles in the same ranking, and its own words by TOPIC_SHARE), [best, next]
    when two articles do and the ranking cannot tell them apart; else []."""
    if topic in kb.situations(question):
        return []                       # the situation the topic's pattern describes: that topic's rule
    own = {(a.law, a.number) for a in kb.articles_for_topic(topic)}
    found = ranked_articles(kb, question, own, context)
    if not found or found[0][1].score < ARTICLE_MIN:
        return []
    best, score = found[0][0], found[0][1].score
    if (best.law, best.number) in own or best.topics:
        return []                       # a topic's article: the topic ranking has had its say
    article_score = max((m.score for a, m in found if (a.law, a.number) in own), default=0.0)
    topic_score = dict(kb.procedure_topics(question)).get(topic, 0.0)
    if not _the_remedys_own_law(best, own, _asked(question, context)) \
            and (score < ARTICLE_RATIO * article_score or score < TOPIC_SHARE * topic_score):
        return []
    if len(found) < 2 or score >= SURE_RATIO * found[1][1].score:
        return [found[0]]
    return [] if topic_score >= FINE_MIN else found[:2]      # unsure of the articles, sure of the topic


def _the_remedys_own_law(best, own, question: str) -> bool:
    """"复议能口头申请吗": a question about a review or a lawsuit, an article of that law ranked first and
    a topic that quotes the 条例 alone — the review's own rule answers, not the 条例's on requests."""
    return best.law in LAW_SCOPE and law_in_scope(best.law, question) and not any(law in LAW_SCOPE for law, _ in own)


def loose_route(kb, question: str, topics: list, found: Optional[list] = None, context: str = "") -> Optional[str]:
    """The law's topic or articles a question's words match best, though maybe not clearly (`found`:
    the articles already ranked for it)."""
    found = ranked_articles(kb, question, context=context) if found is None else found
    topic, topic_score = topics[0] if topics else (None, 0.0)
    if found and found[0][1].score >= max(LOOSE_ARTICLE_MIN, topic_score):
        return RANKED_ARTICLES
    return topic if topic_score >= LOOSE_MIN else None


def ranked_answer(kb, question: str, context: str = "") -> Answer:
    found = ranked_articles(kb, question, context=context)
    if not found:
        return topic_answer(kb, "how_to_apply", "", question)
    if len(found) == 1 or found[0][1].score >= SURE_RATIO * found[1][1].score:
        return article_answer(found[0][0], question, kb, found[0][1])
    return unsure_answer(found[:2], question)


def article_route(kb, question: str, remedies_only: bool = False, found: Optional[list] = None,
                  context: str = "") -> Optional[str]:
    """The article a question asks about when its words match one clearly: 行政复议法#29. For routing a
    question NLU did not take for a procedure one, only an article of the review and litigation laws,
    whose words (复议, 起诉, 法院) the reports' own sentences rarely hold; the 条例 shares theirs."""
    found = ranked_articles(kb, question, context=context) if found is None else found
    if remedies_only and found and found[0][0].law not in LAW_SCOPE:
        return None
    if not found or found[0][1].score < ARTICLE_MIN or (len(found) > 1 and found[0][1].score < SURE_RATIO * found[1][1].score):
        return None
    article = found[0][0]
    return f"{article.law}{ARTICLE_TOPIC}{article.number}"


def article_part(article, match=None, question: str = "") -> tuple:
    """(where, words) to quote: the whole article when short, else its best paragraph or item."""
    body = article_body(article)
    if len(body) <= QUOTE_LIMIT or match is None:
        return "", body
    parts = article_parts(article.text, article.label)
    return parts[match.part] if match.part < len(parts) else ("", body)


def article_answer(article, question: str, kb=None, match=None) -> Answer:
    if match is None and kb is not None and question:
        match = next((m for a, m in ranked_articles(kb, question) if (a.law, a.number) == (article.law, article.number)), None)
    where, words = article_part(article, match, question)
    lines = [ARTICLE_LEAD, f"{article.source}{where}：{quote(words, QUOTE_LIMIT)}"]
    return Answer(with_sources(lines, [article.source]),
                  slots={"last_answer": f"procedure:{article.law}{ARTICLE_TOPIC}{article.number}"})


def unsure_answer(found: list, question: str) -> Answer:
    lines = [UNSURE_LEAD]
    for i, (article, match) in enumerate(found, 1):
        where, words = article_part(article, match, question)
        lines.append(f"{i}. {article.source}{where}：{quote(words, QUOTE_LIMIT // 2)}")
    return Answer(with_sources(lines, [a.source for a, _ in found]),
                  slots={"last_answer": f"procedure:{found[0][0].law}{ARTICLE_TOPIC}{found[0][0].number}"})


def topic_answer(kb, chosen: str, topic: str, question: str) -> Answer:
    articles = kb.articles_for_topic(chosen)
    if not articles:
        return Answer("抱歉，知识库里没有找到这方面的法规条文。")
    spec = kb.topic(chosen) or {}
    main, related = articles[0], articles[1:MAX_RELATED + 1]
    where, words = focus_part(main.text, main.label, spec.get("focus") or "")
    lines = [spec.get("lead") or DEFAULT_LEAD, f"{main.source}{where}：{quote(words, QUOTE_LIMIT)}"]
    sources = [main.source]
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
            f"{a.source}{quote(article_body(a), RELATED_LIMIT)}" for a in related))
        sources += [a.source for a in related]
    slots = {"last_answer": f"procedure:{chosen}"} if chosen != topic else {}
    return Answer(with_sources(lines, sources), slots=slots)


def choose_topic(kb, prior: str, question: str, context: str = "") -> str:
    """The intent's topic, or the finer topic the question's words match clearly better — or any topic
    whose situation the question describes ("不给我公开，我还能找谁": the remedies)."""
    ranked = ranked_topics(kb, question, context) if question else []
    own = dict(ranked).get(prior)        # none: the words say nothing of the intent's topic, a clear one answers
    needed = max(FINE_MIN, FINE_RATIO * own) if own else CLEAR_MIN
    described = kb.situations(question) if question else []
    for key, score in ranked:
        if score < needed:
            break
        if key != prior and (not (kb.topic(key) or {}).get("coarse") or key in described):
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
    """For "为什么": the full text of the topic's first article (or of the article the answer quoted)."""
    if ARTICLE_TOPIC in topic:
        law, _, number = topic.partition(ARTICLE_TOPIC)
        articles = [a for a in [kb.article(law, int(number))] if a is not None]
    else:
        articles = kb.articles_for_topic(topic)
    if not articles:
        return Answer("抱歉，我没有找到这条规定的依据。")
    article = articles[0]
    return Answer(with_sources([f"依据是{article.source}，全文如下：", quote(article_body(article))],
                               [article.source]))
