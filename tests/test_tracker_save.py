"""bot.rasa_speedups' tracker save (one count instead of a second tracker read, the new events in one
insert) stores and publishes exactly what Rasa's own save does, turn after turn, across a new session,
with another conversation in between; SQLite runs in WAL mode; its count of stored events and its
tracker load are Rasa's; event classes are found as Rasa finds them."""
from __future__ import annotations

import asyncio
import sqlite3

import rasa.shared.utils.common

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_speedups

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask]
slots:
  metric: {type: text, mappings: [{type: custom}]}
""")


class Recorder(EventBroker):
    def __init__(self) -> None:
        self.published = []

    def publish(self, event) -> None:
        self.published.append(event)


def turns(sender: str):
    """Events of three turns and a new session, as a conversation grows."""
    stamp = iter(range(1000, 2000))

    def user(text):
        return UserUttered(text, {"name": "ask", "confidence": 0.9}, timestamp=next(stamp))

    return [
        [ActionExecuted("action_session_start", timestamp=next(stamp)), SessionStarted(timestamp=next(stamp)),
         ActionExecuted("action_listen", timestamp=next(stamp)), user("一"),
         ActionExecuted("action_answer", timestamp=next(stamp)), BotUttered("答一", timestamp=next(stamp))],
        [SlotSet("metric", "requests.received", timestamp=next(stamp)), ActionExecuted("action_listen", timestamp=next(stamp)),
         user("二"), BotUttered("答二", timestamp=next(stamp))],
        [ActionExecuted("action_session_start", timestamp=next(stamp)), SessionStarted(timestamp=next(stamp)),
         ActionExecuted("action_listen", timestamp=next(stamp)), user("三"), BotUttered("答三", timestamp=next(stamp))],
        [ActionExecuted("action_listen", timestamp=next(stamp)), user("四")],
    ]


SENDERS = ("s", "other")


def run(save, path) -> tuple:
    broker = Recorder()
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path), event_broker=broker)

    async def conversation():
        for both in zip(*(turns(sender) for sender in SENDERS)):
            for sender, events in zip(SENDERS, both):
                tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
                for event in events:
                    tracker.update(event)
                await save(store, tracker)

    asyncio.run(conversation())
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id").fetchall()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    return broker.published, rows, mode


def test_the_save_stores_and_publishes_what_rasas_own_save_does(tmp_path):
    rasa_speedups.install()
    original = run(rasa_speedups.original_save, tmp_path / "original.db")
    faster = run(rasa_speedups.save, tmp_path / "faster.db")
    assert faster[0] == original[0] and len(faster[0]) == len(SENDERS) * sum(map(len, turns("s")))
    assert faster[1] == original[1]
    assert faster[2] == "wal"


def test_the_save_reads_no_tracker(tmp_path, monkeypatch):
    async def no_read(*_):
        raise AssertionError("the save read the tracker")

    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), event_broker=Recorder())
    tracker = DialogueStateTracker("s", DOMAIN.slots)
    for event in turns("s")[0]:
        tracker.update(event)
    monkeypatch.setattr(store, "retrieve", no_read)
    asyncio.run(rasa_speedups.save(store, tracker))
    assert len(store.event_broker.published) == len(turns("s")[0])


def test_the_load_and_the_count_are_rasas_own(tmp_path):
    rasa_speedups.install()
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))

    async def both():
        for both_turns in zip(*(turns(sender) for sender in SENDERS)):
            for sender, events in zip(SENDERS, both_turns):
                tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
                for event in events:
                    tracker.update(event)
                with store.session_scope() as session:
                    rasas_count = len(list(SQLTrackerStore._additional_events(store, session, tracker)))
                    assert len(tracker.events) - rasa_speedups.stored_count(store, session, sender) == rasas_count
                await store.save(tracker)
                mine, rasas = await store.retrieve(sender), await rasa_speedups.original_retrieve(store, sender)
                assert list(mine.events) == list(rasas.events) and mine.current_state() == rasas.current_state()
                assert mine.current_slot_values() == rasas.current_slot_values()
                everything = await store.retrieve_full_tracker(sender)
                rasas = await rasa_speedups._original_retrieve(store, sender, fetch_events_from_all_sessions=True)
                assert list(everything.events) == list(rasas.events)
        assert await store.retrieve("nobody") is None
        with store.session_scope() as session:
            assert rasa_speedups.stored_count(store, session, "nobody") == 0

    asyncio.run(both())


def test_event_classes_are_found_as_rasa_finds_them():
    import pytest

    from rasa.shared.core.events import Event

    rasa_speedups.install()
    for name in {cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)}:
        assert rasa_speedups.resolve_by_type(name) is rasa_speedups._original_resolve_by_type(name)
    assert rasa_speedups.resolve_by_type("topic") is None
    assert rasa_speedups.resolve_by_type("nothing", SlotSet) is SlotSet
    with pytest.raises(ValueError):
        rasa_speedups.resolve_by_type("nothing")

    class LateEvent(SlotSet):  # an event class defined after the table was built
        type_name = "zwgk_late_event"

    assert Event.resolve_by_type("zwgk_late_event") is LateEvent
