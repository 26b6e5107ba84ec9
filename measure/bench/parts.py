"""Where the time of one turn goes, timed part by part through Rasa's HTTP API (--enable-api).

- NLU: POST /model/parse (tokenizer, featurizers, DIET, entity extractors)
- tracker: GET /conversations/<id>/tracker (load from the tracker store and serialise), and
  POST /conversations/<id>/tracker/events with one event (Rasa first checks the body with
  `jsonschema.validate`, which rebuilds its validator each time; then load, then save: the count of
  stored events, the event broker's record of the new event, the insert and the commit)
- action server: the request Rasa sends for the custom action, POSTed straight to the action
  server, once with the domain (what Rasa 3.6 sends by default) and once without it
The whole turn and the no-action floor come from the latency runs.
"""
from __future__ import annotations

import asyncio
import time
from typing import Callable, Dict, List, Optional

import aiohttp

from measure.bench import client
from measure.bench.client import summarize

TIMEOUT = aiohttp.ClientTimeout(total=30)


async def _timed(session: aiohttp.ClientSession, method: str, url: str, count: int, **kwargs) -> List[float]:
    seconds = []
    for _ in range(count):
        started = time.perf_counter()
        async with session.request(method, url, timeout=TIMEOUT, **kwargs) as response:
            await response.read()
            response.raise_for_status()
        seconds.append(time.perf_counter() - started)
    return seconds


def custom_action(tracker: dict) -> Optional[str]:
    """The custom action that answered the tracker's latest user message."""
    for event in reversed(tracker.get("events", [])):
        if event.get("event") == "user":
            return None
        name = event.get("name") or ""
        if event.get("event") == "action" and name.startswith("action_") and name != "action_listen":
            return name
    return None


async def _measure(url: str, action_url: Optional[str], question: str, count: int) -> Dict[str, Dict[str, float]]:
    parts: Dict[str, Dict[str, float]] = {}
    async with aiohttp.ClientSession() as session:
        parts["NLU only (/model/parse)"] = summarize(
            await _timed(session, "POST", f"{url}/model/parse", count, json={"text": question}))
        sender = client.new_sender("parts")
        for _ in range(10):
            await client.turn(session, url, sender, question)
        tracker_url = f"{url}/conversations/{sender}/tracker"
        parts["tracker load, 10-turn conversation"] = summarize(await _timed(session, "GET", tracker_url, count))
        async with session.get(tracker_url, timeout=TIMEOUT) as response:
            tracker = await response.json()
        action = custom_action(tracker)
        if action_url and action:
            async with session.get(f"{url}/domain", headers={"Accept": "application/json"}, timeout=TIMEOUT) as response:
                domain = await response.json()
            body = {"next_action": action, "sender_id": sender, "tracker": tracker, "version": "3.6"}
            webhook = f"{action_url}/webhook"
            parts[f"action server: {action} with domain"] = summarize(
                await _timed(session, "POST", webhook, count, json={**body, "domain": domain}))
            parts[f"action server: {action} without domain"] = summarize(
                await _timed(session, "POST", webhook, count, json=body))
        parts["append one event through the HTTP API: Rasa's JSON-schema check of the body, tracker load, save"] = summarize(await _timed(
            session, "POST", f"{tracker_url}/events?include_events=NONE", count,
            json={"event": "slot", "name": "metric", "value": None}))
    return parts


def measure(url: str, action_url: Optional[str], question: str, count: int,
            echo: Callable[[str], None] = print) -> Dict[str, Dict[str, float]]:
    """The parts' latencies; empty when the Rasa server's HTTP API is not enabled."""
    echo("parts of a turn: NLU, tracker store, action server …")
    try:
        return asyncio.run(_measure(url.rstrip("/"), action_url and action_url.rstrip("/"), question, count))
    except aiohttp.ClientResponseError as error:
        echo(f"  skipped: Rasa's HTTP API answered {error.status} (start Rasa with --enable-api)")
        return {}
