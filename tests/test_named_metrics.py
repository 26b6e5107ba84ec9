"""Which figures a question names: NLU's entities made precise by table rows and columns, head nouns,
several cells of a row for a comparison (a real report with tables: 平潭综合实验区 2021)."""
import pytest
from rasa_sdk import Tracker

from actions.actions import asked_derivation
from actions.context import named_metrics
from knowledge import KnowledgeBase
from tests.conftest import FIXTURES, build_with_seed


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    real = FIXTURES / "real"
    return KnowledgeBase.open(build_with_seed(tmp_path_factory, [real / "pingtan_2021.txt", real / "shanghai_office_2019.html"]))


def named(kb, text, entities=(), slots=None, body="平潭综合实验区"):
    latest = {"text": text, "intent": {"name": "ask_statistic", "confidence": 1.0},
              "entities": [{"entity": "metric", "value": v, "start": a, "end": b} for v, a, b in entities]}
    tracker = Tracker("t", dict(slots or {}), latest, [], False, None, {}, "action_listen")
    return named_metrics(kb, tracker, kb.report(body), asked_derivation(tracker))


def test_a_row_that_holds_the_figure_nlu_found_is_the_more_precise_figure(kb):
    assert named(kb, "复议以后再起诉的有几件", [("review.total", 0, 2)]) == ["litigation.after_review.total"]
    assert named(kb, "复议的有几件", [("review.total", 0, 2)]) == ["review.total"]


def test_a_noun_no_phrase_names_is_its_head_figure(kb):
    assert named(kb, "那诉讼呢", slots={"metric": "review.total"}) == ["litigation.total"]


def test_a_heading_over_columns_is_their_sum(kb):
    assert named(kb, "法人或其他组织申请了几件") == ["table3.received.legal_entities"]


def test_a_sum_of_several_rows_takes_a_stated_cell_of_each(kb):
    text = "行政处罚和行政强制加起来多少"
    assert named(kb, text) == ["proactive.penalty_decisions", "proactive.enforcement_decisions"]  # their prose keys


def test_a_row_named_with_the_unit_asked_takes_the_cell_counted_in_it(kb):
    # 表二 (2019 format) 政府集中采购 has 采购项目数量 (项) and 采购总金额: 多少钱 asks the amount.
    amount = kb.prose_key("table2.procurement.amount")
    assert named(kb, "政府集中采购花了多少钱", body="上海市人民政府办公厅") == [amount]
    assert named(kb, "政府集中采购了几个项目", body="上海市人民政府办公厅") != [amount]


def test_a_follow_up_naming_a_figure_by_part_of_its_name(kb):
    assert named(kb, "那解读稿呢", slots={"metric": "review.total"}, body="江苏省民政厅") == ["interpretation.articles"]


def test_a_group_named_beside_its_own_sub_row_only_qualifies_it(kb):
    text = "信访举报投诉类被不予处理的有多少"
    found = named(kb, text, [("table3.petition_complaint.total", 0, 6), ("requests.not_processed", 9, 13)],
                  body="上海市人民政府办公厅")
    assert "requests.not_processed" not in found and any("petition_complaint" in k for k in found)
    both = named(kb, "不予处理几件，其中信访举报投诉类几件",
                 [("requests.not_processed", 0, 4), ("table3.petition_complaint.total", 9, 15)], body="上海市人民政府办公厅")
    assert "requests.not_processed" in both
    assert kb.sums_the_row_of("requests.cannot_provide", "requests.not_held")
    assert not kb.sums_the_row_of("requests.not_held", "requests.cannot_provide")


def test_two_kinds_of_unit_asked_of_one_row_name_its_cell_of_each(kb):
    found = named(kb, "政府集中采购几个项目，花了多少钱", body="上海市人民政府办公厅")
    assert [kb.metric(k).name for k in found] == ["政府集中采购（采购项目数量）", "政府集中采购（采购总金额）"]
    assert len(named(kb, "政府集中采购几个项目", body="上海市人民政府办公厅")) == 1


def test_the_outcome_of_a_kind_of_case_names_those_cases(kb):
    assert named(kb, "诉讼结果", body="上海市人民政府办公厅") == ["litigation.total"]
    assert named(kb, "结果怎么样", body="上海市人民政府办公厅") == []


def test_the_part_asked_inside_its_whole_is_the_part(kb):
    assert named(kb, "办结的里面同意公开的有几件", [("requests.completed", 0, 2), ("requests.granted", 5, 9)],
                 body="上海市人民政府办公厅") == ["requests.granted"]


def test_the_outcomes_of_the_requests_name_no_kind_of_case(kb):
    assert named(kb, "办理结果明细", body="上海市人民政府办公厅") == []


def test_each_count_asked_in_a_question_of_its_own_names_its_figure(kb):
    text = "平潭2021年收到几份信息公开申请？个人申请的有多少"
    start = text.find("个人申请")
    found = named(kb, text, [("requests.from_natural_persons", start, start + 4)])
    assert found == ["requests.received", "requests.from_natural_persons"]      # in the order asked
    text = "答复了多少件？有拖到下一年的吗"
    found = named(kb, text, [("requests.carried_forward", text.find("拖到"), text.find("拖到") + 5)])
    assert found == ["requests.completed", "requests.carried_forward"]
    assert named(kb, "个人申请的有多少", [("requests.from_natural_persons", 0, 4)]) == ["requests.from_natural_persons"]


def test_what_was_disclosed_of_the_requests_is_granted_in_full_or_in_part(kb):
    disclosing = ["requests.granted", "requests.partly_granted"]
    assert named(kb, "其中公开了几件", slots={"metric": "requests.completed"}) == disclosing
    assert named(kb, "办完的那些里面公开了多少", [("requests.completed", 0, 2)]) == disclosing
    assert named(kb, "征地的信息公开了几条", slots={"metric": "requests.completed"}) != disclosing
    assert named(kb, "予以公开了几件", [("requests.granted", 0, 4)]) == ["requests.granted"]


def test_a_row_that_holds_the_figure_nlu_found_names_its_own_figure_even_when_blank(kb):
    text = "复议后又去起诉的有多少"
    assert named(kb, text, [("review.total", 0, 2)], body="上海市人民政府办公厅") == ["litigation.after_review.total"]


def test_whether_anyone_applied_is_the_requests_received(kb):
    assert named(kb, "2021年有人向平潭申请信息公开吗") == ["requests.received"]
    assert named(kb, "有没有人申请复议") != ["requests.received"]
