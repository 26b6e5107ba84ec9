"""The scoring of `zwgk eval`: what counts as a correct answer and as a wrong number."""
import shutil
from pathlib import Path

import pytest

from measure import evaluation
from knowledge import KnowledgeBase
from knowledge.store import build


FIXTURES = Path(__file__).parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """示例市交通运输局's invented reports of 2021 and 2022."""
    reports = tmp_path_factory.mktemp("two-years")
    for name in ("a_2021_text.txt", "a_2022.html"):
        shutil.copy(FIXTURES / name, reports)
    path = tmp_path_factory.mktemp("kb2") / "knowledge.db"
    build(path, reports)
    return KnowledgeBase.open(path)


SOURCE = "\n来源：江苏省民政厅2022年政府信息公开工作年度报告 第一部分（二）：“2022年接收政府信息公开申请23件……”"


def judge(kb, turn, answer, question="收到多少申请"):
    return evaluation.judge(kb, turn, answer, kb.report(), question)


def test_a_stored_figure_with_its_source_is_correct(kb):
    assert judge(kb, {"facts": ["requests.received"]}, "江苏省民政厅2022年新收政府信息公开申请23件。" + SOURCE).correct


def test_a_figure_only_in_the_source_line_is_not_an_answer(kb):
    result = judge(kb, {"facts": ["requests.received"]}, "请问您想了解哪项数据？" + SOURCE)
    assert not result.correct and "missing requests.received=23" in result.problems


def test_no_source_line_is_wrong(kb):
    assert "no source line" in judge(kb, {"facts": ["requests.received"]}, "新收申请：23件。").problems


def test_a_number_that_is_not_stored_is_a_wrong_number(kb):
    result = judge(kb, {"facts": ["requests.received"]}, "新收政府信息公开申请23件，予以公开8件。" + SOURCE)
    assert result.wrong_numbers == ["8 for 予以公开"]


def test_a_number_naming_no_metric_is_a_wrong_number(kb):
    assert judge(kb, {}, "江苏省民政厅2022年一共23件。" + SOURCE).wrong_numbers == ["23"]


def stored(kb, key):
    return evaluation.number(kb.fact(key, kb.report().id).value)


def test_a_figure_of_another_item_is_a_wrong_number(kb):
    # 本机关不掌握相关政府信息 is 10 in the seed: a stored value, but not the value of 不予处理.
    assert stored(kb, "requests.not_held") == "10" != stored(kb, "requests.not_processed")
    for answer in ("江苏省民政厅2022年不予处理10件。", "不予处理：10件。", "不予处理（各项合计）：10件。"):
        assert judge(kb, {}, answer + SOURCE).wrong_numbers == ["10 for 不予处理"], answer
    assert judge(kb, {}, f"江苏省民政厅2022年不予处理{stored(kb, 'requests.not_processed')}件。" + SOURCE).correct


def test_swapped_figures_in_a_breakdown_are_both_wrong(kb):
    granted, partly = stored(kb, "requests.granted"), stored(kb, "requests.partly_granted")
    right = f"办理结果：\n· 予以公开：{granted}件\n· 部分公开：{partly}件"
    swapped = f"办理结果：\n· 予以公开：{partly}件\n· 部分公开：{granted}件"
    assert judge(kb, {}, right + SOURCE).wrong_numbers == []
    assert judge(kb, {}, swapped + SOURCE).wrong_numbers == [f"{partly} for 予以公开", f"{granted} for 部分公开"]


def test_a_computed_figure_must_come_from_the_figures_named(kb):
    share = "江苏省民政厅2022年予以公开占办结政府信息公开申请数的比例约为{}。\n计算方法：予以公开{} ÷ 办结政府信息公开申请数{}。"
    assert judge(kb, {}, share.format("28.0%", 7, 25) + SOURCE).wrong_numbers == []
    assert judge(kb, {}, share.format("16.0%", 7, 25) + SOURCE).wrong_numbers == ["16.0% for 办结政府信息公开申请数"]
    assert judge(kb, {}, share.format("28.0%", 25, 7) + SOURCE).wrong_numbers == ["25 for 予以公开", "7 for 办结政府信息公开申请数"]
    total = "江苏省民政厅2022年合计：{}。\n计算方法：政务微博发布信息802 + 微信公众号发布信息1064 = {}。"
    assert judge(kb, {}, total.format(1866, 1866) + SOURCE).wrong_numbers == []
    assert judge(kb, {}, total.format(1866, 1966) + SOURCE).wrong_numbers == ["1966 for 微信公众号发布信息"]


def test_a_figure_for_a_year_that_is_not_stored_is_wrong(kb):
    granted = stored(kb, "requests.granted")
    assert judge(kb, {}, f"江苏省民政厅2021年予以公开{granted}件。" + SOURCE).wrong_numbers == [f"{granted} for 予以公开"]


def test_numbers_inside_quotations_years_and_list_markers_are_not_counted():
    said = evaluation.numbers_said("1. 依据“第三十三条 20个工作日内“嵌套 99”答复”\n2021年没有报告，H5产品。")
    assert said == []


def test_derived_figures_are_recomputed_from_stored_facts(kb):
    assert evaluation.derived_value(kb, kb.report(), ["ratio", "requests.granted", "requests.completed"]) == "28.0%"
    assert evaluation.derived_value(kb, kb.report(), ["completion_rate"]) == "96.2%"
    assert evaluation.derived_value(kb, kb.report(), ["total", "proactive.weibo_posts", "proactive.wechat_posts"]) == "1866"


def test_says_and_never_says(kb):
    turn = {"says_any": ["没有", "未收录"], "never_says": ["23件"]}
    assert judge(kb, turn, "知识库里没有2021年的报告。", "2021年呢").correct
    assert not judge(kb, turn, "2021年：23件", "2021年呢").correct


def test_the_conversation_set_is_large_enough_and_well_formed():
    conversations = evaluation.load_conversations()
    turns = [t for c in conversations for t in c["turns"]]
    assert len(turns) >= 150
    assert sum(len(c["turns"]) for c in conversations if len(c["turns"]) > 1) >= 40
    known = {"user", "facts", "derived", "says", "says_any", "never_says"}
    assert all(set(t) <= known and t["user"] is not None for t in turns)


def test_no_held_out_question_is_a_training_example(kb):
    from rasa.shared.nlu.training_data.loading import load_data

    from bot import paths
    from bot.nlu.normalize import normalize
    from bot.training import statistic_examples

    training = [m.get("text") for m in load_data(str(paths.DATA / "nlu")).intent_examples]
    training = {normalize(t) for t in training + statistic_examples(kb.metrics())}
    held_out = [str(t["user"]) for c in evaluation.load_conversations() for t in c["turns"]]
    assert [q for q in held_out if normalize(q) in training] == []


def test_a_change_from_the_year_before_is_checked_year_by_year(two_years):
    kb, report = two_years, two_years.report(year=2022)
    now, before = (kb.fact("requests.received", r.id).value for r in (report, kb.report(year=2021)))
    delta, rate = now - before, evaluation.percent(abs(now - before), before)
    change = ("示例市交通运输局本年新收政府信息公开申请数：2022年{}件，2021年{}件，减少{}（{}）。\n"
              "计算方法：{} − {} = {}。")
    right = change.format(now, before, abs(delta), rate, now, before, delta)
    assert evaluation.judge(kb, {}, right + SOURCE, report, "比上年多还是少").wrong_numbers == []
    swapped = change.format(before, now, abs(delta), rate, now, before, delta)
    assert evaluation.judge(kb, {}, swapped + SOURCE, report, "比上年多还是少").wrong_numbers == [
        f"{before} for 本年新收政府信息公开申请数"]


def test_the_report_replaces_its_block_and_keeps_the_prose_around_it(tmp_path):
    doc = tmp_path / "evaluation.md"
    wrong = evaluation.TurnResult("a poem", "写首诗", "……", problems=["none of ['范围']"])
    evaluation.write_report([wrong], doc, "http://127.0.0.1:5005")
    assert doc.read_text().startswith("# Evaluation") and "| 1 | 0 | 0.0% | 0 |" in doc.read_text()
    doc.write_text(doc.read_text().replace("# Evaluation\n", "# Evaluation\n\nWritten by hand.\n") + "\nAfter.\n")
    evaluation.write_report([evaluation.TurnResult("a poem", "写首诗", "不在范围内")], doc, "http://127.0.0.1:5005")
    text = doc.read_text()
    assert "| 1 | 1 | 100.0% | 0 |" in text and "| 0.0% |" not in text and "Written by hand." in text and "After." in text
