"""Rasa events (as the event broker stores them) folded into turns: one citizen's message and what
the assistant did with it. Pure functions; the database is store.py's."""
import json
import time
from typing import Any, Dict, Optional

from bot.channels.turns import APOLOGY

FALLBACK_INTENT = "nlu_fallback"
# Responses that say the message was not understood.
NOT_UNDERSTOOD_RESPONSES = ("utter_default", "utter_chitchat/unclear")
RECORD_KEY = "zwgk"  # actions/record.py: the record an answer carries
FEEDBACK_EVENT = "zwgk_feedback"
TYPED_KEY = "typed"  # the channels keep the text as typed under metadata["zwgk"]["typed"]
MAX_TYPED = 2000


def day_of(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(timestamp))


def new_turn(event: Dict[str, Any], event_id: int) -> Dict[str, Any]:
    """A turn row from the UserUttered event that starts it."""
    parse = event.get("parse_data") or {}
    intent = parse.get("intent") or {}
    metadata = event.get("metadata") or {}
    typed = ((metadata.get(RECORD_KEY) or {}) if isinstance(metadata, dict) else {}).get(TYPED_KEY)
    timestamp = float(event.get("timestamp") or time.time())
    return {
        "turn_id": event.get("message_id") or f"{event.get('sender_id')}:{timestamp}",
        "sender_id": str(event.get("sender_id")),
        "channel": event.get("input_channel"),
        "time": timestamp,
        "day": day_of(timestamp),
        "question": event.get("text") or "",
        "typed": str(typed)[:MAX_TYPED] if typed is not None else None,
        "intent": intent.get("name"),
        "confidence": intent.get("confidence"),
        "actions": "",
        "answer": "",
        "kind": None,
        "metric": None,
        "cited": "[]",
        "fallback": intent.get("name") == FALLBACK_INTENT,
        "not_in_report": False,
        "apology": True,  # until an answer arrives: a turn without one got the channel's apology
        "feedback": None,
        "marked": False,
        "first_event": event_id,
        "last_event": event_id,
    }


def add_event(turn: Dict[str, Any], event: Dict[str, Any], event_id: int) -> None:
    """What an action or bot message of the turn adds to it."""
    turn["last_event"] = event_id
    kind = event.get("event")
    if kind == "action" and event.get("name") not in (None, "action_listen"):
        turn["actions"] = ",".join(filter(None, [turn["actions"], event["name"]]))
        if event["name"] == "action_search_fallback":
            turn["fallback"] = True
    elif kind == "bot":
        _add_bot_message(turn, event)


def _add_bot_message(turn: Dict[str, Any], event: Dict[str, Any]) -> None:
    text = event.get("text") or ""
    if text:
        turn["answer"] = "\n\n".join(filter(None, [turn["answer"], text]))
        turn["apology"] = turn["answer"].strip() == APOLOGY
    record = (event.get("metadata") or {}).get(RECORD_KEY)
    if isinstance(record, dict):
        turn["kind"] = record.get("kind") or turn["kind"]
        turn["metric"] = record.get("metric") or turn["metric"]
        cited = json.loads(turn["cited"] or "[]") + list(record.get("cited") or [])
        turn["cited"] = json.dumps(cited, ensure_ascii=False)
        turn["not_in_report"] = bool(turn["not_in_report"] or record.get("not_in_report"))
        if str(record.get("kind", "")).startswith("search"):
            turn["fallback"] = True
    elif turn["kind"] is None and (event.get("metadata") or {}).get("utter_action"):
        turn["kind"] = event["metadata"]["utter_action"]
        turn["fallback"] = turn["fallback"] or turn["kind"] in NOT_UNDERSTOOD_RESPONSES


def feedback_event(sender_id: str, turn_id: str, helpful: bool, channel: str) -> Dict[str, Any]:
    """The event the channels publish when a citizen rates an answer."""
    return {"sender_id": sender_id, "event": FEEDBACK_EVENT, "message_id": turn_id,
            "helpful": bool(helpful), "input_channel": channel, "timestamp": time.time()}


def feedback_value(event: Dict[str, Any]) -> Optional[str]:
    return "helpful" if event.get("helpful") else "unhelpful"
