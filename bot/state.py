"""What the bot remembers between updates: recent answers, pages of long ones, chat budgets.

All of it is in memory and lost on restart, which only costs a recomputed answer or a "More"
button that answers "no longer available".
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from retrieval.types import Answer


class ChatRateLimiter:
    """At most ``limit`` questions per ``period`` seconds in one chat; warns once per flood.

    Example: ChatRateLimiter(6, 60.0).check(chat_id) -> (True, False, 0)
    """

    def __init__(
        self, limit: int = 6, period: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit <= 0 or period <= 0:
            raise ValueError(f"rate limit must be positive, got {limit} per {period} s")
        self.limit = limit
        self.period = period
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}

    def check(self, chat_id: int) -> tuple[bool, bool, int]:
        """(allowed, warn now, seconds until the next question is allowed)."""
        now = self._clock()
        seen = self._seen.setdefault(chat_id, deque())
        while seen and seen[0] <= now - self.period:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            if len(self._seen) > 10_000:
                self._forget(now)
            return True, False, 0
        wait = max(1, int(seen[0] + self.period - now + 0.999))
        warn = now >= self._warned_until.get(chat_id, 0.0)
        if warn:
            self._warned_until[chat_id] = seen[0] + self.period
        return False, warn, wait

    def _forget(self, now: float) -> None:
        for chat_id in [c for c, s in self._seen.items() if not s or s[-1] <= now - self.period]:
            self._seen.pop(chat_id, None)
            self._warned_until.pop(chat_id, None)


@dataclass
class AnswerCache:
    """Recent answers by question; concurrent askers of one question share one retrieval.

    Example: await cache.get("did xi refuse?", lambda: asyncio.to_thread(bot.ask, q))
    """

    size: int = 256
    _done: OrderedDict[str, Answer] = field(default_factory=OrderedDict)
    _running: dict[str, asyncio.Task] = field(default_factory=dict)

    @staticmethod
    def key(question: str, k: int) -> str:
        return f"{k}:{' '.join(question.split()).casefold()}"

    def peek(self, key: str) -> Answer | None:
        answer = self._done.get(key)
        if answer is not None:
            self._done.move_to_end(key)
        return answer

    async def get(self, key: str, compute: Callable[[], Awaitable[Answer]]) -> Answer:
        answer = self.peek(key)
        if answer is not None:
            return answer
        task = self._running.get(key)
        if task is None:
            task = asyncio.ensure_future(compute())
            self._running[key] = task
            task.add_done_callback(lambda done: self._finish(key, done))
        # shield: one asker going away must not cancel the others' retrieval
        return await asyncio.shield(task)

    def _finish(self, key: str, task: asyncio.Task) -> None:
        self._running.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return  # errors are not cached: the next asker tries again
        if self.size > 0:
            self._done[key] = task.result()
            while len(self._done) > self.size:
                self._done.popitem(last=False)


class PageStore:
    """Pages of long answers waiting behind a "More" button, oldest forgotten first."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._pages: OrderedDict[str, list[str]] = OrderedDict()
        self._shown: set[tuple[str, int]] = set()

    def add(self, pages: list[str]) -> str:
        key = secrets.token_hex(6)
        self._pages[key] = pages
        while len(self._pages) > self.size:
            old, _ = self._pages.popitem(last=False)
            self._shown = {s for s in self._shown if s[0] != old}
        return key

    def get(self, key: str) -> list[str] | None:
        return self._pages.get(key)

    def claim(self, key: str, index: int) -> bool:
        """True the first time page ``index`` of ``key`` is asked for (a double tap is ignored)."""
        if (key, index) in self._shown:
            return False
        self._shown.add((key, index))
        return True
