"""The seed report (江苏省民政厅2022年, tables missing): every figure with its value and exact sentence."""

import pytest

from knowledge.catalogue import load
from knowledge.parse.report import parse_report
from tests.conftest import SEED_FILE as SEED


S_WEBSITE = "全年共通过江苏民政网公开各类政府信息4001篇,其中政府信息公开专栏620篇;"
S_SOCIAL = "通过江苏民政微博发布信息802条、微信公众号发布信息1064篇。"
S_NPC = "公开年度承办人大代表建议和政协委员提案的总体情况以及21件人大代表建议、39件政协委员提案的答复结果。"
S_REQUESTS = ("2022年接收政府信息公开申请23件,上年结转政府信息公开申请3件,按照相关规定及时答复办结25件(其中予以公开7件、"
              "部分公开4件、本机关不掌握相关信息10件、不予处理4件),结转2023年继续办理1件。")
S_REVIEW = "因政府信息公开工作被提起行政复议4件,结果均为维持;"
S_LITIGATION = "经复议后被提起行政诉讼1件,尚未审结。"
S_INTERVIEWS = "分管负责同志参加“黄金时间·改革政策e解读”等在线访谈3场。"
S_INQUIRIES = "安排专人负责网站咨询建言、网上投诉、意见征集等信息处理,加强对网民互动留言的审核办理,倾听群众诉求、搜集社情民意、及时回应关切,全年共受理网民咨询1012件,全部按照规定时限答复办结。"
S_TRAININGS = "组织开展全厅政务公开、政务新媒体等方面培训2场,增强相关工作人员业务技能,提升全员政务公开意识。"
S_FEE = "本年度本单位没有收取政府信息公开信息处理费。"

SEED_FIGURES = [
    ("proactive.website_items", 4001, "篇", S_WEBSITE, 1, "（一）主动公开情况"),
    ("proactive.disclosure_column_items", 620, "篇", S_WEBSITE, 1, "（一）主动公开情况"),
    ("proactive.weibo_posts", 802, "条", S_SOCIAL, 1, "（一）主动公开情况"),
    ("proactive.wechat_posts", 1064, "篇", S_SOCIAL, 1, "（一）主动公开情况"),
    ("proactive.npc_suggestions_answered", 21, "件", S_NPC, 1, "（一）主动公开情况"),
    ("proactive.cppcc_proposals_answered", 39, "件", S_NPC, 1, "（一）主动公开情况"),
    ("interpretation.press_conferences", 45, "场", None, 1, "（一）主动公开情况"),
    ("interpretation.articles", 65, "篇", None, 1, "（一）主动公开情况"),
    ("interpretation.online_interviews", 3, "场", S_INTERVIEWS, 1, "（一）主动公开情况"),
    ("requests.received", 23, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.carried_over_in", 3, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.completed", 25, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.granted", 7, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.partly_granted", 4, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.not_held", 10, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.not_processed", 4, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("requests.carried_forward", 1, "件", S_REQUESTS, 1, "（二）依申请公开情况"),
    ("review.total", 4, "件", S_REVIEW, 1, "（二）依申请公开情况"),
    ("review.upheld", 4, "件", S_REVIEW, 1, "（二）依申请公开情况"),
    ("litigation.total", 1, "件", S_LITIGATION, 1, "（二）依申请公开情况"),
    ("litigation.after_review.total", 1, "件", S_LITIGATION, 1, "（二）依申请公开情况"),
    ("litigation.after_review.pending", 1, "件", S_LITIGATION, 1, "（二）依申请公开情况"),
    ("management.online_inquiries", 1012, "件", S_INQUIRIES, 1, "（三）政府信息管理情况"),
    ("platform.new_media_products", 28, "个", None, 1, "（四）政府信息公开平台建设情况"),
    ("supervision.trainings", 2, "场", S_TRAININGS, 1, "（五）信息公开工作监督保障情况"),
]


@pytest.fixture(scope="module")
def parsed():
    return parse_report(SEED, load())


def test_seed_text_is_the_original():
    text = SEED.read_text(encoding="utf-8")
    assert "江苏省民政厅2022年政府信息公开工作年度报告" in text
    assert S_REQUESTS in text and S_SOCIAL in text


def test_metadata_from_the_text_matches_the_sidecar(parsed):
    meta = parsed.meta
    assert (meta.body, meta.year, meta.published) == ("江苏省民政厅", 2022, "2023-01-19")
    assert meta.title == "江苏省民政厅2022年政府信息公开工作年度报告"
    assert not [i for i in parsed.issues if i.kind == "metadata"]


def test_six_parts_and_sub_sections(parsed):
    assert sorted(parsed.doc.headings) == [1, 2, 3, 4, 5, 6]
    subs = [(s.label, s.title) for s in parsed.doc.sections if s.part == 1 and s.sub]
    assert subs == [("（一）", "主动公开情况"), ("（二）", "依申请公开情况"), ("（三）", "政府信息管理情况"),
                    ("（四）", "政府信息公开平台建设情况"), ("（五）", "信息公开工作监督保障情况")]


@pytest.mark.parametrize("key,value,unit,sentence,part,section", SEED_FIGURES, ids=[f[0] for f in SEED_FIGURES])
def test_seed_figure(kb, key, value, unit, sentence, part, section):
    report = kb.report("江苏省民政厅", 2022)
    fact = kb.fact(key, report.id)
    assert fact is not None, key
    assert (fact.value, fact.unit, fact.part, fact.section, fact.source_kind) == (value, unit, part, section, "prose")
    if sentence:
        assert fact.sentence == sentence
    assert fact.sentence in SEED.read_text(encoding="utf-8")
    assert str(value) in fact.sentence


def test_every_seed_figure_and_no_other_number_fact(parsed):
    numbers = {f.metric_key: f.value for f in parsed.facts if f.value is not None}
    assert numbers == {key: value for key, value, *_ in SEED_FIGURES}


def test_qualifiers(kb):
    report = kb.report()
    assert kb.fact("proactive.disclosure_column_items", report.id).qualifier == "其中"
    assert kb.fact("requests.not_held", report.id).qualifier == "其中"
    assert kb.fact("requests.received", report.id).qualifier is None
    assert kb.fact("requests.carried_forward", report.id).qualifier is None   # 结转下年 is what it counts


def test_text_items_are_taken_from_the_report(kb):
    report = kb.report()
    text = SEED.read_text(encoding="utf-8")
    expected = {
        "report.reporting_period": "2022年1月1日至2022年12月31日",
        "report.published": "2023-01-19",
        "other.processing_fee": S_FEE,
    }
    for key, value in expected.items():
        assert kb.fact(key, report.id).text == value
    for key in ("report.legal_basis", "proactive.key_areas", "interpretation.hot_topics", "problems",
                "improvements", "platform.measures", "supervision.measures", "management.measures"):
        fact = kb.fact(key, report.id)
        assert fact is not None and fact.value is None, key
        for line in fact.text.split("\n"):
            assert line in text, key
    assert kb.fact("improvements", report.id).text.count("\n") == 2
    assert kb.fact("improvements", report.id).text.startswith("一是进一步加强重点领域公开")
    assert "有待拓展" in kb.fact("problems", report.id).text
    assert "回应关切" in kb.fact("interpretation.hot_topics", report.id).text
    assert kb.fact("platform.measures", report.id).section == "（四）政府信息公开平台建设情况"


def test_source_label(kb):
    fact = kb.fact("requests.received", kb.report().id)
    assert fact.source == ("江苏省民政厅2022年政府信息公开工作年度报告 第一部分（二）依申请公开情况："
                           "“2022年接收政府信息公开申请23件……”")


def test_numbers_without_a_metric_are_kept(kb):
    unassigned = kb.numbers(kb.report().id, unassigned_only=True)
    assert [(n["raw"], n["metric_key"]) for n in unassigned] == [("三个", None), ("一批", None)]
    assert len(kb.numbers(kb.report().id)) == 22 + 2     # upheld, pending and litigation.total are implied


def test_missing_tables_are_noted_not_conflicts(kb):
    report = kb.report()
    assert kb.conflicts(report.id) == []
    notes = kb.conflicts(report.id, include_notes=True)
    assert sorted(c.part for c in notes if c.kind == "missing_table") == [2, 3, 4]
    assert not [f for f in kb.facts(report.id) if f.source_kind == "table"]
