"""Faults, end to end: the action server going away and coming back, the Rasa server restarting in the
middle of a conversation, a knowledge base that is missing or corrupt at start, and a knowledge-base
rebuild while citizens are asking."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bot import serve
from bot.channels.turns import APOLOGY
from tests.wechat_sim import FOLLOW_UP, GRANTED, QUESTION, RECEIVED, has_figure, has_source

ROOT = Path(__file__).resolve().parent.parent
BUILD_COMMAND = "zwgk kb build"
TOKEN = "zwgkFaultsToken"


def zwgk(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout)


# -- a knowledge base that is missing or corrupt at start (no Rasa server needed) --------------------


def _corrupt(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    return path


@pytest.mark.parametrize("state", ["missing", "corrupt", "empty", "not sqlite"])
def test_serve_refuses_to_start_without_a_usable_knowledge_base(tmp_path, state):
    kb = tmp_path / "knowledge.db"
    if state == "corrupt":
        _corrupt(kb)
    elif state == "empty":
        kb.write_bytes(b"")
    elif state == "not sqlite":
        kb.write_text("这不是数据库\n" * 100)
    done = zwgk("serve", "--port", str(serve.free_port()), "--action-port", str(serve.free_port()),
                env={"ZWGK_KB": str(kb)}, timeout=60)
    message = done.stdout + done.stderr
    assert done.returncode != 0, message
    assert str(kb) in message and BUILD_COMMAND in message, message
    assert "Traceback" not in message, message


@pytest.mark.e2e
@pytest.mark.timeout(120)
@pytest.mark.parametrize("state", ["missing", "corrupt"])
def test_the_action_server_names_the_file_and_the_command_when_the_knowledge_base_is_unusable(tmp_path, state):
    kb = tmp_path / "knowledge.db"
    if state == "corrupt":
        _corrupt(kb)
    servers = serve.Servers(model=Path("unused"), workdir=tmp_path, action_port=serve.free_port(),
                            env={"ZWGK_KB": str(kb)}, log_to_files=True)
    try:
        try:
            servers.start_actions()
        except RuntimeError:
            pass  # refusing to start is fine too, as long as the log says why
        else:
            body = b'{"next_action": "action_answer_statistic", "sender_id": "kb-fault", "tracker": ' \
                   b'{"sender_id": "kb-fault", "slots": {}, "latest_message": {"text": "", "intent": {}, "entities": []},' \
                   b' "events": [], "paused": false, "followup_action": null, "active_loop": {},' \
                   b' "latest_action_name": "action_listen"}, "domain": {}, "version": "3.6.21"}'
            request = urllib.request.Request(f"{servers.action_url}/webhook", data=body,
                                             headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(request, timeout=30).read()
            except OSError:
                pass
            time.sleep(0.5)
    finally:
        servers.stop()
    log = (tmp_path / "actions.log").read_text(errors="replace")
    assert str(kb) in log and BUILD_COMMAND in log, log[-3000:]


# -- the running assistant under faults (one pair of servers for the module) -------------------------


@pytest.fixture(scope="module")
def kb_copy(tmp_path_factory) -> Path:
    from knowledge.paths import db_path

    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    shutil.copy2(db_path(), path)
    return path


@pytest.fixture(scope="module")
def running(tmp_path_factory, kb_copy):
    from tests.support.servers import start_servers

    servers = start_servers(tmp_path_factory.mktemp("faults"), env={"ZWGK_KB": str(kb_copy), "WECHAT_TOKEN": TOKEN})
    yield servers
    servers.stop()


def _action_process(servers):
    return next(p for p in servers.processes if "rasa_sdk" in p.args)


@pytest.fixture
def servers(running):
    """The module's servers, both up (a test that failed half-way may have left one down)."""
    if not any("rasa_sdk" in p.args and p.poll() is None for p in running.processes):
        running.start_actions()
    if running.rasa_process.poll() is not None:
        running.restart_rasa()
    return running


def _asks(servers, sender: str, stop: threading.Event, replies: list) -> None:
    while not stop.is_set():
        try:
            replies.append(servers.text(sender, QUESTION))
        except Exception as error:  # noqa: BLE001 - every failure is a finding
            replies.append(f"FAILED: {type(error).__name__}: {error}")


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_rebuilding_the_knowledge_base_while_serving_fails_no_request(servers, kb_copy):
    stop, replies = threading.Event(), []
    clients = [threading.Thread(target=_asks, args=(servers, f"rebuild-{i}", stop, replies)) for i in range(2)]
    for client in clients:
        client.start()
    try:
        builds = [zwgk("kb", "build", "--force", env={"ZWGK_KB": str(kb_copy)}, timeout=300) for _ in range(3)]
    finally:
        stop.set()
        for client in clients:
            client.join(60)
    assert all(b.returncode == 0 for b in builds), [b.stderr[-2000:] for b in builds]
    assert len(replies) >= 6
    bad = [r for r in replies if not has_figure(r, RECEIVED)]
    assert not bad, f"{len(bad)} of {len(replies)} answers went wrong during rebuilds: {bad[:3]}"


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_action_server_down_gets_an_apology_not_silence(servers):
    servers.stop_process(_action_process(servers))
    try:
        down = servers.say("fault-actions-down", QUESTION)
    finally:
        servers.start_actions()
    assert [m.get("text") for m in down] == [APOLOGY], down


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_the_question_after_the_action_server_returns_is_answered(servers):
    sender = "fault-actions-back"
    servers.stop_process(_action_process(servers))
    servers.say(sender, QUESTION)
    servers.start_actions()
    back = servers.text(sender, QUESTION)
    assert has_figure(back, RECEIVED) and has_source(back), back
    follow_up = servers.text(sender, FOLLOW_UP)
    assert has_figure(follow_up, GRANTED), follow_up


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_rasa_restart_mid_conversation_keeps_the_context(servers):
    sender = "fault-restart"
    assert has_figure(servers.text(sender, QUESTION), RECEIVED)
    servers.restart_rasa()
    follow_up = servers.text(sender, FOLLOW_UP)
    assert has_figure(follow_up, GRANTED), follow_up
