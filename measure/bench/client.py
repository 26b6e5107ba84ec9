"""An asyncio client for the REST channel: timed turns and many concurrent conversations.

Used by `zwgk bench` and by the load test. Every turn is bounded by a timeout and every run by
its count of turns, so a load never runs on by itself.
"""
from __future__ import annotations

import asyncio
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import aiohttp

TURN_TIMEOUT = 60.0


@dataclass
class Turn:
    sender: str
    text: str
    seconds: float
    status: Optional[int] = None
    messages: List[dict] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def answered(self) -> bool:
        """A 200 with at least one non-empty bot message."""
        return self.status == 200 and any((m.get("text") or "").strip() for m in self.messages)

    @property
    def reply(self) -> str:
        return "\n".join(m.get("text", "") for m in self.messages)


@dataclass
class LoadResult:
    conversations: int
    turns_per_conversation: int
    seconds: float
    turns: List[Turn]

    @property
    def errors(self) -> List[Turn]:
        """Turns that failed at the HTTP level: refused, timed out, or not 200."""
        return [t for t in self.turns if t.error or t.status != 200]

    @property
    def lost(self) -> List[Turn]:
        """Turns that came back 200 but with no message for the user."""
        return [t for t in self.turns if t.status == 200 and not t.answered]

    @property
    def turns_per_second(self) -> float:
        return len(self.turns) / self.seconds if self.seconds else 0.0

    @property
    def expected_turns(self) -> int:
        return self.conversations * self.turns_per_conversation


def webhook(url: str) -> str:
    return url.rstrip("/") + "/webhooks/rest/webhook"


def new_sender(prefix: str = "bench") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


async def turn(session: aiohttp.ClientSession, url: str, sender: str, text: str,
               timeout: float = TURN_TIMEOUT) -> Turn:
    """One user message through the REST channel, timed from request to full reply."""
    started = time.perf_counter()
    try:
        async with session.post(webhook(url), json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            body = await response.json(content_type=None)
            messages = body if isinstance(body, list) else []
            return Turn(sender, text, time.perf_counter() - started, response.status, messages)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        return Turn(sender, text, time.perf_counter() - started, error=f"{type(error).__name__}: {error}")


def client_session(connections: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections, force_close=False))


async def conversation(session: aiohttp.ClientSession, url: str, script: Sequence[str],
                       sender: Optional[str] = None) -> List[Turn]:
    """The turns of one conversation, each sent after the previous reply arrived."""
    sender = sender or new_sender()
    return [await turn(session, url, sender, text) for text in script]


def server_urls(url: str) -> List[str]:
    """The Rasa servers of a comma-separated list."""
    return [u.strip() for u in url.split(",") if u.strip()]


async def load(url: str, conversations: int, script: Sequence[str]) -> LoadResult:
    """`conversations` conversations at once, each playing `script` turn by turn. `url` may list
    several Rasa servers, comma-separated: conversations are spread over them in turn."""
    urls = server_urls(url)
    async with client_session(conversations) as session:
        started = time.perf_counter()
        runs = await asyncio.gather(*(conversation(session, urls[i % len(urls)], script)
                                      for i in range(conversations)))
        seconds = time.perf_counter() - started
    return LoadResult(conversations, len(script), seconds, [t for run in runs for t in run])


async def latencies(url: str, text: str, count: int, turns_per_conversation: int = 20,
                    warmup: int = 3) -> List[Turn]:
    """`count` turns of the same message, one at a time, in conversations of a bounded length
    (a tracker grows with every turn, and so does the cost of loading it)."""
    async with client_session(1) as session:
        for _ in range(warmup):
            await turn(session, url, new_sender("warmup"), text)
        turns: List[Turn] = []
        sender = new_sender()
        for index in range(count):
            if index and index % turns_per_conversation == 0:
                sender = new_sender()
            turns.append(await turn(session, url, sender, text))
        return turns


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(round(share * len(ordered), 9))))
    return ordered[rank - 1]


def summarize(seconds: Sequence[float]) -> Dict[str, float]:
    """Count, nearest-rank p50/p95/p99 and mean of durations in seconds, as milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": percentile(ms, 0.50), "p95": percentile(ms, 0.95),
            "p99": percentile(ms, 0.99), "mean": sum(ms) / len(ms)}
