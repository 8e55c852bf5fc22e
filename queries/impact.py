"""Boundary-change impact: what a proposal would change for the safeguarding arrangements.

:func:`apply` makes the what-if landscape (:mod:`queries.scenario`); :func:`impact` compares it
with the real day before: compliance before and after, the LAs needing a new arrangement, the
partners each partnership gains and loses, how many partnerships each police force and health body
must work with, the boards that must re-form, open reviews caught, the people affected and the new
slivers. The graph is never changed. The shipped proposals are in ``queries/proposals/``.

>>> from loaders.landscape import bundled
>>> from queries.proposal import load_proposal
>>> report = impact(bundled(), load_proposal(shipped_proposals()["hypothetical-essex-east-west"]))
>>> [(n.la.name, n.new) for n in report.needing_arrangement]
[('East Essex', True), ('West Essex', True)]
>>> report.after.local_authority_count - report.before.local_authority_count
1
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph.temporal import TemporalGraph
from ontology.vocabulary import FINISHED, ReviewStatus
from queries.basis import Basis, basis
from queries.board_impact import BoardChange, board_changes
from queries.derived_partners import DerivedPartners, derived_partners
from queries.footprint import Pop, Ref
from queries.proposal import Proposal
from queries.reviews import Openness, openness
from queries.scenario import WhatIf, apply
from queries.sliver import DEFAULT_SLIVER, check_sliver, is_sliver
from queries.stacking import PROPOSALS, shipped_proposals
from queries.whatif import Compliance, State, compliance

__all__ = [
    "PROPOSALS",
    "BoardChange",
    "ImpactReport",
    "WhatIf",
    "apply",
    "impact",
    "shipped_proposals",
]


@dataclass(frozen=True, slots=True)
class NeedsArrangement:
    """An LA whose children's arrangement must be made or revised, and where its area comes from."""

    la: Ref
    new: bool
    reason: str
    population: int
    children: int | None
    from_local_authorities: tuple[Ref, ...]
    from_partnerships: tuple[Ref, ...]
    from_boards: tuple[Ref, ...]
    placed_in: Ref | None  # the partnership the proposal puts it in, if any
    partners: DerivedPartners | None = None  # what its geography gives it, placed or not
    sources: tuple[str, ...] = ()  # what the operation that made it rests on


@dataclass(frozen=True, slots=True)
class PartnerShare:
    """A partner (member LA, police force, health body) and its share of the partnership."""

    partner: Ref
    family: str  # "local_authority", "police" or "health"
    population: int
    share: float


@dataclass(frozen=True, slots=True)
class PartnershipChange:
    partnership: Ref
    status: str  # "new", "ends" (merged or split), "emptied" (no member LA left) or "changed"
    population_before: int
    population_after: int
    gained: tuple[PartnerShare, ...]  # shares of the partnership after
    lost: tuple[PartnerShare, ...]  # shares of the partnership before


@dataclass(frozen=True, slots=True)
class BodyLoad:
    """How many partnerships a police force or health body must work with, before and after."""

    body: Ref
    family: str
    partnerships_before: int
    partnerships_after: int
    uncovered_las_after: int  # LAs in its area that no partnership covers after


@dataclass(frozen=True, slots=True)
class OpenReview:
    """A review in progress on the day before whose body or area the change ends or changes;
    ``openness`` is ``open``, or ``unknown`` where it was in progress at the last evidence but its
    dates do not say whether it was open that day."""

    review: Ref
    status: str
    commissioned_by: tuple[Ref, ...]
    openness: Openness = Openness.OPEN


@dataclass(frozen=True, slots=True)
class Affected:
    """People (and children) whose LA, health body, police force or partnership changes."""

    people: int
    children: int | None
    local_government: int
    health: int
    police: int
    partnership: int


@dataclass(frozen=True, slots=True)
class Sliver:
    """A share under the threshold: ``area`` (an LA or partnership) in ``body``."""

    area: Ref
    body: Ref
    population: int
    share: float


@dataclass(frozen=True, slots=True)
class Recoded:
    entity: Ref
    old_code: str
    new_code: str


@dataclass(frozen=True, slots=True)
class StepResult:
    """One dated step of a proposal in steps: its date, name, and compliance after it."""

    effective: date
    name: str
    after: Compliance
    new_entities: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class ImpactReport:
    proposal: str
    source: str
    hypothetical: bool
    effective: date
    before_date: date
    sliver_threshold: float
    children_ages: str | None
    before: Compliance  # the real landscape on the day before
    after: Compliance  # the what-if on the effective date
    new_entities: tuple[Ref, ...]
    ceased: tuple[Ref, ...]
    recoded: tuple[Recoded, ...]
    needing_arrangement: tuple[NeedsArrangement, ...]
    partnerships: tuple[PartnershipChange, ...]
    bodies: tuple[BodyLoad, ...]  # only those whose numbers change
    boards_to_reform: tuple[BoardChange, ...]
    open_reviews: tuple[OpenReview, ...]
    affected: Affected
    new_slivers: tuple[Sliver, ...]
    stacked_on: tuple[str, ...] = ()  # proposals applied first: ``before`` is their result
    comes_after: tuple[str, ...] = ()  # changes of the landscape the proposal names
    basis: Basis | None = None  # what the landscape of the day before rests on
    status: str = "proposed"  # observed (a replay), decided or proposed
    proposer: str = ""
    area: str = ""
    standing: str = ""
    sources: tuple[str, ...] = ()
    steps: tuple[StepResult, ...] = ()  # a proposal in dated steps: each step


def impact(
    g: TemporalGraph, proposal: Proposal | WhatIf, sliver: float = DEFAULT_SLIVER
) -> ImpactReport:
    """The impact of ``proposal`` (or of an already applied :class:`WhatIf`)."""
    check_sliver(sliver)
    w = proposal if isinstance(proposal, WhatIf) else apply(g, proposal)
    b, a, p = w.before, w.after, w.proposal
    moved = {d for d, la in a.upper_of.items() if b.upper_of.get(d) != la}
    changed_las = {b.upper_of[d] for d in moved} | {a.upper_of[d] for d in moved}
    partnerships = _partnership_changes(w)
    touched = {c.partnership.id for c in partnerships}
    boards = board_changes(w, moved, changed_las)
    reform = touched | {c.board.id for c in boards}
    reviews = _open_reviews(w, reform, changed_las)
    return ImpactReport(
        p.name,
        p.source,
        p.hypothetical,
        p.effective,
        w.day or p.day_before,
        sliver,
        a.children_ages,
        compliance(b),
        compliance(a),
        tuple(a.ref(n) for n in sorted(w.origins)),
        tuple(b.ref(n) for n in sorted(w.ceased)),
        tuple(Recoded(a.ref(n), old, new) for n, (old, new) in sorted(w.recoded.items())),
        _needing(w, changed_las, partnerships, sliver),
        partnerships,
        _loads(b, a),
        boards,
        reviews,
        _affected(b, a),
        _new_slivers(w, sliver),
        w.stacked_on,
        w.comes_after,
        basis(g, w.day or p.day_before),
        p.status,
        p.proposer,
        p.area,
        p.standing,
        p.sources,
        tuple(
            StepResult(
                s.proposal.effective,
                step.name,
                compliance(s.after),
                tuple(s.after.ref(n) for n in sorted(s.origins)),
            )
            for s, step in zip(w.stages, p.steps, strict=True)
        ),
    )


def _open_reviews(w: WhatIf, reform: set[str], changed: set[str]) -> tuple[OpenReview, ...]:
    """Reviews open on the day before whose commissioning body re-forms or whose area changes:
    continuity of learning has to be planned for them. Open ones first, then those whose
    openness the dates leave unknown but which were not finished at the last evidence."""
    b, day = w.before, w.proposal.day_before
    out = []
    for r in b.reviews:
        if not (set(r.commissioned_by) & reform or set(r.areas) & changed):
            continue
        state = openness(w.graph.node(r.id), day)
        if state is Openness.UNKNOWN and ReviewStatus(r.status) in FINISHED:
            continue
        if state is not Openness.NOT_OPEN:
            bodies = tuple(b.ref(x) for x in r.commissioned_by)
            out.append(OpenReview(b.ref(r.id), r.status, bodies, state))
    return tuple(sorted(out, key=lambda o: (o.openness is not Openness.OPEN, o.review.id)))


def _districts_of(s: State, las: tuple[str, ...]) -> set[str]:
    return {d for la in las for d in s.districts().get(la, [])}


def _needing(
    w: WhatIf, changed: set[str], partnerships: tuple[PartnershipChange, ...], sliver: float
) -> tuple[NeedsArrangement, ...]:
    b, a = w.before, w.after
    shrunk = {
        c.partnership.id: c
        for c in partnerships
        if c.status == "changed"
        and _districts_of(b, b.partnerships.get(c.partnership.id, ()))
        - _districts_of(a, a.partnerships.get(c.partnership.id, ()))
    }
    out = []
    for la in a.uppers():
        new = la not in b.districts()
        lost = [p for p in b.covering().get(la, []) if p in shrunk]
        if not (new or la in changed or lost):
            continue
        reason = (
            "new local authority"
            if new
            else f"its area changes ({a.ref(la).name})"
            if la in changed
            else f"its partnership {b.ref(lost[0]).name} loses part of its footprint"
        )
        sources = sorted({b.upper_of[d] for d in a.districts()[la]})
        from_p = sorted({p for s in sources for p in b.covering().get(s, [])})
        from_b = sorted({x for x, las in b.boards.items() if set(las) & set(sources)})
        pop = a.population([la])
        placed = a.covering().get(la, [])
        out.append(
            NeedsArrangement(
                a.ref(la),
                new,
                reason,
                pop.people,
                pop.children,
                tuple(b.ref(s) for s in sources),
                tuple(b.ref(x) for x in from_p),
                tuple(b.ref(x) for x in from_b),
                a.ref(placed[0]) if placed else None,
                derived_partners(a, la, sliver),
                w.sources.get(la, ()),
            )
        )
    return tuple(sorted(out, key=lambda n: (not n.new, n.la.name)))


def _partners(s: State, p: str) -> tuple[int, dict[str, tuple[str, int]]]:
    """A partnership's population and its partners: id -> (family, people) (kept per state)."""
    cache: dict[str, tuple[int, dict[str, tuple[str, int]]]] = s.memo("partners", dict)
    if p not in cache:
        las = s.partnerships.get(p, ())
        out = {la: ("local_authority", s.population([la]).people) for la in las}
        for family in ("police", "health"):
            for body, pop in s.shares(las, family).items():
                if body:
                    out[body] = (family, pop.people)
        cache[p] = (s.population(las).people, out)
    return cache[p]


def _dirty(b: State, a: State) -> set[str]:
    """Upper-tier LAs (of either state) whose population, forces or health bodies differ."""
    bb, ab = b.by_la(), a.by_la()
    return {la for la in set(bb) | set(ab) if bb.get(la) != ab.get(la)}


def _changed_partnerships(b: State, a: State, dirty: set[str]) -> list[str]:
    return [
        p
        for p in sorted(set(b.partnerships) | set(a.partnerships))
        if b.partnerships.get(p) != a.partnerships.get(p) or set(a.partnerships.get(p, ())) & dirty
    ]


def _partnership_changes(w: WhatIf) -> tuple[PartnershipChange, ...]:
    b, a = w.before, w.after
    out = []
    for p in _changed_partnerships(b, a, _dirty(b, a)):
        pb, before = _partners(b, p)
        pa, after = _partners(a, p)
        if before == after:
            continue
        status = (
            "new"
            if p not in b.partnerships
            else "ends"
            if p in w.ceased
            else "emptied"
            if not after
            else "changed"
        )
        gained = [
            PartnerShare(a.ref(x), f, n, n / pa if pa else 0.0)
            for x, (f, n) in after.items()
            if x not in before
        ]
        lost = [
            PartnerShare(b.ref(x), f, n, n / pb if pb else 0.0)
            for x, (f, n) in before.items()
            if x not in after
        ]
        ref = a.ref(p) if p in a.partnerships else b.ref(p)
        out.append(PartnershipChange(ref, status, pb, pa, tuple(gained), tuple(lost)))
    return tuple(out)


def _load(s: State) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Body -> partnerships working in its area; body -> uncovered LAs in its area."""

    def make() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        working: dict[str, set[str]] = defaultdict(set)
        uncovered: dict[str, set[str]] = defaultdict(set)
        covering = s.covering()
        for la, (_, police, health) in s.by_la().items():
            for body in (*police, *health):
                working[body].update(covering.get(la, ()))
                if not covering.get(la):
                    uncovered[body].add(la)
        return working, uncovered

    result: tuple[dict[str, set[str]], dict[str, set[str]]] = s.memo("load", make)
    return result


def _loads(b: State, a: State) -> tuple[BodyLoad, ...]:
    wb, ub = _load(b)
    wa, ua = _load(a)
    out = []
    for body in sorted((b.forces | b.bodies | a.forces | a.bodies) - {""}):
        row = (len(wb.get(body, ())), len(wa.get(body, ())), len(ua.get(body, ())))
        # changes only: a body whose uncovered LAs were the same the day before is left out
        if row[0] != row[1] or wb.get(body) != wa.get(body) or ub.get(body) != ua.get(body):
            ref = a.ref(body) if body in a.forces | a.bodies else b.ref(body)
            family = "police" if body in b.forces | a.forces else "health"
            out.append(BodyLoad(ref, family, *row))
    return tuple(out)


def _affected(b: State, a: State) -> Affected:
    total, by = Pop(), dict.fromkeys(("lg", "health", "police", "partnership"), 0)
    cover_b, cover_a = b.covering(), a.covering()
    for d, blocks in b.blocks.items():
        lg = b.upper_of.get(d) != a.upper_of.get(d)
        police = b.police_of.get(d) != a.police_of.get(d)
        part = set(cover_b.get(b.upper_of.get(d, ""), [])) != set(
            cover_a.get(a.upper_of.get(d, ""), [])
        )
        bodies = {x.area: x.body for x in a.blocks.get(d, ())}
        for x in blocks:
            health = bodies.get(x.area) != x.body
            for key, flag in (
                ("lg", lg),
                ("health", health),
                ("police", police),
                ("partnership", part),
            ):
                by[key] += x.people if flag else 0
            if lg or health or police or part:
                total.add(x.people, x.children)
    return Affected(
        total.people, total.children, by["lg"], by["health"], by["police"], by["partnership"]
    )


def _slivers(
    s: State, threshold: float, areas: list[tuple[str, tuple[str, ...]]]
) -> dict[tuple[str, str], tuple[int, float]]:
    """(area, body) -> (people, share) for shares under ``threshold`` of LAs or partnerships."""
    out = {}
    for area, las in areas:
        whole = s.population(las).people
        for family in ("police", "health"):
            for body, pop in s.shares(las, family).items():
                share = pop.people / whole if whole else 0.0
                if body and is_sliver(share, threshold):
                    out[(area, body)] = (pop.people, share)
    return out


def _areas(s: State, las: set[str] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    return [(la, (la,)) for la in s.uppers() if las is None or la in las] + [
        (p, m) for p, m in sorted(s.partnerships.items()) if las is None or set(m) & las
    ]


def _new_slivers(w: WhatIf, threshold: float) -> tuple[Sliver, ...]:
    """Slivers of the what-if that no area it comes from had in a body the new one comes from."""
    b, a = w.before, w.after
    before: dict[tuple[str, str], tuple[int, float]] = b.memo(
        ("slivers", threshold), lambda: _slivers(b, threshold, _areas(b))
    )
    dirty = _dirty(b, a) | {la for la in a.uppers() if la not in b.districts()}
    moved = set(_changed_partnerships(b, a, dirty))
    areas = _areas(a, dirty) + [(p, m) for p, m in sorted(a.partnerships.items()) if p in moved]
    out = []
    for (area, body), (n, share) in sorted(_slivers(a, threshold, areas).items()):
        olds = {
            (x, y)
            for x in (area, *w.origins.get(area, ()))
            for y in (body, *w.origins.get(body, ()))
        }
        if not olds & set(before):
            out.append(Sliver(a.ref(area), a.ref(body), n, share))
    return tuple(out)
