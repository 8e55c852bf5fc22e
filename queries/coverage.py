"""Coverage: is every local authority area covered by exactly one children's partnership?

A new LA (one that began after arrangements were required, a decided change's new council say)
with no recorded arrangement is *awaiting* one (:mod:`queries.awaiting`: what must be arranged,
by when, with which partners), not uncovered: uncovered means an LA that has lost its cover.
Either makes the date non-compliant. Also: police forces and health bodies that take part in no
arrangement; LAs with no safeguarding adults board, health and wellbeing board or child death
overview panel (an LA whose CDOP is not recorded is *unknown*, not uncovered); districts with no
community safety partnership. Each gap or double cover carries the day range over which it lasts.
Pure functions of the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from graph.errors import DateOutOfRange
from graph.temporal import TemporalGraph
from loaders import controls
from ontology.vocabulary import HEALTH_BODIES, Kind, Relation
from queries.awaiting import Awaiting, awaiting, is_new_without_arrangement
from queries.footprint import PARTNERSHIP, AboutAnLA, Ref, footprints
from queries.memo import Memo

ARRANGEMENTS_IN_FORCE = date(2019, 9, 29)
"""The day multi-agency safeguarding arrangements had to be in place everywhere."""

_COUNTS: Memo[str, dict[str, int]] = Memo()  # per view
_REPORTS: Memo[str, Coverage] = Memo()  # per view: one report per stretch of time


@dataclass(frozen=True, slots=True)
class CoverIssue(AboutAnLA):
    """An LA uncovered (no partnerships) or covered more than once, from ``since`` to ``until``.

    ``until`` is the first day the issue no longer holds (None: it holds to the end of the data).
    """

    la: Ref
    partnerships: tuple[Ref, ...]
    since: date
    until: date | None


@dataclass(frozen=True, slots=True)
class Coverage:
    as_of: date
    compliant: bool
    reasons: tuple[str, ...]
    local_authority_count: int
    partnership_count: int
    uncovered: tuple[CoverIssue, ...]
    multiply_covered: tuple[CoverIssue, ...]
    police_forces_without_arrangement: tuple[Ref, ...]
    health_bodies_without_arrangement: tuple[Ref, ...]
    without_sab: tuple[Ref, ...]
    without_hwb: tuple[Ref, ...]
    without_cdop: tuple[Ref, ...]
    cdop_unknown: tuple[Ref, ...]
    districts_without_csp: tuple[Ref, ...]
    awaiting_arrangement: tuple[Awaiting, ...] = ()  # new LAs with no recorded arrangement yet


def check_date(g: TemporalGraph, when: date) -> None:
    """Refuse a date the data does not describe."""
    start = date.fromisoformat(g.meta.get("data_start", controls.DATA_START.isoformat()))
    if when < start:
        raise DateOutOfRange(f"date {when} is before the data begins ({start})")


def _counts(g: TemporalGraph, when: date) -> dict[str, int]:
    """Upper-tier LA -> number of partnerships covering it on ``when`` (cached per view)."""
    view = g.at(when)

    def make() -> dict[str, int]:
        fp = footprints(view)
        return {la: len(fp.covering.get(la, [])) for la in fp.upper}

    return _COUNTS.get(view, "cover_counts", make)


def _extent(
    g: TemporalGraph, la: str, when: date, bad: bool, multiple: bool
) -> tuple[date, date | None]:
    """The run of days around ``when`` over which ``la`` keeps the same kind of problem."""

    def same(d: date) -> bool:
        n = _counts(g, d).get(la)
        return n is not None and ((n >= 2) if multiple else (n == 0)) == bad

    dates = [d for d in g.change_dates if d >= controls.DATA_START]
    since = max([controls.DATA_START, *[d for d in dates if d <= when]])
    earlier = [d for d in dates if d < since]
    while earlier and same(earlier[-1]):
        since = earlier.pop()
    later = [d for d in dates if d > when]
    until = None
    for d in later:
        if not same(d):
            until = d
            break
    return since, until


def coverage(g: TemporalGraph, when: date) -> Coverage:
    """The coverage report on ``when``.

    >>> from loaders.landscape import bundled
    >>> report = coverage(bundled(), date(2024, 6, 1))
    >>> report.compliant, report.local_authority_count
    (True, 153)
    """
    check_date(g, when)
    # every date of a view's stretch gets the same report (its problems' day ranges are those
    # of the stretch, and 2019-09-29 is a change date): only the date asked differs
    report = _REPORTS.get(g.at(when), "report", lambda: _coverage(g, when))
    return report if report.as_of == when else replace(report, as_of=when)


def _coverage(g: TemporalGraph, when: date) -> Coverage:
    view = g.at(when)
    fp = footprints(view)
    counts = _counts(g, when)
    uncovered: list[CoverIssue] = []
    multiple: list[CoverIssue] = []
    waiting: list[Awaiting] = []
    for la in fp.upper:
        n = counts[la]
        if n == 1:
            continue
        since, until = _extent(g, la, when, True, n >= 2)
        if n == 0 and is_new_without_arrangement(fp, la, since, ARRANGEMENTS_IN_FORCE):
            waiting.append(awaiting(fp, la, since, until))
            continue
        issue = CoverIssue(
            fp.ref(la), tuple(fp.ref(p) for p in fp.covering.get(la, [])), since, until
        )
        (multiple if n >= 2 else uncovered).append(issue)
    partnerships = [n.id for n in view.nodes(PARTNERSHIP)]
    covered = {la for la, n in counts.items() if n >= 1}
    police = {
        fp.police_of[d] for la in covered for d in fp.districts.get(la, []) if d in fp.police_of
    }
    police |= {t for p in partnerships for t in view.targets(p, Relation.HAS_PARTNER)}
    health = {
        b for la in covered for d in fp.districts.get(la, []) for _, _, b in fp.blocks.get(d, [])
    }
    health |= {t for p in partnerships for t in view.targets(p, Relation.HAS_PARTNER)}
    no_police = [fp.ref(n.id) for n in view.nodes(Kind.POLICE_FORCE_AREA) if n.id not in police]
    no_health = [fp.ref(n.id) for n in view.nodes(*HEALTH_BODIES) if n.id not in health]

    def members_of(kind: Kind) -> set[str]:
        return {la for b in view.nodes(kind) for la in fp.members.get(b.id, [])}

    sab, hwb, cdop = (
        members_of(k)
        for k in (
            Kind.SAFEGUARDING_ADULTS_BOARD,
            Kind.HEALTH_AND_WELLBEING_BOARD,
            Kind.CHILD_DEATH_OVERVIEW_PANEL,
        )
    )
    # a CDOP not recorded is unknown: the registry of CDOP footprints is known to be partial
    cdop_unknown = [fp.ref(la) for la in fp.upper if la not in cdop]
    csp_districts = {e.source for e in view.edges(Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)}
    no_csp = [
        fp.ref(d)
        for d in sorted(fp.upper_of)
        if view.node(d).kind != Kind.COUNTY and d not in csp_districts
    ]
    reasons = []
    if when < ARRANGEMENTS_IN_FORCE:
        reasons.append(f"arrangements were required only from {ARRANGEMENTS_IN_FORCE}")
    if waiting:
        decided = sum(1 for w in waiting if w.status == "decided")
        how = f" ({decided} made by a decided change)" if decided else ""
        reasons.append(f"{len(waiting)} new local authority area(s) awaiting an arrangement{how}")
    if uncovered:
        reasons.append(f"{len(uncovered)} local authority area(s) covered by no partnership")
    if multiple:
        reasons.append(
            f"{len(multiple)} local authority area(s) covered by more than one partnership"
        )
    if no_police:
        reasons.append(f"{len(no_police)} police force(s) in no arrangement")
    if no_health:
        reasons.append(f"{len(no_health)} health body(ies) in no arrangement")
    return Coverage(
        when,
        not uncovered and not multiple and not waiting and not no_police and not no_health,
        tuple(reasons),
        len(fp.upper),
        len(partnerships),
        tuple(uncovered),
        tuple(multiple),
        tuple(no_police),
        tuple(no_health),
        tuple(fp.ref(la) for la in fp.upper if la not in sab),
        tuple(fp.ref(la) for la in fp.upper if la not in hwb),
        (),
        tuple(cdop_unknown),
        tuple(no_csp),
        tuple(waiting),
    )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A day on which the coverage answer changes, and the answer from that day."""

    date: date
    compliant: bool
    uncovered: tuple[Ref, ...]
    multiply_covered: tuple[Ref, ...]
    awaiting_arrangement: tuple[Ref, ...] = ()


def coverage_timeline(g: TemporalGraph, start: date, end: date) -> list[TimelineEntry]:
    """``start`` and every later day up to ``end`` on which compliance or the problem LAs change."""
    check_date(g, start)
    if end < start:
        raise DateOutOfRange(f"timeline ends ({end}) before it starts ({start})")
    days = [start, *[d for d in g.change_dates if start < d <= end]]
    out: list[TimelineEntry] = []
    for d in days:
        r = coverage(g, d)
        entry = TimelineEntry(
            d,
            r.compliant,
            tuple(i.la for i in r.uncovered),
            tuple(i.la for i in r.multiply_covered),
            tuple(w.la for w in r.awaiting_arrangement),
        )
        last = out[-1] if out else None
        if last is None or (
            last.compliant,
            last.uncovered,
            last.multiply_covered,
            last.awaiting_arrangement,
        ) != (entry.compliant, entry.uncovered, entry.multiply_covered, entry.awaiting_arrangement):
            out.append(entry)
    return out


def change_days(
    g: TemporalGraph, start: date = ARRANGEMENTS_IN_FORCE, end: date | None = None
) -> list[date]:
    """``start`` and every day after it on which anything in the graph changes."""
    last = end or date.max - timedelta(days=1)
    return [start, *[d for d in g.change_dates if start < d <= last]]


def warm(g: TemporalGraph) -> None:
    """Build the view and footprint index of every stretch of time now, before questions come.

    >>> from loaders.landscape import bundled
    >>> warm(bundled())
    """
    start = date.fromisoformat(g.meta.get("data_start", controls.DATA_START.isoformat()))
    for day in change_days(g, start):
        coverage(g, day)
