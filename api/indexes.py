"""Reverse indexes the API navigates by, built once per view beside ``queries.footprint``'s.

Each function reads the footprint index of a view and keeps its answer in this module's memo, so
every request about the same stretch of time shares it and a nested query never rebuilds it. Only
answers at the default sliver threshold are kept: one chosen by a client is computed each time
(the result cache, bounded in bytes, keeps whole answers), so no client can grow these memos.
Pure: the graph is never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from queries.footprint import Footprints, Pop
from queries.memo import Memo
from queries.overlap import (
    BodyOverlap,
    PartnershipOverlap,
    overlap,
    partnership_overlap,
)
from queries.sliver import DEFAULT_SLIVER

T = TypeVar("T")

POLICE, HEALTH = "police", "health"


_ANSWERS: Memo[tuple[object, ...], object] = Memo()  # per view


def _cached(fp: Footprints, key: tuple[object, ...], build: Callable[[], T]) -> T:
    value: T = _ANSWERS.get(fp.view, key, build)  # type: ignore[assignment]
    return value


def body_las(fp: Footprints, family: str) -> dict[str, list[str]]:
    """Police force area or health body -> the upper-tier LAs with people in it."""

    def build() -> dict[str, list[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for la in fp.upper:
            for body in fp.shares([la], family):
                if body:
                    out[body].add(la)
        return {body: sorted(las) for body, las in out.items()}

    return _cached(fp, ("body_las", family), build)


def body_totals(fp: Footprints, family: str) -> dict[str, Pop]:
    """Population of every police force area or health body on the view's date."""
    return _cached(fp, ("body_totals", family), lambda: fp.shares(fp.upper, family))


def la_shares(fp: Footprints, la: str, family: str) -> tuple[Pop, list[tuple[str, Pop]]]:
    """An LA's population, and its people in each police force area or health body (largest
    first)."""

    def build() -> tuple[Pop, list[tuple[str, Pop]]]:
        parts = fp.shares([la], family)
        ordered = sorted(
            ((b, p) for b, p in parts.items() if b), key=lambda bp: (-bp[1].people, bp[0])
        )
        return fp.la_population(la), ordered

    return _cached(fp, ("la_shares", la, family), build)


def body_overlaps(
    fp: Footprints, when: date, family: str, sliver: float = DEFAULT_SLIVER
) -> dict[str, BodyOverlap]:
    """Police force area or health body -> the partnerships it must work with on ``when`` (a
    date in ``fp``'s stretch of time), with shares."""

    def build() -> dict[str, BodyOverlap]:
        report = overlap(fp.view.graph, when, sliver)
        bodies = report.police_forces if family == POLICE else report.health_bodies
        return {b.body.id: b for b in bodies}

    if sliver != DEFAULT_SLIVER:  # a client's threshold is no key to keep answers by (unbounded)
        return build()
    return _cached(fp, ("body_overlaps", family), build)


def partnership_overlaps(
    fp: Footprints, partnership: str, sliver: float = DEFAULT_SLIVER
) -> PartnershipOverlap:
    """One partnership's people and its police forces and health bodies with shares."""
    if sliver != DEFAULT_SLIVER:  # a client's threshold is no key to keep answers by (unbounded)
        return partnership_overlap(fp, partnership, sliver)
    return _cached(
        fp,
        ("partnership_overlap", partnership, sliver),
        lambda: partnership_overlap(fp, partnership, sliver),
    )
