"""WebWidgetInput on a real Sanic server: the widget's files, what is refused, and the health report."""
import asyncio
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from aiohttp import web
from rasa.core.channels.channel import register
from sanic import Sanic

from bot.channels.web import WIDGET_DIR, WebWidgetInput, action_health_url, url_answers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str):
    """(status, headers, body) of GET url, without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class ServerThread:
    """Runs an asyncio server factory on its own loop in a daemon thread."""

    def __init__(self, start, stop):
        self.loop = asyncio.new_event_loop()
        self._start, self._stop = start, stop
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(30)
        return self

    def __exit__(self, *exc):
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(30)
        asyncio.run_coroutine_threadsafe(self._cancel_leftovers(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    @staticmethod
    async def _cancel_leftovers():
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def sanic_server(app: Sanic, port: int) -> ServerThread:
    holder = {}

    async def start():
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        holder["server"] = server

    async def stop():
        await holder["server"].close()

    return ServerThread(start, stop)


def aiohttp_server(port: int, health_delay: float = 0.0) -> ServerThread:
    holder = {}

    async def health(request):
        await asyncio.sleep(health_delay)
        return web.json_response({"status": "ok"})

    async def start():
        app = web.Application()
        app.router.add_get("/health", health)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        holder["runner"] = runner

    async def stop():
        await holder["runner"].cleanup()

    return ServerThread(start, stop)


@pytest.fixture(scope="module")
def kb_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    path.write_bytes(b"SQLite format 3\x00")
    return path


@pytest.fixture(scope="module")
def widget_server(kb_file):
    Sanic.test_mode = True
    app = Sanic(f"widget_test_{free_port()}")
    channel = WebWidgetInput.from_credentials({"knowledge_base": str(kb_file)})
    register([channel], app, "/webhooks/")
    port = free_port()
    with sanic_server(app, port):
        yield app, f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("name, content_type", [
    ("widget.js", "application/javascript"),
    ("widget.css", "text/css"),
    ("demo.html", "text/html"),
])
def test_serves_widget_files(widget_server, name, content_type):
    _, base = widget_server
    status, headers, body = get(f"{base}/widget/{name}")
    assert status == 200
    assert headers["Content-Type"].startswith(content_type)
    assert body == (WIDGET_DIR / name).read_bytes()


def test_widget_root_is_the_demo_page(widget_server):
    _, base = widget_server
    status, _, body = get(f"{base}/widget/")
    assert status == 200
    assert body == (WIDGET_DIR / "demo.html").read_bytes()
    status, headers, _ = get(f"{base}/widget")
    assert status in (301, 302)
    assert headers["Location"].endswith("/widget/")


@pytest.mark.parametrize("path", [
    "/widget/nothing.js",
    "/widget/..%2Fchannels%2Fweb.py",
    "/widget/%2E%2E/cli.py",
    "/widget/../cli.py",
    "/widget/widget.js%00.html",
])
def test_only_listed_files_are_served(widget_server, path):
    _, base = widget_server
    status, _, body = get(base + path)
    assert status == 404
    assert b"import" not in body


def test_health_without_a_model_is_degraded(widget_server, kb_file):
    _, base = widget_server
    status, headers, body = get(f"{base}/widget/health")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body) == {
        "status": "degraded", "model": False, "action_server": False, "knowledge_base": True,
    }


def test_health_checks_the_agents_action_server(widget_server):
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    app, base = widget_server
    action_port = free_port()
    with aiohttp_server(action_port):
        app.ctx.agent = Agent(action_endpoint=EndpointConfig(f"http://127.0.0.1:{action_port}/webhook"))
        try:
            _, _, body = get(f"{base}/widget/health")
        finally:
            app.ctx.agent = None
    # No model is loaded into this agent; the end-to-end tests see "ok" with the real servers.
    assert json.loads(body) == {
        "status": "degraded", "model": False, "action_server": True, "knowledge_base": True,
    }


def test_health_reports_a_missing_knowledge_base(tmp_path):
    from bot.channels.web import health_report

    report = asyncio.run(health_report(None, tmp_path / "absent.sqlite"))
    assert report["knowledge_base"] is False
    assert report["status"] == "degraded"


def test_action_health_url_is_derived_from_the_webhook_url():
    assert action_health_url("http://127.0.0.1:5055/webhook") == "http://127.0.0.1:5055/health"
    assert action_health_url("https://actions.example:8443/base/webhook?x=1") == "https://actions.example:8443/health"
    assert action_health_url(None) is None
    assert action_health_url("not a url") is None


def test_health_check_of_a_dead_port_is_false_and_quick():
    started = time.monotonic()
    assert asyncio.run(url_answers(f"http://127.0.0.1:{free_port()}/health")) is False
    assert time.monotonic() - started < 2


def test_health_check_gives_up_on_a_slow_server_after_about_a_second():
    port = free_port()
    with aiohttp_server(port, health_delay=5):
        started = time.monotonic()
        assert asyncio.run(url_answers(f"http://127.0.0.1:{port}/health")) is False
        elapsed = time.monotonic() - started
    assert 0.8 < elapsed < 2.5


def test_channel_is_registered_as_web_under_widget():
    channel = WebWidgetInput.from_credentials(None)
    assert WebWidgetInput.name() == "web"
    assert channel.url_prefix() == "/widget"


def test_knowledge_base_defaults_to_the_knowledge_layers_path(monkeypatch, tmp_path):
    monkeypatch.setenv("ZWGK_KB", str(tmp_path / "elsewhere.db"))
    assert WebWidgetInput().knowledge_base_path() == tmp_path / "elsewhere.db"
    assert WebWidgetInput("given.db").knowledge_base_path() == Path("given.db")
