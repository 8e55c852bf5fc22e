"""From snapshots to history: when a fact observed in some vintages held.

Lookups are snapshots: each says what was true on its effective date. A fact observed in a run of
consecutive vintages held from the first to the first vintage that no longer shows it, bounded by
the life of the entities it joins. Where an entity did not exist at the previous vintage, its
absence there says nothing, so the fact is taken to start with the entity (derived).

>>> from datetime import date as d
>>> epochs = [d(2019, 4, 1), d(2021, 4, 1), d(2023, 4, 1)]
>>> [str(p) for p in spans(epochs, {d(2019, 4, 1), d(2021, 4, 1)}, Period())]
['[…, 2023-04-01)']
>>> [str(p) for p in spans(epochs, {d(2023, 4, 1)}, Period(d(2020, 4, 1)))]
['[2023-04-01, …)']
>>> [str(p) for p in spans(epochs, {d(2021, 4, 1)}, Period(d(2020, 4, 1)))]
['[2020-04-01, 2023-04-01)']
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from graph.model import Period


def spans(epochs: Sequence[date], observed: Collection[date], life: Period) -> list[Period]:
    """Periods in which a fact observed at ``observed`` (a subset of ``epochs``) held."""
    out: list[Period] = []
    i = 0
    while i < len(epochs):
        if epochs[i] not in observed:
            i += 1
            continue
        j = i
        while j + 1 < len(epochs) and epochs[j + 1] in observed:
            j += 1
        if i == 0 or not life.contains(epochs[i - 1]):
            start = life.start if i == 0 or life.start is None else max(life.start, epochs[i - 1])
        else:
            start = epochs[i]
        if j + 1 < len(epochs) and life.contains(epochs[j + 1]):
            end: date | None = epochs[j + 1]
        else:
            end = life.end
        clipped = Period(start, end).clip(life)
        if clipped is not None:
            out.append(clipped)
        i = j + 1
    return out
