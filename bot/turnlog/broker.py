"""Rasa's SQL event broker, written from a background thread so the turn never waits on the disk.

Configured in endpoints.yml as `event_broker: {type: bot.turnlog.broker.TurnBroker, url: <SQLAlchemy URL>}`.
Rows go to Rasa's own `events` table (id, sender_id, data) in batches, one transaction each. The broker
also remembers each sender's latest intent and actions so the REST channel's log line needs no
tracker read of its own.
"""
import logging
import queue
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.brokers.sql import SQLEventBroker

from bot.turnlog import database

logger = logging.getLogger(__name__)
BATCH = 500
REMEMBERED_SENDERS = 10_000
_STOP = object()


class TurnSummaries:
    """Each sender's latest intent and actions, from the events as they are published."""

    def __init__(self, limit: int = REMEMBERED_SENDERS) -> None:
        self.limit = limit
        self._latest: "OrderedDict[str, Tuple[Optional[str], List[str]]]" = OrderedDict()

    def see(self, event: Dict[Text, Any]) -> None:
        sender, kind = event.get("sender_id"), event.get("event")
        if kind == "user":
            self._latest.pop(sender, None)
            self._latest[sender] = (((event.get("parse_data") or {}).get("intent") or {}).get("name"), [])
            while len(self._latest) > self.limit:
                self._latest.popitem(last=False)
        elif kind == "action" and sender in self._latest and event.get("name") != "action_listen":
            self._latest[sender][1].append(event.get("name"))

    def latest(self, sender: str) -> Tuple[Optional[str], List[str]]:
        return self._latest.get(sender, (None, []))


class TurnBroker(SQLEventBroker):
    def __init__(self, host: Optional[Text] = None, url: Optional[Text] = None, **kwargs: Any) -> None:
        self.engine = database.engine(url or host or database.default_url())
        import sqlalchemy.orm

        self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)
        self.summaries = TurnSummaries()
        self._queue: "queue.Queue[Any]" = queue.Queue()
        self._writer = threading.Thread(target=self._write_forever, name="turn-broker", daemon=True)
        self._writer.start()

    @classmethod
    async def from_endpoint_config(cls, broker_config, event_loop=None) -> "TurnBroker":
        return cls(host=broker_config.url, **broker_config.kwargs)

    def publish(self, event: Dict[Text, Any]) -> None:
        self.summaries.see(event)
        self._queue.put(event)

    def _write_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = any(item is _STOP for item in batch)
            self._write([item for item in batch if item is not _STOP])
            for _ in batch:
                self._queue.task_done()
            if stop:
                return

    def _write(self, events: List[Dict[Text, Any]]) -> None:
        if not events:
            return
        try:
            database.append_events(self.engine, events)
        except Exception:  # noqa: BLE001 - a lost record must never end the conversation
            logger.exception("could not record %d events", len(events))

    def flush(self) -> None:
        """Waits until every event published so far is written."""
        self._queue.join()

    async def close(self) -> None:
        self._queue.put(_STOP)
        self._writer.join(10)


def broker_of(agent: Any) -> Optional[TurnBroker]:
    """The agent's event broker when it records turns, else None."""
    broker = getattr(getattr(agent, "tracker_store", None), "event_broker", None)
    return broker if isinstance(broker, TurnBroker) else None
