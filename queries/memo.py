"""Answers kept beside the graph by the query modules that derive them.

The graph and its views are plain, immutable data: they know nothing of the questions asked of
them. A query module that wants to keep an answer (an index of a view, a report of a stretch of
time) keeps it in a :class:`Memo` of its own, which maps each view or graph *weakly* to that
module's answers, so an answer lives exactly as long as what it was derived from.

>>> class Owner:  # any object that can be weakly referenced: a View or a TemporalGraph
...     pass
>>> memo: Memo[str, int] = Memo()
>>> owner = Owner()
>>> memo.get(owner, "answer", lambda: 42), memo.get(owner, "answer", lambda: 0)
(42, 42)
>>> del owner
>>> len(memo)
0
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Per-owner answers, forgotten with their owner."""

    def __init__(self) -> None:
        self._by_owner: weakref.WeakKeyDictionary[object, dict[K, V]] = weakref.WeakKeyDictionary()

    def of(self, owner: object) -> dict[K, V]:
        """The answers kept for ``owner`` (made empty on first use)."""
        found = self._by_owner.get(owner)
        if found is None:
            found = self._by_owner[owner] = {}
        return found

    def get(self, owner: object, key: K, make: Callable[[], V]) -> V:
        """The answer ``key`` of ``owner``, made by ``make`` the first time it is asked for."""
        answers = self.of(owner)
        if key not in answers:
            answers[key] = make()
        return answers[key]

    def __len__(self) -> int:
        """How many owners have answers kept."""
        return len(self._by_owner)
