"""Overlap: which police forces and health bodies each partnership must work with, and how much.

Shares are exact population sums over building blocks (all ages, and children in the band the
population source gives). "Any part" of an area makes a body a statutory partner, so no share is
dropped: shares under the sliver threshold are flagged as slivers. Coterminosity of a partnership
with a family of bodies is the largest, over bodies, of (share of the partnership in the body) x
(share of the body in the partnership): 1 when one body has exactly the partnership's footprint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, Relation
from queries.coverage import check_date
from queries.footprint import PARTNERSHIP, Footprints, Pop, Ref, footprints
from queries.memo import Memo
from queries.sliver import DEFAULT_SLIVER, check_sliver, is_sliver

_TOTALS: Memo[str, dict[str, Pop]] = Memo()  # per view, by family
_REPORTS: Memo[str, Overlap] = Memo()  # per view, at the default sliver threshold only


@dataclass(frozen=True, slots=True)
class Share:
    """A body's part of a footprint: people and children, and their fractions of the footprint."""

    body: Ref
    population: int
    share: float
    children: int | None
    children_share: float | None
    sliver: bool


@dataclass(frozen=True, slots=True)
class PartnershipOverlap:
    partnership: Ref
    local_authorities: tuple[Ref, ...]
    population: int
    children: int | None
    police_forces: tuple[Share, ...]
    health_bodies: tuple[Share, ...]
    police_coterminosity: float
    health_coterminosity: float


@dataclass(frozen=True, slots=True)
class BodyOverlap:
    """A police force or health body and the partnerships it must work with."""

    body: Ref
    partnerships: tuple[Share, ...]  # body = the partnership; share = of the body's population


@dataclass(frozen=True, slots=True)
class BoardMismatch:
    """A board whose footprint differs from the partnerships' footprints around it."""

    board: Ref
    local_authorities: tuple[Ref, ...]
    partnerships: tuple[Ref, ...]
    population_outside: int  # people in those partnerships but not in the board's footprint


@dataclass(frozen=True, slots=True)
class Overlap:
    as_of: date
    sliver_threshold: float
    children_ages: str | None
    partnerships: tuple[PartnershipOverlap, ...]
    police_forces: tuple[BodyOverlap, ...]
    health_bodies: tuple[BodyOverlap, ...]
    board_mismatches: tuple[BoardMismatch, ...]

    @property
    def multi_force(self) -> tuple[PartnershipOverlap, ...]:
        return tuple(p for p in self.partnerships if len(p.police_forces) > 1)

    @property
    def multi_health(self) -> tuple[PartnershipOverlap, ...]:
        return tuple(p for p in self.partnerships if len(p.health_bodies) > 1)


def _shares(fp: Footprints, parts: dict[str, Pop], whole: Pop, sliver: float) -> tuple[Share, ...]:
    out = []
    for body, pop in sorted(parts.items(), key=lambda kv: (-kv[1].people, kv[0])):
        if not body:
            continue
        share, child_share = pop.fractions(whole)
        out.append(
            Share(
                fp.ref(body),
                pop.people,
                share,
                pop.children,
                child_share,
                is_sliver(share, sliver),
            )
        )
    return tuple(out)


def _body_totals(fp: Footprints, family: str) -> dict[str, Pop]:
    """Population of every police force area or health body on the view's date (cached)."""
    return _TOTALS.get(fp.view, family, lambda: fp.shares(fp.upper, family))


def coterminosity(in_both: Mapping[str, int], area: int, totals: Mapping[str, int]) -> float:
    """The largest, over bodies, of (share of the area in the body) x (share of the body in the
    area): ``in_both`` is the people of the area in each body, ``area`` the area's people,
    ``totals`` each body's people. 1 when one body has exactly the area's footprint.

    >>> coterminosity({"a": 60, "b": 40}, 100, {"a": 60, "b": 400})
    0.6
    """
    best = 0.0
    for body, people in in_both.items():
        whole = totals.get(body, 0)
        if whole and area:
            best = max(best, (people / area) * (people / whole))
    return round(best, 6)


def _coterminosity(shares: tuple[Share, ...], totals: dict[str, Pop]) -> float:
    best = 0.0
    for s in shares:
        whole = totals[s.body.id].people if s.body.id in totals else 0
        if whole:
            best = max(best, s.share * (s.population / whole))
    return round(best, 6)


def partnership_overlap(
    fp: Footprints, partnership: str, sliver: float = DEFAULT_SLIVER
) -> PartnershipOverlap:
    """One partnership's police forces and health bodies with their shares."""
    las = fp.members.get(partnership, [])
    whole = Pop()
    for la in las:
        p = fp.la_population(la)
        whole.add(p.people, p.children)
    police = _shares(fp, fp.shares(las, "police"), whole, sliver)
    health = _shares(fp, fp.shares(las, "health"), whole, sliver)
    return PartnershipOverlap(
        fp.ref(partnership),
        tuple(fp.ref(la) for la in las),
        whole.people,
        whole.children,
        police,
        health,
        _coterminosity(police, _body_totals(fp, "police")),
        _coterminosity(health, _body_totals(fp, "health")),
    )


def overlap(g: TemporalGraph, when: date, sliver: float = DEFAULT_SLIVER) -> Overlap:
    """The overlap report on ``when``.

    >>> from loaders.landscape import bundled
    >>> report = overlap(bundled(), date(2024, 6, 1))
    >>> essex = next(p for p in report.partnerships if p.partnership.name.startswith("Essex"))
    >>> [s.body.name for s in essex.health_bodies][:1]
    ['NHS Mid and South Essex Integrated Care Board']
    """
    check_date(g, when)
    check_sliver(sliver)
    view = g.at(when)
    # kept once per stretch of time; a threshold a client chooses is not a key to keep answers
    # by (any number of them would grow without bound): it only re-flags the shares
    report = _REPORTS.get(view, "report", lambda: _overlap(g, when, DEFAULT_SLIVER))
    if sliver != DEFAULT_SLIVER:
        report = reflag(report, sliver)
    return replace(report, as_of=when)  # same stretch of time, same answer


def reflag(report: Overlap, sliver: float) -> Overlap:
    """``report`` with every share flagged against the threshold ``sliver`` instead.

    >>> from loaders.landscape import bundled
    >>> g = bundled()
    >>> reflag(overlap(g, date(2024, 6, 1)), 0.2) == _overlap(g, date(2024, 6, 1), 0.2)
    True
    """

    def shares(items: tuple[Share, ...]) -> tuple[Share, ...]:
        return tuple(
            s if s.sliver == is_sliver(s.share, sliver) else replace(s, sliver=not s.sliver)
            for s in items
        )

    return replace(
        report,
        sliver_threshold=sliver,
        partnerships=tuple(
            replace(p, police_forces=shares(p.police_forces), health_bodies=shares(p.health_bodies))
            for p in report.partnerships
        ),
        police_forces=tuple(
            replace(b, partnerships=shares(b.partnerships)) for b in report.police_forces
        ),
        health_bodies=tuple(
            replace(b, partnerships=shares(b.partnerships)) for b in report.health_bodies
        ),
    )


def _overlap(g: TemporalGraph, when: date, sliver: float) -> Overlap:
    fp = footprints(g.at(when))
    parts = tuple(partnership_overlap(fp, p.id, sliver) for p in fp.view.nodes(PARTNERSHIP))
    families: dict[str, dict[str, list[Share]]] = {
        "police": defaultdict(list),
        "health": defaultdict(list),
    }
    for p in parts:
        for family, shares in (("police", p.police_forces), ("health", p.health_bodies)):
            totals = _body_totals(fp, family)
            for s in shares:
                whole = totals.get(s.body.id, Pop())
                frac = s.population / whole.people if whole.people else 0.0
                child = (
                    (s.children / whole.children)
                    if s.children is not None and whole.children
                    else None
                )
                families[family][s.body.id].append(
                    Share(
                        p.partnership,
                        s.population,
                        frac,
                        s.children,
                        child,
                        is_sliver(frac, sliver),
                    )
                )
    bodies = {
        family: tuple(
            BodyOverlap(fp.ref(b), tuple(sorted(v, key=lambda s: (-s.population, s.body.id))))
            for b, v in sorted(by.items())
        )
        for family, by in families.items()
    }
    return Overlap(
        when,
        sliver,
        fp.children_ages,
        parts,
        bodies["police"],
        bodies["health"],
        board_mismatches(fp),
    )


def board_mismatches(fp: Footprints) -> tuple[BoardMismatch, ...]:
    """Boards (SAB, HWB, CDOP, CSP) whose footprint is not exactly one partnership's footprint.

    Footprints are compared district by district (CSPs are district-level); the population in the
    difference is that of the districts in the partnerships the board touches but not in the board.
    """
    view = fp.view
    boards: dict[str, set[str]] = {}
    for node in view.nodes(
        Kind.SAFEGUARDING_ADULTS_BOARD,
        Kind.HEALTH_AND_WELLBEING_BOARD,
        Kind.CHILD_DEATH_OVERVIEW_PANEL,
    ):
        boards[node.id] = {
            d for la in fp.members.get(node.id, []) for d in fp.districts.get(la, [])
        }
    for e in view.edges(Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP):
        boards.setdefault(e.target, set()).add(e.source)

    def people(districts: set[str]) -> int:
        return sum(p for d in districts for p, _, _ in fp.blocks.get(d, []))

    out = []
    for board_id, districts in sorted(boards.items()):
        las = {fp.upper_of[d] for d in districts if d in fp.upper_of}
        partnerships = {p for la in las for p in fp.covering.get(la, [])}
        around = {
            d
            for p in partnerships
            for la in fp.members.get(p, [])
            for d in fp.districts.get(la, [])
        }
        if len(partnerships) == 1 and around == districts:
            continue
        out.append(
            BoardMismatch(
                fp.ref(board_id),
                tuple(fp.ref(la) for la in sorted(las)),
                tuple(fp.ref(p) for p in sorted(partnerships)),
                people(around - districts),
            )
        )
    return tuple(out)
