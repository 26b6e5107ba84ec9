"""The turn record in PostgreSQL (ZWGK_TURNS_URL), as several Rasa servers would share it: the
broker writes Rasa's events table there, the store folds them into turns, staff accounts live there
too. PostgreSQL comes from scripts/ensure-services.sh, as for the scale-out test. Rasa's SQL tracker
store names its table `events` as the SQL event broker does, so the record gets a schema (or a
database) of its own."""
import asyncio
import subprocess
import uuid
import warnings
from pathlib import Path

import pytest

from tests.support.required import missing
from tests.test_turn_record import action, bot, user

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parent.parent
ENSURE = ROOT / "scripts" / "ensure-services.sh"
CANNOT_INSTALL = 3


@pytest.fixture(scope="module")
def postgres_url():
    done = subprocess.run(["bash", str(ENSURE)], capture_output=True, text=True, timeout=600)
    if done.returncode == CANNOT_INSTALL:
        message = f"the PostgreSQL turn record: PostgreSQL cannot be installed here.\n{done.stderr}"
        warnings.warn(message)
        missing(message)
    assert done.returncode == 0, f"{ENSURE} failed ({done.returncode}):\n{done.stderr}"
    s = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    base = f"postgresql://{s['PG_USER']}:{s['PG_PASSWORD']}@{s['PG_HOST']}:{s['PG_PORT']}/{s['PG_DB']}"
    import sqlalchemy as sa

    engine = sa.create_engine(base, future=True)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE SCHEMA IF NOT EXISTS zwgk_turns"))
    engine.dispose()
    yield base + "?options=-csearch_path%3Dzwgk_turns"
    if s.get("STARTED"):
        subprocess.run(["bash", str(ENSURE), "stop"], capture_output=True, timeout=120)


def test_turns_feedback_and_accounts_in_postgresql(postgres_url):
    from bot.admin.auth import Staff
    from bot.turnlog import turns
    from bot.turnlog.broker import TurnBroker
    from bot.turnlog.store import Filter, TurnStore

    sender, turn_id = f"pg-{uuid.uuid4().hex}", uuid.uuid4().hex
    broker = TurnBroker(url=postgres_url)
    for event in [user(sender, turn_id, "申请的办理结果怎样"), action(sender, "action_answer_breakdown"),
                  bot(sender, "办结25件", {"kind": "breakdown", "cited": ["报告 第一部分"]}),
                  turns.feedback_event(sender, turn_id, False, "rest")]:
        broker.publish(event)
    broker.flush()
    asyncio.run(broker.close())

    store = TurnStore(postgres_url)
    store.ingest()
    [turn] = [t for t in store.turns(Filter(problems_only=True), limit=0) if t["turn_id"] == turn_id]
    assert (turn["kind"], turn["feedback"], turn["cited"]) == ("breakdown", "unhelpful", ["报告 第一部分"])
    assert store.mark(turn_id, True)

    staff = Staff(store.engine)
    name = f"pg-staff-{uuid.uuid4().hex[:8]}"
    staff.add_user(name, "a long staff password")
    assert staff.session(staff.login(name, "a long staff password", "127.0.0.1")).username == name
    staff.remove_user(name)
