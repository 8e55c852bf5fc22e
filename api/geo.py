"""Footprints on a map: GeoJSON per footprint per date for GIS users, and what the explorer draws.

- ``/geo/{family}.geojson?asOf=D``: every footprint of a family on ``D`` (``local-authorities``,
  ``partnerships``, ``police-forces``, ``health-bodies``, ``districts``, ``boards``,
  ``community-safety-partnerships``), a FeatureCollection with the boundaries' attribution;
- ``/geo/{family}/{code}.geojson?asOf=D``: one footprint (a code in any scheme, as the API takes);
- ``/geo/{family}.json?asOf=D``: how each footprint is drawn, without geometry (the layer and the
  features whose union it is): the explorer merges them in the browser from
- ``/geo/layers/{name}.topojson``: one boundary layer as the build ships it (TopoJSON);
- ``/geo/days.json``: the first day of the data and the days on which the map changes.

Which layer draws what is :mod:`queries.drawing`'s decision; each feature says which (``layer``,
``source``, ``drawnFrom``, ``confidence``, ``note``), and a footprint the files cannot draw has a
null geometry and the reason. Bad input is refused with the API's message (:mod:`api.refusals`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from api.assets import Body, compressed, json_body
from api.params import as_of
from api.refusals import refusal
from graph.errors import LookupFailure, SafeguardingError
from graph.resolver import (
    ANY_KIND,
    HEALTH_BODY,
    LOCAL_AUTHORITY,
    PARTNERSHIP,
    POLICE_FORCE,
    find,
)
from graph.temporal import TemporalGraph
from graph.topology import Topology
from ontology.vocabulary import DISTRICT_LEVEL, Kind
from queries.drawing import FAMILIES, plan
from queries.map_days import map_days

KINDS: dict[str, frozenset[str]] = {
    "local-authorities": LOCAL_AUTHORITY,
    "partnerships": PARTNERSHIP,
    "police-forces": POLICE_FORCE,
    "health-bodies": HEALTH_BODY,
    "districts": frozenset(k.value for k in DISTRICT_LEVEL),
    "boards": frozenset(
        k.value
        for k in (
            Kind.SAFEGUARDING_ADULTS_BOARD,
            Kind.HEALTH_AND_WELLBEING_BOARD,
            Kind.CHILD_DEATH_OVERVIEW_PANEL,
        )
    ),
    "community-safety-partnerships": frozenset({Kind.COMMUNITY_SAFETY_PARTNERSHIP.value}),
}
"""The kinds of entity each family holds, to resolve a code in a feed's URL."""
assert set(KINDS) == set(FAMILIES) and all(k <= ANY_KIND for k in KINDS.values())


class Feeds:
    """The routes over one graph and one set of boundaries; bodies kept for recent requests."""

    CACHE_BYTES = 64_000_000  # a day's boards as GeoJSON is 1.2 MB (and 0.3 MB gzipped)

    def __init__(
        self, current: Callable[[], TemporalGraph], topology: Callable[[], Topology]
    ) -> None:
        self._current, self._topology = current, topology
        self._bodies: OrderedDict[tuple[str, ...], Body] = OrderedDict()
        self._bytes = 0
        self._seen: TemporalGraph | None = None

    @property
    def topology(self) -> Topology:
        """The boundaries (read on the first feed that draws them, not at start-up)."""
        return self._topology()

    @property
    def graph(self) -> TemporalGraph:
        """The graph being served now; the kept bodies are forgotten when it is swapped."""
        g = self._current()
        if g is not self._seen:
            self._bodies.clear()
            self._bytes, self._seen = 0, g
        return g

    def _cached(self, key: tuple[str, ...], make: Callable[[], object]) -> Body:
        """The body of ``key``, made once and kept while recent (least recently used goes)."""
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
            return body
        body = self._bodies[key] = json_body(make())
        self._bytes += _size(body)
        while self._bytes > self.CACHE_BYTES and len(self._bodies) > 1:
            _, old = self._bodies.popitem(last=False)
            self._bytes -= _size(old)
        return body

    def _family(self, request: Request) -> str:
        family: str = request.path_params["family"]
        if family not in KINDS:
            raise LookupFailure(f"no footprint family {family!r}: one of {', '.join(FAMILIES)}")
        return family

    async def collection(self, request: Request) -> Response:
        try:
            family, when = self._family(request), as_of(request, self.graph)
        except (SafeguardingError, ValueError) as err:
            return refusal(err)

        def make() -> object:
            found = plan(self.graph, when, self.topology).collection(family)
            return {**found, "asOf": when.isoformat(), "family": family}

        return compressed(request, self._cached(("geojson", family, when.isoformat()), make))

    async def feature(self, request: Request) -> Response:
        try:
            family, when = self._family(request), as_of(request, self.graph)
            node = find(self.graph, request.path_params["code"], when, KINDS[family])
            if not node.period.contains(when):
                raise LookupFailure(f"{node.name} does not exist on {when}: only in {node.period}")
        except (SafeguardingError, ValueError) as err:
            return refusal(err)

        def make() -> object:
            found = plan(self.graph, when, self.topology).feature(family, node.id)
            layer = found["properties"].get("layer")
            return {
                **found,
                "asOf": when.isoformat(),
                "attribution": self.topology.layer(layer).attribution
                if layer
                else self.topology.attribution,
            }

        key = ("feature", family, node.id, when.isoformat())
        return compressed(request, self._cached(key, make))

    async def rows(self, request: Request) -> Response:
        try:
            family, when = self._family(request), as_of(request, self.graph)
        except (SafeguardingError, ValueError) as err:
            return refusal(err)

        def make() -> object:
            p = plan(self.graph, when, self.topology)
            return {
                "asOf": when.isoformat(),
                "family": family,
                "districtLayer": p.districts.name if p.districts else None,
                "attribution": self.topology.attribution,
                "rows": p.rows(family),
            }

        return compressed(request, self._cached(("rows", family, when.isoformat()), make))

    async def layer(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        try:
            body = self._cached(("layer", name), lambda: self.topology.topojson(name))
        except SafeguardingError as err:
            return refusal(err)
        return compressed(request, body)

    async def days(self, request: Request) -> Response:
        def make() -> object:
            days = map_days(self.graph)
            return {
                "dataStart": days[0].isoformat(),
                "days": [d.isoformat() for d in days],
                "layers": list(self.topology.layers),
                "attribution": self.topology.attribution,
            }

        return compressed(request, self._cached(("days",), make))


def _size(body: Body) -> int:
    return len(body.data) + len(body.gz or b"")


def geo_routes(
    current: Callable[[], TemporalGraph], topology: Callable[[], Topology]
) -> list[BaseRoute]:
    feeds = Feeds(current, topology)
    get = ["GET", "HEAD"]
    return [
        Route("/geo/days.json", feeds.days, methods=get),
        Route("/geo/layers/{name}.topojson", feeds.layer, methods=get),
        Route("/geo/{family}.geojson", feeds.collection, methods=get),
        Route("/geo/{family}.json", feeds.rows, methods=get),
        Route("/geo/{family}/{code}.geojson", feeds.feature, methods=get),
    ]
