"""Several bodies and years in one knowledge base: a question gets the figures of the body and year it
names (in full or shortened), of its own body when it names none, and never another body's figures."""
import shutil

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.knowledge_base
from actions.actions import ActionAnswerDerived, ActionAnswerStatistic, ActionFollowUp, ActionSearchFallback
from knowledge import KnowledgeBase
from knowledge.paths import REPORTS_DIR
from knowledge.store import build
from tests.conftest import FIXTURES, build_with_seed

REPORT_FIXTURES = FIXTURES / "reports"
REAL = FIXTURES / "real"
OTHERS = ("a_2021_text.txt", "a_2022.html", "b_2019.html")
RECEIVED = "requests.received"


@pytest.fixture(scope="module")
def many_kb(tmp_path_factory):
    return build_with_seed(tmp_path_factory, [REPORT_FIXTURES / name for name in OTHERS])


@pytest.fixture(autouse=True)
def use_many_kb(many_kb, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(many_kb))
    monkeypatch.delenv("ZWGK_HOME_BODY", raising=False)
    monkeypatch.setattr(actions.knowledge_base, "_current", None)


def received(body, year=None):
    kb = KnowledgeBase.open()
    return str(kb.fact(RECEIVED, kb.report(body, year).id).value)


def ask(action, text, entities=(), slots=None, intent="ask_statistic"):
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
              "entities": [{"entity": e, "value": v} for e, v in entities]}
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, Tracker("u", dict(slots or {}), latest, [], False, None, {}, "action_listen"), {})
    return dispatcher.messages[0]["text"], events


def test_a_question_naming_no_body_is_about_the_deployments_own_body():
    text, events = ask(ActionAnswerStatistic(), "2022年收到多少申请", [("metric", RECEIVED), ("year", "2022")])
    assert "江苏省民政厅2022年" in text and received("江苏省民政厅") in text
    assert SlotSet("body", "江苏省民政厅") in events


def test_a_first_question_naming_only_a_year_the_own_body_has_no_report_of_gets_the_one_report_of_that_year():
    text, events = ask(ActionAnswerStatistic(), "2019年收到多少申请", [("metric", RECEIVED), ("year", "2019")])
    assert "只有示例县人民政府的" in text and received("示例县人民政府", 2019) in text
    assert SlotSet("body", "示例县人民政府") in events


def test_a_year_the_body_talked_about_has_no_report_of_is_not_stored_though_another_body_has_one():
    text, _ = ask(ActionAnswerStatistic(), "2019年收到多少申请", [("metric", RECEIVED), ("year", "2019")],
                  {"body": "江苏省民政厅"})
    assert "没有" in text and received("示例县人民政府", 2019) + "件" not in text


def test_the_own_body_is_set_in_configuration(monkeypatch):
    monkeypatch.setenv("ZWGK_HOME_BODY", "示例市交通运输局")
    text, _ = ask(ActionAnswerStatistic(), "收到多少申请", [("metric", RECEIVED)])
    assert "示例市交通运输局2022年" in text and received("示例市交通运输局", 2022) in text


@pytest.mark.parametrize("question", ["示例市交通运输局2021年收到多少申请", "市交通局2021年收到多少申请",
                                      "示例交通运输局21年收到多少申请"])
def test_another_stored_body_in_full_or_shortened_gets_its_own_figures(question):
    text, events = ask(ActionAnswerStatistic(), question, [("metric", RECEIVED), ("year", "2021")])
    assert "示例市交通运输局2021年" in text and received("示例市交通运输局", 2021) in text
    assert SlotSet("body", "示例市交通运输局") in events


@pytest.mark.parametrize("question", ["南京市民政局2022年收到多少申请", "浙江省民政厅收到多少申请",
                                      "示例县发展和改革局收到几件申请", "厦门市收到几件申请"])
def test_a_body_not_stored_is_said_to_be_not_stored(question):
    text, events = ask(ActionAnswerStatistic(), question, [("metric", RECEIVED)])
    assert "没有" in text and "知识库目前收录" in text
    assert all(f"{received(b, y)}件" not in text
               for b, y in [("江苏省民政厅", None), ("示例市交通运输局", 2022), ("示例县人民政府", 2019)])


def test_a_year_the_body_lacks_is_not_answered_with_another_year():
    text, _ = ask(ActionAnswerStatistic(), "示例县人民政府2022年收到多少申请", [("metric", RECEIVED), ("year", "2022")])
    assert "没有示例县人民政府2022年" in text and f'{received("示例县人民政府", 2019)}件' not in text


def test_the_body_stays_until_changed_and_a_new_body_drops_the_old_year():
    slots = {"body": "示例市交通运输局", "year": "2021"}
    text, _ = ask(ActionFollowUp(), "那予以公开的呢", [("metric", "requests.granted")], slots, intent="inform")
    assert "示例市交通运输局2021年" in text
    text, _ = ask(ActionFollowUp(), "江苏民政厅呢", [], {**slots, "metric": RECEIVED, "last_answer": "statistic"},
                  intent="inform")
    assert "江苏省民政厅2022年" in text and received("江苏省民政厅") in text


def test_the_plans_for_the_year_after_are_in_the_report_of_the_year_talked_about():
    slots = {"body": "示例市交通运输局", "year": "2021", "last_answer": "statistic"}
    _, events = ask(ActionAnswerStatistic(), "2022年准备怎么改进", [("year", "2022")], slots)
    assert SlotSet("year", "2021") in events
    _, events = ask(ActionAnswerStatistic(), "2022年收到多少申请", [("metric", RECEIVED), ("year", "2022")], slots)
    assert SlotSet("year", "2022") in events


def test_the_plans_for_the_year_after_read_the_year_before_rasa_filled_the_slot_from_the_message():
    latest = {"text": "2022年准备怎么改进", "intent": {"name": "ask_statistic", "confidence": 1.0},
              "entities": [{"entity": "year", "value": "2022"}]}
    events = [{"event": "slot", "name": "year", "value": "2021"}, {"event": "user", "text": latest["text"]},
              {"event": "slot", "name": "year", "value": "2022"}]
    tracker = Tracker("u", {"body": "示例市交通运输局", "year": "2022", "last_answer": "statistic"}, latest, events,
                      False, None, {}, "action_listen")
    answered = ActionAnswerStatistic().run(CollectingDispatcher(), tracker, {})
    assert SlotSet("year", "2021") in answered


def test_year_on_year_compares_the_stored_years_of_the_named_body():
    text, _ = ask(ActionAnswerDerived(), "市交通运输局2022年收到的申请比上年多了多少",
                  [("metric", RECEIVED), ("derivation", "change"), ("year", "2022")], intent="ask_derived")
    assert received("示例市交通运输局", 2022) in text and received("示例市交通运输局", 2021) in text


def test_a_report_added_while_serving_is_answered_without_a_restart(many_kb, tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    shutil.copytree(REPORTS_DIR, reports)
    db = tmp_path / "knowledge.db"
    build(db, reports)
    monkeypatch.setenv("ZWGK_KB", str(db))
    text, _ = ask(ActionAnswerStatistic(), "示例县人民政府2019年收到多少申请", [("metric", RECEIVED)])
    assert "没有" in text
    shutil.copy(REPORT_FIXTURES / "b_2019.html", reports)
    build(db, reports)
    text, _ = ask(ActionAnswerStatistic(), "示例县人民政府2019年收到多少申请", [("metric", RECEIVED)])
    assert "示例县人民政府2019年" in text and received("示例县人民政府", 2019) in text



def test_of_two_years_named_the_one_the_body_has_a_report_of():
    _, events = ask(ActionAnswerStatistic(), "2020年没办完留到2021年的有几件", [("metric", RECEIVED), ("year", "2020"),
                                                                       ("year", "2021")], {"body": "示例市交通运输局"})
    assert SlotSet("year", "2021") in events


def test_a_yearless_question_about_a_body_of_several_years_gets_each_years_figure():
    text, events = ask(ActionAnswerStatistic(), "示例市交通运输局收到多少申请", [("metric", RECEIVED)])
    latest, earlier = received("示例市交通运输局", 2022), received("示例市交通运输局", 2021)
    assert text.startswith("示例市交通运输局2022年") and f"其他年份的报告：2021年{earlier}件" in text
    assert text.count("来源：") >= 2 and not any(getattr(e, "get", lambda k: None)("name") == "year" for e in events)
    named, events = ask(ActionAnswerStatistic(), "示例市交通运输局2022年收到多少申请", [("metric", RECEIVED), ("year", "2022")])
    assert "其他年份" not in named and SlotSet("year", "2022") in events
    assert latest in named


def test_a_yearless_question_only_an_earlier_report_speaks_of_gets_that_report_and_keeps_its_year():
    text, events = ask(ActionSearchFallback(), "示例市交通运输局把政务公开纳入绩效考核了吗", intent="nlu_fallback")
    assert text.startswith("问题没有说哪一年；2021年的报告谈到了这一点（最新的是2022年的报告）")
    assert "纳入年度绩效考核" in text and SlotSet("year", "2021") in events


def test_a_yearless_figure_only_an_earlier_report_states_is_answered_from_that_report():
    text, events = ask(ActionAnswerStatistic(), "示例市交通运输局微信公众号发了多少篇", [("metric", "proactive.wechat_posts")])
    assert text.startswith("问题没有说哪一年；2021年的报告谈到了这一点（最新的是2022年的报告）")
    assert "二百三十篇" in text or "230篇" in text
    assert SlotSet("year", "2021") in events



def test_a_first_question_naming_no_body_that_only_another_bodys_report_speaks_of_gets_that_report_said_so(
        tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(build_with_seed(tmp_path_factory, [REAL / "shanghai_office_2019.html"])))
    text, events = ask(ActionSearchFallback(), "进博会期间发了多少短视频", intent="nlu_fallback")
    assert "问题没有说是哪个机关" in text and "上海市人民政府办公厅2019年" in text and "短视频" in text
    assert SlotSet("body", "上海市人民政府办公厅") in events
    text, _ = ask(ActionSearchFallback(), "进博会期间发了多少短视频", intent="nlu_fallback",
                  slots={"body": "江苏省民政厅"})
    assert "上海" not in text


def test_the_year_of_the_body_talked_about_does_not_carry_to_another_body_named_without_one():
    text, events = ask(ActionAnswerStatistic(), "示例市交通运输局收到多少申请", [("metric", RECEIVED)],
                       slots={"body": "江苏省民政厅", "year": "2022"})
    assert text.startswith("示例市交通运输局2022年") and SlotSet("year", None) in events


def test_of_two_years_named_the_one_not_stored_is_said_so_before_the_other_years_figure():
    text, events = ask(ActionAnswerStatistic(), "2020年收到多少申请，跟22年比怎么样", [("metric", RECEIVED), ("year", "2020"),
                                                                           ("year", "2022")], {"body": "示例市交通运输局"})
    assert text.startswith("知识库里没有示例市交通运输局2020年的年度报告") and "以下是2022年的" in text
    assert received("示例市交通运输局", 2022) in text and SlotSet("year", "2022") in events
