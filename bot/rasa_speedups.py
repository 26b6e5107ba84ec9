"""Hot spots of Rasa 3.6 (pinned), and of the trained pipeline's entity extractor, removed without changing
what they do.

1. Rasa checks every action server response with `jsonschema.validate(result, schema)`. That function
   first validates the schema itself against the JSON Schema meta-schema, then builds a new validator,
   on every call: on 2 cores it took about 30 ms of CPU of an 80 ms figure-question turn. The schema
   never changes, so here the validator is built once and the response is checked exactly as before:
   the same errors, the same message added to them.
2. With an event broker (the turn record, bot/turnlog), `SQLTrackerStore.save` loads the whole
   conversation a second time (`stream_events` → `retrieve`) only to count the events already
   stored, then counts them once more with a SQL query to know which to insert. Here the count query
   runs once and serves both: the same events are published and stored, in the same order, with one
   tracker read per turn instead of two.
3. A SQLite tracker store (the single-server profile) runs in WAL mode with `synchronous=NORMAL` and
   keeps its connection open: SQLAlchemy 1.4 opens and closes a SQLite file's connection for every
   read and every save, and the close of the last connection checkpoints the log and syncs the file,
   on the event loop. A process crash loses nothing; a power cut may lose the last turns (the
   database stays consistent).

4. Loading a conversation (`SQLTrackerStore._retrieve`, once per turn) looked up each stored event's
   class by walking every subclass of `Event` (`Event.resolve_by_type`, about a third of the load),
   and built an ORM object per row only to read its JSON. Here the classes are looked up in a table
   (rebuilt whenever a new `Event` subclass is defined) and only the JSON column is read: the same
   rows, in the same order, make the same tracker.

5. The check of 1. walks each returned event through the 23 alternatives of Rasa's event schema (about
   1.2 ms of CPU for the five slot events of an answer). A response whose every part is one of the plain
   shapes the actions return (slot, bot and the other events the schema only names, each field of the
   type the schema asks) is one the schema accepts, so it is accepted at once; anything else still
   goes through the full check, which raises exactly Rasa's error.
6. The action call carries the whole conversation, and most of its bytes are what no action reads: the
   NLU parse of every earlier message (its intent ranking and response-selector scores), the data of
   each bot message and every event's metadata. The events before the latest user message are sent
   without those three; every event is still there, in order, with its type, text, names, slot values
   and times, and the current turn's events (from the latest user message on) go exactly as Rasa
   writes them. The actions read earlier events' `event` and `text` only (actions/context.py), and
   rasa-sdk's Tracker reads none of the three keys.
7. The tracker store's two queries of every turn (the latest session's events for the load, their
   count for the save) were ORM queries SQLAlchemy rebuilt and re-keyed for its statement cache each
   time, and the save added each event as an ORM object. Here the same SQL is built once per table
   and the new events are inserted in one statement: the same rows, in the same order.
8. Each policy prediction replays the conversation (`DialogueStateTracker.applied_events` and
   `generate_all_prior_trackers`, five times a turn with a custom action), asking of every event up to
   five times whether it is an instance of an event class. Event is an abstract base class, so each
   of those questions runs Python code of `abc`. Here an event's kind is looked up by its class in a
   table (filled by the same questions, asked once per class): the same events, in the same order.
9. Rasa opens a new HTTP client session, and so a new TCP connection, for every action call, and closes
   it after the answer: about 1.8 ms of CPU per call between the two servers. An endpoint with
   `keep_alive: true` in endpoints.yml (the action endpoint `bot/serve.py` writes) keeps one session per
   event loop open, so its connections are reused; they are dropped after 2 s idle, before the action
   server (Sanic, 5 s) would close them. The request, its response and its errors are Rasa's own.
   `close_kept_sessions()` closes them when the server stops.
10. The catalogue entity extractor (bot/nlu/entities.py, part of the trained pipeline) looks for each of
   the catalogue's 3,500 phrases in every message, exactly and with gaps: 6.7 ms of CPU for the figure
   question, 3 ms for 你好. A phrase is found either way only when each of its characters occurs in the
   message, so here `longest_matches` is handed only those phrases, in their own order (which breaks
   its ties): the same entities, without retraining. It is installed only while the extractor's
   matching code is the code this was checked against (MATCHING_CODE, its digest); a change there turns
   it off until the check is repeated (tests/test_entity_prefilter.py).

`install()` is called in the Rasa server process (it is idempotent). With ZWGK_SPEEDUPS=off it installs
only 1., as before issue 12: `zwgk bench --label` then measures the difference on the same revision.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import inspect
import itertools
import json
import os
import weakref
from typing import Any, Dict, List, Optional, Tuple

import aiohttp

import rasa.shared.core.events as rasa_events
import rasa.shared.utils.common
from rasa.core.actions import action as rasa_action
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, Event, Restarted, SessionStarted,
                                     UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

from bot.nlu import entities

_original = rasa_action.RemoteAction._validate_action_result
_original_save = SQLTrackerStore.save
_original_init = SQLTrackerStore.__init__
_original_retrieve = SQLTrackerStore._retrieve
_original_resolve_by_type = Event.resolve_by_type
_original_call_format = rasa_action.RemoteAction._action_call_format
_original_applied_events = DialogueStateTracker.applied_events
_original_prior_trackers = DialogueStateTracker.generate_all_prior_trackers
_original_session = EndpointConfig.session
_original_longest_matches = entities.longest_matches
KEEP_ALIVE = "keep_alive"
IDLE_SECONDS = 2.0
_kept: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[int, tuple]]" = weakref.WeakKeyDictionary()
_event_types: Dict[str, type] = {}


@functools.lru_cache(maxsize=1)
def response_validator():
    from jsonschema.validators import validator_for

    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self, result: Dict[str, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def _stored_row(sender_id: str, event) -> Dict[str, Any]:
    """The row Rasa's `SQLTrackerStore.save` writes for an event."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


class _Statements:
    """Rasa's `SQLTrackerStore._event_query` for the latest session, as Core statements built once (7.)."""

    def __init__(self, table) -> None:
        import sqlalchemy as sa

        sender = sa.bindparam("sender_id")
        start = (sa.select(sa.func.max(table.c.timestamp).label("session_start"))
                 .where(table.c.sender_id == sender, table.c.type_name == SessionStarted.type_name).subquery())
        latest_session = sa.and_(table.c.sender_id == sender,
                                 sa.or_(table.c.timestamp >= start.c.session_start, start.c.session_start.is_(None)))
        self.events = sa.select(table.c.data).where(latest_session).order_by(table.c.id)
        self.count = sa.select(sa.func.count()).select_from(table).where(latest_session)
        self.insert = table.insert()


@functools.lru_cache(maxsize=None)
def statements(table) -> _Statements:
    return _Statements(table)


def stored_count(store: SQLTrackerStore, session, sender_id: str) -> int:
    """How many events of the sender's latest session are stored (what Rasa's save counts)."""
    return session.execute(statements(store.SQLEvent.__table__).count, {"sender_id": sender_id}).scalar()


async def save(self: SQLTrackerStore, tracker) -> None:
    """Rasa's `SQLTrackerStore.save`, with the events not yet stored counted once (see 2. above) and
    inserted in one statement (7.)."""
    with self.session_scope() as session:
        new_events = tracker.events
        new_events = list(itertools.islice(new_events, stored_count(self, session, tracker.sender_id), len(new_events)))
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
        if new_events:
            session.execute(statements(self.SQLEvent.__table__).insert,
                            [_stored_row(tracker.sender_id, event) for event in new_events])
        session.commit()


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _init(self: SQLTrackerStore, *args, **kwargs) -> None:
    _original_init(self, *args, **kwargs)
    if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
        import sqlalchemy as sa

        self.engine.dispose()
        # One connection kept open, handed to one thread at a time (Rasa uses it from its event loop).
        self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.QueuePool, pool_size=1, max_overflow=4,
                                       connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def event_types() -> Dict[str, type]:
    """Each event type name's class, the first of `all_subclasses(Event)` that has it (as Rasa finds it)."""
    if not _event_types:
        for cls in reversed(rasa.shared.utils.common.all_subclasses(Event)):
            _event_types[cls.type_name] = cls
    return _event_types


def resolve_by_type(type_name: str, default: Optional[type] = None) -> Optional[type]:
    found = event_types().get(type_name)
    return found if found is not None else _original_resolve_by_type(type_name, default)


def _new_event_class(cls, **kwargs) -> None:
    _event_types.clear()
    super(Event, cls).__init_subclass__(**kwargs)


async def _retrieve(self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool):
    """Rasa's `SQLTrackerStore._retrieve`, reading only the events' JSON (see 4. above) with a statement
    built once (7.)."""
    with self.session_scope() as session:
        if fetch_events_from_all_sessions:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=True)
            rows = query.with_entities(self.SQLEvent.data).all()
        else:
            rows = session.execute(statements(self.SQLEvent.__table__).events, {"sender_id": sender_id})
        events = [json.loads(data) for (data,) in rows]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


_PLAIN_EVENTS = {"bot", "session_started", "restart", "followup", "reminder", "cancel_reminder", "pause", "resume",
                 "export", "undo", "rewind", "reset_slots", "form", "active_loop", "loop_interrupted", "agent",
                 "form_validation", "action_execution_rejected", "user_featurization"}
_ACTION_FIELDS = {"policy": (str, type(None)), "confidence": (int, float, type(None)), "name": (str, type(None)),
                  "hide_rule_turn": (bool,), "action_text": (str, type(None))}


def _of_types(event: Dict[str, Any], fields: Dict[str, tuple]) -> bool:
    """Each field present has one of the types (exact types: JSON's number is never a bool)."""
    return all(type(event[name]) in types for name, types in fields.items() if name in event)


def _plain_event(event: Any) -> bool:
    """An event Rasa's event schema accepts for certain (one alternative of its `oneOf` and no other)."""
    if type(event) is not dict or type(event.get("event")) is not str:
        return False
    if not _of_types(event, {"timestamp": (int, float, type(None)), "metadata": (dict, type(None))}):
        return False
    kind = event["event"]
    if kind == "slot":
        return "value" in event and type(event.get("name")) is str
    if kind == "action":
        return _of_types(event, _ACTION_FIELDS)
    return kind in _PLAIN_EVENTS


def plainly_valid(result: Any) -> bool:
    """Whether an action server response is one Rasa's response schema accepts for certain (5. above);
    False means only that the full check has to decide."""
    if type(result) is not dict:
        return False
    events, responses = result.get("events", []), result.get("responses", [])
    return type(events) is list and type(responses) is list and all(map(_plain_event, events)) \
        and all(type(r) is dict for r in responses)


def validate_plain_first(self, result: Dict[str, Any]) -> bool:
    return True if plainly_valid(result) else validate_action_result(self, result)


_HISTORY_ONLY = {"user": ("parse_data", "metadata"), "bot": ("data", "metadata")}


def lean_events(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The events of an action call, those before the latest user message without what no action reads
    (see 6. above); the rest as they are."""
    latest_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=0)
    return [_lean(event) for event in events[:latest_user]] + events[latest_user:]


def _lean(event: Dict[str, Any]) -> Dict[str, Any]:
    dropped = _HISTORY_ONLY.get(event.get("event"), ("metadata",))
    return {key: value for key, value in event.items() if key not in dropped}


def action_call_format(self, tracker, domain) -> Dict[str, Any]:
    """Rasa's request to the action server, with the earlier events lean (6.)."""
    call = _original_call_format(self, tracker, domain)
    call["tracker"]["events"] = lean_events(call["tracker"]["events"])
    return call


# An event's kind, as `applied_events` tells them apart (in the order it asks), by the event's class (8.).
RESET, ACTION_REVERTED, USER_REVERTED, ACTION, LOOP, OTHER = range(6)
_KINDS = ((RESET, (Restarted, SessionStarted)), (ACTION_REVERTED, ActionReverted),
          (USER_REVERTED, UserUtteranceReverted), (ACTION, ActionExecuted), (LOOP, ActiveLoop))
_kind_of_class: Dict[type, int] = {}


def kind(event: Event) -> int:
    cls = type(event)
    found = _kind_of_class.get(cls)
    if found is None:
        found = _kind_of_class[cls] = next((k for k, classes in _KINDS if issubclass(cls, classes)), OTHER)
    return found


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Rasa's `DialogueStateTracker.applied_events`, each event's kind found in a table (8. above)."""
    kinds = [kind(event) for event in self.events]
    loop_names = [event.name for event, k in zip(self.events, kinds) if k == LOOP and event.name]
    applied: List[Event] = []
    for event, k in zip(self.events, kinds):
        if k == RESET:
            applied = []
        elif k == ACTION_REVERTED:
            self._undo_till_previous(ActionExecuted, applied)
        elif k == USER_REVERTED:
            self._undo_till_previous(rasa_events.UserUttered, applied)
            self._undo_till_previous(ActionExecuted, applied)
        elif k == ACTION and event.action_name in loop_names \
                and not self._first_loop_execution_or_unhappy_path(event.action_name, applied):
            self._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
    return applied


def generate_all_prior_trackers(self: DialogueStateTracker):
    """Rasa's `DialogueStateTracker.generate_all_prior_trackers`, with the kind table of 8."""
    tracker = self.init_copy()
    for event in self.applied_events():
        if kind(event) == ACTION:
            yield tracker, event.hide_rule_turn
        tracker.update(event)
    yield tracker, False


class _LeftOpen:
    """A session that `async with` hands out without closing it afterwards (9.)."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc) -> None:
        return None


def _new_kept_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's `EndpointConfig.session`, with connections kept for IDLE_SECONDS."""
    auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"]) \
        if endpoint.basic_auth else None
    return aiohttp.ClientSession(headers=endpoint.headers, auth=auth,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                 connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS))


def session(self: EndpointConfig):
    """Rasa's new session per request, or for a keep-alive endpoint its open one on this loop (9.)."""
    if not self.kwargs.get(KEEP_ALIVE):
        return _original_session(self)
    sessions = _kept.setdefault(asyncio.get_running_loop(), {})
    endpoint, kept = sessions.get(id(self), (None, None))
    if endpoint is not self or kept.closed:
        kept = _new_kept_session(self)
        sessions[id(self)] = (self, kept)
    return _LeftOpen(kept)


async def close_kept_sessions() -> None:
    """Closes the sessions kept open on the running loop."""
    for _, kept in _kept.pop(asyncio.get_running_loop(), {}).values():
        await kept.close()


# The digest of the extractor's matching code the prefilter of 10. was checked against.
MATCHING_CODE = "f05eb28f70c200ed"
_phrase_index: Dict[int, tuple] = {}


def matching_code_digest() -> str:
    code = "".join(inspect.getsource(f) for f in (_original_longest_matches, entities._exact, entities._gapped))
    return hashlib.sha256(f"{code}{entities.MIN_GAPPED_PHRASE}{entities.MAX_GAP}".encode()).hexdigest()[:16]


def _index(phrases: Dict[str, tuple]) -> Dict[str, List[Tuple[int, str, frozenset]]]:
    """The phrases by their first character: (position in `phrases`, phrase, its characters)."""
    known, index = _phrase_index.get(id(phrases), (None, None))
    if known is not phrases:
        index = {}
        for position, phrase in enumerate(phrases):
            index.setdefault(phrase[:1], []).append((position, phrase, frozenset(phrase)))
        _phrase_index[id(phrases)] = (phrases, index)
    return index


def findable_phrases(text: str, phrases: Dict[str, tuple]) -> Dict[str, tuple]:
    """The phrases whose every character occurs in the text (lower-cased as `longest_matches` does),
    in the order of `phrases`; an empty phrase is always kept."""
    index, chars = _index(phrases), set(text.lower())
    found = sorted(entry for first in chars | {""} for entry in index.get(first, ()) if entry[2] <= chars)
    return {phrase: phrases[phrase] for _, phrase, _ in found}


def longest_matches(text: str, phrases: Dict[str, tuple]):
    """bot.nlu.entities.longest_matches over the phrases that can be found in the text (10.)."""
    return _original_longest_matches(text, findable_phrases(text, phrases))


def enabled() -> bool:
    """Whether the speed-ups 2. to 10. are wanted; 1. is always installed."""
    return os.environ.get("ZWGK_SPEEDUPS", "on").lower() not in ("0", "off", "no")


def install() -> None:
    rasa_action.RemoteAction._validate_action_result = validate_action_result
    if not enabled():
        return
    rasa_action.RemoteAction._validate_action_result = validate_plain_first
    rasa_action.RemoteAction._action_call_format = action_call_format
    DialogueStateTracker.applied_events = applied_events
    DialogueStateTracker.generate_all_prior_trackers = generate_all_prior_trackers
    EndpointConfig.session = session
    if matching_code_digest() == MATCHING_CODE:
        entities.longest_matches = longest_matches
    SQLTrackerStore.save = save
    SQLTrackerStore.__init__ = _init
    SQLTrackerStore._retrieve = _retrieve
    Event.resolve_by_type = staticmethod(resolve_by_type)
    Event.__init_subclass__ = classmethod(_new_event_class)


def original_applied_events(tracker: DialogueStateTracker) -> List[Event]:
    """Rasa's own, to compare against."""
    return _original_applied_events(tracker)


def original_prior_trackers(tracker: DialogueStateTracker):
    """Rasa's own, to compare against."""
    return _original_prior_trackers(tracker)


def original_validate_action_result(action, result: Dict[str, Any]) -> bool:
    """Rasa's own check, to compare against."""
    return _original(action, result)


async def original_retrieve(store: SQLTrackerStore, sender_id: str):
    """Rasa's own load of the latest session, to compare against."""
    return await _original_retrieve(store, sender_id, fetch_events_from_all_sessions=False)


def original_longest_matches(text: str, phrases: Dict[str, tuple]):
    """The extractor's own, to compare against."""
    return _original_longest_matches(text, phrases)


def original_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's own session, to compare against."""
    return _original_session(endpoint)


def original_action_call_format(action, tracker, domain) -> Dict[str, Any]:
    """Rasa's own request to the action server, to compare against."""
    return _original_call_format(action, tracker, domain)


async def original_save(store: SQLTrackerStore, tracker) -> None:
    """Rasa's own save, to compare against."""
    await _original_save(store, tracker)
