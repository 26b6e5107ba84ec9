"""The turn database: Rasa's `events` table (written by the event broker) and this project's tables
of turns, staff accounts, sessions and login failures. SQLite in `.build/` by default, any SQLAlchemy
URL (PostgreSQL for several Rasa servers) through ZWGK_TURNS_URL."""
import json
import os
from pathlib import Path
from typing import Any, Dict, Iterable

import sqlalchemy as sa

from bot import paths

metadata = sa.MetaData()
# Rasa's SQL event broker's own table (rasa/core/brokers/sql.py), declared here so that reading the
# record does not load Rasa.
EVENTS = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("data", sa.Text),
)

turns = sa.Table(
    "zwgk_turns", metadata,
    sa.Column("turn_id", sa.String(255), primary_key=True),
    sa.Column("sender_id", sa.String(255), index=True, nullable=False),
    sa.Column("channel", sa.String(64)),
    sa.Column("time", sa.Float, index=True, nullable=False),
    sa.Column("day", sa.String(10), index=True, nullable=False),
    sa.Column("question", sa.Text),
    sa.Column("typed", sa.Text),
    sa.Column("intent", sa.String(255)),
    sa.Column("confidence", sa.Float),
    sa.Column("actions", sa.Text),
    sa.Column("answer", sa.Text),
    sa.Column("kind", sa.String(255)),
    sa.Column("metric", sa.String(255)),
    sa.Column("cited", sa.Text),
    sa.Column("fallback", sa.Boolean, default=False),
    sa.Column("not_in_report", sa.Boolean, default=False),
    sa.Column("apology", sa.Boolean, default=False),
    sa.Column("feedback", sa.String(16)),
    sa.Column("marked", sa.Boolean, default=False),
    sa.Column("first_event", sa.Integer),
    sa.Column("last_event", sa.Integer),
)
settings = sa.Table(
    "zwgk_settings", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text),
)
staff = sa.Table(
    "zwgk_staff", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created", sa.Float, nullable=False),
)
sessions = sa.Table(
    "zwgk_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("expires", sa.Float, nullable=False),
)
login_failures = sa.Table(
    "zwgk_login_failures", metadata,
    sa.Column("who", sa.String(255), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("last", sa.Float, nullable=False),
)


def default_url() -> str:
    """ZWGK_TURNS_URL, else SQLite `turns.db` next to the knowledge base in the build directory."""
    url = os.environ.get("ZWGK_TURNS_URL")
    if url:
        return url
    path = Path(os.environ.get("ZWGK_TURNS_DB", paths.BUILD / "turns.db"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the staff pages) never block the broker
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_engines: Dict[str, sa.engine.Engine] = {}


def engine(url: str = None) -> sa.engine.Engine:
    """One engine per URL and process, with every table created."""
    url = url or default_url()
    if url not in _engines:
        options = {}
        parsed = sa.engine.make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            # Connections kept open: closing SQLite's last one checkpoints and syncs the file, per batch.
            options = {"poolclass": sa.pool.QueuePool, "connect_args": {"check_same_thread": False}}
        created = sa.create_engine(url, future=True, **options)
        if created.dialect.name == "sqlite":
            sa.event.listen(created, "connect", _sqlite_pragmas)
        metadata.create_all(created)
        _engines[url] = created
    return _engines[url]


def _as_json(event: Dict[str, Any]) -> str:
    text = json.dumps(event, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate typed by a client: kept as a JSON escape
        text = json.dumps(event)
    return text


def append_events(db: sa.engine.Engine, events: Iterable[Dict[str, Any]]) -> None:
    rows = [{"sender_id": e.get("sender_id"), "data": _as_json(e)} for e in events]
    with db.begin() as connection:
        connection.execute(EVENTS.insert(), rows)
