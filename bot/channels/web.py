"""The web widget channel: serves the widget's static files and a health check on Rasa's own port.

Messages themselves go through the REST channel (POST /webhooks/rest/webhook); this channel only
makes the widget, its demo page and /widget/health available under /widget/.
"""
import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "demo.html": "text/html; charset=utf-8",
}
CHECK_TIMEOUT_S = 1.0
CACHE_SECONDS = 300


def action_health_url(action_url: Optional[str]) -> Optional[str]:
    """The action server's /health URL, from its webhook URL (http://host:port/webhook)."""
    if not action_url:
        return None
    parts = urlsplit(action_url)
    if not parts.scheme or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, "/health", "", ""))


async def url_answers(url: Optional[str], timeout: float = CHECK_TIMEOUT_S) -> bool:
    """True when GET url returns 200 within `timeout` seconds."""
    if not url:
        return False
    try:
        client_timeout = aiohttp.ClientTimeout(total=timeout)
        async with aiohttp.ClientSession(timeout=client_timeout) as session:
            async with session.get(url) as reply:
                return reply.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


def default_knowledge_base() -> Path:
    from knowledge.paths import db_path

    return db_path()


def knowledge_base_present(path: Optional[Path]) -> bool:
    return path is not None and path.is_file() and path.stat().st_size > 0


def model_loaded(agent: Any) -> bool:
    return agent is not None and agent.is_ready()


def agent_action_url(agent: Any) -> Optional[str]:
    endpoint = getattr(agent, "action_endpoint", None)
    return getattr(endpoint, "url", None)


async def health_report(agent: Any, knowledge_base: Optional[Path]) -> Dict[str, Any]:
    report = {
        "model": model_loaded(agent),
        "action_server": await url_answers(action_health_url(agent_action_url(agent))),
        "knowledge_base": knowledge_base_present(knowledge_base),
    }
    healthy = all(report.values())
    return {"status": "ok" if healthy else "degraded", **report}


def static_file(name: str) -> Optional[Path]:
    """The widget file called `name`, or None: only the files listed in FILES are served."""
    if name not in FILES:
        return None
    path = WIDGET_DIR / name
    return path if path.is_file() else None


class WebWidgetInput(InputChannel):
    """Serves /widget/widget.js, /widget/widget.css, /widget/demo.html and /widget/health."""

    def __init__(self, knowledge_base: Optional[str] = None) -> None:
        self.knowledge_base = Path(knowledge_base) if knowledge_base else None

    @classmethod
    def name(cls) -> str:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "WebWidgetInput":
        return cls(knowledge_base=(credentials or {}).get("knowledge_base"))

    def url_prefix(self) -> str:
        return "/widget"

    def knowledge_base_path(self) -> Optional[Path]:
        if self.knowledge_base is not None:
            return self.knowledge_base
        try:
            return default_knowledge_base()
        except Exception:
            logger.exception("cannot locate the knowledge base")
            return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("zwgk_web_widget", url_prefix=self.url_prefix())

        @widget.route("", methods=["GET"], strict_slashes=True)
        async def bare(request: Request) -> HTTPResponse:
            return response.redirect(f"{self.url_prefix()}/")

        @widget.route("/", methods=["GET"], strict_slashes=True)
        async def index(request: Request) -> HTTPResponse:
            return await serve("demo.html")

        @widget.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            report = await health_report(agent, self.knowledge_base_path())
            return response.json(report, headers={"Cache-Control": "no-store"})

        @widget.route("/<name:str>", methods=["GET"])
        async def asset(request: Request, name: str) -> HTTPResponse:
            return await serve(name)

        return widget


async def serve(name: str) -> HTTPResponse:
    path = static_file(name)
    if path is None:
        return response.text("Not found", status=404)
    headers = {"Cache-Control": f"public, max-age={CACHE_SECONDS}", "X-Content-Type-Options": "nosniff"}
    return await response.file(path, mime_type=FILES[name], headers=headers)
