"""Procedure answers quoted from the law articles tagged with the question's topic."""
from actions.answers import Answer
from actions.phrasing import article_body, article_source, quote, with_sources

# A plain lead for each topic; the rules themselves are quoted from the articles.
LEADS = {
    "how_to_apply": "公民、法人或者其他组织可以向行政机关申请获取政府信息，具体规定如下：",
    "application_contents": "申请政府信息公开，申请书应当写明以下内容：",
    "channels": "申请可以当面提交，也可以通过信函、数据电文等方式提交：",
    "deadlines": "行政机关答复申请的期限是这样规定的：",
    "correction": "申请内容不明确时，行政机关会要求补正：",
    "fees": "依申请提供政府信息一般不收费，只有申请数量、频次明显超过合理范围时才可能收取信息处理费：",
    "not_disclosed": "以下政府信息不予公开或者可以不予公开：",
    "remedies": "认为行政机关的政府信息公开工作侵犯了您的合法权益，可以这样维护权利：",
    "proactive_timing": "主动公开的政府信息应当及时公开：",
    "proactive_scope": "行政机关应当主动公开的政府信息范围是这样规定的：",
}
# Legal time limits (knowledge base `time_limits`) that belong in a topic's answer.
TIME_LIMITS = {
    "remedies": ["review_application", "review_first", "litigation_after_review", "litigation_direct"],
    "correction": ["correction_notice"],
    "proactive_timing": ["proactive"],
}
QUOTE_LIMIT = 400
RELATED_LIMIT = 60
MAX_RELATED = 2


def procedure(kb, topic: str) -> Answer:
    articles = kb.articles_for_topic(topic)
    if not articles:
        return Answer("抱歉，知识库里没有找到这方面的法规条文。")
    main, related = articles[0], articles[1:MAX_RELATED + 1]
    lines = [LEADS.get(topic, "相关规定如下："), f"{article_source(main)}：{quote(article_body(main), QUOTE_LIMIT)}"]
    sources = [article_source(main)]
    if topic == "fees":
        standard = kb.fee_standard()
        lines.append(fee_standard_line(standard))
        sources.append(standard["source"])
    limits = [t for t in kb.time_limits() if t["key"] in TIME_LIMITS.get(topic, [])]
    if limits:
        lines.append("需要注意的期限：")
        lines += [f"· {t['name']}（{t['value']}{t['unit']}）：{quote(t['quote'])}（{t['source']}）" for t in limits]
        sources += [t["source"] for t in limits]
    if related and not limits:
        lines.append("相关规定还有：" + "；".join(
            f"{article_source(a)}{quote(article_body(a), RELATED_LIMIT)}" for a in related))
        sources += [article_source(a) for a in related]
    return Answer(with_sources(lines, sources))


def fee_standard_line(standard: dict) -> str:
    return f"收费标准（{standard['source']}）：{standard['summary']}"


def article_explanation(kb, topic: str) -> Answer:
    """For "为什么": the full text of the topic's first article."""
    articles = kb.articles_for_topic(topic)
    if not articles:
        return Answer("抱歉，我没有找到这条规定的依据。")
    article = articles[0]
    return Answer(with_sources([f"依据是{article_source(article)}，全文如下：", quote(article_body(article))],
                               [article_source(article)]))


