"""Small in-memory state of the WeChat channel: a bounded TTL cache and each follower's state."""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Generic, List, Optional, TypeVar

from bot.channels.wechat.text import MORE_POINTER, with_pointer

V = TypeVar("V")


class TTLCache(Generic[V]):
    """A dict that forgets entries after `ttl` seconds and keeps at most `max_entries`."""

    def __init__(self, max_entries: int, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.max_entries = max_entries
        self.ttl = ttl
        self.clock = clock
        self._items: "OrderedDict[str, tuple[float, V]]" = OrderedDict()

    def __len__(self) -> int:
        self._expire()
        return len(self._items)

    def get(self, key: str) -> Optional[V]:
        self._expire()
        item = self._items.get(key)
        return item[1] if item else None

    def put(self, key: str, value: V) -> V:
        self._items.pop(key, None)
        self._items[key] = (self.clock() + self.ttl, value)
        self._expire()
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)
        return value

    def get_or_create(self, key: str, factory: Callable[[], V]) -> V:
        """The value under `key` (its lifetime renewed), created when missing."""
        value = self.get(key)
        return self.put(key, factory() if value is None else value)

    def _expire(self) -> None:
        now = self.clock()
        while self._items:
            oldest_key, (expires, _) = next(iter(self._items.items()))
            if expires > now:
                break
            del self._items[oldest_key]


@dataclass
class Follower:
    """What the channel remembers about one OpenID between messages."""

    options: List[str] = field(default_factory=list)
    pages: List[str] = field(default_factory=list)
    rated_turn: Optional[str] = None  # the answer a reply of 没用 / 不对 would rate

    def keep(self, pages: List[str], options: Optional[List[str]]) -> Optional[str]:
        """Remembers a new answer; returns its first page (None when the answer is empty)."""
        self.options = options or []
        self.pages = list(pages)
        return self.next_page()

    def next_page(self) -> Optional[str]:
        if not self.pages:
            return None
        page = self.pages.pop(0)
        return with_pointer(page, more_follows=bool(self.pages))

    def put_back(self, page: str) -> None:
        """Makes a page that could not be sent the next one "更多" shows."""
        if page.endswith(MORE_POINTER):
            page = page[: -len(MORE_POINTER)]
        self.pages.insert(0, page)


@dataclass
class Answer:
    """The one computation of a reply to a message, shared by WeChat's retries of it."""

    task: "asyncio.Task[Optional[str]]"
    deferred: bool = False  # the reply goes out later (customer-service message), not passively
