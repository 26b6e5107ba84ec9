"""The REST channel with input checks, one log line per turn (intent, actions, time), the chart of a
breakdown answer for the widget, and the citizen's rating of an answer (POST /webhooks/rest/feedback)."""
import logging
import time
import uuid
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
from bot.turnlog import turns as turn_record
from bot.turnlog.broker import broker_of

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


def turn_broker(request: Request):
    """The event broker that records turns (bot.turnlog.broker.TurnBroker), or None."""
    return broker_of(getattr(request.app.ctx, "agent", None))


async def turn_summary(request: Request, sender_id: str) -> Tuple[Optional[str], List[str]]:
    """Intent and actions of the sender's latest turn: from the event broker's own record of the
    events it just published, else (no broker configured) read from the tracker store."""
    broker = turn_broker(request)
    if broker is not None:
        return broker.summaries.latest(sender_id)
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


class ChartCollector(CollectingOutputChannel):
    """Rasa's collector, passing on the chart an answer's record carries (actions/record.py)."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        record = message.pop(turn_record.RECORD_KEY, None)
        before = len(self.messages)
        await super().send_response(recipient_id, message)
        if isinstance(record, dict) and record.get("chart") and len(self.messages) > before:
            self.messages[-1]["chart"] = record["chart"]


def with_turn(messages: List[Dict[str, Any]], turn_id: str) -> List[Dict[str, Any]]:
    """Each message names its turn, which the widget's 有帮助 / 没帮助 buttons rate."""
    return [{**m, "turn": turn_id} for m in messages]


def user_metadata(body: Dict[str, Any]) -> Dict[str, Any]:
    """The client's metadata, and the message as typed for the turn record."""
    metadata = dict(body["metadata"]) if isinstance(body.get("metadata"), dict) else {}
    metadata[turn_record.RECORD_KEY] = {turn_record.TYPED_KEY: str(body.get("message", ""))[:turn_record.MAX_TYPED]}
    return metadata


def parse_feedback(request: Request) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    body, problem = parse_body(request)
    if problem:
        return None, problem
    turn = body.get("turn")
    if not isinstance(turn, str) or not 0 < len(turn) <= 128:
        return None, '"turn" must name the answer rated'
    if not isinstance(body.get("helpful"), bool):
        return None, '"helpful" must be true or false'
    return body, None


class LoggedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("zwgk_rest_webhook", __name__)

        @webhook.listener("after_server_stop")
        async def close_connections(*_: Any) -> None:
            await rasa_speedups.close_kept_sessions()

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
            collector = ChartCollector()
            turn_id = uuid.uuid4().hex
            try:
                await on_new_message(UserMessage(
                    user_text_for_rasa(body.get("message", "")), collector, sender_id,
                    input_channel=self.name(), message_id=turn_id, metadata=user_metadata(body),
                ))
            except Exception:
                logger.exception("turn failed sender=%s", sender_id)
            elapsed_ms = (time.perf_counter() - started) * 1000
            if logger.isEnabledFor(logging.INFO):
                intent, actions = await turn_summary(request, sender_id)
                logger.info("turn sender=%s intent=%s actions=%s time_ms=%.1f",
                            sender_id, intent, ",".join(actions), elapsed_ms)
            return response.json(with_turn(never_silent(collector.messages, sender_id), turn_id))

        @webhook.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            body, problem = parse_feedback(request)
            if problem:
                return bad_request(problem)
            broker = turn_broker(request)
            if broker is None:
                return response.json({"error": "turns are not recorded"}, status=503)
            broker.publish(turn_record.feedback_event(str(body.get("sender") or "default"), body["turn"],
                                                      body["helpful"], self.name()))
            return response.json({"status": "ok"})

        return webhook
