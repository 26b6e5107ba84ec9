"""bot.rasa_speedups' replay of a conversation (each event's kind looked up by its class) applies the
same events and yields the same prior trackers, with the same states, as Rasa's own: across restarts,
new sessions, reverted actions and messages, and a loop's happy and unhappy paths."""
from __future__ import annotations

import itertools

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, BotUttered,
                                     Restarted, SessionStarted, SlotSet, UserUttered, UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_speedups

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask, inform]
entities: [metric]
slots:
  metric: {type: text, mappings: [{type: from_entity, entity: metric}]}
actions: [action_answer, ask_form]
forms:
  ask_form: {required_slots: [metric]}
""")


def user(text, intent="ask"):
    return UserUttered(text, {"name": intent, "confidence": 1.0}, [{"entity": "metric", "value": text}])


def pieces():
    """Stretches of a conversation, each a list of events."""
    return [
        [ActionExecuted("action_listen"), user("一"), ActionExecuted("action_answer"), BotUttered("答"),
         SlotSet("metric", "a")],
        [ActionExecuted("action_listen"), user("二"), ActionExecuted("ask_form"), ActiveLoop("ask_form"),
         ActionExecuted("action_listen"), user("三", "inform"), ActionExecutionRejected("ask_form"),
         ActionExecuted("action_answer"), ActionExecuted("ask_form"), ActiveLoop(None)],
        [ActionExecuted("action_listen"), user("四"), ActionExecuted("action_answer"), ActionReverted()],
        [ActionExecuted("action_listen"), user("五"), UserUtteranceReverted()],
        [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("metric", "b")],
        [Restarted(), ActionExecuted("action_listen")],
        [ActionExecuted("action_listen"), user("六"), ActionExecuted("ask_form"), ActionExecuted("action_listen"),
         user("七"), ActionExecuted("ask_form")],
    ]


def tracker_of(events):
    tracker = DialogueStateTracker("s", DOMAIN.slots)
    for event in events:
        tracker.update(event)
    return tracker


def conversations():
    for count in range(1, 4):
        for chosen in itertools.permutations(range(len(pieces())), count):
            stretches = pieces()
            yield [event for index in chosen for event in stretches[index]]


def test_the_applied_events_are_rasas_own():
    for events in conversations():
        tracker = tracker_of(events)
        mine, rasas = rasa_speedups.applied_events(tracker), rasa_speedups.original_applied_events(tracker)
        assert [id(e) for e in mine] == [id(e) for e in rasas], [e.type_name for e in events]


def test_the_prior_trackers_and_their_states_are_rasas_own():
    for events in conversations():
        tracker = tracker_of(events)
        mine = [(DOMAIN.get_active_state(t), hide) for t, hide in rasa_speedups.generate_all_prior_trackers(tracker)]
        rasas = [(DOMAIN.get_active_state(t), hide) for t, hide in rasa_speedups.original_prior_trackers(tracker)]
        assert mine == rasas, [e.type_name for e in events]


def test_installed_rasa_computes_the_same_states(monkeypatch):
    monkeypatch.setattr(DialogueStateTracker, "applied_events", DialogueStateTracker.applied_events)
    monkeypatch.setattr(DialogueStateTracker, "generate_all_prior_trackers",
                        DialogueStateTracker.generate_all_prior_trackers)
    trackers = [tracker_of(events) for events in itertools.islice(conversations(), 0, None, 7)]
    options = [dict(ignore_rule_only_turns=ignore, rule_only_data=data)
               for ignore, data in [(False, None), (True, {"slots": ["metric"], "loops": []})]]
    rasas = [DOMAIN.states_for_tracker_history(t, **o) for t in trackers for o in options]
    rasa_speedups.install()
    assert DialogueStateTracker.applied_events is rasa_speedups.applied_events
    assert [DOMAIN.states_for_tracker_history(t, **o) for t in trackers for o in options] == rasas
