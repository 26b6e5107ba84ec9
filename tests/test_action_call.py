"""bot.rasa_speedups' action call: the response check that accepts the plain responses at once judges
every response as Rasa's own check does, and the actions answer the lean request (the earlier events
without their parse, data and metadata) exactly as they answer the request Rasa itself writes, turn
after turn of a conversation kept by Rasa's own tracker."""
from __future__ import annotations

import ast
import asyncio
import copy
import itertools
from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.schemas.events import EVENT_SCHEMA
from rasa_sdk.executor import ActionExecutor

import actions.knowledge_base
from bot import paths, rasa_speedups

ACTIONS = Path(__file__).resolve().parents[1] / "actions"


def _outcome(check, response):
    try:
        return check(RemoteAction("action_answer_statistic", None), copy.deepcopy(response))
    except ValidationError as error:
        return error.message


def responses():
    """Responses of every shape the actions return, and near misses of each field's type."""
    values = [None, True, 0, 1.5, "x", [], {}, [1], {"a": 1}]
    yield {}
    yield {"events": [], "responses": []}
    yield {"events": [{"event": "slot", "name": "metric", "value": ["a", "b"], "timestamp": None}],
           "responses": [{"text": "答复", "buttons": [{"title": "一", "payload": "一"}], "zwgk_record": {"kind": "x"}}]}
    for kind, field in itertools.product(["slot", "action", "bot", "user", "entities", "session_started", "nope"],
                                         ["name", "value", "policy", "confidence", "hide_rule_turn", "action_text",
                                          "timestamp", "metadata", "entities", "text"]):
        for value in values:
            yield {"events": [{"event": kind, "name": "metric", "value": 1, field: value}]}
            yield {"events": [{"event": kind, field: value}]}
    for value in values:
        yield {"events": value}
        yield {"responses": value}
        yield {"responses": [value]}
        yield {"events": [value]}
        yield {"events": [{"event": value}]}
        yield value


def test_the_plain_response_check_judges_every_response_as_rasas_own():
    plain = 0
    for response in responses():
        assert _outcome(rasa_speedups.validate_plain_first, response) == \
            _outcome(rasa_speedups.original_validate_action_result, response), response
        if rasa_speedups.plainly_valid(response):
            plain += 1
            assert _outcome(rasa_speedups.original_validate_action_result, response) is True, response
    assert plain > 50


def test_the_events_accepted_at_once_are_those_rasas_schema_only_names():
    only_named = {alternative["properties"]["event"]["const"] for alternative in EVENT_SCHEMA["oneOf"]
                  if alternative == {"properties": {"event": {"const": alternative["properties"]["event"]["const"]}}}}
    assert rasa_speedups._PLAIN_EVENTS == only_named


def test_installed_rasa_checks_plain_responses_first(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    monkeypatch.setattr(RemoteAction, "_action_call_format", RemoteAction._action_call_format)
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups.validate_plain_first
    assert RemoteAction._action_call_format is rasa_speedups.action_call_format


# A citizen's visit, as NLU would read it: text, intent, entities, and the action the rules choose.
VISIT = [
    ("2022年收到多少政府信息公开申请？", "ask_statistic", [("year", 2022), ("metric", "requests.received")],
     "action_answer_statistic"),
    ("其中予以公开的呢？", "inform", [("metric", "requests.granted")], "action_follow_up"),
    ("申请的处理结果分别是多少", "ask_result_breakdown", [], "action_answer_breakdown"),
    ("予以公开占多大比例", "ask_derived", [("metric", "requests.granted"), ("derivation", "ratio")],
     "action_answer_derived"),
    ("微博发布了多少条信息", "ask_statistic", [], "action_answer_statistic"),
    ("公众号呢", "inform", [], "action_follow_up"),
    ("主动公开了哪些内容", "ask_key_areas", [], "action_answer_report_topic"),
    ("这些呢", "nlu_fallback", [], "action_search_fallback"),
    ("为什么？", "ask_why", [], "action_explain"),
    ("怎么申请政府信息公开", "procedure_how_to_apply", [], "action_answer_procedure"),
    ("多久能答复", "procedure_deadlines", [], "action_answer_procedure"),
    ("那这个呢", "inform", [], "action_follow_up"),
]
LEANS_ON_BEFORE = "这些呢"  # answered from the message before it (actions.context.question_before)


def parse_data(text, intent, entities):
    """What Rasa's NLU writes into a user event, ranking and response selector included."""
    return {"text": text, "intent": {"name": intent, "confidence": 0.93},
            "entities": [{"entity": e, "value": v, "start": 0, "end": 1, "extractor": "CatalogueEntityExtractor"}
                         for e, v in entities],
            "intent_ranking": [{"name": intent, "confidence": 0.93}, {"name": "greet", "confidence": 0.07}],
            "response_selector": {"all_retrieval_intents": ["chitchat"],
                                  "default": {"response": {"responses": [{"text": "其他"}], "confidence": 0.5,
                                                           "intent_response_key": "chitchat/unclear"},
                                              "ranking": [{"confidence": 0.5, "intent_response_key": "chitchat/unclear"}]}},
            "message_id": "m", "metadata": {"zwgk_record": {"typed": text}}}


@pytest.fixture()
def executor(seed_kb_path, monkeypatch):
    monkeypatch.setenv("ZWGK_KB", str(seed_kb_path))
    monkeypatch.setattr(actions.knowledge_base, "_current", None)
    running = ActionExecutor()
    running.register_package("actions")
    return running


def test_the_actions_answer_the_lean_call_as_they_answer_rasas_own(executor):
    domain = Domain.load(str(paths.DOMAIN))
    tracker = DialogueStateTracker("citizen", domain.slots)
    tracker.model_id, tracker.assistant_id = "model", "zwgk-assistant"
    for text, intent, entities, name in VISIT:
        tracker.update(ActionExecuted("action_listen"))
        parse = parse_data(text, intent, entities)
        tracker.update(UserUttered(text, parse["intent"], parse["entities"], parse, input_channel="rest",
                                   metadata={"zwgk_record": {"typed": text}}))
        action = RemoteAction(name, None)
        full = rasa_speedups.original_action_call_format(action, tracker, domain)
        lean = rasa_speedups.action_call_format(action, tracker, domain)
        assert len(str(lean)) < len(str(full)) or len(tracker.events) < 4
        assert_lean_is_full_without_unread_keys(lean["tracker"]["events"], full["tracker"]["events"])
        assert {k: v for k, v in lean["tracker"].items() if k != "events"} == \
            {k: v for k, v in full["tracker"].items() if k != "events"}
        response = asyncio.run(executor.run(full))
        assert asyncio.run(executor.run(lean)) == response, text
        if text == LEANS_ON_BEFORE:  # the visit does exercise what the actions read of earlier events
            blind = copy.deepcopy(full)
            blind["tracker"]["events"] = full["tracker"]["events"][-2:]
            assert asyncio.run(executor.run(blind)) != response
        assert response["responses"][0]["text"].strip(), text
        tracker.update(ActionExecuted(name))
        for message in response["responses"]:
            tracker.update(BotUttered(message["text"], {"buttons": message.get("buttons")},
                                      {"zwgk_record": message.get("zwgk_record")}))
        tracker.update_with_events(deserialise_events(response["events"]), domain)


def assert_lean_is_full_without_unread_keys(lean, full):
    latest_user = max(i for i, e in enumerate(full) if e["event"] == "user")
    assert lean[latest_user:] == full[latest_user:]
    assert len(lean) == len(full)
    for mine, rasas in zip(lean[:latest_user], full[:latest_user]):
        dropped = set(rasas) - set(mine)
        assert dropped <= {"parse_data", "data", "metadata"} and mine == {k: rasas[k] for k in mine}
        assert "parse_data" not in dropped or rasas["event"] == "user"
        assert "data" not in dropped or rasas["event"] == "bot"


LEFT_OUT = {"parse_data", "data", "metadata"}
READS_EVENTS = {"events", "applied_events", "events_after_latest_restart", "get_last_event_for"}


def test_the_actions_read_no_key_the_lean_call_leaves_out():
    """Guard: an action that starts reading an earlier event's parse, data or metadata must change
    bot/rasa_speedups.lean_events first."""
    for path in sorted(ACTIONS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in READS_EVENTS and getattr(node.value, "id", "") == "tracker":
                keys = event_keys_read_near(tree, node)
                assert keys and not keys & LEFT_OUT, f"{path.name}:{node.lineno} reads {keys} of tracker events"


def event_keys_read_near(tree, use) -> set:
    """The keys read with .get("k") or ["k"] in the comprehension or loop that goes over `use`."""
    for node in ast.walk(tree):
        iterables = [g.iter for g in getattr(node, "generators", [])] + ([node.iter] if isinstance(node, ast.For) else [])
        if any(use in ast.walk(it) for it in iterables):
            keys = set()
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "attr", "") == "get" and inner.args \
                        and isinstance(inner.args[0], ast.Constant):
                    keys.add(inner.args[0].value)
                if isinstance(inner, ast.Subscript) and isinstance(inner.slice, ast.Constant):
                    keys.add(inner.slice.value)
            return keys
    return {"metadata"}  # read some other way: to be checked by hand


async def action_server(port: int, clients: list):
    """A stand-in for the action server: answers a call, refuses a bad one as rasa-sdk does."""
    from aiohttp import web

    async def webhook(request):
        clients.append(request.transport.get_extra_info("peername")[1])
        body = await request.json()
        if body.get("next_action") == "bad":
            return web.json_response({"action_name": "bad", "error": "rejected"}, status=400)
        return web.json_response({"events": [], "responses": [{"text": body["next_action"]}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def calls(endpoint, names):
    from rasa.utils.endpoints import ClientResponseError

    out = []
    for name in names:
        try:
            out.append(await endpoint.request(json={"next_action": name}, method="post", timeout=10))
        except ClientResponseError as error:
            out.append((error.status, error.message, error.text))
    return out


def test_a_kept_connection_answers_as_rasas_own_and_survives_a_restart(monkeypatch):
    from rasa.utils.endpoints import EndpointConfig

    from bot.serve import free_port

    monkeypatch.setattr(EndpointConfig, "session", rasa_speedups.session)
    port, names = free_port(), ["action_answer_statistic", "bad", "action_explain"]
    kept = EndpointConfig(f"http://127.0.0.1:{port}/webhook", keep_alive=True)
    fresh = EndpointConfig(f"http://127.0.0.1:{port}/webhook")

    async def both():
        kept_clients, fresh_clients = [], []
        runner = await action_server(port, fresh_clients)
        rasas = await calls(fresh, names)
        await runner.cleanup()
        runner = await action_server(port, kept_clients)
        mine = await calls(kept, names)
        await runner.cleanup()  # the action server restarts: the kept connection is gone
        runner = await action_server(port, kept_clients)
        again = await calls(kept, names)
        await rasa_speedups.close_kept_sessions()
        await runner.cleanup()
        return rasas, mine, again, kept_clients, fresh_clients

    rasas, mine, again, kept_clients, fresh_clients = asyncio.run(both())
    assert mine == rasas == again and rasas[1][0] == 400
    assert len(set(fresh_clients)) == len(names)                        # Rasa: a connection per call
    assert len(set(kept_clients[:3])) == 1 and len(set(kept_clients)) == 2  # one per server start
    assert asyncio.run(both())[1] == rasas                               # a new event loop, a new session


def test_the_documented_action_endpoint_is_what_serve_writes(tmp_path):
    import re

    import yaml

    from bot import serve

    text = (paths.ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    documented = yaml.safe_load(re.search(r"<!-- scale-out endpoints -->\s*```yaml\n(.*?)```", text, re.S).group(1))
    written = serve.endpoints(5055, tmp_path / "t.db")["action_endpoint"]
    assert {k: v for k, v in documented["action_endpoint"].items() if k != "url"} == \
        {k: v for k, v in written.items() if k != "url"} == {"enable_selective_domain": True, "keep_alive": True}
