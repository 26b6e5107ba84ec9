"""Each custom action on its own: a tracker in, the events and messages out (real knowledge base)."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.knowledge_base
from actions import cues
from actions.actions import (ActionAnswerBreakdown, ActionAnswerDerived, ActionAnswerProcedure,
                             ActionAnswerReportTopic, ActionAnswerStatistic, ActionChitchat, ActionExplain,
                             ActionFollowUp, ActionSearchFallback)


@pytest.fixture(autouse=True)
def use_seed_kb(seed_kb_path, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(seed_kb_path))
    monkeypatch.setattr(actions.knowledge_base, "_current", None)


def tracker(text="", intent="ask_statistic", entities=(), slots=None):
    entities = [{"entity": e, "value": v} for e, v in entities]
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities}
    return Tracker("test-user", dict(slots or {}), latest, [], False, None, {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker_, {})
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0], events


def test_statistic_answers_the_stored_value_with_its_source():
    message, events = run(ActionAnswerStatistic(), tracker(entities=[("metric", "requests.received")]))
    assert "23件" in message["text"]
    assert "来源：江苏省民政厅2022年政府信息公开工作年度报告 第一部分（二）" in message["text"]
    assert SlotSet("last_answer", "statistic") in events
    assert SlotSet("metric", "requests.received") in events


def test_a_question_naming_no_figure_gets_what_the_report_says_in_words():
    message, events = run(ActionAnswerStatistic(), tracker("规范性文件清理以后发没发公告"))
    assert "清理结果公告" in message["text"] and "来源：" in message["text"]
    assert SlotSet("last_answer", "passage") in events


def test_a_question_the_report_does_not_answer_is_said_to_be_unanswered():
    message, _ = run(ActionAnswerStatistic(), tracker("猫粮的价格是多少"))
    assert "没有提到" in message["text"] and message["buttons"]
    assert "来源：" not in message["text"]


def test_year_not_stored_says_so_and_names_what_is_stored():
    message, events = run(ActionAnswerStatistic(), tracker(
        entities=[("metric", "requests.received")], slots={"year": "2021", "metric": "requests.received"}))
    assert "没有" in message["text"] and "2021" in message["text"]
    assert "江苏省民政厅2022年" in message["text"]
    assert "23" not in message["text"]
    assert SlotSet("year", None) in events


def test_body_not_stored_says_so():
    message, _ = run(ActionAnswerStatistic(), tracker(
        entities=[("metric", "requests.received")], slots={"body": "北京市财政局"}))
    assert "北京市财政局" in message["text"] and "没有" in message["text"]


def test_a_body_not_stored_leaves_the_talk_on_the_body_and_year_it_was_about():
    message, events = run(ActionAnswerStatistic(), tracker(
        "浙江省民政厅收到多少申请", entities=[("metric", "requests.received")],
        slots={"body": "江苏省民政厅", "year": "2022"}))
    assert "浙江省民政厅" in message["text"] and "23件" not in message["text"]
    assert SlotSet("body", "江苏省民政厅") in events and SlotSet("year", "2022") in events


def test_follow_up_keeps_the_kind_of_answer_and_takes_the_new_metric():
    message, events = run(ActionFollowUp(), tracker(
        "那微信公众号呢？", "inform", [("metric", "proactive.wechat_posts")],
        {"last_answer": "statistic", "metric": "requests.received"}))
    assert "1064篇" in message["text"] and "来源：" in message["text"]
    assert SlotSet("metric", "proactive.wechat_posts") in events


def test_breakdown_lists_every_stated_outcome():
    message, _ = run(ActionAnswerBreakdown(), tracker(intent="ask_result_breakdown"))
    for piece in ("25件", "予以公开", "7件", "部分公开", "4件", "10件", "不予处理"):
        assert piece in message["text"]


@pytest.mark.parametrize("derivation, entities, expected", [
    ("ratio", [("metric", "requests.granted")], ["28.0%", "7 ÷", "25"]),
    ("completion_rate", [], ["96.2%", "25 ÷", "23", "3"]),
    ("total", [("metric", "proactive.weibo_posts"), ("metric", "proactive.wechat_posts")], ["1866"]),
    ("total", [], ["25", "一致"]),
])
def test_derived_figures_show_how_they_are_computed(derivation, entities, expected):
    message, _ = run(ActionAnswerDerived(), tracker(
        intent="ask_derived", entities=[("derivation", derivation)] + entities))
    for piece in expected + ["计算方法", "来源："]:
        assert piece in message["text"]


def test_a_total_naming_no_figure_and_no_request_is_not_the_outcomes_sum():
    message, _ = run(ActionAnswerDerived(), tracker(
        "一年在网上一共公开了多少条信息", intent="ask_derived", entities=[("derivation", "total")]))
    assert "予以公开7 +" not in message["text"]


def test_year_on_year_with_one_year_stored_says_it_cannot():
    message, _ = run(ActionAnswerDerived(), tracker(intent="ask_derived", entities=[("derivation", "change")]))
    assert "2021年的报告" in message["text"] and "无法" in message["text"]


def test_report_topic_quotes_the_report():
    message, _ = run(ActionAnswerReportTopic(), tracker(intent="ask_problems"))
    assert "有待拓展" in message["text"] and "第五部分" in message["text"]


def test_a_topic_whose_figures_count_no_money_answers_a_question_of_money_in_the_reports_words():
    message, _ = run(ActionAnswerReportTopic(), tracker("那彩票公益金一年花了多少钱", intent="ask_key_areas"))
    assert "21件" not in message["text"] and "39件" not in message["text"]


def test_review_and_litigation_outcomes():
    message, _ = run(ActionAnswerReportTopic(), tracker(intent="ask_review_litigation"))
    assert "维持" in message["text"] and "尚未审结" in message["text"]


@pytest.mark.parametrize("intent, article", [
    ("procedure_deadlines", "第三十三条"),
    ("procedure_fees", "第四十二条"),
    ("procedure_application_contents", "第二十九条"),
    ("procedure_correction", "第三十条"),
    ("procedure_remedies", "行政复议法》第二十条"),
])
def test_procedures_quote_the_article(intent, article):
    message, events = run(ActionAnswerProcedure(), tracker(intent=intent))
    assert article in message["text"] and "来源：《" in message["text"]
    assert SlotSet("last_answer", "procedure:" + intent[len("procedure_"):]) in events


def test_a_deadline_question_about_a_remedy_gets_the_remedy_deadlines():
    message, events = run(ActionAnswerProcedure(), tracker("申请行政复议有没有时间限制", "procedure_deadlines"))
    assert "行政复议法》第二十条" in message["text"] and "第三十三条" not in message["text"]
    assert SlotSet("last_answer", "procedure:remedies") in events


def test_why_after_a_procedure_gives_the_full_article():
    message, _ = run(ActionExplain(), tracker("为什么", "ask_why", slots={"last_answer": "procedure:deadlines"}))
    assert "第三十三条" in message["text"] and "全文" in message["text"]


def test_why_after_a_figure_quotes_its_sentence():
    message, _ = run(ActionExplain(), tracker("为什么", "ask_why", slots={"metric": "requests.not_held", "last_answer": "statistic"}))
    assert "本机关不掌握相关信息10件" in message["text"]


def test_fallback_quotes_the_best_passage_or_says_not_found():
    found, _ = run(ActionSearchFallback(), tracker("适老化和无障碍访问功能", "nlu_fallback"))
    assert "适老化" in found["text"] and "来源：" in found["text"]
    missing, _ = run(ActionSearchFallback(), tracker("量子计算机的冷却温度", "nlu_fallback"))
    assert "没有找到" in missing["text"] and missing["buttons"]


def test_share_of_a_named_whole_uses_the_figure_asked_about_before():
    message, _ = run(ActionAnswerDerived(), tracker(
        "占全部办结的百分之多少", "ask_derived", [("derivation", "ratio"), ("metric", "requests.completed")],
        {"metric": "requests.completed", "recent_metrics": ["requests.partly_granted"]}))
    assert "16.0%" in message["text"] and "4 ÷" in message["text"]


def test_sum_of_the_two_previous_figures():
    message, events = run(ActionAnswerDerived(), tracker(
        "两个合起来总共多少件", "ask_derived", [("derivation", "total")],
        {"recent_metrics": ["proactive.cppcc_proposals_answered", "proactive.npc_suggestions_answered"]}))
    assert "= 60" in message["text"] and "予以公开" not in message["text"]
    assert "人大代表建议" in message["text"]


def test_answers_remember_the_latest_figures():
    _, events = run(ActionAnswerStatistic(), tracker(
        entities=[("metric", "requests.granted")], slots={"recent_metrics": ["requests.received"]}))
    assert SlotSet("recent_metrics", ["requests.granted", "requests.received"]) in events


def test_share_of_two_figures_that_are_not_part_and_whole_uses_the_parts_own_whole():
    message, _ = run(ActionAnswerDerived(), tracker(
        "专栏占全部公开的比例", "ask_derived", [("derivation", "ratio"),
                                       ("metric", "proactive.disclosure_column_items"), ("metric", "requests.granted")]))
    assert "15.5%" in message["text"] and "620 ÷" in message["text"]


def test_follow_up_after_a_share_asks_for_the_new_figure_itself():
    message, _ = run(ActionFollowUp(), tracker(
        "那微信公众号呢？", "inform", [("metric", "proactive.wechat_posts")],
        {"last_answer": "derived", "derivation": "ratio", "recent_metrics": ["requests.granted"]}))
    assert "1064篇" in message["text"] and "比例" not in message["text"]


def test_follow_up_after_a_share_with_another_part_gives_its_share():
    message, _ = run(ActionFollowUp(), tracker(
        "部分公开的呢", "inform", [("metric", "requests.partly_granted")],
        {"last_answer": "derived", "derivation": "ratio", "recent_metrics": ["requests.granted"]}))
    assert "16.0%" in message["text"]


def test_a_count_asked_in_another_unit_the_figure_is_counted_in_is_still_answered():
    message, _ = run(ActionAnswerStatistic(), tracker("被申请行政复议几次", entities=[("metric", "review.total")]))
    assert "4件" in message["text"] and "来源：" in message["text"]


def test_a_follow_up_naming_a_figure_by_its_head_noun_gets_that_figure():
    message, events = run(ActionFollowUp(), tracker("那诉讼呢", intent="inform",
                                                    slots={"metric": "review.total", "last_answer": "statistic"}))
    assert "行政诉讼" in message["text"] and "1件" in message["text"] and "复议" not in message["text"].split("来源")[0]
    assert SlotSet("metric", "litigation.total") in events


@pytest.mark.parametrize("text, derivation", [("公众号发的比微博多了多少", "change"), ("公众号的减去微博的是多少", None)])
def test_one_figure_against_another_is_their_difference(text, derivation):
    entities = [("metric", "proactive.wechat_posts"), ("metric", "proactive.weibo_posts")]
    entities += [("derivation", derivation)] if derivation else []
    message, _ = run(ActionAnswerDerived(), tracker(text, intent="ask_derived", entities=entities))
    assert "计算方法：1064 − 802 = 262。" in message["text"] and "前者比后者多262。" in message["text"]


@pytest.mark.parametrize("sentence, change", [
    ("市政府办公厅共受理政府信息公开申请859件，申请数量较去年回落12.3%；", "较去年回落12.3%"),
    ("全年主动公开信息2645条，同比增长15%。", "同比增长15%"),
    ("全年主动公开信息2645条。", None),
])
def test_a_change_the_report_states_beside_a_figure_is_read(sentence, change):
    from types import SimpleNamespace
    from actions.answers import stated_change
    assert stated_change(SimpleNamespace(sentence=sentence)) == change


def test_the_share_of_two_parts_together_adds_them_first():
    entities = [("metric", "requests.granted"), ("metric", "requests.partly_granted"), ("derivation", "ratio")]
    message, _ = run(ActionAnswerDerived(), tracker("公开和部分公开合起来占多少", intent="ask_derived", entities=entities))
    assert "合计11" in message["text"] and "44.0%" in message["text"] and "÷ 办结" in message["text"]


def test_a_question_leaning_on_the_one_before_is_read_with_it():
    events = [{"event": "user", "text": "你们厅里组织过培训吗"}, {"event": "bot", "text": "……"},
              {"event": "user", "text": "这个都涉及哪些方面"}]
    latest = {"text": "这个都涉及哪些方面", "intent": {"name": "nlu_fallback", "confidence": 0.4}, "entities": []}
    tracker_ = Tracker("test-user", {}, latest, events, False, None, {}, "action_listen")
    message, _ = run(ActionSearchFallback(), tracker_)
    assert "政务新媒体等方面培训" in message["text"]


def test_a_table_cell_is_a_share_of_its_row_total():
    from types import SimpleNamespace
    from actions.answers import ratio_terms, wholes
    kb = SimpleNamespace(cell_of=lambda k: {"requests.natural_person": "table3.received.natural_person"}.get(k),
                         metric=lambda k: k == "table3.received.total", prose_key=lambda k: "requests.received")
    found = wholes(kb, ["requests.natural_person"])
    assert found == {"requests.natural_person": "requests.received"}
    assert ratio_terms(["requests.natural_person"], None, found) == ("requests.natural_person", "requests.received")


def test_what_is_left_besides_a_part_is_the_whole_less_the_part():
    entities = [("metric", "proactive.disclosure_column_items")]
    message, _ = run(ActionAnswerDerived(), tracker("专栏以外的栏目发了多少篇", intent="ask_derived", entities=entities))
    assert "计算方法：4001 − 620 = 3381。" in message["text"]


def test_a_bare_total_right_after_two_figures_of_one_kind_adds_those_two():
    recent = ["proactive.cppcc_proposals_answered", "proactive.npc_suggestions_answered", "requests.granted"]
    message, _ = run(ActionAnswerDerived(), tracker("一共是多少件", "ask_derived", [("derivation", "total")],
                                                    {"recent_metrics": recent, "last_answer": "statistic"}))
    assert "= 60" in message["text"] and "予以公开" not in message["text"]


def test_outcomes_say_none_was_corrected_only_when_the_report_says_so():
    from actions import answers
    from actions.knowledge_base import knowledge_base
    kb = knowledge_base()
    report = kb.report("江苏省民政厅")
    assert "没有被复议机关纠正的" in answers.outcomes_of(kb, report, "review.total").text   # 结果均为维持
    assert "纠正" not in answers.outcomes_of(kb, report, "litigation.total").text.split("来源")[0]  # 尚未审结


@pytest.mark.parametrize("derivation", ["total", "ratio", "change", "difference", "completion_rate"])
def test_no_derivation_fails_on_a_figure_the_report_gives_in_words_only(derivation):
    from actions import answers
    from actions.knowledge_base import knowledge_base
    kb = knowledge_base()
    report = kb.report("江苏省民政厅")
    words = [f.metric_key for f in kb.facts(report.id) if f.value is None]
    assert words, "the seed states some things in words only"
    for key in words:
        for keys in ([key, "requests.received"], ["requests.received", key], [key]):
            assert answers.derived(kb, report, derivation, keys).text


def test_a_bare_total_of_something_the_report_does_not_count_is_not_the_requests_outcomes():
    message, _ = run(ActionAnswerDerived(), tracker("福利彩票公益金一共用了多少钱", "ask_derived", [("derivation", "total")]))
    assert "计算方法" not in message["text"] and "25" not in message["text"].split("来源")[0]


def test_more_than_another_figure_after_a_figure_is_their_difference_not_a_change_on_last_year():
    message, _ = run(ActionAnswerDerived(), tracker("比微博多多少？", "ask_derived",
                                                    [("metric", "proactive.weibo_posts"), ("derivation", "change")],
                                                    {"recent_metrics": ["proactive.wechat_posts"]}))
    assert "计算方法：1064 − 802 = 262。" in message["text"]
    message, _ = run(ActionAnswerDerived(), tracker("微博比上一年多多少？", "ask_derived",
                                                    [("metric", "proactive.weibo_posts"), ("derivation", "change")],
                                                    {"recent_metrics": ["proactive.wechat_posts"]}))
    assert "2021年" in message["text"] and "262" not in message["text"]


def test_a_part_added_to_the_figure_just_given_is_a_share_of_both_together():
    message, _ = run(ActionAnswerDerived(), tracker("再加上部分公开的，占办结的多少", "ask_derived",
                                                    [("metric", "requests.partly_granted"), ("derivation", "ratio")],
                                                    {"recent_metrics": ["requests.granted"]}))
    assert "合计11" in message["text"] and "44.0%" in message["text"]


def test_a_share_of_a_figure_with_no_known_whole_is_of_the_figure_just_given():
    message, _ = run(ActionAnswerDerived(), tracker("这里面微博的占几成", "ask_derived",
                                                    [("metric", "proactive.weibo_posts"), ("derivation", "ratio")],
                                                    {"recent_metrics": ["proactive.wechat_posts"]}))
    assert "802 ÷" in message["text"] and "1064" in message["text"]


def test_what_is_not_in_a_part_is_the_whole_less_the_part():
    from actions import cues
    assert cues.derivation_asked("不在专栏里的有多少篇") == "difference"
    assert cues.derivation_asked("政务公开算不算处室的考核内容") is None      # 算不算 asks yes or no
    assert cues.derivation_asked("属不属于政府信息") is None


def test_a_bare_word_beside_its_part_names_the_whole_kind():
    from actions.context import named_metrics
    from actions.knowledge_base import knowledge_base
    kb = knowledge_base()
    t = tracker("公开的跟部分公开的总共多少", "ask_derived", [("metric", "requests.partly_granted")])
    assert set(named_metrics(kb, t, kb.report("江苏省民政厅"), "total")) >= {"requests.granted", "requests.partly_granted"}


def test_the_share_of_two_parts_together_is_of_the_whole_named():
    entities = [("metric", "requests.granted"), ("metric", "requests.partly_granted"), ("metric", "requests.received"),
                ("derivation", "ratio")]
    message, _ = run(ActionAnswerDerived(), tracker("公开和部分公开合起来占新收的多少", intent="ask_derived",
                                                    entities=entities))
    assert "合计11" in message["text"] and "47.8%" in message["text"] and "÷ 本年新收" in message["text"]


def test_a_share_asked_after_a_figure_with_no_known_whole_asks_for_the_whole_instead_of_another_share():
    message, _ = run(ActionAnswerDerived(), tracker("占总数的百分之几", "ask_derived", [("derivation", "ratio")],
                                                    {"recent_metrics": ["proactive.weibo_posts"]}))
    assert "%" not in message["text"] and "请说明" in message["text"]


def test_a_share_of_the_figure_just_given_is_of_the_figure_given_before_it():
    message, _ = run(ActionAnswerDerived(), tracker("占总数的百分之几", "ask_derived", [("derivation", "ratio")],
                                                    {"recent_metrics": ["review.total", "requests.received"]}))
    assert "4 ÷" in message["text"] and "23" in message["text"]
    message, _ = run(ActionAnswerDerived(), tracker("占总数的百分之几", "ask_derived", [("derivation", "ratio")],
                                                    {"recent_metrics": ["requests.received", "review.total"]}))
    assert "%" not in message["text"]           # the figure before is smaller: no whole of it


def test_a_count_asked_with_its_share_gets_both():
    message, _ = run(ActionAnswerStatistic(), tracker("部分公开的有几件，占多少", "ask_statistic",
                                                      [("metric", "requests.partly_granted")]))
    assert "部分公开4件" in message["text"] and "16.0%" in message["text"]
    assert message["text"].index("来源") > message["text"].index("计算方法")


def test_a_rate_of_something_no_figure_counts_is_not_another_figures_share():
    message, _ = run(ActionAnswerDerived(), tracker("福利彩票公益金的公开率是多少", "ask_derived", [("derivation", "ratio")]))
    assert "28.0%" not in message["text"] and "÷" not in message["text"]


@pytest.mark.parametrize("text, entity", [("新收的加上结转的一共多少", "requests.received"),
                                          ("收到的加结转过来的总共多少件", "requests.carried_over_in")])
def test_the_requests_to_handle_are_those_received_and_those_carried_over(text, entity):
    message, _ = run(ActionAnswerDerived(), tracker(text, "ask_derived", [("metric", entity), ("derivation", "total")]))
    assert "= 26" in message["text"]


def test_a_share_of_the_two_figures_just_given_added_up():
    message, _ = run(ActionAnswerDerived(), tracker("微信发的占两个加起来的多少", "ask_derived",
                                                    [("metric", "proactive.wechat_posts"), ("derivation", "ratio")],
                                                    {"recent_metrics": ["proactive.wechat_posts", "proactive.weibo_posts"]}))
    assert "57.0%" in message["text"] and "1866" in message["text"]


def test_the_total_to_handle_is_received_and_carried_over_not_the_outcomes():
    message, _ = run(ActionAnswerDerived(), tracker("一共要处理多少件申请", "ask_derived", [("derivation", "total")]))
    assert "= 26" in message["text"] and "予以公开" not in message["text"]
    message, _ = run(ActionAnswerDerived(), tracker("上年没办完的也算上，一共要办多少件", "ask_derived",
                                                    [("metric", "requests.carried_over_in"), ("derivation", "total")]))
    assert "= 26" in message["text"]


def test_a_figure_per_day_or_month_is_the_years_figure_divided_and_said_to_be_computed():
    message, _ = run(ActionAnswerDerived(), tracker("微信平均每天发几篇", "ask_derived",
                                                    [("metric", "proactive.wechat_posts")]))
    assert "2.9" in message["text"] and "1064 ÷ 365" in message["text"] and "算出来" in message["text"]
    message, _ = run(ActionAnswerDerived(), tracker("微博平均一个月发多少条", "ask_derived",
                                                    [("metric", "proactive.weibo_posts")]))
    assert "66.8" in message["text"]


def small_talk(text, response, slots=None):
    """A tracker as Rasa sends it for a small-talk message: the chosen response in the intent."""
    tracker_ = tracker(text, "chitchat", slots=slots)
    tracker_.latest_message["intent"]["full_retrieval_intent_name"] = response.removeprefix("utter_")
    return tracker_


def test_small_talk_gets_the_response_the_selector_chose():
    dispatcher = CollectingDispatcher()
    assert ActionChitchat().run(dispatcher, small_talk("谢谢你", "utter_chitchat/thanks"), {}) == []
    assert dispatcher.messages[0]["response"] == "utter_chitchat/thanks"


def test_small_talk_without_a_selected_response_is_unclear():
    dispatcher = CollectingDispatcher()
    ActionChitchat().run(dispatcher, tracker("嗯嗯", "chitchat"), {})
    assert dispatcher.messages[0]["response"] == "utter_chitchat/unclear"


def test_what_the_assistant_can_do_is_said_unless_the_words_ask_the_report():
    dispatcher = CollectingDispatcher()
    ActionChitchat().run(dispatcher, tracker("你都能回答什么", "ask_capabilities"), {})
    assert dispatcher.messages[0]["response"] == "utter_capabilities"
    message, _ = run(ActionChitchat(), tracker("江苏民政网改造提升以后增加了什么功能", "ask_capabilities"))
    assert "适老化和无障碍访问功能" in message["text"]


def test_a_question_taken_for_a_goodbye_goes_on_about_the_answer_before():
    tracker_ = small_talk("都回了吗", "utter_chitchat/goodbye",
                          slots={"last_answer": "statistic", "metric": "management.online_inquiries"})
    tracker_.events = [{"event": "user", "text": "网站上网民留言咨询受理了多少件"}, {"event": "user", "text": "都回了吗"}]
    message, _ = run(ActionChitchat(), tracker_)
    assert "全部按照规定时限答复办结" in message["text"] and "来源：" in message["text"]
    dispatcher = CollectingDispatcher()
    ActionChitchat().run(dispatcher, small_talk("好的再见", "utter_chitchat/goodbye", slots={"last_answer": "statistic"}), {})
    assert dispatcher.messages[0]["response"] == "utter_chitchat/goodbye"


def test_a_greeting_is_greeted_but_a_question_taken_for_one_after_an_answer_goes_on_about_it():
    dispatcher = CollectingDispatcher()
    ActionChitchat().run(dispatcher, tracker("你好", "greet"), {})
    assert dispatcher.messages[0]["response"] == "utter_greet"
    tracker_ = tracker("都按时回了么", "greet", slots={"last_answer": "statistic", "metric": "management.online_inquiries"})
    tracker_.events = [{"event": "user", "text": "网站上网民留言咨询受理了多少件"}, {"event": "user", "text": "都按时回了么"}]
    message, _ = run(ActionChitchat(), tracker_)
    assert "全部按照规定时限答复办结" in message["text"]


def test_a_share_of_these_right_after_a_sum_is_the_sums_share():
    tracker_ = tracker("这些占办结总数多少", "ask_derived", [("metric", "requests.completed"), ("derivation", "ratio")],
                       {"last_answer": "derived", "summed": ["requests.granted", "requests.partly_granted"],
                        "recent_metrics": ["requests.partly_granted", "requests.granted"]})
    message, events = run(ActionAnswerDerived(), tracker_)
    assert "合计11" in message["text"] and "44.0%" in message["text"]
    assert SlotSet("summed", None) in events


def test_a_sum_sets_what_it_added_up():
    _, events = run(ActionAnswerDerived(), tracker("公开和部分公开加一块有几件", "ask_derived",
                                                   [("metric", "requests.granted"), ("metric", "requests.partly_granted"),
                                                    ("derivation", "total")]))
    assert SlotSet("summed", ["requests.granted", "requests.partly_granted"]) in events


def test_they_charged_asked_with_the_fee_law_gets_the_reports_words_too():
    message, _ = run(ActionAnswerProcedure(), tracker("申请信息公开他们收费了没", "procedure_fees",
                                                      [("metric", "other.processing_fee")]))
    assert "第四十二条" in message["text"] and "没有收取政府信息公开信息处理费" in message["text"]


def test_small_talk_that_asks_about_the_report_is_answered_from_it():
    message, events = run(ActionChitchat(), small_talk("微博呢", "utter_chitchat/other_services",
                                                       slots={"last_answer": "statistic", "metric": "proactive.wechat_posts"}))
    assert "802" in message["text"] and "来源：" in message["text"]
    assert SlotSet("last_answer", "statistic") in events


def test_a_count_taken_for_unclear_small_talk_after_the_report_is_answered_from_it():
    message, _ = run(ActionChitchat(), small_talk("12345热线一年接了多少电话", "utter_chitchat/unclear",
                                                  slots={"last_answer": "statistic", "metric": "requests.received"}))
    assert "没有看懂" not in message["text"] and "江苏省民政厅2022年" in message["text"]


def test_a_question_going_on_about_a_review_is_read_as_one():
    asked = "我年纪大了，能委托家属代为参加吗"
    events = [{"event": "user", "text": "对县人社局的答复不服申请行政复议，复议机关多久作出决定"}, {"event": "bot", "text": "……"},
              {"event": "user", "text": asked}]
    latest = {"text": asked, "intent": {"name": "procedure_how_to_apply", "confidence": 0.6}, "entities": []}
    tracker_ = Tracker("test-user", {"last_answer": "procedure:review_decision_time"}, latest, events, False, None, {},
                       "action_listen")
    message, _ = run(ActionAnswerProcedure(), tracker_)
    assert "《中华人民共和国行政复议法》第十七条" in message["text"]
    alone = tracker(asked, "procedure_how_to_apply")                # asked on its own, it is no review's
    assert "行政复议法" not in run(ActionAnswerProcedure(), alone)[0]["text"]



def test_a_figure_named_beside_words_it_does_not_count_gives_the_sentence_that_counts_them():
    message, _ = run(ActionAnswerStatistic(), tracker("微信发布的政策图解、视频漫解这些产品有多少个", "ask_statistic",
                                                      [("metric", "proactive.wechat_posts")]))
    assert "新媒体产品28个" in message["text"] and "1064" not in message["text"]


def test_a_short_question_on_what_the_report_says_is_read_with_the_one_before():
    message, _ = run(ActionSearchFallback(), Tracker(
        "test-user", {"last_answer": "statistic"}, {"text": "都按时回复了吗", "intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []},
        [{"event": "user", "text": "江苏省民政厅2022年受理网民咨询多少件"}, {"event": "user", "text": "都按时回复了吗"}],
        False, None, {}, "action_listen"))
    assert "全部按照规定时限答复办结" in message["text"]


@pytest.mark.parametrize("text, derivation", [
    ("微博呢？哪个发得多，多多少", "difference"),
    ("江苏民政厅受理的网民咨询，比依申请公开收到的申请多了多少件", "change"),   # what it is compared with, named at length
    ("两样里头哪样少", "difference"),
    ("多多少少总有一些吧", None),
    ("哪几个乡镇发得多", None),
])
def test_which_of_two_is_more_and_by_how_much_is_their_difference(text, derivation):
    from actions import cues
    assert cues.derivation_asked(text) == derivation


def test_a_share_naming_no_figure_with_none_given_before_is_no_default_share():
    message, _ = run(ActionAnswerDerived(), tracker("占比大概多少", "ask_derived", [("derivation", "ratio")],
                                                    {"last_answer": "passage", "recent_metrics": ["requests.granted"]}))
    assert "计算方法" not in message["text"] and "%" not in message["text"]


def test_a_comparison_with_a_figure_the_report_does_not_state_says_so():
    message, _ = run(ActionAnswerDerived(), tracker("申请的人里头是老百姓多还是企业多？", "ask_derived",
                                                    [("metric", "requests.from_natural_persons"),
                                                     ("derivation", "difference")], {"last_answer": "passage"}))
    assert "没有提到" in message["text"] and "无法比较" in message["text"]


@pytest.mark.parametrize("text, other", [
    ("那10件不掌握的，都是申请些什么信息？", True),
    ("那些提案都是提的什么问题", True),
    ("不掌握的有几件", False),
])
def test_what_the_counted_cases_were_is_no_count(text, other):
    from actions import cues
    assert cues.asks_other_than_count(text) is other


def test_a_share_of_the_applications_naming_no_figure_is_the_granted_share():
    message, _ = run(ActionAnswerDerived(), tracker("申请了能拿到全部信息的比例有多高", "ask_derived", [("derivation", "ratio")]))
    assert "28.0%" in message["text"] and "计算方法" in message["text"]


def test_the_share_of_the_figures_just_given_added_up_of_a_named_whole():
    entities = [("derivation", "total"), ("metric", "requests.completed"), ("derivation", "ratio")]
    message, _ = run(ActionAnswerDerived(), tracker(
        "这两种加起来，占办结的百分之多少", "ask_derived", entities,
        {"last_answer": "statistic", "recent_metrics": ["requests.not_processed", "requests.not_held"]}))
    assert "合计14" in message["text"] and "56.0%" in message["text"] and "÷ 办结" in message["text"]


def test_what_was_added_is_answered_in_the_reports_words_not_with_a_change_of_a_figure():
    message, _ = run(ActionAnswerDerived(), tracker("网站增加了什么功能", "ask_derived", [("derivation", "change")]))
    assert "适老化和无障碍访问功能" in message["text"] and "申请" not in message["text"]


def test_the_fee_of_the_citizens_own_number_of_applications_is_computed_by_the_standard():
    message, _ = run(ActionAnswerProcedure(), tracker("我一个月申请了15件，要收多少钱", "procedure_fees"))
    assert "第四十二条" in message["text"] and "500元" in message["text"]


def test_a_year_before_a_word_is_no_noun_the_figure_leaves_unexplained():
    message, _ = run(ActionAnswerStatistic(), tracker("江苏省民政厅2022年本机关不掌握信息的几件", entities=[
        ("metric", "requests.not_held"), ("year", "2022")]))
    assert message["text"].startswith("江苏省民政厅2022年本机关不掌握相关政府信息10件")


def test_a_clause_on_what_the_body_did_beside_a_question_of_the_law_gets_the_reports_word_too():
    message, _ = run(ActionAnswerProcedure(), tracker("申请信息公开要交钱吗？民政厅收过费没有", "procedure_fees"))
    law, report = message["text"].split("\n\n")
    assert "第四十二条" in law and report.startswith("江苏省民政厅2022年") and "没有收取政府信息公开信息处理费" in report
    one_clause, _ = run(ActionAnswerProcedure(), tracker("民政厅2022年依申请收信息处理费了吗", "procedure_fees",
                                                         [("year", "2022")]))
    assert "没有收取政府信息公开信息处理费" in one_clause["text"]
    only_law, _ = run(ActionAnswerProcedure(), tracker("我交了申请，他们过了期限不理我，能告吗", "procedure_remedies"))
    assert "江苏省民政厅2022年" not in only_law["text"]


@pytest.mark.parametrize("text, shift", [("第二年收到了多少件申请", 1), ("前一年具体是多少件", -1), ("比前一年多还是少", 0),
                                         ("有没有转到下一年的", 0), ("下一年度继续办理的有几件", 0),
                                         ("那上一年收到多少申请", -1), ("上一年转过来没办完的有几件", 0),
                                         ("上一年结转的有几件", 0), ("跟上一年比怎么样", 0)])
def test_the_year_after_or_before_the_one_talked_about(text, shift):
    assert cues.year_shift(text) == shift


def test_a_year_after_the_one_talked_about_that_is_not_stored_keeps_the_year_talked_about():
    message, events = run(ActionAnswerStatistic(), tracker("第二年收到了多少件申请", entities=[("metric", "requests.received")],
                                                           slots={"body": "江苏省民政厅", "year": "2022"}))
    assert "2023年的年度报告" in message["text"] and SlotSet("year", "2022") in events


def test_a_share_of_two_figures_each_named_by_a_noun_alone():
    message, _ = run(ActionAnswerDerived(), tracker("公开专栏的信息占网站总数的比例是多少", "ask_derived",
                                                    [("derivation", "ratio")]))
    assert "15.5%" in message["text"] and "620" in message["text"] and "4001" in message["text"]


def test_a_follow_up_naming_two_new_media_gives_both_figures():
    message, _ = run(ActionFollowUp(), tracker("那微信微博呢", "inform", [("metric", "proactive.wechat_posts")],
                                               {"last_answer": "statistic", "metric": "proactive.website_items"}))
    assert "1064篇" in message["text"] and "802条" in message["text"]


def test_a_comparison_of_two_things_named_takes_the_second_from_the_first():
    message, _ = run(ActionAnswerDerived(), tracker("建议比提案少几件", "ask_derived"))
    assert "少18件" in message["text"] and "39" in message["text"] and "21" in message["text"]


def test_when_something_is_done_and_the_reports_words_give_no_time_it_says_so():
    message, _ = run(ActionAnswerReportTopic(), tracker("改进措施打算什么时候落实完", "ask_improvements"))
    assert message["text"].startswith("报告没有说明具体时间。") and "来源：" in message["text"]
    message, _ = run(ActionAnswerReportTopic(), tracker("这份年报是什么时候发布的", "ask_report_info"))
    assert "没有说明具体时间" not in message["text"]
    message, _ = run(ActionAnswerReportTopic(), tracker("报告说的那个电视节目几点播出", "ask_channels"))
    assert message["text"].startswith("报告没有说明具体时间。")


def test_a_comparison_one_side_of_which_names_no_figure_of_the_kind_asked_gives_no_single_figure():
    message, _ = run(ActionAnswerDerived(), tracker("解读稿比发布会场数多几个", "ask_derived"))
    assert "发布解读稿件65篇。" not in message["text"]


@pytest.mark.parametrize("text, parts", [
    ("财政资金信息发了多少？三公经费的有几条", ["财政资金信息发了多少？", "三公经费的有几条"]),
    ("答复了几件，又有多少拖到下一年", ["答复了几件，", "又有多少拖到下一年"]),
    ("有多少用户？微博粉丝呢，2019年报里说的", ["有多少用户？", "微博粉丝呢，2019年报里说的"]),
    ("我是退休职工，想问一下，采购了几个项目，花了多少钱？", ["我是退休职工，想问一下，采购了几个项目，花了多少钱？"]),
    ("部分公开的有几件，占多少", ["部分公开的有几件，占多少"]),
    ("还剩多少没办，办结率多少", ["还剩多少没办，办结率多少"]),
    ("有多少，比去年多还是少", ["有多少，比去年多还是少"]),
    ("复议和诉讼各几件", ["复议和诉讼各几件"]),
    ("因为信息公开被复议几次 被告几次", ["因为信息公开被复议几次 ", "被告几次"]),
    ("加上结转的一共要处理多少，最后答复了多少", ["加上结转的一共要处理多少，", "最后答复了多少"]),
    ("他们政策解读是怎么搞的，发了多少", ["他们政策解读是怎么搞的，", "发了多少"]),
    ("被申请行政复议几件，结果咋样", ["被申请行政复议几件，", "结果咋样"]),
])
def test_the_counts_a_message_asks_one_after_another_are_its_questions(text, parts):
    assert [text[a:b] for a, b in cues.questions_asked_apart(text)] == parts


def test_each_count_asked_apart_is_answered_as_if_asked_alone():
    text = "政务微博发了多少条？微信公众号呢"
    entities = [{"entity": "metric", "value": "proactive.weibo_posts", "start": 0, "end": 4},
                {"entity": "metric", "value": "proactive.wechat_posts", "start": 11, "end": 16}]
    latest = {"text": text, "intent": {"name": "ask_statistic", "confidence": 1.0}, "entities": entities}
    dispatcher = CollectingDispatcher()
    events = ActionAnswerStatistic().run(dispatcher, Tracker("t", {}, latest, [], False, None, {}, "action_listen"), {})
    first, second = (m["text"] for m in dispatcher.messages)
    assert "802条" in first and "1064篇" not in first and "1064篇" in second
    assert SlotSet("metric", "proactive.wechat_posts") in events


@pytest.mark.parametrize("text, kind", [("厅里专门搞信息公开的有几个工作人员啊", "people"), ("几个人大代表建议", "items"),
                                        ("公开了多少人大建议", None),
                                        ("多少人参加培训", "people"), ("几个微博账号", "items")])
def test_a_count_of_a_noun_naming_people_counts_people(text, kind):
    assert cues.asked_unit_kind(text) == kind


def test_a_bare_how_did_it_end_asks_of_the_cases_just_counted():
    assert cues.names_nothing_but_an_outcome("结果咋样") and cues.names_nothing_but_an_outcome("最后结果如何？")
    assert not cues.names_nothing_but_an_outcome("复议结果怎么样")
    message, _ = run(ActionAnswerReportTopic(), tracker("结果咋样", "ask_review_litigation",
                                                        slots={"metric": "review.total", "last_answer": "statistic"}))
    assert "行政复议" in message["text"] and "结果维持" in message["text"]


def test_a_count_taken_for_a_why_is_answered_as_a_question():
    message, _ = run(ActionExplain(), tracker("微信公众号发了几篇", "ask_why",
                                              [("metric", "proactive.wechat_posts")]))
    assert "1064篇" in message["text"] and "不是推算" not in message["text"]


def test_what_is_new_and_the_rest_of_the_cases_are_asked_of_the_report():
    assert cues.asks_whats_new("网站改版以后有啥新功能吗") and not cues.asks_whats_new("新收的申请有多少")
    assert cues.refers_to_the_rest("剩下那些没给的都是什么理由") and not cues.refers_to_the_rest("因为这个整份都不给")


@pytest.mark.parametrize("text, year, talked_about, carried", [
    ("加上2018年结转的一共要处理多少", 2018, 2019, True), ("还有几件拖到2023年的", 2023, 2022, True),
    ("2018年收到多少申请", 2018, 2019, False), ("2021年结转的有几件", 2021, 2019, False)])
def test_a_year_named_as_where_carried_over_requests_came_from_or_went_is_not_asked_about(text, year, talked_about, carried):
    assert cues.year_carried_over(text, year, talked_about) is carried


def test_a_sum_is_not_computed_of_figures_that_count_another_kind_of_thing_than_asked():
    message, _ = run(ActionAnswerStatistic(), tracker("这些解读文章一共有多少人看了", entities=[
        ("metric", "interpretation.articles"), ("derivation", "total")],
        slots={"metric": "interpretation.press_conferences", "last_answer": "statistic"}))
    assert "110" not in message["text"] and "合计" not in message["text"]


def test_the_figures_of_several_outcomes_counted_are_given_not_the_whole_breakdown():
    message, _ = run(ActionAnswerBreakdown(), tracker("予以公开和部分公开的各几件", "ask_result_breakdown", [
        ("metric", "requests.granted"), ("metric", "requests.partly_granted")]))
    assert "予以公开7件" in message["text"] and "部分公开4件" in message["text"] and "不予处理" not in message["text"]


def test_the_problems_the_report_owns_to_answer_a_question_asking_what_is_wrong():
    message, _ = run(ActionSearchFallback(), tracker("他们说信息公开有啥问题没", "nlu_fallback",
                                                    slots={"last_answer": "statistic", "metric": "proactive.items"}))
    assert "存在的主要问题" in message["text"]


def test_a_time_limit_asked_in_days_right_after_the_law_is_the_laws():
    message, _ = run(ActionSearchFallback(), tracker("这些要在多少天内公开", "nlu_fallback",
                                                    slots={"last_answer": "procedure:proactive_scope"}))
    assert "第二十六条" in message["text"] and "20个工作日" in message["text"]


def test_where_to_read_without_the_internet_asked_outside_a_report_is_the_laws_reading_places():
    message, _ = run(ActionAnswerReportTopic(), tracker("不上网的话去哪儿能查到公开的信息", "ask_channels"))
    assert "第二十五条" in message["text"]
    message, _ = run(ActionAnswerReportTopic(), tracker("你们的信息在哪里能看到", "ask_channels"))
    assert "第二十五条" not in message["text"]


def test_whether_any_case_was_lost_after_the_cases_outcomes_is_their_outcomes():
    message, _ = run(ActionAnswerReportTopic(), tracker("有被纠正的吗", "ask_review_litigation",
                                                        slots={"metric": "review.total", "last_answer": "breakdown:review.total"}))
    assert "结果维持）：4件" in message["text"] and "没有被复议机关纠正" in message["text"]


@pytest.mark.parametrize("text, asks", [("网站和新媒体多久自查一次", True), ("网站他们自己会定期检查吗", True),
                                        ("复议多久出结果", False), ("政府信息要定期公开", False)])
def test_how_often_or_whether_regularly_is_asked(text, asks):
    assert cues.asks_how_often(text) is asks


@pytest.mark.parametrize("text, count", [("这俩加起来占办结的百分之多少", 2), ("那仨一共多少", 3), ("这两类合计", 2),
                                         ("加起来一共多少件", None)])
def test_how_many_of_the_figures_just_given_a_question_means(text, count):
    assert cues.referred_count(text) == count


@pytest.mark.parametrize("text, rated", [("代表委员对办理结果满意的比例是多少", "满意"), ("好评率多少", "好评"),
                                         ("占总数的比例", None), ("是多大比例", None)])
def test_what_a_share_is_asked_of_when_named_before_the_rate_word(text, rated):
    assert cues.rated(text) == rated


@pytest.mark.parametrize("text, asks", [("办了几场？", True), ("审了几项", True), ("试点是哪几个区", False)])
def test_every_measure_word_after_ji_asks_a_count(text, asks):
    assert cues.asks_a_count(text) and not cues.asks_other_than_count(text) if asks else cues.asks_other_than_count(text)


def test_what_was_done_is_asked_in_words_not_as_a_count():
    assert cues.asks_what_things("网站改版了，都改了啥") and not cues.asks_what_things("为什么改版")
    assert not cues.asks_what_things("改了多少个栏目")


def test_the_other_cases_after_outcomes_asked_are_their_own_outcomes_not_their_total():
    message, _ = run(ActionFollowUp(), tracker("诉讼那边呢", "inform", [("metric", "litigation.total")],
                                               slots={"recent_metrics": ["review.pending", "review.upheld"],
                                                      "metric": "review.pending", "last_answer": "statistic"}))
    assert "尚未审结1件" in message["text"] and "行政诉讼案件1件" not in message["text"]


def test_a_why_with_no_answer_before_it_is_searched_like_any_question():
    message, _ = run(ActionExplain(), tracker("政府回我说这个信息不存在，这也算答复了？", "ask_why",
                                              slots={"metric": "requests.not_held"}))
    assert "这是报告原文写明的数字" not in message["text"]


def test_a_figure_named_with_one_just_given_is_added_to_it():
    message, _ = run(ActionAnswerDerived(), tracker(
        "公众号发了多少？两个加一块多少", "ask_derived", [("derivation", "total"), ("metric", "proactive.wechat_posts")],
        {"recent_metrics": ["proactive.weibo_posts"], "last_answer": "statistic"}))
    assert "1866" in message["text"]


def test_what_is_left_of_the_requests_just_counted_is_the_figure_carried_forward():
    message, _ = run(ActionAnswerProcedure(), tracker(      # taken for a question of the law by NLU
        "还剩下一件是怎么回事", "procedure_how_to_apply", slots={"metric": "requests.not_held", "last_answer": "statistic"}))
    assert "结转下年度继续办理1件" in message["text"]


def test_two_things_named_side_by_side_with_each_are_both_counted():
    message, _ = run(ActionAnswerDerived(), tracker(
        "微博微信各发了多少", "ask_derived", [("metric", "proactive.weibo_posts")], {"last_answer": "statistic"}))
    assert "802" in message["text"] and "1064" in message["text"]


def test_a_time_limit_written_out_asks_the_law_whatever_body_is_named():
    from actions.cues import asks_a_time_limit_of_a_case
    assert asks_a_time_limit_of_a_case("我要是对民政厅给我的答复不服，申请复议有时间限制吗")


def test_a_share_of_the_two_just_given_named_only_as_these_two():
    message, _ = run(ActionAnswerDerived(), tracker(
        "这两项加起来占办结的百分之几", "ask_derived", [("derivation", "total"), ("derivation", "ratio")],
        {"recent_metrics": ["requests.partly_granted", "requests.granted"], "last_answer": "statistic"}))
    assert "44.0%" in message["text"]


@pytest.mark.parametrize("text, about", [
    ("他们政策解读是怎么搞的", "政策解读"),
    ("网站做了哪些改进", "网站 改进"),
    ("有啥特别的做法", "有啥特别的做法"),            # nothing named beside the practice: the question as asked
    ("政策解读发了多少", "政策解读发了多少"),
])
def test_how_the_body_went_about_something_is_asked_of_that_thing(text, about):
    assert cues.what_was_done_about(text) == about


def test_a_one_character_verb_few_sentences_use_points_to_the_sentence_using_it_most():
    from actions import answers
    from actions.knowledge_base import knowledge_base
    kb = knowledge_base()
    answer = answers.passage(kb, kb.report("江苏省民政厅"), "网站搜东西老搜不到,这个有打算改吗").text
    assert "没有提到这个问题的直接答案" in answer and "智能检索" in answer     # 搜得全、搜得准, not 搜集社情民意


def test_a_question_the_law_answers_right_after_the_report_says_what_the_report_says_of_the_bodys_case():
    slots = {"last_answer": "statistic", "body": "江苏省民政厅", "year": "2022", "metric": "litigation.total"}
    latest = {"text": "在哪个法院审的", "intent": {"name": "nlu_fallback", "confidence": 0.45}, "entities": []}
    said = [{"event": "user", "text": "江苏省民政厅2022年打了几个官司"}, {"event": "user", "text": latest["text"]}]
    message, _ = run(ActionSearchFallback(), Tracker("test-user", slots, latest, said, False, None, {}, "action_listen"))
    assert "《中华人民共和国行政诉讼法》第十八条" in message["text"]
    assert message["text"].endswith("江苏省民政厅2022年的年度报告没有提到这一点。")
    assert cues.asks_of_others("在哪个法院审的") and not cues.asks_of_others("那我能去法院告他们吗")


def test_a_new_case_put_to_the_law_just_quoted_is_the_question_before_asked_of_it():
    from actions.actions import asked_of_the_law
    from actions.route import Kind, Route
    said = [{"event": "user", "text": "打信息公开官司的话，被告是谁？"}, {"event": "user", "text": "要是复议机关维持了原来的决定呢"}]
    asked = tracker("要是复议机关维持了原来的决定呢", "nlu_fallback")
    asked.events = said
    law = Route(Kind.PROCEDURE, "defendant")
    assert asked_of_the_law(asked, law, asked.latest_message["text"]) == "打信息公开官司的话，被告是谁？，要是复议机关维持了原来的决定呢"
    assert asked_of_the_law(asked, Route(Kind.STATISTIC), "要是复议机关维持了原来的决定呢") == "要是复议机关维持了原来的决定呢"
    assert not cues.adds_a_condition("那复议呢")
    message, _ = run(ActionSearchFallback(), Tracker("test-user", {"last_answer": "procedure:defendant"}, {
        "text": "要是复议机关维持了原来的决定呢", "intent": {"name": "nlu_fallback", "confidence": 0.45}, "entities": []},
        said, False, None, {}, "action_listen"))
    assert message["text"].split("\n")[1].startswith("《中华人民共和国行政诉讼法》第二十六条")


def test_a_count_in_the_measure_word_of_anything_compares_figures_of_any_kind_in_the_order_compared():
    assert cues.asked_unit_kinds("解读稿比发布会多出几个") == [] and cues.asked_unit_kinds("几个项目，花了多少钱") == ["items", "money"]
    message, _ = run(ActionAnswerDerived(), tracker("解读稿比发布会多出几个", "ask_derived",
                                                    [("metric", "interpretation.press_conferences")],
                                                    slots={"metric": "interpretation.press_conferences"}))
    assert "计算方法：65 − 45 = 20。" in message["text"]


@pytest.mark.parametrize("text, expected", [
    ("真正公开的有几件", True), ("公开的占办结的百分之几", True), ("主动公开的有几件", False), ("予以公开的占多少", False),
    ("办完的里面公开的占几成", True), ("办结的中部分公开的占多少", False), ("其中不予公开的占多少", False)])
def test_what_was_disclosed_is_asked_by_the_bare_verb(text, expected):
    assert cues.asks_what_was_disclosed(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("这个占申请总数的多少", True), ("占申请总数多少", True), ("那它占总数的比例是多少", True), ("这个占多少", False),
    ("公开的占办结的百分之几", False)])
def test_a_share_of_what_was_just_given_names_only_the_whole(text, expected):
    assert cues.share_of_what_was_given(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("因为信息公开被人申请复议了没有？", True), ("有没有人申请", True), ("申请了多少件", False)])
def test_whether_something_happened_asks_if_there_were_any(text, expected):
    assert cues.asks_existence(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("网站上搜东西老是搜不到，他们说要改吗", True), ("这个有说要改吗", True), ("你说要多少钱吗", False), ("要改吗", False)])
def test_whether_they_said_they_would_asks_the_reports_words(text, expected):
    assert cues.asks_what_it_says(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("去大厅办事要排多久队", True), ("等了几分钟", True), ("网站多久检查一次", False), ("发了多少条", False)])
def test_a_span_of_time_asked(text, expected):
    assert cues.asks_how_long(text) is expected


@pytest.mark.parametrize("text, derivation", [
    ("网上咨询的量是当年新收信息公开申请的几倍", "multiple"), ("微信平均每个号发了多少条", "per_item"),
    ("平均一个项目多少钱", "per_item"), ("平均每天发几条", "per_period"), ("比上年增长了多少", "change"),
    ("那就是说2018年以前一共是多少", "before_the_year")])
def test_averages_and_multiples_are_derivations_of_their_own(text, derivation):
    assert cues.derivation_asked(text) == derivation


@pytest.mark.parametrize("text, expected", [
    ("加一起多少，提案占几成", True), ("微信发的占两个加起来的多少", True), ("一共收到多少件，予以公开占几成", False)])
def test_a_share_of_the_two_just_given_added_up_is_asked_after_or_with_their_sum(text, expected):
    assert cues.share_of_both(text) is expected


def test_what_of_nothing_at_all_asks_no_details_and_de_jia_adds():
    assert not cues.asks_what_the_cases_were("办结的25件里，申请人什么信息都没拿到的有几件")
    assert cues.asks_what_the_cases_were("不予处理的那4件是什么事")
    assert cues.derivation_asked("不掌握的加不予处理的有几件") == "total"


@pytest.mark.parametrize("text", ["安全上他们怎么说", "报告都写了些什么", "这个有说要改吗"])
def test_what_the_body_or_its_report_says_is_asked(text):
    assert cues.asks_what_it_says(text)
