"""The laws as data: articles, topics checked against the text, time limits and the fee standard."""
import pytest

from knowledge.laws import (LawDataError, _add_words, _tag, article_parts, fee_parts, fee_standard, focus_part,
                            load_laws, parse_law, time_limits, topic_rows, topics)


@pytest.fixture(scope="module")
def laws():
    return load_laws()


def test_every_law_article_by_article(laws):
    assert {k: len(v.articles) for k, v in laws.items()} == {"条例": 56, "行政复议法": 90, "行政诉讼法": 103, "最高法规定": 13}
    for law in laws.values():
        assert [a.number for a in law.articles] == list(range(1, len(law.articles) + 1))
        assert all(a.text.startswith(a.label + " ") for a in law.articles)


def test_article_fields(laws):
    article = laws["条例"].article(29)
    assert (article.label, article.chapter) == ("第二十九条", "第四章 依申请公开")
    assert article.text.endswith("(三)申请公开的政府信息的形式要求，包括获取信息的方式、途径。")
    assert laws["行政复议法"].article(20).section == "第三节 申请的提出"
    assert laws["行政复议法"].article(1).chapter == "第一章 总则"        # “总 则” and the zero-width space
    assert laws["最高法规定"].article(1).chapter is None


@pytest.mark.parametrize("topic,law,number,words", [
    ("how_to_apply", "条例", 27, "申请获取相关政府信息"),
    ("application_contents", "条例", 29, "政府信息公开申请应当包括下列内容"),
    ("channels", "条例", 29, "信件、数据电文"),
    ("deadlines", "条例", 33, "20个工作日内予以答复"),
    ("correction", "条例", 30, "7个工作日内一次性告知申请人作出补正"),
    ("fees", "条例", 42, "信息处理费"),
    ("not_disclosed", "条例", 14, "不予公开"),
    ("not_disclosed", "条例", 15, "第三方合法权益"),
    ("not_disclosed", "条例", 16, "内部事务信息"),
    ("not_disclosed", "条例", 36, "告知申请人不予公开并说明理由"),
    ("remedies", "条例", 51, "投诉、举报，也可以依法申请行政复议或者提起行政诉讼"),
    ("proactive_timing", "条例", 26, "20个工作日内及时公开"),
    ("third_party", "条例", 32, "书面征求第三方的意见"),
    ("annual_report", "条例", 49, "1月31日前"),
    ("annual_report", "条例", 50, "年度报告应当包括下列内容"),
    ("review_deadline", "行政复议法", 20, "六十日内提出行政复议申请"),
    ("review_first", "行政复议法", 23, "申请政府信息公开，行政机关不予公开"),
    ("litigation_deadline", "行政诉讼法", 45, "十五日内向人民法院提起诉讼"),
    ("litigation_deadline", "行政诉讼法", 46, "六个月内提出"),
    ("receipt_date", "条例", 31, "以行政机关签收之日为收到申请之日"),
    ("oral_application", "条例", 29, "申请人可以口头提出"),
    ("consultation_time", "条例", 33, "征求第三方和其他机关意见所需时间不计算在前款规定的期限内"),
    ("special_records", "条例", 36, "不动产登记资料"),
    ("partial_disclosure", "条例", 37, "能够作区分处理的"),
    ("compilation", "条例", 38, "加工、分析的"),
    ("petitions", "条例", 39, "信访、投诉、举报"),
    ("publications", "条例", 39, "公开出版物"),
    ("record_correction", "条例", 41, "可以要求行政机关更正"),
    ("accessibility", "条例", 43, "阅读困难或者视听障碍"),
    ("excessive_requests", "条例", 35, "数量、频次明显超过合理范围"),
    ("definition", "条例", 2, "本条例所称政府信息"),
])
def test_topic_articles_say_what_the_topic_is_about(laws, topic, law, number, words):
    article = laws[law].article(number)
    assert topic in article.topics
    assert words in article.text


def test_every_topic_has_a_lead_and_descriptors_and_the_ten_intent_topics_are_coarse():
    data = topics()
    assert all(spec.get("lead") and spec.get("descriptors") for spec in data.values())
    assert [k for k, spec in data.items() if spec.get("coarse")] == [
        "how_to_apply", "application_contents", "channels", "deadlines", "correction", "fees", "not_disclosed",
        "remedies", "proactive_timing", "proactive_scope"]
    rows = {r["key"]: r for r in topic_rows(data)}
    assert rows["special_records"]["focus"] == "不动产登记资料" and rows["deadlines"]["coarse"] == 1
    assert "盲人" in rows["accessibility"]["descriptors"] and rows["definition"]["patterns"] != "[]"


@pytest.mark.parametrize("number, focus, where, start", [
    (36, "不动产登记资料", "第（七）项", "对政府信息公开申请，行政机关根据下列情况分别作出答复：……(七)所申请公开信息属于工商"),
    (29, "可以口头提出", "第一款", "公民、法人或者其他组织申请获取政府信息的"),
    (39, "公开出版物", "第二款", "申请人提出的申请内容为要求行政机关提供政府公报"),
    (33, "", "", "行政机关收到政府信息公开申请，能够当场答复的"),
])
def test_focus_part_quotes_the_paragraph_or_item_asked(laws, number, focus, where, start):
    article = laws["条例"].article(number)
    found = focus_part(article.text, article.label, focus)
    assert found[0] == where and found[1].startswith(start)


def test_a_focus_or_pattern_the_law_does_not_bear_is_refused(laws):
    with pytest.raises(LawDataError, match="focus “口头提出” is not in 条例 article 31"):
        _tag(laws, {"bad": {"articles": {"条例": [31]}, "focus": "口头提出"}})
    with pytest.raises(LawDataError, match="does not compile"):
        _tag(laws, {"bad": {"articles": {"条例": [2]}, "patterns": ["(政府信息"]}})


def test_article_words_are_read_and_a_missing_article_is_refused(laws):
    assert "口头申请复议" in laws["行政复议法"].article(22).words and laws["条例"].article(33).words == []
    with pytest.raises(LawDataError, match="article_words: 条例 has no article 99"):
        _add_words(laws, {"条例": {99: ["x"]}})


def test_article_parts_are_its_paragraphs_and_items_with_their_lead_in(laws):
    article = laws["行政复议法"].article(53)
    parts = article_parts(article.text, article.label)
    assert parts[0][0] == "第一款" and parts[0][1].startswith("行政复议机关审理下列行政复议案件")
    assert parts[4] == ("第（四）项", parts[0][1] + "……（四）属于政府信息公开案件。")
    assert parts[5][0] == "第二款"
    single = laws["条例"].article(43)
    assert article_parts(single.text, single.label) == [("", single.text[len(single.label):].strip())]


def test_a_topic_naming_a_missing_article_is_refused(laws):
    with pytest.raises(LawDataError, match="no article 99"):
        _tag(laws, {"bad": {"articles": {"条例": [99]}}})


def test_time_limits_are_checked_against_the_articles(laws):
    limits = {t["key"]: t for t in time_limits(laws)}
    assert (limits["reply"]["value"], limits["reply"]["unit"], limits["reply"]["label"]) == (20, "个工作日", "第三十三条")
    assert limits["review_application"]["source"] == "《中华人民共和国行政复议法》第二十条"
    assert (limits["litigation_after_review"]["value"], limits["litigation_direct"]["value"]) == (15, 6)


def test_a_time_limit_that_misquotes_its_article_is_refused(laws, tmp_path):
    (tmp_path / "laws.yml").write_text(
        "time_limits:\n  - {key: x, name: x, value: 30, unit: 日, law: 条例, article: 33, quote: '30个工作日内'}\n",
        encoding="utf-8")
    with pytest.raises(LawDataError, match="is not in 条例 article 33"):
        time_limits(laws, tmp_path)


def test_fee_standard_with_its_origin(laws):
    fee = fee_standard(laws)
    assert (fee["document"], fee["issuer"], fee["issued"]) == ("国办函〔2020〕109号", "国务院办公厅", "2020-11-17")
    assert fee["legal_basis"]["label"] == "第四十二条"
    assert [t["price"] for t in fee["by_page"]["tiers"]] == [0, 10, 20, 40]
    assert fee["by_count"]["tiers"][0] == {"from": 1, "to": 10, "price": 0, "unit": "元/件"}


def test_parse_law_header_chapters_and_continuation_lines():
    header, articles = parse_law("x", "# 标题\n<!-- INFO END -->\n## 第一章 总 则\n第一条 甲。\n\n（一）乙；\n"
                                      "### 第一节 丙\n第二条 丁。\n")
    assert header == "# 标题"
    assert [(a.number, a.chapter, a.section, a.text) for a in articles] == [
        (1, "第一章 总则", None, "第一条 甲。\n（一）乙；"), (2, "第一章 总则", "第一节 丙", "第二条 丁。")]


def test_fee_parts_follow_the_tiers_of_the_standard(laws):
    fee = fee_standard(laws)
    assert fee_parts(fee["by_count"]["tiers"], 8) == [{"from": 1, "to": 8, "count": 8, "price": 0, "unit": "元/件", "amount": 0}]
    parts = fee_parts(fee["by_count"]["tiers"], 45)
    assert [(p["from"], p["to"], p["price"], p["amount"]) for p in parts] == [
        (1, 10, 0, 0), (11, 30, 100, 2000), (31, 40, 200, 2000), (41, 45, 300, 1500)]
    pages = fee_parts(fee["by_page"]["tiers"], 250)
    assert [(p["count"], p["price"]) for p in pages] == [(30, 0), (70, 10), (100, 20), (50, 40)]
    assert sum(p["amount"] for p in pages) == 700 + 2000 + 2000


def test_every_topic_has_citizens_questions_and_one_for_no_topic_is_refused(tmp_path):
    data = topics()
    assert all(len(spec["questions"]) >= 8 for spec in data.values())
    assert '"questions": "[]"' not in str(topic_rows(data))
    (tmp_path / "laws.yml").write_text("topics:\n  fees: {name: 收费, articles: {条例: [42]}}\n", encoding="utf-8")
    (tmp_path / "law_questions.yml").write_text("questions:\n  fees: [要交钱吗]\n  no_such_topic: [x]\n",
                                                encoding="utf-8")
    with pytest.raises(LawDataError, match="no topic no_such_topic"):
        topics(tmp_path)
    (tmp_path / "law_questions.yml").write_text("questions:\n  fees: [要交钱吗]\n", encoding="utf-8")
    assert topics(tmp_path)["fees"]["questions"] == ["要交钱吗"]
