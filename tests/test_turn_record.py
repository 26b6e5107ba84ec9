"""The turn record: Rasa's events as the event broker stores them, folded into turns; feedback,
retention, pseudonyms, search; the broker writing from its own thread."""
import asyncio
import json
import time

import pytest

from bot.channels.turns import APOLOGY
from bot.turnlog import database, turns
from bot.turnlog.broker import TurnBroker
from bot.turnlog.store import Filter, TurnStore

NOW = 1_800_000_000.0


def user(sender, turn_id, text, intent="ask_statistic", confidence=0.9, at=NOW, channel="rest", typed=None):
    metadata = {"zwgk": {"typed": typed}} if typed else {}
    return {"sender_id": sender, "event": "user", "text": text, "timestamp": at, "message_id": turn_id,
            "input_channel": channel, "metadata": metadata,
            "parse_data": {"intent": {"name": intent, "confidence": confidence}}}


def action(sender, name):
    return {"sender_id": sender, "event": "action", "name": name, "timestamp": NOW}


def bot(sender, text, record=None):
    return {"sender_id": sender, "event": "bot", "text": text, "timestamp": NOW,
            "metadata": {"zwgk": record} if record else {}}


@pytest.fixture
def store(tmp_path):
    return TurnStore(f"sqlite:///{tmp_path / 'turns.db'}", retention_days=180, clock=lambda: NOW + 60)


def publish(store, *events):
    database.append_events(store.engine, events)
    store.ingest()


def test_a_turn_holds_question_intent_answer_kind_and_citations(store):
    record = {"kind": "statistic", "metric": "requests.received", "cited": ["报告 第一部分"], "not_in_report": False}
    publish(store, user("a", "t1", "收到多少申请", typed="收到多少申请？？"), action("a", "action_answer_statistic"),
            bot("a", "23件。\n来源：报告 第一部分", record), action("a", "action_listen"))
    [turn] = store.turns(Filter())
    assert turn["question"] == "收到多少申请" and turn["typed"] == "收到多少申请？？"
    assert (turn["intent"], turn["confidence"], turn["channel"]) == ("ask_statistic", 0.9, "rest")
    assert turn["actions"] == "action_answer_statistic" and turn["kind"] == "statistic"
    assert turn["cited"] == ["报告 第一部分"] and turn["metric"] == "requests.received"
    assert not (turn["fallback"] or turn["not_in_report"] or turn["apology"])
    assert turn["citizen"].startswith("市民-") and "a" != turn["citizen"]


def test_fallback_not_in_report_and_apology_are_problems(store):
    publish(store, user("a", "t1", "嗯嗯", intent="nlu_fallback", confidence=0.2), action("a", "action_search_fallback"),
            bot("a", "没找到", {"kind": "search", "cited": [], "not_in_report": True}),
            user("b", "t2", "2021年呢"), bot("b", "知识库里没有2021年的报告", {"kind": "statistic", "not_in_report": True}),
            user("c", "t3", "办结多少"), bot("c", APOLOGY),
            user("d", "t4", "你好", intent="greet"), bot("d", "您好！"))
    problems = {t["turn_id"]: t for t in store.turns(Filter(problems_only=True))}
    assert set(problems) == {"t1", "t2", "t3"}
    assert problems["t1"]["fallback"] and problems["t2"]["not_in_report"] and problems["t3"]["apology"]
    assert store.totals()["problems"] == 3 and store.totals()["turns"] == 4


def test_a_turn_without_any_answer_is_an_apology(store):
    publish(store, user("a", "t1", "收到多少申请"), action("a", "action_answer_statistic"))
    assert store.turns(Filter())[0]["apology"]


def test_events_of_one_turn_split_across_ingests_still_make_one_turn(store):
    publish(store, user("a", "t1", "收到多少申请"))
    publish(store, action("a", "action_answer_statistic"), bot("a", "23件", {"kind": "statistic"}))
    [turn] = store.turns(Filter())
    assert turn["answer"] == "23件" and not turn["apology"] and turn["kind"] == "statistic"


def test_feedback_counts_once_and_only_from_the_turns_citizen(store):
    publish(store, user("a", "t1", "收到多少申请"), bot("a", "23件"))
    publish(store, turns.feedback_event("intruder", "t1", False, "rest"))
    assert store.turns(Filter())[0]["feedback"] is None
    publish(store, turns.feedback_event("a", "t1", False, "rest"), turns.feedback_event("a", "t1", True, "rest"))
    assert store.turns(Filter())[0]["feedback"] == "unhelpful"
    assert [t["turn_id"] for t in store.turns(Filter(problems_only=True))] == ["t1"]


def test_a_message_recorded_twice_is_one_turn(store):
    publish(store, user("a", "t1", "收到多少申请"), bot("a", "23件"), user("a", "t1", "收到多少申请"))
    assert len(store.turns(Filter())) == 1


def test_search_matches_question_typed_text_and_answer_with_wildcards_taken_literally(store):
    publish(store, user("a", "t1", "收到多少申请"), bot("a", "23件"),
            user("b", "t2", "100%公开吗"), bot("b", "不是"), user("c", "t3", "怎么申请"), bot("c", "写信"))
    assert [t["turn_id"] for t in store.turns(Filter(query="申请"))] == ["t3", "t1"]
    assert [t["turn_id"] for t in store.turns(Filter(query="%"))] == ["t2"]
    assert [t["turn_id"] for t in store.turns(Filter(query="23件"))] == ["t1"]


def test_marking(store):
    publish(store, user("a", "t1", "收到多少申请"), bot("a", "23件"))
    assert store.mark("t1", True) and not store.mark("nope", True)
    assert [t["turn_id"] for t in store.turns(Filter(marked_only=True))] == ["t1"]


def test_retention_deletes_old_turns_and_their_events(store):
    old = NOW - 200 * 86400
    database.append_events(store.engine, [user("a", "old", "旧问题", at=old), bot("a", "旧回答"),
                                          user("b", "new", "新问题"), bot("b", "新回答")])
    store._purged = NOW  # the hourly purge of ingest() has just run
    store.ingest()
    assert len(store.turns(Filter())) == 2
    assert store.purge() == 1
    assert [t["turn_id"] for t in store.turns(Filter())] == ["new"]
    with store.engine.connect() as connection:
        left = [json.loads(r.data).get("text") for r in connection.execute(database.EVENTS.select())]
    assert "旧问题" not in left and "新问题" in left


def test_pseudonyms_are_stable_and_differ_between_citizens(store):
    assert store.pseudonym("oOpenId1") == store.pseudonym("oOpenId1") != store.pseudonym("oOpenId2")
    assert "oOpenId1" not in store.pseudonym("oOpenId1")


def test_per_day_and_topics(store):
    publish(store, user("a", "t1", "q1", channel="rest"), bot("a", "x", {"kind": "statistic", "metric": "m"}),
            user("b", "t2", "q2", channel="wechat"), bot("b", "y", {"kind": "statistic", "metric": "m"}),
            user("c", "t3", "q3", channel="wechat"), bot("c", "z", {"kind": "procedure:fees"}))
    day = turns.day_of(NOW)
    assert {(r["day"], r["channel"], r["n"]) for r in store.per_day()} == {(day, "rest", 1), (day, "wechat", 2)}
    assert store.topics()[0] == {"kind": "statistic", "metric": "m", "n": 2}


def test_the_broker_writes_rasas_events_table_from_its_own_thread(tmp_path):
    url = f"sqlite:///{tmp_path / 'turns.db'}"
    broker = TurnBroker(url=url)
    started = time.perf_counter()
    for i in range(200):
        broker.publish(user("a", f"t{i}", "收到多少申请"))
    publishing = time.perf_counter() - started
    broker.flush()
    assert broker.summaries.latest("a") == ("ask_statistic", [])
    broker.publish(action("a", "action_answer_statistic"))
    assert broker.summaries.latest("a") == ("ask_statistic", ["action_answer_statistic"])
    asyncio.run(broker.close())
    store = TurnStore(url)
    store.ingest()
    assert len(store.turns(Filter(), limit=0)) == 200
    assert publishing < 0.5, f"publishing 200 events took {publishing:.3f} s in the caller"


@pytest.mark.parametrize("text,unhelpful", [("没用", True), ("不对！", True), ("没用。", True), (" 不对 ", True),
                                            ("没用过这个", False), ("不对外公开的信息怎么申请", False), ("更多", False)])
def test_which_wechat_replies_rate_the_answer_unhelpful(text, unhelpful):
    from bot.channels.wechat.text import is_unhelpful_reply

    assert is_unhelpful_reply(text) is unhelpful
