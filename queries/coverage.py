"""Coverage: is every local authority area covered by exactly one children's partnership?

A new LA (one that began after arrangements were required, a decided change's new council say)
with no recorded arrangement is *awaiting* one (:mod:`queries.awaiting`: what must be arranged,
by when, with which partners), not uncovered: uncovered means an LA that has lost its cover.
Either makes the date non-compliant. Also: police forces and health bodies that take part in no
arrangement; LAs with no safeguarding adults board, health and wellbeing board or child death
overview panel (an LA whose CDOP is not recorded is *unknown*, not uncovered); districts with no
community safety partnership. Each gap or double cover carries the day range over which it lasts.
Pure functions of the graph.

A report is kept per stretch of time; what it derives as ids (the counts, the bodies and LAs
in no arrangement or board) is shared by every stretch with the same facts under it, so a
stretch that begins because a review or a post changed pays only for its references and day
ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from graph.errors import DateOutOfRange
from graph.temporal import TemporalGraph
from loaders import controls
from ontology.vocabulary import HEALTH_BODIES, Kind, Relation
from queries.awaiting import Awaiting, awaiting, is_new_without_arrangement
from queries.footprint import PARTNERSHIP, AboutAnLA, Footprints, Ref, footprints
from queries.memo import Memo

ARRANGEMENTS_IN_FORCE = date(2019, 9, 29)
"""The day multi-agency safeguarding arrangements had to be in place everywhere."""

# per graph, shared by every view with the same facts under them (keys: ids of shared parts
# and epochs)
_COUNTS: Memo[tuple[int, int], dict[str, int]] = Memo()
_CORES: Memo[tuple[int, ...], _Core] = Memo()
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
    """Upper-tier LA -> number of partnerships covering it on ``when`` (shared by every view
    with the same LAs and membership: the day ranges of problems ask it of many dates)."""
    return _cover_counts(footprints(g.at(when)))


def _cover_counts(fp: Footprints) -> dict[str, int]:
    def make() -> dict[str, int]:
        return {la: len(fp.covering.get(la, ())) for la in fp.upper}

    found: dict[str, int] = _COUNTS.get(fp.view.graph, (id(fp.upper), id(fp.covering)), make)
    return found


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


@dataclass(frozen=True, slots=True)
class _Core:
    """What a report names, as ids: a function of the facts coverage reads, not of the date."""

    counts: dict[str, int]  # upper-tier LA -> partnerships covering it
    partnership_count: int
    no_police: tuple[str, ...]
    no_health: tuple[str, ...]
    without_sab: tuple[str, ...]
    without_hwb: tuple[str, ...]
    cdop_unknown: tuple[str, ...]
    no_csp: tuple[str, ...]


_CORE_KINDS = tuple(
    sorted(
        k.value
        for k in (
            Kind.SAFEGUARDING_PARTNERSHIP,
            Kind.POLICE_FORCE_AREA,
            *HEALTH_BODIES,
            Kind.SAFEGUARDING_ADULTS_BOARD,
            Kind.HEALTH_AND_WELLBEING_BOARD,
            Kind.CHILD_DEATH_OVERVIEW_PANEL,
        )
    )
)
_HEALTH_KINDS = sorted(k.value for k in HEALTH_BODIES)  # in one order whatever the hash seed
_CORE_RELATIONS = (Relation.HAS_PARTNER, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)


def _core(fp: Footprints) -> _Core:
    """The ids of ``fp``'s report, shared by every view with the same facts under it: the
    footprint's shared parts (geography, blocks, membership) and the epochs of the other kinds
    and relations read here. A stretch of time in which only something else changes (a review,
    a post, a name) costs its first question only the references and day ranges."""
    view = fp.view
    key = (
        id(fp.upper_of),
        id(fp.blocks),
        id(fp.members),
        *(view.node_epoch(k) for k in _CORE_KINDS),
        *(view.epoch(r) for r in _CORE_RELATIONS),
    )
    return _CORES.get(view.graph, key, lambda: _make_core(fp))


def cores(g: TemporalGraph) -> int:
    """How many distinct sets of facts under coverage have been met so far in ``g`` (each made
    once, then shared by every stretch of time that has them).

    >>> from loaders.landscape import bundled
    >>> g = bundled.__wrapped__()  # a graph of its own: nothing asked of it yet
    >>> _ = coverage(g, date(2024, 6, 1)), coverage(g, date(2024, 6, 2))
    >>> cores(g)
    1
    """
    return len(_CORES.of(g))


def _make_core(fp: Footprints) -> _Core:
    view = fp.view
    counts = _cover_counts(fp)
    partnerships = [n.id for n in view.nodes(PARTNERSHIP)]
    covered = [la for la, n in counts.items() if n >= 1]
    # a body is in an arrangement if it covers part of a covered LA, or is a named partner
    nodes = view.graph.node  # edges valid on the view's date join nodes valid on it
    partners = {
        e.target for e in view.edges(Relation.HAS_PARTNER) if nodes(e.source).kind == PARTNERSHIP
    }
    police = {
        fp.police_of[d] for la in covered for d in fp.districts.get(la, ()) if d in fp.police_of
    }
    health = {
        b for la in covered for d in fp.districts.get(la, ()) for _, _, b in fp.blocks.get(d, ())
    }
    police |= partners
    health |= partners

    def members_of(kind: Kind) -> set[str]:
        return {la for b in view.nodes(kind) for la in fp.members.get(b.id, ())}

    sab = members_of(Kind.SAFEGUARDING_ADULTS_BOARD)
    hwb = members_of(Kind.HEALTH_AND_WELLBEING_BOARD)
    # a CDOP not recorded is unknown: the registry of CDOP footprints is known to be partial
    cdop = members_of(Kind.CHILD_DEATH_OVERVIEW_PANEL)
    csp_districts = {e.source for e in view.edges(Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)}
    county = Kind.COUNTY.value
    return _Core(
        counts,
        len(partnerships),
        tuple(n.id for n in view.nodes(Kind.POLICE_FORCE_AREA) if n.id not in police),
        tuple(n.id for n in view.nodes(*_HEALTH_KINDS) if n.id not in health),
        tuple(la for la in fp.upper if la not in sab),
        tuple(la for la in fp.upper if la not in hwb),
        tuple(la for la in fp.upper if la not in cdop),
        tuple(d for d in sorted(fp.upper_of) if nodes(d).kind != county and d not in csp_districts),
    )


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
    fp = footprints(g.at(when))
    core = _core(fp)
    uncovered: list[CoverIssue] = []
    multiple: list[CoverIssue] = []
    waiting: list[Awaiting] = []
    for la in fp.upper:
        n = core.counts[la]
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
    refs = fp.ref
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
    if core.no_police:
        reasons.append(f"{len(core.no_police)} police force(s) in no arrangement")
    if core.no_health:
        reasons.append(f"{len(core.no_health)} health body(ies) in no arrangement")
    return Coverage(
        when,
        not uncovered
        and not multiple
        and not waiting
        and not core.no_police
        and not core.no_health,
        tuple(reasons),
        len(fp.upper),
        core.partnership_count,
        tuple(uncovered),
        tuple(multiple),
        tuple(map(refs, core.no_police)),
        tuple(map(refs, core.no_health)),
        tuple(map(refs, core.without_sab)),
        tuple(map(refs, core.without_hwb)),
        (),
        tuple(map(refs, core.cdop_unknown)),
        tuple(map(refs, core.no_csp)),
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
