"""Sums, differences and shares of figures an older report states side by side in its sentences only
(fixtures/real: 平潭 2016, 2018, 2019 and 2020), computed when the question names each of them, and never a share
of a figure the sentence does not name as the whole."""
from pathlib import Path

import pytest

from actions import answers
from actions.sentence_figures import figures_of
from knowledge import KnowledgeBase
from tests.conftest import build_with_seed

REAL = Path(__file__).parent / "fixtures" / "real"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return KnowledgeBase.open(build_with_seed(tmp_path_factory, [REAL / f"pingtan_{year}.txt" for year in (2016, 2018, 2019, 2020)]
                                              + [REAL / "shanghai_office_2019.html"]))


def pingtan(kb, year):
    return kb.report("平潭综合实验区", year)


def test_each_figure_of_a_sentence_keeps_the_words_that_say_what_it_counts():
    sentence = "组织开展19期节目，收到群众诉求348件，现场解决162件，跟进解决186件。"
    numbers = [{"raw": raw, "value": value, "unit": "件"} for raw, value in (("348件", 348), ("162件", 162), ("186件", 186))]
    assert [(f.words, f.value) for f in figures_of(sentence, numbers)] == [
        ("收到群众诉求", 348), ("现场解决", 162), ("跟进解决", 186)]


def test_two_figures_of_adjacent_sentences_named_by_the_question_are_compared(kb):
    answer = answers.derived(kb, pingtan(kb, 2018), "change", ["proactive.items"], question="部门比乡镇多了多少条",
                             before="管委会和区直部门占多少？乡镇呢")
    assert "1592条比477条多1115条" in answer.text and answer.text.count("来源：") >= 1


def test_a_share_of_the_whole_the_sentence_names(kb):
    answer = answers.derived(kb, pingtan(kb, 2020), "ratio", ["requests.from_natural_persons"],
                             question="现场解决的占了几成", before="有事你说收到多少群众诉求，现场解决了多少")
    assert "46.6%" in answer.text and "162件 ÷ 348件" in answer.text


def test_two_categories_a_sentence_lists_are_added(kb):
    answer = answers.derived(kb, pingtan(kb, 2020), "total", [], question="征地信息和土地出让信息加起来发了多少条")
    assert "合计160条" in answer.text


def test_no_share_of_a_figure_the_sentence_does_not_name_as_the_whole(kb):
    answer = answers.derived(kb, pingtan(kb, 2018), "ratio", [], question="其他信息占全部的百分之几")
    assert "1029条 ÷ 1592条" not in answer.text and "64.6%" not in answer.text


def test_the_shares_the_sentences_state_beside_the_figures_named_are_quoted(kb):
    answer = answers.derived(kb, pingtan(kb, 2018), "ratio", [], question="管委会和区直部门占多少？乡镇呢",
                             before="平潭2018年主动公开了多少条政府信息？")
    assert "1592条，报告写明占76.9%" in answer.text and "477条，报告写明占23.1%" in answer.text


def test_a_share_asked_after_a_part_the_sentence_lists_is_of_that_sentences_whole(kb):
    answer = answers.derived(kb, pingtan(kb, 2020), "ratio", ["proactive.items"], question="占比大概多少",
                             before="重大建设项目的信息有多少")
    assert "390条 ÷ 2602条" in answer.text and "15.0%" in answer.text


def test_the_amount_of_a_change_a_sentence_states_from_one_figure_to_another():
    from actions.sentence_figures import change_stated
    sentence = "群众等候时间由42分钟缩至19分钟，92%公共服务事项办结时长缩短至30分钟以内。"
    assert "相差23分钟" in change_stated(sentence, "等候时间缩短了多少分钟")
    assert change_stated(sentence, "等候时间现在多少") is None


def test_figures_of_the_sentences_beside_the_one_found_are_named_too(kb):
    answer = answers.derived(kb, pingtan(kb, 2016), "change", [], question="各乡镇主动公开的政府信息比区直各部门少多少条")
    assert "1638条比1822条少184条" in answer.text


def test_a_change_no_earlier_report_gives_is_the_one_a_sentence_states(kb):
    answer = answers.derived(kb, pingtan(kb, 2019), "change", [], question="办事排队比原来少等几分钟")
    assert "由42分钟到19分钟，相差23分钟" in answer.text and "来源：" in answer.text


def test_what_changed_asked_in_words_of_a_year_with_no_report_before_is_the_reports_words(kb):
    answer = answers.derived(kb, pingtan(kb, 2016), "change", ["proactive.items"], question="政府采购信息网有什么变化")
    assert "同比" not in answer.text and "政府采购信息网" in answer.text


def shanghai(kb):
    return kb.report("上海市人民政府办公厅", 2019)


def test_a_label_read_off_the_report_names_its_figure_whole(kb):
    answer = answers.derived_in_words(kb, pingtan(kb, 2020), "ratio", [], "“规划计划类”的信息在总数里占多少")
    assert "21条 ÷ 2602条" in answer.text and "0.8%" in answer.text


def test_a_difference_asked_of_the_report_words_is_computed_from_its_sentence(kb):
    answer = answers.passage(kb, pingtan(kb, 2020), "民政扶贫救灾社会保障就业类比为民办实事类多多少条", derivation="change")
    assert "143条比69条多74条" in answer.text


def test_a_share_is_of_two_figures_of_one_unit(kb):
    answer = answers.derived_in_words(kb, pingtan(kb, 2020), "ratio", [], "有事你说收到的诉求里现场解决掉的占几成")
    assert "162件 ÷ 348件" in answer.text and "19期" not in answer.text.split("”")[-1]


def test_added_to_the_figures_asked_before(kb):
    answer = answers.derived_in_words(kb, shanghai(kb), "total", [], "再加上人事任免文件，一共多少件",
                                      before="市政府其他文件公开了多少件")
    assert "162件 + 141件 = 303件" in answer.text


def test_the_bodys_own_name_names_no_figure(kb):
    assert answers.derived_in_words(kb, shanghai(kb), "total", [], "上海市政府办公厅的政府公报总共出了几期") is None


def test_cases_the_report_only_counts_are_said_to_be_no_more_than_counted(kb):
    seed = kb.report("江苏省民政厅", 2022)
    answer = answers.details_of(kb, seed, "requests.not_processed", "那4件都是什么原因")
    assert "不予处理4件" in answer.text and "没有说明这4件的具体情况" in answer.text


def test_cases_a_table_divides_are_given_by_its_rows(kb):
    answer = answers.details_of(kb, pingtan(kb, 2020), "requests.not_processed", "那3件都是什么原因")
    assert "报告的表格按情形分为" in answer.text and "重复申请" in answer.text and "3件" in answer.text


@pytest.mark.parametrize("question, expected", [
    ("还剩多少没办完", "还有522件没有办结"),
    ("办结率算下来多少", "办结率约为96.6%"),
])
def test_what_is_left_and_the_share_completed_of_cases_a_sentence_counts(kb, question, expected):
    from actions.sentence_figures import workload
    said = workload(kb, pingtan(kb, 2018), question, ["12345便民服务平台收到多少咨询投诉，办结了多少"])
    assert expected in said and "15564" in said and "来源：" in said


def test_no_workload_of_a_sentence_when_the_question_before_asked_the_catalogues_requests(kb):
    from actions.sentence_figures import workload
    assert workload(kb, kb.report("江苏省民政厅", 2022), "还剩多少没办完", ["收到多少申请，办结了多少"]) is None


def test_a_short_section_whose_title_the_question_names_is_one_passage(kb):
    section = kb.section_named("我想问下平潭18年依申请公开办得怎么样", pingtan(kb, 2018).id)
    assert section is not None and "未收到有关政府信息公开申请" in section.text and "第三部分" in section.source
    assert kb.section_named("网站怎么样", pingtan(kb, 2018).id) is None


def test_a_figure_of_each_thing_named_is_read_from_the_section_that_names_them_all(kb):
    from actions.sentence_figures import each_named
    said = each_named(kb, pingtan(kb, 2018), "区直部门和乡镇分别多少", "平潭综合实验区2018年主动公开了多少条政府信息？")
    assert "1592条" in said and "477条" in said and "30多个区直单位" not in said


def test_a_part_only_a_sentence_lists_is_a_share_of_the_stated_whole_named(kb):
    report = pingtan(kb, 2016)
    answer = answers.derived(kb, report, "ratio", ["proactive.items"], question="“其他应主动公开的信息”占了总数几成")
    assert "51.9%" in answer.text and "1796" in answer.text and "3460" in answer.text


@pytest.mark.parametrize("key, words", [("problems", "信息查阅不便捷"), ("improvements", "继续完善信息公开机制")])
def test_an_older_reports_problems_and_plans_are_found_by_its_parts_title(kb, key, words):
    assert words in kb.fact(key, pingtan(kb, 2016).id).text


def test_the_largest_of_a_list_a_sentence_gives_those_left_out_aside(kb):
    from actions.sentence_figures import most_of_a_list
    said = most_of_a_list(kb, pingtan(kb, 2018), '除了"其他信息"，哪一类最多？')
    assert "最多的是环保、公共卫生、安全生产、食品药品、产品质量类信息281条" in said and "来源：" in said


def test_no_largest_of_a_list_of_other_things_than_those_asked(kb):
    from actions.sentence_figures import most_of_a_list
    assert most_of_a_list(kb, pingtan(kb, 2016), "哪个乡镇公开得最多") is None



def test_a_count_asked_is_stated_by_a_sentence_holding_each_noun_named_and_a_count_of_its_kind():
    sentence = "区社会事业局共公开51条疫情防控相关信息，让公众实时了解最新疫情动态。"
    assert answers._counts_what_is_named(sentence, "疫情防控的信息发了几条")
    assert not answers._counts_what_is_named(sentence, "疫情防控的发布会开了几场")
    assert not answers._counts_what_is_named(sentence, "网站访问量有多少")


def test_whether_all_or_most_are_of_one_kind_gives_those_their_whole_and_the_rest(kb):
    from actions import cues
    assert cues.asks_if_all_or_most("申请人是不是大多是个人的吧") and not cues.asks_if_all_or_most("主要是哪些方面的申请")
    text = answers.count_and_rest(kb, pingtan(kb, 2020), "requests.from_natural_persons", "都是老百姓个人申请的吗").text
    assert "20件" in text and "共21件，除此以外1件" in text and text.count("来源：") == 2
