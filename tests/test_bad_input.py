"""Bad input through the real channels: every text of the corpus (tests/bad_inputs/) gets a 200 and a
non-empty reply through REST and WeChat that is not the apology of a failed turn, malformed bodies get
a clear 400, no turn fails in the servers' logs, no server dies and the knowledge base file is byte for
byte the same afterwards."""
from __future__ import annotations

import asyncio
import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from typing import List

import aiohttp
import pytest

from bot.channels.turns import APOLOGY
from tests.bad_inputs import corpus
from tests.wechat_sim import QUESTION, RECEIVED, WeChatSimulator, has_figure, new_openid

TOKEN = "zwgkBadInputToken"
CONCURRENCY = 8
CORPUS = corpus.texts()
BODIES = corpus.bodies()
WECHAT_BODIES = corpus.wechat_bodies()
# What the servers log when a turn fails: an action that raised (Rasa's and the action server's log),
# or a turn the channels gave up on (they answer it with the apology).
FAILED_TURN = re.compile(r"Traceback|Encountered an exception while running action|turn failed|The bot failed")


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_covers_every_category_with_300_inputs():
    counts = corpus.by_category(CORPUS)
    for category in ("blank", "control", "long", "emoji", "emoji_only", "html_script", "sql_injection",
                     "mixed_english", "traditional", "rasa_syntax"):
        assert counts.get(category, 0) >= 5, category
    assert any(len(t.text) >= 10_000 for t in CORPUS) and any(t.text == "" for t in CORPUS)
    assert len(CORPUS) + len(BODIES) + len(WECHAT_BODIES) >= 300
    assert len({t.text for t in CORPUS}) >= 300


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from knowledge.paths import db_path
    from tests.support.servers import start_servers

    kb = db_path().resolve()
    before = sha256(kb)
    running = start_servers(tmp_path_factory.mktemp("bad-input"), env={"WECHAT_TOKEN": TOKEN})
    yield running, kb, before
    running.stop()


async def _post_all(url: str, requests: List[tuple]) -> List[tuple]:
    """(status, parsed JSON or text) for each (raw body, content type), CONCURRENCY at a time."""
    limit = asyncio.Semaphore(CONCURRENCY)

    async def post(session, raw: bytes, content_type: str):
        async with limit:
            async with session.post(url, data=raw, headers={"Content-Type": content_type},
                                    timeout=aiohttp.ClientTimeout(total=120)) as response:
                text = await response.text()
                try:
                    return response.status, await response.json(content_type=None)
                except ValueError:
                    return response.status, text

    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(post(session, raw, kind) for raw, kind in requests))


def _rest(served_servers, requests: List[tuple]) -> List[tuple]:
    return asyncio.run(_post_all(f"{served_servers.rasa_url}/webhooks/rest/webhook", requests))


def _texts(body) -> List[str]:
    return [m.get("text") or "" for m in body if isinstance(m, dict)] if isinstance(body, list) else []


def _has_reply(body) -> bool:
    """A real answer: some text, and not the apology the channels give for a turn that failed."""
    texts = _texts(body)
    return any(t.strip() for t in texts) and not any(APOLOGY in t for t in texts)


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_every_text_gets_a_reply_through_rest(served):
    servers, _, _ = served
    requests = [(corpus.as_json({"sender": f"bad-rest-{i}", "message": t.text}), "application/json")
                for i, t in enumerate(CORPUS)]
    results = _rest(servers, requests)
    failures = [f"{t.label} → {status} {str(body)[:120]}" for t, (status, body) in zip(CORPUS, results)
                if status != 200 or not _has_reply(body)]
    assert not failures, f"{len(failures)} of {len(CORPUS)} inputs got no answer:\n" + "\n".join(failures)


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_malformed_bodies_get_a_clear_400_and_odd_but_valid_ones_a_reply(served):
    servers, _, _ = served
    results = _rest(servers, [(b.raw, b.content_type) for b in BODIES])
    failures = []
    for body, (status, answer) in zip(BODIES, results):
        if status not in body.statuses:
            failures.append(f"{body.label} → {status}, expected {body.statuses}: {str(answer)[:120]}")
        elif status == 400 and not (isinstance(answer, dict) and answer.get("error")):
            failures.append(f"{body.label} → 400 without an error message: {str(answer)[:120]}")
        elif status == 200 and not _has_reply(answer):
            failures.append(f"{body.label} → 200 without a reply: {str(answer)[:120]}")
    assert not failures, "\n".join(failures)


@pytest.mark.e2e
@pytest.mark.timeout(300)
def test_every_text_gets_a_reply_through_wechat(served):
    servers, _, _ = served
    wechat = WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN, timeout=60)
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        replies = list(pool.map(lambda t: wechat.send_text(new_openid(), t.text), CORPUS))
    failures = []
    for text, reply in zip(CORPUS, replies):
        answered = reply.status == 200 and bool((reply.content or "").strip()) and APOLOGY not in reply.content
        if not corpus.xml_safe(text.text):  # not well-formed XML: WeChat never sends it
            if reply.status != 400:
                failures.append(f"{text.label} → {reply.status}, expected 400 for a body that is not XML")
        elif not answered:
            failures.append(f"{text.label} → {reply.status} {reply.body[:120]!r}")
    assert not failures, f"{len(failures)} of {len(CORPUS)} inputs got no answer:\n" + "\n".join(failures)


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_malformed_wechat_callbacks_are_refused_or_ignored(served):
    servers, _, _ = served
    wechat = WeChatSimulator(f"{servers.rasa_url}/webhooks/wechat/webhook", TOKEN, timeout=30)
    for body in WECHAT_BODIES:
        reply = wechat.post_raw(body.raw, wechat.signed_query())
        assert reply.status in body.statuses, f"{body.label} → {reply.status} {reply.body[:120]!r}"
        assert "Traceback" not in reply.body


@pytest.mark.e2e
def test_servers_survive_and_the_knowledge_base_is_unchanged(served):
    servers, kb, before = served
    assert all(process.poll() is None for process in servers.processes), "a server died"
    assert has_figure(servers.text("bad-input-after", QUESTION), RECEIVED)
    assert sha256(kb) == before


@pytest.mark.e2e
def test_no_turn_failed_in_the_servers_logs(served):
    servers, _, _ = served
    failures = []
    for log in sorted(servers.workdir.glob("*.log")):
        text = log.read_text(errors="replace")
        found = FAILED_TURN.search(text)
        if found:
            failures.append(f"--- {log.name} ---\n{text[max(0, found.start() - 1500):found.start() + 3000]}")
    assert not failures, "\n".join(failures)
