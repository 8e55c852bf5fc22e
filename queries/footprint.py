"""Footprints as sums of population blocks, indexed once per stretch of time.

On any date, each district-level authority is a set of blocks (district x health area) with their
population; a police force area is a set of districts. So the share of an upper-tier LA (or of a
partnership) in each police force and health body is an exact sum. :func:`footprints` builds the
index for a view once and keeps it in this module's memo: every query on the same stretch of time
shares it. Pure: the graph is never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.codes import Scheme
from graph.temporal import View
from ontology.vocabulary import BOARDS, UPPER_TIER, Kind, Relation
from queries.memo import Memo

PARTNERSHIP = Kind.SAFEGUARDING_PARTNERSHIP.value

_SHARED: Memo[Any, Any] = Memo()  # per graph: parts shared by every view with the same periods
_INDEX: Memo[str, Footprints] = Memo()  # per view: its footprint index


@dataclass(frozen=True, slots=True)
class Ref:
    """An entity as a result names it: id, kind, its code on the date, and its name."""

    id: str
    kind: str
    code: str
    name: str


class AboutAnLA:
    """A row about one LA (field ``la``) answers to that LA's id, code and name, as the API's
    lists of LAs read them.

    >>> from datetime import date
    >>> from queries.coverage import CoverIssue
    >>> hartlepool = Ref("la:hartlepool", "UnitaryAuthority", "E06000001", "Hartlepool")
    >>> CoverIssue(hartlepool, (), date(2019, 4, 1), None).code
    'E06000001'
    """

    __slots__ = ()
    la: Ref

    @property
    def id(self) -> str:
        return self.la.id

    @property
    def code(self) -> str:
        return self.la.code

    @property
    def name(self) -> str:
        return self.la.name


@dataclass
class Pop:
    """People, and children in the band ``Footprints.children_ages`` (None where unknown)."""

    people: int = 0
    children: int | None = 0

    def add(self, people: int, children: int | None) -> None:
        self.people += people
        self.children = (
            None if children is None or self.children is None else self.children + children
        )

    def fractions(self, whole: Pop) -> tuple[float, float | None]:
        """This part's share of ``whole``'s people, and of its children (None where unknown).

        >>> Pop(25, 5).fractions(Pop(100, None))
        (0.25, None)
        """
        share = self.people / whole.people if whole.people else 0.0
        if self.children is None or not whole.children:
            return share, None
        return share, self.children / whole.children


@dataclass
class Footprints:
    """Indexes of one view; build with :func:`footprints`."""

    view: View
    upper: list[str] = field(default_factory=list)
    upper_of: dict[str, str] = field(default_factory=dict)  # district-level LA -> upper tier
    districts: dict[str, list[str]] = field(default_factory=dict)  # upper tier -> districts
    police_of: dict[str, str] = field(default_factory=dict)  # district -> police force area
    blocks: dict[str, tuple[tuple[int, int | None, str], ...]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # body -> LAs
    covering: dict[str, list[str]] = field(default_factory=dict)  # LA -> partnerships
    children_ages: str | None = None
    _share_cache: dict[tuple[str, str], dict[str, Pop]] = field(default_factory=dict)
    _refs: dict[str, Ref] = field(default_factory=dict)

    def la_population(self, la: str) -> Pop:
        total = Pop()
        for d in self.districts.get(la, []):
            for people, children, _ in self.blocks.get(d, []):
                total.add(people, children)
        return total

    def shares(self, las: Iterable[str], family: str) -> dict[str, Pop]:
        """Population of the LAs ``las`` by police force area (``"police"``) or health body."""
        out: dict[str, Pop] = defaultdict(Pop)
        for la in las:
            for key, pop in self._la_shares(la, family).items():
                out[key].add(pop.people, pop.children)
        return dict(out)

    def _la_shares(self, la: str, family: str) -> dict[str, Pop]:
        cached = self._share_cache.get((la, family))
        if cached is None:
            cached = defaultdict(Pop)
            for d in self.districts.get(la, []):
                for people, children, health in self.blocks.get(d, []):
                    key = self.police_of.get(d, "") if family == "police" else health
                    cached[key].add(people, children)
            self._share_cache[(la, family)] = cached
        return cached

    def ref(self, node_id: str) -> Ref:
        found = self._refs.get(node_id)
        if found is None:
            found = self._refs[node_id] = ref(self.view, node_id)
        return found


def ref(view: View, node_id: str) -> Ref:
    """A :class:`Ref` to a node as of the view's date: GSS code first, then ODS, then registry,
    mySociety, and a provisional code last (a decided council before it has an official one)."""
    shared = _SHARED.of(view.graph)
    found: Ref | None = shared.get(("ref", node_id))
    if found is not None:
        return found
    node = view.graph.node(node_id)
    schemes = [a.identifier.scheme for a in node.identifiers]
    if len(schemes) == len(set(schemes)) and "names" not in node.attrs:
        # one code per scheme and one name: the same Ref on every date
        shared[("ref", node_id)] = found = _ref(view, node_id)
        return found
    return _ref(view, node_id)


def _ref(view: View, node_id: str) -> Ref:
    node = view.graph.node(node_id)
    when = view.when
    for scheme in (Scheme.GSS, Scheme.ODS, Scheme.REGISTRY, Scheme.MYSOCIETY, Scheme.PROVISIONAL):
        code = node.code(scheme, when) or node.code(scheme)
        if code:
            return Ref(node_id, node.kind, code, node.name_on(when))
    return Ref(node_id, node.kind, node_id, node.name_on(when))


Blocks = dict[str, tuple[tuple[int, int | None, str], ...]]


def _blocks(view: View) -> tuple[Blocks, str | None]:
    """District -> (people, children, health body) of its blocks, and the children's age band.

    Shared by every view of one health epoch: blocks change only with a new lookup vintage.
    """
    relations = (Relation.BLOCK_IN_DISTRICT, Relation.BLOCK_IN_HEALTH_AREA, Relation.PART_OF_ICB)
    key = ("blocks", *(view.epoch(r) for r in relations))
    found: tuple[Blocks, str | None] = _SHARED.get(view.graph, key, lambda: _make_blocks(view))
    return found


def _make_blocks(view: View) -> tuple[Blocks, str | None]:
    health_of_area: dict[str, str] = {e.source: e.target for e in view.edges(Relation.PART_OF_ICB)}
    area_of_block: dict[str, str] = {
        e.source: e.target for e in view.edges(Relation.BLOCK_IN_HEALTH_AREA)
    }
    ages: set[str | None] = set()
    blocks: dict[str, list[tuple[int, int | None, str]]] = defaultdict(list)
    for e in view.edges(Relation.BLOCK_IN_DISTRICT):
        block = view.graph.node(e.source)
        area = area_of_block.get(e.source, "")
        body = health_of_area.get(area, area)  # a CCG is itself the body; a sub-ICB location is not
        blocks[e.target].append((block.attrs["population"], block.attrs.get("children"), body))
        ages.add(block.attrs.get("children_ages"))
    return {d: tuple(bs) for d, bs in blocks.items()}, ages.pop() if len(ages) == 1 else None


Geography = tuple[list[str], dict[str, str], dict[str, list[str]], dict[str, str]]


def _geography(view: View) -> Geography:
    """Upper-tier LAs, district -> upper tier, upper tier -> districts, district -> police force.

    Shared by every view with the same authorities and lookups: they change on a few dates only.
    """
    key = (
        "geography",
        *(view.node_epoch(k) for k in sorted(UPPER_TIER)),
        view.epoch(Relation.WITHIN_COUNTY),
        view.epoch(Relation.IN_POLICE_FORCE_AREA),
    )
    found: Geography = _SHARED.get(view.graph, key, lambda: _make_geography(view))
    return found


def _make_geography(view: View) -> Geography:
    # by id, not kind by kind: the kinds are a frozenset, whose order changes with the hash seed
    upper: list[str] = sorted(n.id for n in view.nodes(*UPPER_TIER))
    upper_of: dict[str, str] = {la: la for la in upper}
    for e in view.edges(Relation.WITHIN_COUNTY):
        upper_of[e.source] = e.target
    districts: dict[str, list[str]] = defaultdict(list)
    for district, up in upper_of.items():
        if view.graph.node(district).kind != Kind.COUNTY:
            districts[up].append(district)
    for ids in districts.values():
        ids.sort()
    police_of: dict[str, str] = {
        e.source: e.target for e in view.edges(Relation.IN_POLICE_FORCE_AREA)
    }
    return upper, upper_of, dict(districts), police_of


def footprints(view: View) -> Footprints:
    """The footprint index of ``view`` (built once per view; geography shared across views)."""
    return _INDEX.get(view, "footprints", lambda: _footprints(view))


Membership = tuple[dict[str, list[str]], dict[str, list[str]]]


def _membership(view: View) -> Membership:
    """Board or partnership -> member LAs, and LA -> partnerships covering it, each sorted.

    Shared by every view with the same membership edges: they change on a few dates only.
    """
    key = ("members", view.epoch(Relation.HAS_MEMBER))
    found: Membership = _SHARED.get(view.graph, key, lambda: _make_membership(view))
    return found


def _make_membership(view: View) -> Membership:
    nodes = view.graph.node  # edges valid on the view's date join nodes valid on it
    board_kinds = {k.value for k in BOARDS} | {PARTNERSHIP}
    members: dict[str, list[str]] = defaultdict(list)
    covering: dict[str, list[str]] = defaultdict(list)
    for e in view.edges(Relation.HAS_MEMBER):
        source_kind = nodes(e.source).kind
        if source_kind in board_kinds:
            members[e.source].append(e.target)
            if source_kind == PARTNERSHIP:
                covering[e.target].append(e.source)
    for ids in (*members.values(), *covering.values()):
        ids.sort()
    return dict(members), dict(covering)  # plain dicts: a missing key must not be added


def _footprints(view: View) -> Footprints:
    fp = Footprints(view)
    fp.upper, fp.upper_of, fp.districts, fp.police_of = _geography(view)
    fp.blocks, fp.children_ages = _blocks(view)
    fp.members, fp.covering = _membership(view)
    # shares depend only on the geography and the blocks: share them as those are shared
    fp._share_cache = _SHARED.of(view.graph).setdefault(
        ("shares", id(fp.upper_of), id(fp.blocks)), {}
    )
    return fp
