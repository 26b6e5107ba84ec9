"""The REST channel with input checks and one log line per turn (intent, actions, time)."""
import logging
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import ActionExecuted, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import rasa_speedups
from bot.channels.turns import never_silent
from bot.nlu.normalize import user_text_for_rasa

logger = logging.getLogger("zwgk.turns")
rasa_speedups.install()  # this module is loaded by every Rasa server the project starts
MAX_BODY_CHARS = 20_000


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def parse_body(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    """The JSON object of a request, or the reason it is not acceptable."""
    try:
        body = request.json
    except Exception:
        return None, "body is not valid JSON"
    if not isinstance(body, dict):
        return None, 'body must be a JSON object like {"sender": "id", "message": "text"}'
    if not isinstance(body.get("message", ""), str):
        return None, '"message" must be a string'
    sender = body.get("sender") or "default"
    if not isinstance(sender, (str, int)) or len(str(sender)) > 128:
        return None, '"sender" must be a string of at most 128 characters'
    return body, None


async def turn_summary(request: Request, sender_id: str) -> Tuple[Optional[str], List[str]]:
    """Intent and actions of the sender's latest turn, read from the tracker store."""
    tracker = await request.app.ctx.agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return None, []
    actions: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return event.intent_name, list(reversed(actions))
        if isinstance(event, ActionExecuted) and event.action_name != "action_listen":
            actions.append(event.action_name)
    return None, list(reversed(actions))


class LoggedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("zwgk_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_CHARS * 4:
                return bad_request("body too large")
            body, problem = parse_body(request)
            if problem:
                return bad_request(problem)
            sender_id = str(body.get("sender") or "default")
            started = time.perf_counter()
            collector = CollectingOutputChannel()
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            try:
                await on_new_message(UserMessage(
                    user_text_for_rasa(body.get("message", "")), collector, sender_id,
                    input_channel=self.name(), metadata=metadata,
                ))
            except Exception:
                logger.exception("turn failed sender=%s", sender_id)
            elapsed_ms = (time.perf_counter() - started) * 1000
            if logger.isEnabledFor(logging.INFO):
                intent, actions = await turn_summary(request, sender_id)
                logger.info("turn sender=%s intent=%s actions=%s time_ms=%.1f",
                            sender_id, intent, ",".join(actions), elapsed_ms)
            return response.json(never_silent(collector.messages, sender_id))

        return webhook
