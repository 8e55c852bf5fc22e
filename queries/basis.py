"""What a dated answer rests on: the vintage used for each layer, the changes applied after the
last official vintage, and whether the date lies past the evidence.

The build records, per layer (local government, police, health, population), the vintages it was
built from and the decided changes on top of them (:mod:`loaders.evidence`, in ``meta``). On a
date each layer rests on its last vintage starting on or before it; the changes applied are those
in force by then. A date after the last vintage of every layer and after the last decided change
is *past the evidence*: the answer is the last known landscape carried forward, a projection.

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> b = basis(bundled(), date(2030, 1, 1))
>>> b.past_evidence, b.evidence_until, b.status
(True, datetime.date(2027, 4, 1), 'projection')
>>> [(c.id, c.status) for c in b.changes]
[('icb-2026-04-01', 'observed'), ('surrey-2027', 'decided')]
>>> basis(bundled(), date(2024, 6, 1)).status
'observed'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.model import Status
from graph.temporal import TemporalGraph

LAYERS = ("local_government", "police", "health", "population")
PROJECTION = "projection"


@dataclass(frozen=True, slots=True)
class LayerBasis:
    """What one layer rests on for a date: its last observed vintage starting on or before it
    (``since`` is the first day that vintage describes), and the decided changes applied on top.

    ``carried_forward`` says that the date is after the layer's last vintage and change: nothing
    later is known for this layer. ``status`` is ``decided`` where a decided change applies.
    """

    layer: str
    source: str
    since: date
    confidence: str
    status: str
    re_keys: str | None
    decided_changes: tuple[str, ...]
    carried_forward: bool


@dataclass(frozen=True, slots=True)
class ChangeApplied:
    """A change after the official vintages, in force by the date: observed (a change that has
    happened, compiled from official sources) or decided (an order made, not yet in a file)."""

    id: str
    title: str
    reference: str
    url: str
    effective: date
    status: str
    source: str
    layers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Basis:
    """What an answer about ``as_of`` rests on.

    ``status``: ``observed`` when every layer rests on observed facts, ``decided`` when a decided
    change is applied, ``projection`` when the date is past the evidence. ``note`` says it in a
    sentence.
    """

    as_of: date
    layers: tuple[LayerBasis, ...]
    changes: tuple[ChangeApplied, ...]
    pending: tuple[ChangeApplied, ...]  # changes recorded for later dates
    evidence_until: date | None
    past_evidence: bool
    status: str
    note: str


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _meta(g: TemporalGraph) -> dict[str, Any]:
    found: dict[str, Any] = g.meta.get("basis", {})
    return found


def _change(row: dict[str, str]) -> ChangeApplied:
    return ChangeApplied(
        row["id"],
        row["title"],
        row.get("reference", ""),
        row.get("url", ""),
        _day(row["date"]),
        row["status"],
        row["source"],
        tuple(x for x in row.get("layers", "").split(", ") if x),
    )


def evidence_until(g: TemporalGraph) -> date | None:
    """The last day any vintage or change describes (None for a graph built without a basis)."""
    meta = _meta(g)
    days = [_day(r["from"]) for rows in meta.get("layers", {}).values() for r in rows]
    days += [_day(c["date"]) for c in meta.get("changes", [])]
    return max(days) if days else None


def basis(g: TemporalGraph, when: date) -> Basis:
    """The basis of an answer about ``when``."""
    meta = _meta(g)
    layers = []
    for name in LAYERS:
        rows = meta.get("layers", {}).get(name, [])
        used = [r for r in rows if _day(r["from"]) <= when]
        vintages = [r for r in used if r["status"] == Status.OBSERVED]
        if not vintages:
            continue
        row = vintages[-1]
        on_top = tuple(r["source"] for r in used if r["status"] != Status.OBSERVED)
        layers.append(
            LayerBasis(
                name,
                row["source"],
                _day(row["from"]),
                row["confidence"],
                Status.DECIDED.value if on_top else row["status"],
                row.get("re_keys"),
                on_top,
                used[-1] is rows[-1] and when > _day(used[-1]["from"]),
            )
        )
    changes = [_change(c) for c in meta.get("changes", [])]
    applied = tuple(c for c in changes if c.effective <= when)
    pending = tuple(c for c in changes if c.effective > when)
    until = evidence_until(g)
    past = until is not None and when > until
    decided = any(c.status == Status.DECIDED for c in applied) or any(
        layer.status == Status.DECIDED for layer in layers
    )
    status = PROJECTION if past else Status.DECIDED.value if decided else Status.OBSERVED.value
    if past:
        note = (
            f"{when} is past the evidence: no vintage or decided change describes any day after "
            f"{until}, so this is the landscape of {until} carried forward, a projection"
        )
    elif decided:
        ids = ", ".join(c.id for c in applied if c.status == Status.DECIDED)
        note = f"rests on decided changes not yet in an official file ({ids})"
    else:
        note = "rests on observed facts: official files and changes that have taken effect"
    if pending:
        note += "; recorded for later: " + ", ".join(f"{c.id} ({c.effective})" for c in pending)
    return Basis(when, tuple(layers), applied, pending, until, past, status, note)


def currency(g: TemporalGraph) -> dict[str, Any]:
    """How current a built landscape is: the last vintage of each layer, the last decided change,
    the last day of evidence, and the inputs of the build (for ``/health`` and ``status``)."""
    meta = _meta(g)
    last = {
        name: rows[-1] for name, rows in meta.get("layers", {}).items() if rows and name in LAYERS
    }
    observed = {
        name: next((r for r in reversed(rows) if r["status"] == Status.OBSERVED), None)
        for name, rows in meta.get("layers", {}).items()
        if name in LAYERS
    }
    decided = [c for c in meta.get("changes", []) if c["status"] == Status.DECIDED]
    until = evidence_until(g)
    return {
        "data_start": g.meta.get("data_start"),
        "evidence_until": until.isoformat() if until else None,
        "layers": {
            name: {"last": last.get(name), "last_observed": observed.get(name)} for name in LAYERS
        },
        "changes": list(meta.get("changes", [])),
        "last_decided_change": decided[-1] if decided else None,
        "inputs": {
            "official_files": [name for name, _ in g.meta.get("sources", [])],
            "change_tables": list(meta.get("change_tables", [])),
            "not_applied": list(meta.get("not_applied", [])),
            "unrecognised_files": list(g.meta.get("unrecognised_files", [])),
            "registry": {
                k: v for k, v in g.meta.get("registry", {}).items() if k != "linked_arrangements"
            },
        },
    }
