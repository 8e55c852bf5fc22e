"""The landscape of one day at block resolution, real or what-if, and the questions asked of it.

A :class:`State` holds what a boundary change can alter: each district's upper-tier LA and police
force area, each district's population blocks (district x health area, with the statutory health
body), the member LAs of partnerships and boards, the districts of community safety partnerships,
and reviews. :func:`state` reads it from a view of the graph once (kept in the view's cache); a
proposal makes a changed copy (:mod:`queries.operations`), never touching the graph. Both answer
the same questions, so the real landscape and a what-if compare term by term.

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> s = state(bundled().at(date(2021, 3, 31)))
>>> len(s.uppers()), s.population(["la:NTH"]).people
(151, 757181)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple, TypeVar

from graph.ids import Prefix, prefix_of
from graph.temporal import View
from ontology.vocabulary import BOARDS, HEALTH_BODIES, Kind, Relation
from queries.coverage import ARRANGEMENTS_IN_FORCE
from queries.footprint import PARTNERSHIP, Pop, Ref, footprints, ref
from queries.memo import Memo

T = TypeVar("T")

_REFS: Memo[str, Ref] = Memo()  # per view, by node id
_STATES: Memo[str, State] = Memo()  # per view


class Block(NamedTuple):
    """People in one district and one health area; ``body`` is the statutory health body."""

    people: int
    children: int | None
    area: str  # the CCG, or the sub-ICB location (from July 2022)
    body: str  # the CCG, or the ICB


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    id: str
    status: str
    commissioned_by: tuple[str, ...]
    areas: tuple[str, ...]


@dataclass
class State:
    """One day's landscape. Values are tuples, shared between a state and its what-if copies."""

    when: date
    view: View  # the real view it was read from: names and codes of real entities
    upper_of: dict[str, str]  # district-level LA -> upper-tier LA (a unitary maps to itself)
    police_of: dict[str, str]  # district -> police force area
    blocks: dict[str, tuple[Block, ...]]  # district -> its blocks
    partnerships: dict[str, tuple[str, ...]]  # children's partnership -> member upper-tier LAs
    boards: dict[str, tuple[str, ...]]  # SAB, HWB, CDOP -> member LAs
    csps: dict[str, tuple[str, ...]]  # community safety partnership -> districts
    named_partners: dict[str, tuple[str, ...]]  # partnership -> bodies named as its partners
    forces: frozenset[str]
    bodies: frozenset[str]  # statutory health bodies (CCGs or ICBs)
    reviews: tuple[ReviewInfo, ...]
    children_ages: str | None
    refs: dict[str, Ref] = field(default_factory=dict)  # entities a what-if creates or recodes
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def copy(self, when: date | None = None) -> State:
        """A copy to change: new dictionaries over the same (immutable) values."""
        return replace(
            self,
            when=when or self.when,
            upper_of=dict(self.upper_of),
            police_of=dict(self.police_of),
            blocks=dict(self.blocks),
            partnerships=dict(self.partnerships),
            boards=dict(self.boards),
            csps=dict(self.csps),
            named_partners=dict(self.named_partners),
            refs=dict(self.refs),
            _cache={},
        )

    def invalidate(self) -> None:
        """Forget derived answers: for a what-if copy, after changing it."""
        self._cache.clear()

    def memo(self, key: Any, make: Callable[[], T]) -> T:
        """An answer kept with this state (a real state lives as long as its view)."""
        if key not in self._cache:
            self._cache[key] = make()
        result: T = self._cache[key]
        return result

    def ref(self, node_id: str) -> Ref:
        """Name and code of an entity on this state's date (a new or recoded one included)."""
        if node_id in self.refs:
            return self.refs[node_id]
        return _REFS.get(self.view, node_id, lambda: ref(self.view, node_id))

    def uppers(self) -> list[str]:
        """Upper-tier LAs: every LA some district lies in."""
        return sorted(self.districts())

    def districts(self) -> dict[str, list[str]]:
        """Upper-tier LA -> its district-level LAs."""
        if "districts" not in self._cache:
            out: dict[str, list[str]] = defaultdict(list)
            for d, la in sorted(self.upper_of.items()):
                out[la].append(d)
            self._cache["districts"] = dict(out)
        result: dict[str, list[str]] = self._cache["districts"]
        return result

    def covering(self) -> dict[str, list[str]]:
        """Upper-tier LA -> the partnerships it is a member of."""
        if "covering" not in self._cache:
            out: dict[str, list[str]] = defaultdict(list)
            for p, las in sorted(self.partnerships.items()):
                for la in las:
                    out[la].append(p)
            self._cache["covering"] = dict(out)
        result: dict[str, list[str]] = self._cache["covering"]
        return result

    def by_la(self) -> dict[str, tuple[Pop, dict[str, Pop], dict[str, Pop]]]:
        """Upper-tier LA -> (population, by police force area, by health body), once per state."""
        if "by_la" not in self._cache:
            out: dict[str, tuple[Pop, dict[str, Pop], dict[str, Pop]]] = {}
            for la, ds in self.districts().items():
                total = Pop()
                police: dict[str, Pop] = defaultdict(Pop)
                health: dict[str, Pop] = defaultdict(Pop)
                for d in ds:
                    force = self.police_of.get(d, "")
                    for b in self.blocks.get(d, ()):
                        total.add(b.people, b.children)
                        police[force].add(b.people, b.children)
                        health[b.body].add(b.people, b.children)
                out[la] = (total, dict(police), dict(health))
            self._cache["by_la"] = out
        result: dict[str, tuple[Pop, dict[str, Pop], dict[str, Pop]]] = self._cache["by_la"]
        return result

    def population(self, las: Iterable[str]) -> Pop:
        total, by_la = Pop(), self.by_la()
        for la in las:
            if la in by_la:
                pop = by_la[la][0]
                total.add(pop.people, pop.children)
        return total

    def shares(self, las: Iterable[str], family: str) -> dict[str, Pop]:
        """Population of ``las`` by police force area (``"police"``) or health body."""
        out: dict[str, Pop] = defaultdict(Pop)
        by_la = self.by_la()
        for la in las:
            if la in by_la:
                parts = by_la[la][1] if family == "police" else by_la[la][2]
                for body, pop in parts.items():
                    out[body].add(pop.people, pop.children)
        return dict(out)

    def keys_of(self, health: str) -> list[tuple[str, str]]:
        """The blocks (district, area) of a health body or health area."""
        if "keys_of" not in self._cache:
            out: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for d, bs in sorted(self.blocks.items()):
                for b in bs:
                    out[b.body].append((d, b.area))
                    if b.area != b.body:
                        out[b.area].append((d, b.area))
            self._cache["keys_of"] = dict(out)
        result: list[tuple[str, str]] = self._cache["keys_of"].get(health, [])
        return result

    def memberships(self) -> dict[tuple[str, str], Pop]:
        """(upper-tier LA code, health body code) -> people and children: the replay's yardstick."""
        out: dict[tuple[str, str], Pop] = {}
        for la in self.uppers():
            code = self.ref(la).code
            for body, pop in self.shares([la], "health").items():
                out[(code, self.ref(body).code)] = pop
        return out

    def police_by_la(self) -> dict[str, tuple[str, ...]]:
        """Upper-tier LA code -> codes of the police force areas its districts lie in."""
        return {
            self.ref(la).code: tuple(
                sorted({self.ref(self.police_of[d]).code for d in ds if d in self.police_of})
            )
            for la, ds in self.districts().items()
        }


def state(view: View) -> State:
    """The :class:`State` of a real view (built once per view; do not change it: copy it)."""
    return _STATES.get(view, "state", lambda: _state(view))


def _state(view: View) -> State:
    fp = footprints(view)
    upper_of = {d: u for d, u in fp.upper_of.items() if view.node(d).kind != Kind.COUNTY}
    area_body: dict[str, str] = {e.source: e.target for e in view.edges(Relation.PART_OF_ICB)}
    area_of: dict[str, str] = {
        e.source: e.target for e in view.edges(Relation.BLOCK_IN_HEALTH_AREA)
    }
    blocks: dict[str, list[Block]] = defaultdict(list)
    for e in view.edges(Relation.BLOCK_IN_DISTRICT):
        attrs = view.node(e.source).attrs
        area = area_of.get(e.source, "")
        blocks[e.target].append(
            Block(attrs["population"], attrs.get("children"), area, area_body.get(area, area))
        )
    board_kinds = {k.value for k in BOARDS}
    csps: dict[str, list[str]] = defaultdict(list)
    for e in view.edges(Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP):
        csps[e.target].append(e.source)
    named: dict[str, list[str]] = defaultdict(list)
    for e in view.edges(Relation.HAS_PARTNER):
        named[e.source].append(e.target)
    reviews = tuple(
        ReviewInfo(
            n.id,
            str(n.attrs.get("status", "unknown")),
            tuple(view.targets(n.id, Relation.COMMISSIONED_BY)),
            tuple(view.targets(n.id, Relation.CONCERNS_AREA)),
        )
        for n in view.nodes(Kind.REVIEW)
    )
    return State(
        view.when,
        view,
        upper_of,
        dict(fp.police_of),
        {d: tuple(bs) for d, bs in blocks.items()},
        {
            p: tuple(las)
            for p, las in fp.members.items()
            if view.node(p).kind == PARTNERSHIP and las
        },
        {b: tuple(las) for b, las in fp.members.items() if view.node(b).kind in board_kinds},
        {c: tuple(sorted(ds)) for c, ds in csps.items()},
        {p: tuple(sorted(bs)) for p, bs in named.items()},
        frozenset(n.id for n in view.nodes(Kind.POLICE_FORCE_AREA)),
        frozenset(n.id for n in view.nodes(*HEALTH_BODIES)),
        reviews,
        fp.children_ages,
    )


@dataclass(frozen=True, slots=True)
class Compliance:
    """Rule 3 on one state: every LA covered exactly once, every force and health body taking part.

    ``uncovered`` and ``multiply_covered`` name LAs; ``*_without_arrangement`` name bodies.
    """

    as_of: date
    compliant: bool
    reasons: tuple[str, ...]
    local_authority_count: int
    partnership_count: int
    uncovered: tuple[Ref, ...]
    multiply_covered: tuple[Ref, ...]
    police_forces_without_arrangement: tuple[Ref, ...]
    health_bodies_without_arrangement: tuple[Ref, ...]
    awaiting_arrangement: tuple[Ref, ...] = ()  # new LAs with no arrangement yet (not uncovered)


def _new(s: State, la: str) -> bool:
    """Whether ``la`` is a new LA that has never had an arrangement: one a proposal makes, or one
    that began after arrangements were required and was never a partnership's member."""
    if prefix_of(la) is Prefix.NEW:
        return True
    g = s.view.graph
    begun = g.node(la).period.start
    if begun is None or begun < ARRANGEMENTS_IN_FORCE:
        return False
    return not any(
        e.relation == Relation.HAS_MEMBER
        and g.node(e.source).kind == PARTNERSHIP
        and (e.period.start or begun) <= s.when
        for e in g.in_edges(la)
    )


def compliance(s: State) -> Compliance:
    """The same rules as :func:`queries.coverage.coverage`, asked of a (possibly what-if) state:
    a new LA without an arrangement is awaiting one, not uncovered."""
    covering = s.covering()
    uppers = s.uppers()
    bare = [la for la in uppers if not covering.get(la)]
    waiting = [la for la in bare if _new(s, la)]
    uncovered = [la for la in bare if la not in waiting]
    multiple = [la for la in uppers if len(covering.get(la, [])) > 1]
    covered = [la for la in uppers if covering.get(la)]
    named = {b for p in s.partnerships for b in s.named_partners.get(p, ())}
    police = set(s.shares(covered, "police")) | named
    health = set(s.shares(covered, "health")) | named
    no_police = sorted(s.forces - police)
    no_health = sorted(s.bodies - health)
    reasons = []
    if s.when < ARRANGEMENTS_IN_FORCE:
        reasons.append(f"arrangements were required only from {ARRANGEMENTS_IN_FORCE}")
    for items, what in (
        (waiting, "new local authority area(s) awaiting an arrangement"),
        (uncovered, "local authority area(s) covered by no partnership"),
        (multiple, "local authority area(s) covered by more than one partnership"),
        (no_police, "police force(s) in no arrangement"),
        (no_health, "health body(ies) in no arrangement"),
    ):
        if items:
            reasons.append(f"{len(items)} {what}")
    return Compliance(
        s.when,
        not (bare or multiple or no_police or no_health),
        tuple(reasons),
        len(uppers),
        sum(1 for las in s.partnerships.values() if las),
        tuple(s.ref(x) for x in uncovered),
        tuple(s.ref(x) for x in multiple),
        tuple(s.ref(x) for x in no_police),
        tuple(s.ref(x) for x in no_health),
        tuple(s.ref(x) for x in waiting),
    )
