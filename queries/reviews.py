"""Reviews: what is recorded, filtered; and which were open on a date, as far as the dates say.

A review is open on a date when it had been commissioned and was not yet published (nor otherwise
finished). Dates are kept at the precision the source gives (:class:`~graph.dates.PartialDate`),
so the answer has three values: :attr:`Openness.OPEN`, :attr:`Openness.NOT_OPEN`, or
:attr:`Openness.UNKNOWN` where the dates do not settle it (an unknown commissioning date is
unknown, not "not commissioned"). Pure functions of the graph; each national review is one review,
however many areas it names.

>>> from loaders.landscape import bundled
>>> g = bundled()
>>> southport = g.node("review:lancashire-cspr-southport")
>>> openness(southport, date(2026, 6, 1)).value, openness(southport, date(2024, 6, 1)).value
('open', 'not_open')
>>> [r.id for r in find_reviews(g, ReviewFilter(open_on=date(2026, 6, 1)))]
['review:lancashire-cspr-southport']
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import Enum

from graph.dates import PartialDate, parse_optional
from graph.model import Node
from graph.temporal import TemporalGraph
from ontology.vocabulary import FINISHED, Kind, Relation, ReviewKind, ReviewStatus

DATE_FIELDS = ("notified", "commissioned", "published")


class Openness(Enum):
    """Whether a review was open (commissioned, not yet published) on a date."""

    OPEN = "open"
    NOT_OPEN = "not_open"
    UNKNOWN = "unknown"


def dates(node: Node) -> dict[str, PartialDate | None]:
    """A review's notified, commissioned and published dates, as the source gives them."""
    return {f: parse_optional(node.attrs.get(f)) for f in DATE_FIELDS}


def openness(node: Node, when: date) -> Openness:
    """Whether the review ``node`` was open on ``when``.

    Published by then (or finished, at an unknown date, and commissioned): not open or unknown;
    commissioned by then and, at the last evidence, not finished: open.
    """
    d = dates(node)
    status = ReviewStatus(node.attrs.get("status", ReviewStatus.UNKNOWN))
    commissioned = d["commissioned"].by(when) if d["commissioned"] else None
    if commissioned is False:
        return Openness.NOT_OPEN
    published = d["published"]
    if published is not None:
        done = published.by(when)
        if done:
            return Openness.NOT_OPEN
        if done is None or commissioned is None:
            return Openness.UNKNOWN
        return Openness.OPEN
    if status in FINISHED or status is ReviewStatus.UNKNOWN or commissioned is None:
        return Openness.UNKNOWN  # finished on a day not recorded, or commissioned on one
    return Openness.OPEN


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """What to keep; every given criterion must hold. ``bodies`` (all of which must have
    commissioned it) and ``areas`` (any of which it concerns) are node ids.

    ``date_field`` with ``start``/``end`` keeps reviews whose date of that kind lies wholly in
    ``[start, end]`` (a month-only date counts only if the whole month does; an unknown date never).
    """

    kinds: Collection[ReviewKind] = ()
    statuses: Collection[ReviewStatus] = ()
    theme: str | None = None
    areas: Collection[str] = ()
    bodies: Collection[str] = ()
    date_field: str | None = None
    start: date | None = None
    end: date | None = None
    open_on: date | None = None


def commissioning_bodies(g: TemporalGraph, review: str) -> list[str]:
    return sorted({e.target for e in g.out_edges(review) if e.relation == Relation.COMMISSIONED_BY})


def areas(g: TemporalGraph, review: str) -> list[str]:
    return sorted({e.target for e in g.out_edges(review) if e.relation == Relation.CONCERNS_AREA})


def linked(g: TemporalGraph, node_id: str, relation: str) -> list[Node]:
    """Reviews linked to ``node_id`` by ``relation`` (on any date: what is recorded)."""
    ids = sorted({e.source for e in g.in_edges(node_id) if e.relation == relation})
    return [g.node(i) for i in ids if g.node(i).kind == Kind.REVIEW]


def find_reviews(g: TemporalGraph, f: ReviewFilter) -> list[Node]:
    """The reviews that pass ``f``, most recent first (by their latest known date), then by id."""
    out = []
    theme = f.theme.casefold().strip() if f.theme else None
    for node in g.all_nodes(Kind.REVIEW):
        a = node.attrs
        if f.kinds and a.get("review_kind") not in {k.value for k in f.kinds}:
            continue
        if f.statuses and a.get("status") not in {s.value for s in f.statuses}:
            continue
        if theme and not any(theme in str(t).casefold() for t in a.get("themes", [])):
            continue
        if f.areas and not set(f.areas) & set(areas(g, node.id)):
            continue
        if f.bodies and not set(f.bodies) <= set(commissioning_bodies(g, node.id)):
            continue
        if f.date_field is not None and (f.start or f.end):
            d = dates(node)[f.date_field]
            if d is None or not d.within(f.start, f.end):
                continue
        if f.open_on is not None and openness(node, f.open_on) is not Openness.OPEN:
            continue
        out.append(node)
    return sorted(out, key=_recent)


def _recent(node: Node) -> tuple[int, str]:
    known = [d.last for d in dates(node).values() if d]
    return (-max(known).toordinal() if known else 0, node.id)
