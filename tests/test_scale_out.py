"""The scale-out profile of docs/scaling.md: two Rasa servers (each with its own action server) share
a PostgreSQL tracker store and a Redis lock store; one conversation alternates between them."""
from __future__ import annotations

import asyncio
import json
import re
import subprocess
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from measure.bench import client as bench_client
from bot.nlu.normalize import user_text_for_rasa
from tests.support.required import missing
from tests.wechat_sim import FOLLOW_UP, GRANTED, QUESTION, RECEIVED, has_figure

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parent.parent
ENSURE = ROOT / "scripts" / "ensure-services.sh"
CANNOT_INSTALL = 3
PARTLY = "那部分公开的呢？"


def documented_endpoints() -> dict:
    """The endpoints block of docs/scaling.md, as written there."""
    text = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- scale-out endpoints -->\s*```yaml\n(.*?)```", text, re.S)
    assert block, "docs/scaling.md lost its endpoints block"
    return yaml.safe_load(block.group(1))


def test_the_documented_profile_shares_tracker_and_lock_store():
    endpoints = documented_endpoints()
    assert endpoints["tracker_store"]["type"] == "SQL" and endpoints["tracker_store"]["dialect"] == "postgresql"
    assert endpoints["lock_store"]["type"] == "bot.lock_store.AtomicRedisLockStore"


def test_the_bench_profile_starts_what_the_documentation_shows():
    from bot import serve

    documented = documented_endpoints()
    assert {k: documented[k] for k in serve.SCALE_OUT_STORES} == serve.SCALE_OUT_STORES


@pytest.fixture(scope="module")
def services() -> Dict[str, str]:
    done = subprocess.run(["bash", str(ENSURE)], capture_output=True, text=True, timeout=600)
    if done.returncode == CANNOT_INSTALL:
        message = f"the scale-out test: Redis/PostgreSQL cannot be installed here.\n{done.stderr}"
        warnings.warn(message)
        print(message)
        missing(message)
    assert done.returncode == 0, f"{ENSURE} failed ({done.returncode}):\n{done.stderr}"
    settings = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    yield settings
    if settings.get("STARTED"):
        subprocess.run(["bash", str(ENSURE), "stop"], capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def pair(services, tmp_path_factory):
    from tests.support.servers import start_servers

    env = {k: v for k, v in services.items() if k != "STARTED"}
    started = []
    try:
        for name in ("a", "b"):
            extra = documented_endpoints()
            del extra["action_endpoint"]  # each pair's own action server, set by start_servers
            started.append(start_servers(tmp_path_factory.mktemp(f"scale-{name}"), env=env, endpoints_extra=extra))
        yield started
    finally:
        for servers in started:
            servers.stop()


def _lock_store(services: Dict[str, str]):
    from rasa.utils.endpoints import EndpointConfig

    from bot.lock_store import AtomicRedisLockStore

    config = EndpointConfig(url=services["REDIS_HOST"], port=services["REDIS_PORT"], db=1, key_prefix="zwgktest")
    return AtomicRedisLockStore(endpoint_config=config)


def test_tickets_drawn_at_the_same_moment_are_all_different(services):
    store, conversation = _lock_store(services), bench_client.new_sender("tickets")
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda _: store.issue_ticket(conversation), range(200)))
    assert sorted(tickets) == list(range(200))
    store.delete_lock(conversation)


def test_only_one_holder_at_a_time_across_lock_store_instances(services):
    """Eight lock stores (as eight Rasa servers would have) increment one Redis counter by
    read-wait-write inside the lock; no increment is lost."""
    import redis

    conversation = bench_client.new_sender("mutex")
    counter = f"zwgktest:counter:{conversation}"
    red = redis.Redis(host=services["REDIS_HOST"], port=int(services["REDIS_PORT"]), db=1)

    def worker(_):
        store = _lock_store(services)

        async def increments():
            for _ in range(5):
                async with store.lock(conversation, wait_time_in_seconds=0.005):
                    value = int(red.get(counter) or 0)
                    await asyncio.sleep(0.002)
                    red.set(counter, value + 1)

        asyncio.run(increments())

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(worker, range(8)))
    assert int(red.get(counter)) == 40
    assert red.get("zwgktest:lock:" + conversation) is None, "the lock outlived its last holder"
    red.delete(counter)


def stored_events(services: Dict[str, str], sender: str) -> List[dict]:
    import psycopg2

    with psycopg2.connect(host=services["PG_HOST"], port=services["PG_PORT"], dbname=services["PG_DB"],
                          user=services["PG_USER"], password=services["PG_PASSWORD"]) as db:
        with db.cursor() as cursor:
            cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [json.loads(data) for (data,) in cursor.fetchall()]


def test_a_conversation_alternating_between_servers_keeps_its_context(pair, services):
    a, b = pair
    sender = bench_client.new_sender("scale")
    first = a.text(sender, QUESTION)
    assert has_figure(first, RECEIVED), first
    follow_up = b.text(sender, FOLLOW_UP)
    assert has_figure(follow_up, GRANTED), follow_up
    again = a.text(sender, PARTLY)
    assert "部分公开" in again, again
    users = [e["text"] for e in stored_events(services, sender) if e["event"] == "user"]
    assert users == [user_text_for_rasa(t) for t in (QUESTION, FOLLOW_UP, PARTLY)]


def test_simultaneous_messages_of_one_citizen_on_both_servers_are_taken_one_at_a_time(pair, services):
    import redis

    a, b = pair
    senders = [bench_client.new_sender("lock") for _ in range(3)]
    texts = [QUESTION, "你好", "怎么申请政府信息公开", "要收费吗", "谢谢", "多久能答复"]
    red = redis.Redis(host=services["REDIS_HOST"], port=int(services["REDIS_PORT"]), db=1)
    sets_before = red.info("commandstats").get("cmdstat_set", {}).get("calls", 0)

    async def at_once():
        async with bench_client.client_session(len(texts) * len(senders)) as session:
            return await asyncio.gather(*(bench_client.turn(session, (a, b)[i % 2].rasa_url, sender, text)
                                          for sender in senders for i, text in enumerate(texts)))

    turns = asyncio.run(at_once())
    assert all(t.answered for t in turns), [(t.text, t.status, t.error, t.messages) for t in turns]
    assert red.info("commandstats").get("cmdstat_set", {}).get("calls", 0) > sets_before, "Redis took no lock"

    for sender in senders:
        stored = stored_events(services, sender)
        trace = [(e["event"], e.get("name") or e.get("text")) for e in stored]
        events = [e for e in stored if e["event"] in ("user", "bot")]
        assert sorted(e["text"] for e in events if e["event"] == "user") == sorted(map(user_text_for_rasa, texts)), trace
        kinds = [e["event"] for e in events]
        # every user message is answered before the next one is taken
        assert kinds[0] == "user" and kinds[-1] == "bot", trace
        assert "user" not in [kinds[i + 1] for i, kind in enumerate(kinds[:-1]) if kind == "user"], trace
