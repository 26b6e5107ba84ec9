"""The staff pages as a Rasa input channel: `zwgk serve` mounts them at /admin/ on Rasa's own port,
as bot/channels/web.py does the widget. No citizen's message comes in here.

Every page, the CSV and the YAML export need a session (else: to the login page, no data); every
form carries the session's CSRF token (the login form a token of its own cookie).
"""
import asyncio
import os
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.admin import auth, export, pages
from bot.admin.names import Names
from bot.turnlog import database
from bot.turnlog.store import DEFAULT_RETENTION_DAYS, Filter, TurnStore

COOKIE = "zwgk_admin"
LOGIN_COOKIE = "zwgk_admin_login"
CSS = Path(__file__).resolve().parent / "admin.css"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def retention_days(env=os.environ) -> int:
    try:
        return max(1, int(env.get("ZWGK_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)))
    except ValueError:
        return DEFAULT_RETENTION_DAYS


def behind_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.scheme == "https" or forwarded == "https" or os.environ.get("ZWGK_ADMIN_SECURE_COOKIE") == "1"


def set_cookie(request: Request, reply: HTTPResponse, name: str, value: str, max_age: int) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/admin"
    cookie["max-age"] = max_age
    if behind_https(request):
        cookie["secure"] = True


def safe_back(target: Optional[str]) -> str:
    """Only a page of the staff pages: never another site."""
    if target and target.startswith("/admin/") and "//" not in target and "\\" not in target:
        return target
    return "/admin/turns"


def _headers(reply: HTTPResponse) -> HTTPResponse:
    reply.headers.update(SECURITY_HEADERS)
    return reply


def _html(body: str, status: int = 200) -> HTTPResponse:
    return _headers(response.html(body, status=status))


def _redirect(to: str) -> HTTPResponse:
    return _headers(response.redirect(to, status=303))


def _form(request: Request, name: str) -> str:
    return (request.form.get(name) or "") if request.form else ""


def _filter(request: Request) -> Filter:
    return Filter(query=(request.args.get("q") or "")[:200], problems_only=request.args.get("problems") == "1",
                  marked_only=request.args.get("marked") == "1")


class AdminInput(InputChannel):
    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url
        self.names = Names()

    @classmethod
    def name(cls) -> str:
        return "admin"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "AdminInput":
        return cls(url=(credentials or {}).get("url") or None)

    def url_prefix(self) -> str:
        return "/admin"

    def _open(self):
        if not hasattr(self, "store"):
            self.store = TurnStore(self.url or database.default_url(), retention_days())
            self.staff = auth.Staff(self.store.engine)
        return self.store, self.staff

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        admin = Blueprint("zwgk_admin", url_prefix=self.url_prefix())

        async def run(function, *args):
            return await asyncio.get_running_loop().run_in_executor(None, function, *args)

        async def session_of(request: Request) -> Optional[auth.Session]:
            _, staff = self._open()
            return await run(staff.session, request.cookies.get(COOKIE))

        async def signed_in(request: Request):
            """(session, the turn store brought up to date), or (None, None) without a session."""
            session = await session_of(request)
            if not session:
                return None, None
            store, _ = self._open()
            await run(store.ingest)
            return session, store

        def login_page(request: Request, message: Optional[str] = None, username: str = "", status: int = 200):
            token = secrets.token_urlsafe(24)
            reply = _html(pages.login(token, message, username), status)
            set_cookie(request, reply, LOGIN_COOKIE, token, 3600)
            return reply

        @admin.route("", methods=["GET"], strict_slashes=True)
        async def bare(request: Request) -> HTTPResponse:
            return _redirect("/admin/")

        @admin.route("/admin.css", methods=["GET"])
        async def css(request: Request) -> HTTPResponse:
            return _headers(await response.file(CSS, mime_type="text/css; charset=utf-8"))

        @admin.route("/login", methods=["GET"])
        async def login_form(request: Request) -> HTTPResponse:
            if await session_of(request):
                return _redirect("/admin/")
            return login_page(request)

        @admin.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            _, staff = self._open()
            sent = _form(request, "csrf")
            expected = request.cookies.get(LOGIN_COOKIE) or ""
            if not sent or not secrets.compare_digest(sent, expected):
                return login_page(request, "页面已过期，请重新登录。", status=403)
            username = _form(request, "username").strip()[:64]
            try:
                token = await run(staff.login, username, _form(request, "password"), request.remote_addr or request.ip)
            except auth.LockedOut:
                return login_page(request, "登录失败次数过多，请 15 分钟后再试。", username, 429)
            if token is None:
                return login_page(request, "用户名或密码不正确。", username, 401)
            reply = _redirect("/admin/")
            set_cookie(request, reply, COOKIE, token, auth.SESSION_S)
            set_cookie(request, reply, LOGIN_COOKIE, "", 0)
            return reply

        @admin.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            _, staff = self._open()
            session = await session_of(request)
            if session and auth.csrf_ok(session, _form(request, "csrf")):
                await run(staff.logout, request.cookies.get(COOKIE))
            reply = _redirect("/admin/login")
            set_cookie(request, reply, COOKIE, "", 0)
            return reply

        @admin.route("/", methods=["GET"], strict_slashes=True)
        async def overview(request: Request) -> HTTPResponse:
            session, store = await signed_in(request)
            if not session:
                return _redirect("/admin/login")
            totals, days, topics = await run(lambda: (store.totals(), store.per_day(30), store.topics()))
            await run(self.names.load)
            return _html(pages.overview(totals, days, topics, session.csrf, session.username, self.names,
                                        store.retention_days))

        @admin.route("/turns", methods=["GET"])
        async def turns(request: Request) -> HTTPResponse:
            session, store = await signed_in(request)
            if not session:
                return _redirect("/admin/login")
            which = _filter(request)
            rows = await run(store.turns, which)
            back = request.path + (("?" + request.query_string) if request.query_string else "")
            await run(self.names.load)
            return _html(pages.turn_list(rows, which.query, which.problems_only, which.marked_only,
                                         session.csrf, session.username, back, self.names))

        @admin.route("/mark", methods=["POST"])
        async def mark(request: Request) -> HTTPResponse:
            session = await session_of(request)
            if not session or not auth.csrf_ok(session, _form(request, "csrf")):
                return _headers(response.text("forbidden", status=403))
            store, _ = self._open()
            await run(store.mark, _form(request, "turn"), _form(request, "marked") == "1")
            return _redirect(safe_back(_form(request, "back")))

        async def exported(request: Request, render, mime: str, filename: str) -> HTTPResponse:
            session, store = await signed_in(request)
            if not session:
                return _redirect("/admin/login")
            rows = await run(store.turns, _filter(request), 0)
            reply = response.text(render(rows), content_type=mime)
            reply.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
            return _headers(reply)

        @admin.route("/export.csv", methods=["GET"])
        async def export_csv(request: Request) -> HTTPResponse:
            return await exported(request, export.to_csv, "text/csv; charset=utf-8", "zwgk-turns.csv")

        @admin.route("/export.yml", methods=["GET"])
        async def export_yml(request: Request) -> HTTPResponse:
            return await exported(request, export.to_conversations, "application/yaml; charset=utf-8",
                                  "zwgk-real-questions.yml")

        return admin
