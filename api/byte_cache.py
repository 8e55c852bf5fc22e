"""A least-recently-used cache bounded by bytes (and by count), which counts its hits.

Every cache keyed by what a client sends is one of these, so no client can grow the server's
memory past the bound the settings give: an entry's size is given when it is put (the bytes of
an encoded answer, or a measured size), and the least recently used entries are forgotten until
the total fits. An entry larger than the whole bound is not kept at all.

>>> cache: ByteLRU[str, bytes] = ByteLRU(max_bytes=10)
>>> cache.put("a", b"12345", 5); cache.put("b", b"1234", 4)
>>> cache.get("a")
b'12345'
>>> cache.put("c", b"123", 3)  # 12 bytes: "b", the least recently used, goes
>>> cache.get("b") is None, cache.stats()["bytes"], cache.stats()["hit_rate"]
(True, 8, 0.5)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ByteLRU(Generic[K, V]):
    """Values by key, at most ``max_bytes`` of them (and at most ``max_entries``, if given)."""

    def __init__(self, max_bytes: int, max_entries: int | None = None) -> None:
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self.hits = self.misses = 0
        # worker threads put answers while the event loop reads them
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: K, value: V, size: int, max_entries: int | None = None) -> None:
        """Keep ``value`` (``size`` bytes) under ``key``, forgetting the least recently used."""
        limit = max_entries if max_entries is not None else self.max_entries
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes or (limit is not None and len(self._items) > limit):
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes(self) -> int:
        return self._bytes

    def stats(self) -> dict[str, int | float]:
        """Entries, bytes held and allowed, hits, misses and the hit rate (0 before any use)."""
        asked = self.hits + self.misses
        return {
            "entries": len(self._items),
            "bytes": self._bytes,
            "max_bytes": self.max_bytes,
            "hits": self.hits,
            "misses": self.misses,
            "hit_rate": round(self.hits / asked, 4) if asked else 0.0,
        }
