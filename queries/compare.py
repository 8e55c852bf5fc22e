"""Options side by side: the impact of several proposals for the same area, in one table.

Each option is applied and reported on as :func:`queries.impact.impact` does; :func:`compare` puts
the measures that tell options apart side by side: the new councils (those whose area the option
makes or changes) with their people and children, how many police forces and health bodies each
must work with (and how many of them are slivers), the community safety partnerships in each, the
partnerships that must change, the boards whose footprints the new councils divide (split) or
bring together (merged), the open reviews caught, the people affected, compliance after, and
coterminosity (:func:`queries.overlap.coterminosity`) of each new council and of each option
(its councils' measures weighted by their people). Pure: the graph is never changed.

Options are for the same area: each must change some district that the first one changes.
:meth:`Comparison.rows` is the table (a measure a row, an option a column), as the command line
prints it and :func:`to_csv` writes it.

>>> from loaders.landscape import bundled
>>> from queries.proposal import load_proposal
>>> from queries.stacking import shipped_proposals
>>> shipped = shipped_proposals()
>>> c = compare(bundled(), [load_proposal(shipped[n]) for n in (
...     "lgr-2025-west-sussex-1-unitary-county", "lgr-2025-west-sussex-2-unitaries-districts")])
>>> [len(o.councils) for o in c.options], {h.name for o in c.options for h in o.health_bodies}
([1, 2], {'NHS Surrey and Sussex Integrated Care Board'})
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries.board_impact import BoardFootprints, footprint_changes
from queries.derived_partners import DerivedPartners, derived_partners
from queries.footprint import Ref
from queries.impact import Affected, ImpactReport, OpenReview, PartnershipChange, impact
from queries.proposal import Proposal
from queries.scenario import WhatIf, apply
from queries.sliver import DEFAULT_SLIVER, check_sliver
from queries.whatif import State

WHERE = "compare"


@dataclass(frozen=True, slots=True)
class Council:
    """A council whose area the option makes (``new``) or changes, and what its geography gives."""

    la: Ref
    new: bool
    population: int
    children: int | None
    partners: DerivedPartners
    placed_in: Ref | None

    @property
    def police_slivers(self) -> int:
        return sum(1 for s in self.partners.police_forces if s.sliver)

    @property
    def health_slivers(self) -> int:
        return sum(1 for s in self.partners.health_bodies if s.sliver)


@dataclass(frozen=True, slots=True)
class Option:
    """One proposal's measures."""

    name: str
    source: str
    status: str
    proposer: str
    standing: str
    hypothetical: bool
    effective: date
    before_date: date
    area: tuple[Ref, ...]  # districts whose LA, police force, health body or partnership changes
    area_population: int
    councils: tuple[Council, ...]
    police_forces: tuple[Ref, ...]  # every force the councils must work with
    health_bodies: tuple[Ref, ...]
    partnerships: tuple[PartnershipChange, ...]
    boards: tuple[BoardFootprints, ...]
    open_reviews: tuple[OpenReview, ...]
    affected: Affected
    compliant_after: bool
    awaiting_after: int
    police_coterminosity: float | None  # the councils', weighted by people (None: no council)
    health_coterminosity: float | None
    report: ImpactReport


@dataclass(frozen=True, slots=True)
class Row:
    """One measure of the table: a value per option (lists of values joined by ``; ``)."""

    section: str
    measure: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    options: tuple[Option, ...]
    common: tuple[Ref, ...]  # districts every option changes
    sliver_threshold: float
    children_ages: str | None
    notes: tuple[str, ...]

    def rows(self) -> tuple[Row, ...]:
        """The table: one :class:`Row` per measure."""
        return _rows(self)


def _area(b: State, a: State) -> list[str]:
    """Districts whose upper-tier LA, police force, health bodies or partnership changes."""
    cover_b, cover_a = b.covering(), a.covering()
    out = []
    for d, blocks in sorted(b.blocks.items()):
        la_b, la_a = b.upper_of.get(d, ""), a.upper_of.get(d, "")
        bodies = {x.area: x.body for x in a.blocks.get(d, ())}
        if (
            la_b != la_a
            or b.police_of.get(d) != a.police_of.get(d)
            or any(bodies.get(x.area) != x.body for x in blocks)
            or set(cover_b.get(la_b, [])) != set(cover_a.get(la_a, []))
        ):
            out.append(d)
    return out


def _weighted(councils: tuple[Council, ...], police: bool) -> float | None:
    people = sum(c.population for c in councils)
    if not people:
        return None
    total = sum(
        c.population
        * (c.partners.police_coterminosity if police else c.partners.health_coterminosity)
        for c in councils
    )
    return round(total / people, 6)


def option(g: TemporalGraph, w: WhatIf, sliver: float = DEFAULT_SLIVER) -> Option:
    """The measures of one applied proposal."""
    r = impact(g, w, sliver)
    b, a, p = w.before, w.after, w.proposal
    placed = a.covering()
    councils = tuple(
        Council(
            a.ref(la),
            la not in b.districts(),
            a.population([la]).people,
            a.population([la]).children,
            derived_partners(a, la, sliver),
            a.ref(placed[la][0]) if placed.get(la) else None,
        )
        for la in sorted(a.districts(), key=lambda x: a.ref(x).name)
        if a.districts()[la] != b.districts().get(la)
    )
    forces = {s.body.id: s.body for c in councils for s in c.partners.police_forces}
    bodies = {s.body.id: s.body for c in councils for s in c.partners.health_bodies}
    area = _area(b, a)
    return Option(
        p.name,
        p.source,
        p.status,
        p.proposer,
        p.standing,
        p.hypothetical,
        p.effective,
        r.before_date,
        tuple(b.ref(d) for d in area),
        sum(x.people for d in area for x in b.blocks.get(d, ())),
        councils,
        tuple(sorted(forces.values(), key=lambda x: x.name)),
        tuple(sorted(bodies.values(), key=lambda x: x.name)),
        r.partnerships,
        footprint_changes(w, [c.la.id for c in councils]),
        r.open_reviews,
        r.affected,
        r.after.compliant,
        len(r.after.awaiting_arrangement),
        _weighted(councils, True),
        _weighted(councils, False),
        r,
    )


def compare(
    g: TemporalGraph, proposals: Sequence[Proposal | WhatIf], sliver: float = DEFAULT_SLIVER
) -> Comparison:
    """The options ``proposals`` side by side (at least two, for the same area)."""
    check_sliver(sliver)
    if len(proposals) < 2:
        raise ProposalError(WHERE, "proposals", "give at least two options to compare")
    options = []
    for p in proposals:
        options.append(option(g, p if isinstance(p, WhatIf) else apply(g, p), sliver))
    first = {d.id for d in options[0].area}
    for i, o in enumerate(options[1:], start=1):
        if not first & {d.id for d in o.area}:
            raise ProposalError(
                WHERE,
                f"proposals[{i}]",
                f"{o.name!r} changes no district that {options[0].name!r} changes: "
                "options of one area are compared",
            )
    common = set.intersection(*({d.id for d in o.area} for o in options))
    names = {d.id: d for o in options for d in o.area}
    notes = []
    if len({o.effective for o in options}) > 1:
        notes.append("the options take effect on different dates: each is applied to its own day")
    if any({d.id for d in o.area} != common for o in options):
        notes.append("the options change different areas: the districts they all change are common")
    ages = {o.report.children_ages for o in options}
    return Comparison(
        tuple(options),
        tuple(sorted((names[d] for d in common), key=lambda r: r.name)),
        sliver,
        ages.pop() if len(ages) == 1 else None,
        tuple(notes),
    )


# -- the table -------------------------------------------------------------------------------------


def _n(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _each(o: Option, show: str) -> str:
    """One value per council of ``o``, ``name: value``, joined by ``; ``."""
    parts = []
    for c in o.councils:
        p = c.partners
        value = {
            "people": _n(c.population),
            "children": _n(c.children),
            "police": f"{len(p.police_forces)} ({c.police_slivers} sliver(s))",
            "health": f"{len(p.health_bodies)} ({c.health_slivers} sliver(s))",
            "police names": ", ".join(f"{s.body.name} {s.share:.1%}" for s in p.police_forces),
            "health names": ", ".join(f"{s.body.name} {s.share:.1%}" for s in p.health_bodies),
            "csps": str(len(p.community_safety_partnerships)),
            "police cot": _share(p.police_coterminosity),
            "health cot": _share(p.health_coterminosity),
            "placed": c.placed_in.name if c.placed_in else "none yet",
        }[show]
        parts.append(f"{c.la.name}: {value}")
    return "; ".join(parts) or "none"


def _boards(k: int, split: bool = True) -> Callable[[Option], str]:
    def show(o: Option) -> str:
        kind = o.boards[k]
        return str(len(kind.split if split else kind.merged))

    return show


def _rows(c: Comparison) -> tuple[Row, ...]:
    ages = c.children_ages or "in the band of each option's date"
    spec: list[tuple[str, str, Callable[[Option], str]]] = [
        ("option", "status", lambda o: o.status + (" (hypothetical)" if o.hypothetical else "")),
        ("option", "proposer", lambda o: o.proposer or "not recorded"),
        ("option", "standing", lambda o: o.standing or "not recorded"),
        ("option", "effective", lambda o: o.effective.isoformat()),
        ("option", "applied to the landscape of", lambda o: o.before_date.isoformat()),
        ("area", "districts changed", lambda o: str(len(o.area))),
        ("area", "people in them", lambda o: _n(o.area_population)),
        ("new councils", "councils", lambda o: str(len(o.councils))),
        ("new councils", "people", lambda o: _each(o, "people")),
        ("new councils", f"children ({ages})", lambda o: _each(o, "children")),
        ("new councils", "placed in a partnership", lambda o: _each(o, "placed")),
        ("partners", "police forces each must work with", lambda o: _each(o, "police")),
        ("partners", "police forces and shares", lambda o: _each(o, "police names")),
        ("partners", "ICBs each must work with", lambda o: _each(o, "health")),
        ("partners", "ICBs and shares", lambda o: _each(o, "health names")),
        ("partners", "police forces in all", lambda o: str(len(o.police_forces))),
        ("partners", "ICBs in all", lambda o: str(len(o.health_bodies))),
        ("partners", "community safety partnerships in each", lambda o: _each(o, "csps")),
        (
            "partnerships",
            "partnerships that must change",
            lambda o: str(len(o.partnerships)),
        ),
        (
            "partnerships",
            "which",
            lambda o: (
                "; ".join(f"{p.partnership.name} ({p.status})" for p in o.partnerships) or "none"
            ),
        ),
    ]
    for k, kind in enumerate(c.options[0].boards if c.options else ()):
        spec.append(("boards", f"{kind.kind}s divided between councils (split)", _boards(k)))
        spec.append(("boards", f"{kind.kind}s brought together (merged)", _boards(k, False)))
    spec += [
        ("reviews", "open reviews caught", lambda o: str(len(o.open_reviews))),
        ("people", "people affected", lambda o: _n(o.affected.people)),
        ("people", "children affected", lambda o: _n(o.affected.children)),
        (
            "compliance",
            "all England compliant after",
            lambda o: (
                ("yes" if o.compliant_after else "no")
                + (
                    f" ({o.awaiting_after} LA(s) awaiting an arrangement)"
                    if o.awaiting_after
                    else ""
                )
            ),
        ),
        ("coterminosity", "police, each council", lambda o: _each(o, "police cot")),
        ("coterminosity", "ICBs, each council", lambda o: _each(o, "health cot")),
        ("coterminosity", "police, the option", lambda o: _share(o.police_coterminosity)),
        ("coterminosity", "ICBs, the option", lambda o: _share(o.health_coterminosity)),
    ]
    return tuple(
        Row(section, measure, tuple(show(o) for o in c.options)) for section, measure, show in spec
    )


def to_csv(c: Comparison) -> str:
    """The table as CSV: ``section``, ``measure``, then one column per option (by name)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "measure", *(o.name for o in c.options)])
    for row in c.rows():
        w.writerow([row.section, row.measure, *row.values])
    return out.getvalue()
