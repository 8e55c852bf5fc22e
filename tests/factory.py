"""Hand-made landscapes for the tests: a tiny builder, and an edited copy of a built graph.

A landscape is written as the list of what is in it, each entity with its id, name and codes
(``"gss:E10000901"``, or :func:`code` for one held only for a while). Links follow from keywords
(a district's ``county`` and ``police``, a body's ``members``) and take the entity's period and
provenance; :meth:`Landscape.edge` adds any other. :meth:`Landscape.build` freezes the graph:

>>> g = (
...     Landscape(meta={"data_start": "2019-04-01"})
...     .police_force("pfa:E23000901", "Shire Police", "gss:E23000901")
...     .county("la:CTY", "Shire County Council", "gss:E10000901")
...     .district("la:DA", "Ayton", "gss:E07000901", county="la:CTY", police="pfa:E23000901")
...     .block("block:x:DA", "la:DA", people=1000, children=200)
...     .partnership("partnership:shire-scp", "Shire SCP", members=["la:CTY"], start="2019-09-29")
...     .build()
... )
>>> view = g.at(date(2024, 6, 1))
>>> [n.name for n in view.nodes(Kind.SAFEGUARDING_PARTNERSHIP)], view.targets("la:DA", "withinCounty")
(['Shire SCP'], ['la:CTY'])
>>> g.at(date(2019, 6, 1)).nodes(Kind.SAFEGUARDING_PARTNERSHIP)
[]

A built graph (the real landscape too) is frozen; :func:`edited` makes a changed copy of it through
the snapshot data:

>>> later = edited(g, end_edges=[("partnership:shire-scp", "hasMember", "la:CTY", "2024-01-01")])
>>> later.at(date(2024, 6, 1)).sources("la:CTY", "hasMember"), g.frozen and later.frozen
([], True)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from graph.codes import Identifier
from graph.errors import SafeguardingError
from graph.ids import NodeId, parse_node_id
from graph.model import Edge, IdentifierAssignment, Node, Period, Provenance
from graph.snapshot import from_data, to_data
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, Relation
from queries.proposal import parse_proposal

Day = date | str | None
"""A date, ``"YYYY-MM-DD"``, or None (unbounded on that side)."""
Code = str | IdentifierAssignment
"""``"scheme:code"`` held always, or a dated :func:`code`."""
Sources = Provenance | tuple[Provenance, ...]

HAND_MADE = Provenance("test", "hand-made")


def day(value: Day) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def period(start: Day = None, end: Day = None) -> Period:
    """``[start, end)``, from dates or ISO strings."""
    return Period(day(start), day(end))


def code(text: str, start: Day = None, end: Day = None) -> IdentifierAssignment:
    """``text`` (``"gss:E10000002"``) held over ``[start, end)``."""
    return IdentifierAssignment(Identifier.parse(text), period(start, end))


class Landscape:
    """A hand-made landscape, one entity per call; ``build()`` freezes it and returns the graph.

    Every entity takes ``start`` and ``end`` (its period; unbounded by default), ``provenance``
    (the landscape's by default) and any attributes as further keywords.
    """

    def __init__(self, provenance: Sources = HAND_MADE, meta: dict[str, Any] | None = None):
        self._g = TemporalGraph()
        self._provenance = _sources(provenance)
        self._g.meta = dict(meta or {})

    # -- any node or edge ------------------------------------------------------------------------

    def node(
        self,
        nid: str,
        kind: Kind | str,
        name: str,
        *codes: Code,
        start: Day = None,
        end: Day = None,
        provenance: Sources | None = None,
        **attrs: Any,
    ) -> Landscape:
        """Any node; its kind is stored as the plain string a snapshot holds."""
        idents = tuple(code(c) if isinstance(c, str) else c for c in codes)
        prov = _sources(provenance) if provenance is not None else self._provenance
        kind_name = Kind(kind).value
        self._g.add_node(
            Node(parse_node_id(nid), kind_name, name, period(start, end), prov, idents, attrs)
        )
        return self

    def edge(
        self,
        source: str,
        relation: Relation | str,
        target: str,
        *,
        start: Day = None,
        end: Day = None,
        provenance: Sources | None = None,
        **attrs: Any,
    ) -> Landscape:
        """``source -relation-> target`` over ``[start, end)``."""
        prov = _sources(provenance) if provenance is not None else self._provenance
        ends = NodeId(source), NodeId(target)
        self._g.add_edge(Edge(*ends, Relation(relation).value, period(start, end), prov, attrs))
        return self

    # -- local government, police and health ---------------------------------------------------

    def la(
        self,
        nid: str,
        name: str,
        *codes: Code,
        kind: Kind = Kind.UNITARY,
        police: str | None = None,
        **options: Any,
    ) -> Landscape:
        """An upper-tier LA (a unitary unless ``kind`` says otherwise), in ``police`` if given."""
        self.node(nid, kind, name, *codes, **options)
        if police is not None:
            self._link(nid, Relation.IN_POLICE_FORCE_AREA, police)
        return self

    def county(self, nid: str, name: str, *codes: Code, **options: Any) -> Landscape:
        return self.la(nid, name, *codes, kind=Kind.COUNTY, **options)

    def district(
        self, nid: str, name: str, *codes: Code, county: str | None = None, **options: Any
    ) -> Landscape:
        """A non-metropolitan district, within ``county`` if given (and in ``police``)."""
        self.la(nid, name, *codes, kind=Kind.DISTRICT, **options)
        if county is not None:
            self._link(nid, Relation.WITHIN_COUNTY, county)
        return self

    def police_force(self, nid: str, name: str, *codes: Code, **options: Any) -> Landscape:
        return self.node(nid, Kind.POLICE_FORCE_AREA, name, *codes, **options)

    def health_body(
        self,
        nid: str,
        name: str,
        *codes: Code,
        kind: Kind = Kind.ICB,
        icb: str | None = None,
        **options: Any,
    ) -> Landscape:
        """An ICB (or a sub-ICB location or CCG, by ``kind``), part of ``icb`` if given."""
        self.node(nid, kind, name, *codes, **options)
        if icb is not None:
            self._link(nid, Relation.PART_OF_ICB, icb)
        return self

    def block(
        self,
        nid: str,
        district: str,
        people: int,
        children: int | None = None,
        *,
        health: str | None = None,
        name: str | None = None,
        ages: str = "0-17",
        **options: Any,
    ) -> Landscape:
        """A population block: ``people`` (``children`` of ``ages``) in ``district`` and, if
        given, the health area ``health``."""
        self.node(
            nid,
            Kind.POPULATION_BLOCK,
            name or nid,
            **options,
            population=people,
            children=children,
            children_ages=ages,
        )
        self._link(nid, Relation.BLOCK_IN_DISTRICT, district)
        if health is not None:
            self._link(nid, Relation.BLOCK_IN_HEALTH_AREA, health)
        return self

    # -- arrangements ----------------------------------------------------------------------------

    def partnership(
        self, nid: str, name: str, *codes: Code, members: Iterable[str] = (), **options: Any
    ) -> Landscape:
        """A children's safeguarding partnership whose ``members`` belong to it throughout."""
        return self.board(
            nid, Kind.SAFEGUARDING_PARTNERSHIP, name, *codes, members=members, **options
        )

    def board(
        self,
        nid: str,
        kind: Kind,
        name: str,
        *codes: Code,
        members: Iterable[str] = (),
        **options: Any,
    ) -> Landscape:
        """A body of ``kind`` (an adults board, an HWB, a CDOP, a CSP …) with ``members``."""
        self.node(nid, kind, name, *codes, **options)
        for la in members:
            self.member(nid, la)
        return self

    def member(
        self,
        body: str,
        la: str,
        *,
        start: Day = None,
        end: Day = None,
        provenance: Sources | None = None,
        **attrs: Any,
    ) -> Landscape:
        """``la`` a member of ``body``: over the body's period and with its provenance, unless
        dates or a provenance are given."""
        held = self._g.node(body)
        span = held.period if start is None and end is None else period(start, end)
        return self.edge(
            body,
            Relation.HAS_MEMBER,
            la,
            start=span.start,
            end=span.end,
            provenance=provenance or held.provenance,
            **attrs,
        )

    def event(
        self,
        nid: str,
        name: str,
        on: Day,
        change: str,
        *,
        original: Iterable[str] = (),
        resulting: Iterable[str] = (),
        provenance: Sources | None = None,
    ) -> Landscape:
        """A change event on day ``on``, from the ``original`` organisations to the ``resulting``."""
        when = day(on)
        assert when is not None
        self.node(
            nid,
            Kind.CHANGE_EVENT,
            name,
            start=when,
            end=when + timedelta(days=1),
            provenance=provenance,
            date=when.isoformat(),
            change=change,
        )
        for relation, ends in (
            (Relation.ORIGINAL_ORGANIZATION, original),
            (Relation.RESULTING_ORGANIZATION, resulting),
        ):
            for end in ends:
                self.edge(nid, relation, end, start=when, provenance=provenance)
        return self

    def build(self) -> TemporalGraph:
        """The graph, frozen: from now on nothing can be added to it."""
        return self._g.freeze()

    def _link(self, source: str, relation: Relation, target: str) -> None:
        """An edge over the source's period, with its provenance."""
        held = self._g.node(source)
        self.edge(
            source,
            relation,
            target,
            start=held.period.start,
            end=held.period.end,
            provenance=held.provenance,
        )


def edited(
    g: TemporalGraph,
    *,
    end_edges: Sequence[tuple[str, str, str, Day]] = (),
    add_edges: Sequence[tuple[str, str, str, Day] | tuple[str, str, str, Day, Day]] = (),
    provenance: Provenance = HAND_MADE,
) -> TemporalGraph:
    """A frozen copy of ``g`` with edges ended and added, made through the snapshot data.

    ``end_edges``: ``(source, relation, target, day)``: the one edge with those ends and relation
    now ends on ``day`` (the first day it no longer holds). ``add_edges``: ``(source, relation,
    target, start[, end])``, each sourced to ``provenance``. ``g`` itself is left as it was.
    """
    data = json.loads(json.dumps(to_data(g)))  # a deep copy, as a snapshot file would give
    for source, relation, target, until in end_edges:
        rows = [r for r in data["edges"] if (r[0], r[2], r[1]) == (source, relation, target)]
        if len(rows) != 1:
            raise SafeguardingError(
                f"end_edges: {len(rows)} edges {source} -{relation}-> {target}, expected one"
            )
        rows[0][4] = _iso(until)
    data["provenance"].append(
        [
            provenance.source,
            provenance.locator,
            provenance.confidence.value,
            provenance.status.value,
        ]
    )
    index = len(data["provenance"]) - 1
    for source, relation, target, start, *end in add_edges:
        data["edges"].append(
            [source, target, relation, _iso(start), _iso(end[0] if end else None), [index], {}]
        )
    return from_data(data)


def _iso(value: Day) -> str | None:
    when = day(value)
    return when.isoformat() if when else None


def _sources(provenance: Sources) -> tuple[Provenance, ...]:
    return provenance if isinstance(provenance, tuple) else (provenance,)


def shire_landscape() -> Landscape:
    """A small two-tier shire beside two unitaries, for applying proposals to: a county of three
    districts (Ayton, Beeton, Ceeton) in Shire Police, Unitown and Villeton in Town Police, two ICBs
    of three sub-ICB locations (Beeton has a 5-person sliver in the South), two partnerships, an
    adults board, two health and wellbeing boards, a CDOP and two community safety partnerships.
    Add to it, then ``build()``.

    >>> shire_landscape().build().at(date(2024, 6, 1)).node("la:CTY").name
    'Shire County Council'
    """
    s = Landscape(meta={"data_start": "2019-04-01"})
    s.police_force("pfa:E23000901", "Shire Police", "gss:E23000901")
    s.police_force("pfa:E23000902", "Town Police", "gss:E23000902")
    s.county("la:CTY", "Shire County Council", "gss:E10000901")
    for nid, name, code in (("DA", "Ayton", "01"), ("DB", "Beeton", "02"), ("DC", "Ceeton", "03")):
        s.district(f"la:{nid}", name, f"gss:E070009{code}", county="la:CTY", police="pfa:E23000901")
    s.la("la:UNI", "Unitown", "gss:E06000901", police="pfa:E23000902")
    s.la("la:VIL", "Villeton", "gss:E06000902", police="pfa:E23000902")
    s.health_body("icb:QA1", "North ICB", "gss:E54000901", "ods:QA1")
    s.health_body("icb:QB2", "South ICB", "gss:E54000902", "ods:QB2")
    for area, n, icb in (("A1X", 1, "QA1"), ("B2X", 2, "QB2"), ("B3X", 3, "QB2")):
        s.health_body(f"sicbl:{area}", area, f"gss:E3800090{n}", f"ods:{area}",
                      kind=Kind.SUB_ICB_LOCATION, icb=f"icb:{icb}")  # fmt: skip
    for d, area, people, children in (
        ("DA", "A1X", 1000, 200),
        ("DB", "A1X", 800, 150),
        ("DB", "B2X", 5, 1),
        ("DC", "B2X", 1200, 300),
        ("UNI", "B3X", 2000, 400),
        ("VIL", "B3X", 500, 90),
    ):
        s.block(f"block:x:{d}:{area}", f"la:{d}", people, children, health=f"sicbl:{area}")
    for body, kind, members in (
        ("partnership:shire-scp", Kind.SAFEGUARDING_PARTNERSHIP, ("CTY", "UNI")),
        ("partnership:ville-scp", Kind.SAFEGUARDING_PARTNERSHIP, ("VIL",)),
        ("sab:shire-sab", Kind.SAFEGUARDING_ADULTS_BOARD, ("CTY",)),
        ("hwb:cty", Kind.HEALTH_AND_WELLBEING_BOARD, ("CTY",)),
        ("hwb:uni", Kind.HEALTH_AND_WELLBEING_BOARD, ("UNI",)),
        ("cdop:shire-cdop", Kind.CHILD_DEATH_OVERVIEW_PANEL, ("CTY", "UNI", "VIL")),
    ):
        rid = body.split(":")[1]
        s.board(body, kind, rid, f"registry:{rid}", members=[f"la:{la}" for la in members])
    for csp, districts in (("E22000901", ("DA", "DB")), ("E22000902", ("DC",))):
        s.board(f"csp:{csp}", Kind.COMMUNITY_SAFETY_PARTNERSHIP, csp, f"gss:{csp}")
        for d in districts:
            s.edge(f"la:{d}", Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP, f"csp:{csp}")
    return s


SPLIT_SHIRE = {
    "kind": "split_la",
    "la": "E10000901",
    "into": [
        {"name": "North Shire", "code": "E06000911", "districts": ["E07000901", "E07000902"]},
        {"name": "South Shire", "code": "E06000912", "districts": ["E07000903"]},
    ],
}
"""The shire county split in two unitaries (a proposal operation)."""


def proposal_of(*ops: dict[str, Any], effective: str = "2027-04-01") -> Any:
    """A proposal named ``test`` of the operations ``ops``, in force on ``effective``."""
    return parse_proposal({"name": "test", "effective": effective, "operations": list(ops)})


def fingerprint(g: TemporalGraph) -> str:
    """A digest of everything in ``g``: equal before and after, nothing changed."""
    return hashlib.sha256(json.dumps(to_data(g), sort_keys=True).encode()).hexdigest()
