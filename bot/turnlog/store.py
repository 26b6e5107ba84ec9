"""Reads the broker's events into the turns table and answers the staff pages' questions."""
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from bot.turnlog import database as db
from bot.turnlog import turns as fold

DEFAULT_RETENTION_DAYS = 180
INGEST_BATCH = 2000
PURGE_EVERY_S = 3600
DAY_S = 86400


@dataclass
class Filter:
    """Which turns a list or an export shows."""

    query: str = ""
    problems_only: bool = False  # not answered, not in the report, an apology, or marked unhelpful
    marked_only: bool = False
    days: Optional[int] = None


class TurnStore:
    def __init__(self, url: Optional[str] = None, retention_days: int = DEFAULT_RETENTION_DAYS,
                 clock=time.time) -> None:
        self.engine = db.engine(url)
        self.retention_days = retention_days
        self.clock = clock
        self._purged = 0.0
        self._ingesting = threading.Lock()  # two pages opened at once read the new events once

    # ---- events → turns -----------------------------------------------------------------

    def cursor(self, connection) -> int:
        value = connection.execute(sa.select(db.settings.c.value).where(db.settings.c.name == "cursor")).scalar()
        return int(value or 0)

    def _set(self, connection, name: str, value: str) -> None:
        updated = connection.execute(db.settings.update().where(db.settings.c.name == name).values(value=value))
        if not updated.rowcount:
            connection.execute(db.settings.insert().values(name=name, value=value))

    def ingest(self) -> int:
        """Folds the events published since the last call into turns; the number of events read."""
        with self._ingesting:
            return self._ingest()

    def _ingest(self) -> int:
        total = 0
        while True:
            with self.engine.begin() as connection:
                start = self.cursor(connection)
                rows = connection.execute(
                    sa.select(db.EVENTS.c.id, db.EVENTS.c.data).where(db.EVENTS.c.id > start)
                    .order_by(db.EVENTS.c.id).limit(INGEST_BATCH)).all()
                if not rows:
                    break
                self._fold(connection, rows)
                self._set(connection, "cursor", str(rows[-1].id))
                total += len(rows)
        if self.clock() - self._purged > PURGE_EVERY_S:
            self.purge()
        return total

    def _fold(self, connection, rows) -> None:
        open_turns: Dict[str, Dict[str, Any]] = {}
        changed: Dict[str, Dict[str, Any]] = {}
        feedback: List[Dict[str, Any]] = []
        for row in rows:
            event = json.loads(row.data)
            sender, kind = str(event.get("sender_id")), event.get("event")
            if kind == "user":
                turn = fold.new_turn(event, row.id)
                if self._exists(connection, turn["turn_id"]) or turn["turn_id"] in changed:
                    open_turns.pop(sender, None)
                    continue
                open_turns[sender] = changed[turn["turn_id"]] = turn
            elif kind in ("action", "bot"):
                turn = open_turns.get(sender) or self._latest(connection, sender)
                if turn is not None:
                    open_turns[sender] = changed[turn["turn_id"]] = turn
                    fold.add_event(turn, event, row.id)
            elif kind == fold.FEEDBACK_EVENT:
                feedback.append(event)
        for turn in changed.values():
            self._save(connection, turn)
        for event in feedback:
            self._feedback(connection, event)

    def _exists(self, connection, turn_id: str) -> bool:
        return connection.execute(sa.select(db.turns.c.turn_id).where(db.turns.c.turn_id == turn_id)).first() is not None

    def _latest(self, connection, sender: str) -> Optional[Dict[str, Any]]:
        row = connection.execute(sa.select(db.turns).where(db.turns.c.sender_id == sender)
                                 .order_by(db.turns.c.time.desc()).limit(1)).mappings().first()
        return dict(row) if row else None

    def _save(self, connection, turn: Dict[str, Any]) -> None:
        values = {k: v for k, v in turn.items() if k != "turn_id"}
        updated = connection.execute(db.turns.update().where(db.turns.c.turn_id == turn["turn_id"]).values(**values))
        if not updated.rowcount:
            connection.execute(db.turns.insert().values(**turn))

    def _feedback(self, connection, event: Dict[str, Any]) -> None:
        """Sent once: the first rating of a turn, by the citizen whose turn it is, counts."""
        connection.execute(db.turns.update().where(
            (db.turns.c.turn_id == str(event.get("message_id"))) & (db.turns.c.sender_id == str(event.get("sender_id")))
            & db.turns.c.feedback.is_(None)).values(feedback=fold.feedback_value(event)))

    # ---- retention -----------------------------------------------------------------------

    def purge(self) -> int:
        """Deletes turns (and their events) older than the retention; the number of turns deleted."""
        self._purged = self.clock()
        cutoff = self.clock() - self.retention_days * DAY_S
        with self.engine.begin() as connection:
            last = connection.execute(sa.select(sa.func.max(db.turns.c.last_event)).where(db.turns.c.time < cutoff)).scalar()
            if last is not None:
                connection.execute(db.EVENTS.delete().where(db.EVENTS.c.id <= min(last, self.cursor(connection))))
            return connection.execute(db.turns.delete().where(db.turns.c.time < cutoff)).rowcount

    # ---- pseudonyms ------------------------------------------------------------------------

    def _secret(self) -> bytes:
        with self.engine.begin() as connection:
            value = connection.execute(sa.select(db.settings.c.value).where(db.settings.c.name == "pseudonym_key")).scalar()
            if value is None:
                value = secrets.token_hex(32)
                connection.execute(db.settings.insert().values(name="pseudonym_key", value=value))
        return bytes.fromhex(value)

    def pseudonym(self, sender_id: str) -> str:
        """The same citizen always gets the same name; the name does not reveal the id."""
        if not hasattr(self, "_key"):
            self._key = self._secret()
        return "市民-" + hmac.new(self._key, sender_id.encode(), hashlib.sha256).hexdigest()[:8]

    # ---- what the pages show ----------------------------------------------------------------

    def per_day(self, days: int = 30) -> List[Dict[str, Any]]:
        since = self.clock() - days * DAY_S
        query = (sa.select(db.turns.c.day, db.turns.c.channel, sa.func.count().label("n"))
                 .where(db.turns.c.time >= since).group_by(db.turns.c.day, db.turns.c.channel)
                 .order_by(db.turns.c.day))
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(query).mappings()]

    def totals(self) -> Dict[str, int]:
        t = db.turns.c
        columns = [sa.func.count().label("turns"),
                   sa.func.count(sa.distinct(t.sender_id)).label("citizens"),
                   sa.func.sum(sa.case((problem_clause(), 1), else_=0)).label("problems"),
                   sa.func.sum(sa.case((t.feedback == "helpful", 1), else_=0)).label("helpful"),
                   sa.func.sum(sa.case((t.feedback == "unhelpful", 1), else_=0)).label("unhelpful")]
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(*columns)).mappings().first()
        return {k: int(v or 0) for k, v in row.items()}

    def topics(self, limit: int = 15) -> List[Dict[str, Any]]:
        """The most asked kinds of question: the answer's route (or the response) and the figure named."""
        t = db.turns.c
        query = (sa.select(t.kind, t.metric, sa.func.count().label("n")).group_by(t.kind, t.metric)
                 .order_by(sa.desc("n")).limit(limit))
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(query).mappings()]

    def turns(self, which: Filter, limit: int = 200) -> List[Dict[str, Any]]:
        query = sa.select(db.turns).where(*filter_clauses(which, self.clock())).order_by(db.turns.c.time.desc())
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            rows = [dict(r) for r in connection.execute(query).mappings()]
        for row in rows:
            row["citizen"] = self.pseudonym(row["sender_id"])
            row["cited"] = json.loads(row["cited"] or "[]")
        return rows

    def turn(self, turn_id: str) -> Optional[Dict[str, Any]]:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(db.turns).where(db.turns.c.turn_id == turn_id)).mappings().first()
        return dict(row) if row else None

    def mark(self, turn_id: str, marked: bool) -> bool:
        with self.engine.begin() as connection:
            return connection.execute(db.turns.update().where(db.turns.c.turn_id == turn_id)
                                      .values(marked=marked)).rowcount == 1


def problem_clause():
    t = db.turns.c
    return sa.or_(t.fallback.is_(True), t.not_in_report.is_(True), t.apology.is_(True), t.feedback == "unhelpful")


def filter_clauses(which: Filter, now: float) -> list:
    t = db.turns.c
    clauses = []
    if which.query:
        like = "%" + which.query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(sa.or_(t.question.like(like, escape="\\"), t.typed.like(like, escape="\\"),
                              t.answer.like(like, escape="\\")))
    if which.problems_only:
        clauses.append(problem_clause())
    if which.marked_only:
        clauses.append(t.marked.is_(True))
    if which.days:
        clauses.append(t.time >= now - which.days * DAY_S)
    return clauses
