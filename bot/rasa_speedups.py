"""Hot spots of Rasa 3.6 (pinned) removed without changing what Rasa does.

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

`install()` is called in the Rasa server process (it is idempotent). With ZWGK_SPEEDUPS=off it installs
only 1., as before issue 12: `zwgk bench --label` then measures the difference on the same revision.
"""
from __future__ import annotations

import functools
import json
import os
from typing import Any, Dict, Optional

import rasa.shared.utils.common
from rasa.core.actions import action as rasa_action
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

_original = rasa_action.RemoteAction._validate_action_result
_original_save = SQLTrackerStore.save
_original_init = SQLTrackerStore.__init__
_original_retrieve = SQLTrackerStore._retrieve
_original_resolve_by_type = Event.resolve_by_type
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


def _stored_row(store: SQLTrackerStore, sender_id: str, event) -> Any:
    data = event.as_dict()
    return store.SQLEvent(sender_id=sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                          intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                          action_name=data.get("name"), data=json.dumps(data))


async def save(self: SQLTrackerStore, tracker) -> None:
    """Rasa's `SQLTrackerStore.save`, with the events not yet stored counted once (see 2. above)."""
    with self.session_scope() as session:
        new_events = list(self._additional_events(session, tracker))
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
        for event in new_events:
            session.add(_stored_row(self, tracker.sender_id, event))
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
    """Rasa's `SQLTrackerStore._retrieve`, reading only the events' JSON (see 4. above)."""
    with self.session_scope() as session:
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions)
        events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data).all()]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


def enabled() -> bool:
    """Whether the tracker-store speed-ups (2. to 4.) are wanted; 1. is always installed."""
    return os.environ.get("ZWGK_SPEEDUPS", "on").lower() not in ("0", "off", "no")


def install() -> None:
    rasa_action.RemoteAction._validate_action_result = validate_action_result
    if not enabled():
        return
    SQLTrackerStore.save = save
    SQLTrackerStore.__init__ = _init
    SQLTrackerStore._retrieve = _retrieve
    Event.resolve_by_type = staticmethod(resolve_by_type)
    Event.__init_subclass__ = classmethod(_new_event_class)


def original_validate_action_result(action, result: Dict[str, Any]) -> bool:
    """Rasa's own check, to compare against."""
    return _original(action, result)


async def original_retrieve(store: SQLTrackerStore, sender_id: str):
    """Rasa's own load of the latest session, to compare against."""
    return await _original_retrieve(store, sender_id, fetch_events_from_all_sessions=False)


async def original_save(store: SQLTrackerStore, tracker) -> None:
    """Rasa's own save, to compare against."""
    await _original_save(store, tracker)
