"""The WeChat Official Account (公众号) channel: WeChat's callbacks in, Rasa conversations out.

Configured in credentials.yml under `bot.channels.wechat.WeChatInput`; its webhook is
/webhooks/wechat/webhook. See docs/wechat.md.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.turns import never_silent
from bot.channels.wechat.api import DEFAULT_API_BASE, CustomerServiceAPI
from bot.channels.wechat.protocol import (
    Action,
    Envelope,
    Forbidden,
    Inbound,
    Malformed,
    parse_inbound,
    render_text_reply,
)
from bot.channels.wechat.state import Answer, Follower, TTLCache
from bot.channels.wechat.text import (THANKS_FOR_FEEDBACK, chosen_option, is_more_request, is_unhelpful_reply,
                                      paginate, render_messages)
from bot.nlu.normalize import user_text_for_rasa
from bot.turnlog import turns as turn_record
from bot.turnlog.broker import broker_of

logger = logging.getLogger(__name__)

DEFAULT_REPLY_TIMEOUT = 4.5
WELCOME_PAYLOAD = "/greet"
STILL_WORKING = "正在查询，请稍候片刻后回复“更多”查看答案。"
ANSWER_TTL = 300.0  # WeChat retries within ~15 s; answers are kept a while longer
FOLLOWER_TTL = 3600.0
MAX_ENTRIES = 10000


@dataclass(frozen=True)
class WeChatSettings:
    token: str
    appid: str = ""
    secret: str = ""
    aes_key: str = ""
    api_base: str = DEFAULT_API_BASE
    reply_timeout: float = DEFAULT_REPLY_TIMEOUT
    welcome_payload: str = WELCOME_PAYLOAD

    @classmethod
    def from_credentials(cls, credentials: Mapping[str, Any], env: Mapping[str, str]) -> "WeChatSettings":
        """Settings from a credentials.yml section; empty values mean "not set"."""

        def value(key: str) -> str:
            raw = credentials.get(key)
            return "" if raw is None else str(raw).strip()

        return cls(
            token=value("token"),
            appid=value("appid"),
            secret=value("secret"),
            aes_key=value("aes_key"),
            api_base=value("api_base") or DEFAULT_API_BASE,
            reply_timeout=_seconds(value("reply_timeout") or env.get("WECHAT_REPLY_TIMEOUT", "")),
            welcome_payload=value("welcome_payload") or WELCOME_PAYLOAD,
        )


def _seconds(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        if raw:
            logger.warning("WECHAT_REPLY_TIMEOUT=%r is not a number; using %s s.", raw, DEFAULT_REPLY_TIMEOUT)
        return DEFAULT_REPLY_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_REPLY_TIMEOUT


class WeChatOutput(CollectingOutputChannel):
    """Collects a turn's bot messages; keeps each text whole (the collector splits on blank lines)."""

    @classmethod
    def name(cls) -> Text:
        return "wechat"

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=text))


class WeChatInput(InputChannel):
    """Rasa input channel for WeChat Official Account callbacks, plain or safe (AES) mode."""

    @classmethod
    def name(cls) -> Text:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WeChatInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        settings = WeChatSettings.from_credentials(credentials, os.environ)
        try:
            return cls(settings)
        except ValueError as error:
            raise RasaException(f"WeChat channel: {error}") from error

    def __init__(self, settings: WeChatSettings) -> None:
        self.settings = settings
        self.envelope = Envelope(settings.token, settings.aes_key, settings.appid)
        self.api = (
            CustomerServiceAPI(settings.appid, settings.secret, settings.api_base)
            if settings.appid and settings.secret
            else None
        )
        self.answers: TTLCache[Answer] = TTLCache(MAX_ENTRIES, ANSWER_TTL)
        self.followers: TTLCache[Follower] = TTLCache(MAX_ENTRIES, FOLLOWER_TTL)
        self._background: set = set()
        self.broker = None  # bot.turnlog's event broker, when turns are recorded

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("wechat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            echostr = self.envelope.verify_url(_query(request))
            if echostr is None:
                return response.text("forbidden", status=403)
            return response.text(echostr)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            self.broker = broker_of(getattr(request.app.ctx, "agent", None))
            return await self.handle_callback(_query(request), request.body, on_new_message)

        return webhook

    async def handle_callback(self, query: Dict[str, str], body: bytes, on_new_message) -> HTTPResponse:
        try:
            inbound = parse_inbound(self.envelope.open(query, body))
        except Forbidden as error:
            logger.warning("Rejected a WeChat callback: %s.", error)
            return response.text("forbidden", status=403)
        except Malformed as error:
            logger.warning("Unreadable WeChat callback: %s.", error)
            return response.text("bad request", status=400)
        if inbound.action is Action.IGNORE:
            return _success()
        content = await self._reply_in_time(inbound, on_new_message)
        if not content:
            return _success()
        sealed = self.envelope.seal(render_text_reply(inbound, content), query.get("nonce", ""))
        return response.text(sealed, content_type="application/xml; charset=utf-8")

    async def _reply_in_time(self, inbound: Inbound, on_new_message) -> Optional[str]:
        """The passive reply if ready within the timeout; else the answer is sent later."""
        answer = self.answers.get(inbound.key)
        if answer is None:
            task = asyncio.get_running_loop().create_task(self._answer(inbound, on_new_message))
            answer = self.answers.put(inbound.key, Answer(task))
        if answer.deferred:
            return None
        try:
            content = await asyncio.wait_for(asyncio.shield(answer.task), self.settings.reply_timeout)
        except asyncio.TimeoutError:
            if not self._defer(inbound, answer):
                return None
            return None if self.api else STILL_WORKING
        except asyncio.CancelledError:  # WeChat hung up first: the answer still has to reach the follower
            self._defer(inbound, answer)
            raise
        return None if answer.deferred else content

    def _defer(self, inbound: Inbound, answer: Answer) -> bool:
        """Hands the answer over to late delivery; False when that was done already."""
        if answer.deferred:
            return False
        answer.deferred = True
        self._spawn(self._deliver_later(inbound, answer.task))
        return True

    async def _answer(self, inbound: Inbound, on_new_message) -> Optional[str]:
        """The reply to one message, computed once however often WeChat sends it."""
        if inbound.action is Action.PROMPT:
            return inbound.text
        follower = self.followers.get_or_create(inbound.openid, Follower)
        if inbound.action is Action.ASK and is_more_request(inbound.text) and follower.pages:
            return follower.next_page()
        if inbound.action is Action.ASK and follower.rated_turn and self.broker and is_unhelpful_reply(inbound.text):
            self.broker.publish(turn_record.feedback_event(inbound.openid, follower.rated_turn, False, self.name()))
            follower.rated_turn = None
            return THANKS_FOR_FEEDBACK
        if inbound.action is Action.WELCOME:
            text = self.settings.welcome_payload
        else:
            text = chosen_option(inbound.text, follower.options) or user_text_for_rasa(inbound.text)
        messages = await self._ask_bot(inbound, text, on_new_message)
        follower.rated_turn = inbound.key
        rendered = render_messages(messages)
        return follower.keep(paginate(rendered.text), rendered.options)

    async def _ask_bot(self, inbound: Inbound, text: str, on_new_message) -> List[Dict[str, Any]]:
        collector = WeChatOutput()
        message = UserMessage(
            text,
            collector,
            inbound.openid,
            input_channel=self.name(),
            message_id=inbound.key,
            metadata={"wechat": {"account": inbound.account, "kind": inbound.kind},
                      turn_record.RECORD_KEY: {turn_record.TYPED_KEY: inbound.text[:turn_record.MAX_TYPED]}},
        )
        try:
            await on_new_message(message)
        except Exception:  # the follower gets an apology, never silence
            logger.exception("The bot failed on a WeChat message.")
        return never_silent(collector.messages, inbound.openid)

    async def _deliver_later(self, inbound: Inbound, task: "asyncio.Task[Optional[str]]") -> None:
        content = await task
        if not content:
            return
        if self.api is None:
            self.followers.get_or_create(inbound.openid, Follower).put_back(content)
            return
        try:
            await self.api.send_text(inbound.openid, content)
        except Exception:  # noqa: BLE001 - a failed delivery is logged, the server carries on
            logger.exception("Could not deliver a late WeChat reply by customer-service message.")

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def _query(request: Request) -> Dict[str, str]:
    return {key: values[0] for key, values in request.args.items() if values}


def _success() -> HTTPResponse:
    return response.text("success")
