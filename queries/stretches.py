"""Stretches of time over which every answer stays the same.

Between two days on which something changes, nothing changes, so a question's answer is a
function of the question and the *stretch* its date falls in, not of the date itself (fields
that echo the date asked aside). A stretch starts on every day an answer may change:

* a day some node, edge or identifier starts or ends (the graph's change dates: a view is
  already one per such stretch, :meth:`graph.temporal.TemporalGraph.at`);
* a day on which a date recorded in an attribute (a review's commissioning or publication, a
  rule set's enactment or commencement) becomes certain or certainly not yet: for a date known
  to a day, month or year, its first day and its last (:meth:`graph.dates.PartialDate.by`);
* a day on which what an answer rests on changes (:mod:`queries.basis`): each vintage's first
  day, the day after it (from then on a last vintage is *carried forward*), each change's
  effective date, and the day after the last evidence (a projection from then on);
* the day arrangements had to be in force everywhere.

Splitting more finely than needed costs only a cache miss, never a wrong answer, so every date
found is taken. :func:`stretch` numbers them.

>>> from loaders.landscape import bundled
>>> g = bundled()
>>> stretch(g, date(2024, 6, 1)) == stretch(g, date(2024, 6, 2))
True
>>> stretch(g, date(2023, 3, 31)) == stretch(g, date(2023, 4, 1))
False
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from graph.dates import PartialDate
from graph.temporal import TemporalGraph
from queries.coverage import ARRANGEMENTS_IN_FORCE
from queries.memo import Memo

_DAYS: Memo[str, list[date]] = Memo()  # per graph


def answer_days(g: TemporalGraph) -> list[date]:
    """Every day on which some answer about ``g`` may change, in order (cached per graph)."""
    return _DAYS.get(g, "days", lambda: _answer_days(g))


def stretch(g: TemporalGraph, when: date) -> int:
    """The number of the stretch ``when`` falls in: equal numbers, equal answers."""
    return bisect.bisect_right(answer_days(g), when)


def _answer_days(g: TemporalGraph) -> list[date]:
    found = set(g.change_dates)
    found.add(ARRANGEMENTS_IN_FORCE)
    for node in g.all_nodes():
        found.update(_attribute_days(node.attrs.values()))
    for edge in g.all_edges():
        found.update(_attribute_days(edge.attrs.values()))
    found.update(_basis_days(g.meta.get("basis", {})))
    return sorted(found)


def _attribute_days(values: Iterable[object]) -> Iterator[date]:
    """The first and the last day of every date-like text among ``values`` (and
    in the lists and mappings among them)."""
    for value in values:
        if isinstance(value, list | tuple):
            yield from _attribute_days(value)
        elif isinstance(value, dict):
            yield from _attribute_days(value.values())
        elif isinstance(value, str) and 4 <= len(value) <= 10 and value[:4].isdigit():
            try:
                partial = PartialDate.parse(value)
            except ValueError:
                continue
            yield partial.first
            yield partial.last


def _basis_days(meta: dict[str, Any]) -> Iterator[date]:
    days = [r["from"] for rows in meta.get("layers", {}).values() for r in rows]
    days += [c["date"] for c in meta.get("changes", [])]
    for text in days:
        day = date.fromisoformat(text)
        yield day
        yield day + timedelta(days=1)  # carried forward, or past the evidence, from the next day
