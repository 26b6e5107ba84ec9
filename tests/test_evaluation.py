"""The scoring of `zwgk eval`: what counts as a correct answer and as a wrong number."""
import pytest

from bot import evaluation
from knowledge import KnowledgeBase
from knowledge.store import build


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(path)
    return KnowledgeBase.open(path)


SOURCE = "\n来源：江苏省民政厅2022年政府信息公开工作年度报告 第一部分（二）：“2022年接收政府信息公开申请23件……”"


def judge(kb, turn, answer, question="收到多少申请"):
    return evaluation.judge(kb, turn, answer, kb.report(), question)


def test_a_stored_figure_with_its_source_is_correct(kb):
    assert judge(kb, {"facts": ["requests.received"]}, "江苏省民政厅2022年新收申请：23件。" + SOURCE).correct


def test_a_figure_only_in_the_source_line_is_not_an_answer(kb):
    result = judge(kb, {"facts": ["requests.received"]}, "请问您想了解哪项数据？" + SOURCE)
    assert not result.correct and "missing requests.received=23" in result.problems


def test_no_source_line_is_wrong(kb):
    assert "no source line" in judge(kb, {"facts": ["requests.received"]}, "新收申请：23件。").problems


def test_a_number_that_is_not_stored_is_a_wrong_number(kb):
    result = judge(kb, {"facts": ["requests.received"]}, "新收申请：23件，予以公开：8件。" + SOURCE)
    assert result.wrong_numbers == ["8"]


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
