"""How each entity is drawn on a day: from which boundary layer, as which features, or why not.

The official boundaries (:mod:`graph.topology`) come in a few vintages; the landscape changes on
other days. So every footprint is drawn from the *district layer in force*: the ``lad`` layer that
holds the most of the day's district-level authorities (a tie goes to the later vintage):

- a district (or unitary, metropolitan district, London borough) is the feature of its code on the
  day; else of a code it held before (Barnsley, recoded E08000016 to E08000038 in 2025, is drawn
  with its May 2024 boundary); else the union of the districts it was made of, where it is the one
  district-level result of a merger (Buckinghamshire in 2020 from the four 2019 districts), or of
  the districts a decided order sends to it (East Surrey in 2027 from its five districts);
- an upper-tier LA, a children's partnership, a board, a community safety partnership and a
  police force area is the union of its districts on the day, so that all of them line up;
- a health body is the published ICB feature of its code (or former code) where its sub-ICB
  locations are those it had on the layer's day (a recode keeps the footprint); else the union of
  the districts it covers, where it covers each of them whole; else the union of its sub-ICB
  locations' published features, where each has one;
- anything else is not drawn, and says why: no CCG boundaries are in the files, so a CCG that takes
  in part of a district is not drawn; nor is a body made of parts of districts.

A :class:`Drawing` is ``official`` when it is the entity's own published feature (confidence
quoted) and composed otherwise (derived). A :class:`Plan` works on any :class:`State`, real or
what-if: a proposal's new LAs are made of real districts, so they are drawn the same way.

>>> from datetime import date
>>> from loaders.landscape import bundled, bundled_boundaries
>>> p = plan(bundled(), date(2020, 6, 1), bundled_boundaries())
>>> p.districts.name
'lad-2019-12'
>>> bucks = p.drawing("local-authorities", "la:BUC")
>>> bucks.features, bucks.confidence.value
(('E07000004', 'E07000005', 'E07000006', 'E07000007'), 'derived')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.codes import Scheme
from graph.model import Confidence, Node
from graph.temporal import TemporalGraph
from graph.topology import GeoJSON, Layer, Topology
from ontology.vocabulary import DISTRICT_LEVEL, Kind, Relation
from queries.memo import Memo
from queries.whatif import State, state

FAMILIES = (
    "local-authorities",
    "partnerships",
    "police-forces",
    "health-bodies",
    "districts",
    "boards",
    "community-safety-partnerships",
)
"""The kinds of footprint a plan draws, as the feeds name them."""

_PLANS: Memo[str, Plan] = Memo()  # per view: the plan of its real state, by topology


@dataclass(frozen=True, slots=True)
class Drawing:
    """An entity's footprint as the union of ``features`` of ``layer``; no layer: not drawn."""

    layer: str | None
    features: tuple[str, ...]
    official: bool  # the entity's own published feature
    note: str  # how it is composed, or why it is not drawn

    @property
    def drawn(self) -> bool:
        return self.layer is not None

    @property
    def confidence(self) -> Confidence:
        return Confidence.QUOTED if self.official else Confidence.DERIVED


def not_drawn(reason: str) -> Drawing:
    return Drawing(None, (), False, reason)


def plan(g: TemporalGraph, when: date, topology: Topology) -> Plan:
    """The plan of the real landscape on ``when`` (made once per stretch of time)."""
    view = g.at(when)
    found = _PLANS.get(view, f"plan:{id(topology)}", lambda: Plan(state(view), topology))
    if found.topology is not topology:  # an id reused by a newer topology: make it again
        found = _PLANS.of(view)[f"plan:{id(topology)}"] = Plan(state(view), topology)
    return found


def district_layer(topology: Topology, s: State) -> Layer | None:
    """The ``lad`` layer holding the most of the state's districts' codes (ties: the latest)."""
    graph, when = s.view.graph, s.when
    codes = {graph.node(d).code(Scheme.GSS, when) for d in s.upper_of if d in graph}
    layers = [topology.layer(n) for n in topology.layers if n.startswith("lad-")]
    if not layers:
        return None
    return max(layers, key=lambda layer: (len(codes & set(layer.codes)), layer.vintage))


class Plan:
    """How every entity of one state is drawn. Drawings are made on first use and kept."""

    def __init__(self, s: State, topology: Topology) -> None:
        self.state, self.topology = s, topology
        self.graph = s.view.graph
        self.districts = district_layer(topology, s)
        self._codes = set(self.districts.codes) if self.districts else set()
        self._drawings: dict[tuple[str, str], Drawing] = {}
        self._collections: dict[str, GeoJSON] = {}

    # -- which entities ----------------------------------------------------------------------

    def members(self, family: str) -> list[str]:
        """The ids of the entities of ``family`` on the state's day (see :data:`FAMILIES`)."""
        s = self.state
        lists: dict[str, Callable[[], list[str]]] = {
            "local-authorities": s.uppers,
            "partnerships": lambda: sorted(p for p, las in s.partnerships.items() if las),
            "police-forces": lambda: sorted(s.forces),
            "health-bodies": lambda: sorted(s.bodies),
            "districts": lambda: sorted(s.upper_of),
            "boards": lambda: sorted(s.boards),
            "community-safety-partnerships": lambda: sorted(s.csps),
        }
        return lists[family]()

    def drawing(self, family: str, node_id: str) -> Drawing:
        """How the entity ``node_id`` of ``family`` is drawn on the state's day."""
        key = (family, node_id)
        found = self._drawings.get(key)
        if found is None:
            found = self._drawings[key] = self._draw(family, node_id)
        return found

    def _draw(self, family: str, node_id: str) -> Drawing:
        s = self.state
        if family == "districts":
            return self._district(node_id, frozenset())
        if family == "local-authorities":
            return self._union(s.districts().get(node_id, []), own=node_id)
        if family == "partnerships":
            return self._union(self._districts_of(s.partnerships.get(node_id, ())))
        if family == "boards":
            return self._union(self._districts_of(s.boards.get(node_id, ())))
        if family == "community-safety-partnerships":
            return self._union(list(s.csps.get(node_id, ())))
        if family == "police-forces":
            return self._union(sorted(d for d, f in s.police_of.items() if f == node_id))
        if family == "health-bodies":
            return self._health_body(node_id)
        raise ValueError(f"no family {family!r}; one of {', '.join(FAMILIES)}")

    def _districts_of(self, las: tuple[str, ...]) -> list[str]:
        found = self.state.districts()
        return sorted({d for la in las for d in found.get(la, [])})

    # -- districts and unions of them --------------------------------------------------------

    def _district(self, d: str, seen: frozenset[str]) -> Drawing:
        layer = self.districts
        if layer is None:
            return not_drawn("no district boundaries are in the boundaries file")
        if d not in self.graph:
            return not_drawn(f"{d} has no boundary of its own")
        node = self.graph.node(d)
        current = node.code(Scheme.GSS, self.state.when)
        if current in self._codes:
            return Drawing(layer.name, (current,), True, "")
        for code in _gss_codes(node):
            if code in self._codes:
                note = f"drawn with the {layer.vintage} boundary of its former code {code}"
                return Drawing(layer.name, (code,), False, note)
        for parts in self._predecessors(d):
            drawn = [self._district(p, seen | {d}) for p in parts if p not in seen]
            if drawn and all(x.drawn for x in drawn):
                names = ", ".join(self.graph.node(p).name for p in parts)
                features = tuple(sorted({f for x in drawn for f in x.features}))
                note = f"composed of the {layer.vintage} boundaries of its predecessors {names}"
                return Drawing(layer.name, features, False, note)
        return not_drawn(
            f"no boundary: {current or d} is not in {layer.name} ({layer.source}) and it was "
            "not made by merging districts that are"
        )

    def _predecessors(self, d: str) -> list[list[str]]:
        """The district-level originals of each merger whose one district-level result is ``d``."""
        out = []
        for e in self.graph.in_edges(d):
            if e.relation != Relation.RESULTING_ORGANIZATION:
                continue
            ends: dict[Relation, list[str]] = {
                Relation.ORIGINAL_ORGANIZATION: [],
                Relation.RESULTING_ORGANIZATION: [],
            }
            for x in self.graph.out_edges(e.source):
                if x.relation in ends and self.graph.node(x.target).kind in DISTRICT_LEVEL:
                    ends[Relation(x.relation)].append(x.target)
            originals = sorted(set(ends[Relation.ORIGINAL_ORGANIZATION]) - {d})
            if ends[Relation.RESULTING_ORGANIZATION] == [d] and originals:
                out.append(originals)
            elif d in ends[Relation.RESULTING_ORGANIZATION]:
                # one change making several councils (a decided order): the originals that the
                # order sends to ``d``
                mine = [
                    o for o in originals if d in self.graph.node(o).attrs.get("succeeded_by", [])
                ]
                if mine:
                    out.append(mine)
        return out

    def _union(self, districts: list[str], own: str | None = None) -> Drawing:
        """The union of ``districts``; ``own``: the LA whose own feature a unitary's drawing is."""
        if not districts:
            return not_drawn("it has no districts on the day")
        parts = [self.drawing("districts", d) for d in districts]
        missing = [(d, x) for d, x in zip(districts, parts, strict=True) if not x.drawn]
        if missing:
            names = ", ".join(self.state.ref(d).name for d, _ in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            return not_drawn(f"not drawn: {names}{more}: {missing[0][1].note}")
        layer = parts[0].layer
        if own is not None and districts == [own]:
            return parts[0]
        features = tuple(sorted({f for x in parts for f in x.features}))
        assert self.districts is not None  # drawn parts come from the district layer
        note = f"the union of {len(districts)} district boundaries of {self.districts.vintage}"
        return Drawing(layer, features, False, note)

    # -- health bodies -----------------------------------------------------------------------

    def _health_body(self, b: str) -> Drawing:
        s = self.state
        blocks = {d: bs for d, bs in s.blocks.items() if any(x.body == b for x in bs)}
        if not blocks:
            return not_drawn("no people of the lookups live in its area on the day")
        areas = sorted({x.area for bs in blocks.values() for x in bs if x.body == b})
        node = self.graph.node(b) if b in self.graph else None
        if node is not None:
            for layer in self._layers("icb-"):
                code = next((c for c in _gss_codes(node, s.when) if c in layer.codes), None)
                if code is not None and self._areas_on(b, _first_day(layer)) == areas:
                    current = code == node.code(Scheme.GSS, s.when)
                    note = f"drawn with the {layer.vintage} boundary of its code {code}"
                    note = "" if current else note
                    return Drawing(layer.name, (code,), current, note)
        partial = sorted(d for d, bs in blocks.items() if any(x.body != b for x in bs))
        if not partial:
            drawn = self._union(sorted(blocks))
            if drawn.drawn:
                note = f"the union of the {len(blocks)} districts it covers whole"
                return Drawing(drawn.layer, drawn.features, False, note)
        for layer in self._layers("sicbl-"):
            codes = [self._area_code(a, layer) for a in areas]
            if all(codes):
                note = f"the union of its {len(areas)} sub-ICB locations' boundaries"
                return Drawing(layer.name, tuple(sorted(c for c in codes if c)), False, note)
        names = ", ".join(s.ref(d).name for d in partial[:3])
        kind = node.kind if node is not None else ""
        why = (
            "no CCG boundaries are in the boundary files"
            if kind == Kind.CCG
            else "no published boundary of its code or of its sub-ICB locations"
        )
        return not_drawn(f"not drawn: {why}, and it covers only part of {names}")

    def _layers(self, prefix: str) -> list[Layer]:
        names = sorted((n for n in self.topology.layers if n.startswith(prefix)), reverse=True)
        return [self.topology.layer(n) for n in names]

    def _areas_on(self, b: str, when: date) -> list[str]:
        """The health areas (sub-ICB locations) of ``b`` in the real landscape of ``when``."""
        ref = state(self.graph.at(when))
        return sorted({x.area for bs in ref.blocks.values() for x in bs if x.body == b})

    def _area_code(self, area: str, layer: Layer) -> str | None:
        if area not in self.graph or self.graph.node(area).kind != Kind.SUB_ICB_LOCATION:
            return None
        node = self.graph.node(area)
        return next((c for c in _gss_codes(node, self.state.when) if c in layer.codes), None)

    # -- GeoJSON -----------------------------------------------------------------------------

    def row(self, family: str, node_id: str) -> dict[str, Any]:
        """The entity and how it is drawn, without geometry: what a browser drawing the layers
        itself needs (the union of ``drawnFrom`` of ``layer``), and a feature's properties."""
        drawing = self.drawing(family, node_id)
        ref = self.state.ref(node_id)
        out: dict[str, Any] = {
            "id": node_id,
            "code": ref.code,
            "name": ref.name,
            "kind": ref.kind,
            "drawn": drawing.drawn,
            "confidence": drawing.confidence.value,
            "note": drawing.note,
        }
        if drawing.layer is not None:
            layer = self.topology.layer(drawing.layer)
            out.update(layer=layer.name, source=layer.source, drawnFrom=list(drawing.features))
        return out

    def rows(self, family: str) -> list[dict[str, Any]]:
        """:meth:`row` of every entity of ``family``."""
        return [self.row(family, i) for i in self.members(family)]

    def feature(self, family: str, node_id: str) -> GeoJSON:
        """The entity as a GeoJSON Feature (geometry null where it is not drawn)."""
        drawing = self.drawing(family, node_id)
        props = self.row(family, node_id)
        if drawing.layer is None:
            return {"type": "Feature", "id": node_id, "geometry": None, "properties": props}
        layer = self.topology.layer(drawing.layer)
        shape = (
            layer.feature(drawing.features[0])
            if len(drawing.features) == 1
            else layer.union(drawing.features)
        )
        return {
            "type": "Feature",
            "id": node_id,
            "bbox": shape["bbox"],
            "geometry": shape["geometry"],
            "properties": props,
        }

    def collection(self, family: str) -> GeoJSON:
        """Every entity of ``family`` as a FeatureCollection with the boundaries' attribution."""
        found = self._collections.get(family)
        if found is None:
            features = [self.feature(family, i) for i in self.members(family)]
            found = self._collections[family] = {
                "type": "FeatureCollection",
                "asOf": self.state.when.isoformat(),
                "attribution": self.attribution(features),
                "features": features,
            }
        return found

    def attribution(self, features: list[GeoJSON]) -> str:
        """The attribution of the layers ``features`` are drawn from (all layers' if several)."""
        layers = {f["properties"]["layer"] for f in features if f["properties"].get("layer")}
        if len(layers) == 1:
            return self.topology.layer(layers.pop()).attribution
        return self.topology.attribution


def _gss_codes(node: Node, first: date | None = None) -> list[str]:
    """The GSS codes ``node`` has held: the one of ``first`` first, then latest first."""
    held = sorted(
        (a for a in node.identifiers if a.identifier.scheme is Scheme.GSS),
        key=lambda a: a.period.start or date.min,
        reverse=True,
    )
    codes = [a.identifier.code for a in held]
    current = node.code(Scheme.GSS, first) if first else None
    return ([current] if current else []) + [c for c in codes if c != current]


def _first_day(layer: Layer) -> date:
    """The day a layer's vintage (``YYYY-MM``) describes: the first of its month."""
    return date(int(layer.vintage[:4]), int(layer.vintage[5:7]), 1)
