"""A bounded pool of threads for the work of answering, off the event loop.

strawberry runs synchronous resolvers on the event loop, so while one request executes nothing
else is answered (not even ``/health`` or an answer already cached). Requests that must execute
run here instead: at most ``threads`` at once, at most ``queue`` more waiting; a request beyond
that is refused at once (:class:`Busy`, answered 503 with ``Retry-After``) rather than queued
without bound. The event loop meanwhile answers cached requests and health checks.

>>> import asyncio
>>> from concurrent.futures import ThreadPoolExecutor
>>> pool = WorkPool(threads=1, queue=0)
>>> with ThreadPoolExecutor(1) as thread:  # a loop of its own (the caller's may be running)
...     thread.submit(asyncio.run, pool.run(lambda: 6 * 7)).result()
42
>>> pool.stats()["done"]
1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from graph.errors import QueryRefused

T = TypeVar("T")


class Busy(QueryRefused):
    """Every thread of the pool is working and its queue is full."""


class WorkPool:
    """At most ``threads`` functions running and ``queue`` waiting; more are refused."""

    def __init__(self, threads: int, queue: int) -> None:
        self.threads, self.queue = threads, queue
        self._limiter: anyio.CapacityLimiter | None = None  # made on the loop that uses it
        self.active = 0  # running or waiting
        self.done = self.refused = 0

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` on a thread of the pool; raises :class:`Busy` when the pool is full."""
        if self.active >= self.threads + self.queue:
            self.refused += 1
            raise Busy(
                f"the server is busy: {self.active} requests are being answered or waiting "
                f"(at most {self.threads + self.queue}); retry in a moment"
            )
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        self.active += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            self.active -= 1
            self.done += 1

    def stats(self) -> dict[str, int]:
        return {
            "threads": self.threads,
            "queue": self.queue,
            "active": self.active,
            "done": self.done,
            "refused": self.refused,
        }
