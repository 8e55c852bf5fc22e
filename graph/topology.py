"""Boundary topologies at run time: features, layers and unions of features as GeoJSON.

Standard library only, so that serving a map costs no GEOS import. The file (written by
:mod:`loaders.boundaries`) is gzipped UTF-8 JSON::

    {"format": "safeguarding-boundaries", "version": 1, "attribution": "Source: ONS ... 2019, 2024",
     "layers": {"lad-2024-05": <Topology>, "ctyua-2023-12": <Topology>, ...}}

Each layer is named ``{kind}-{YYYY-MM}`` and is a standalone TopoJSON 1.0 ``Topology`` (so
topojson-client can draw and merge it in a browser) with the foreign members ``kind``,
``vintage``, ``source`` (input file) and ``attribution``:

- ``transform``: ``{"scale": [sx, sy], "translate": [tx, ty]}``; lon = x·sx + tx, lat = y·sy + ty;
- ``arcs``: integer polylines, delta-encoded: the first pair is absolute, each next pair is added
  to the previous position; an arc has two or more positions and runs junction to junction;
- ``objects``: one ``GeometryCollection`` named like the layer; each geometry has ``type``
  ``Polygon`` or ``MultiPolygon``, ``id`` (the GSS code), ``properties.name`` and ``arcs``: rings
  (lists of arc references) of a polygon, or polygons of rings. Reference ``i >= 0`` is arc ``i``;
  ``~i`` (``-i - 1``) is arc ``i`` reversed. Consecutive arcs of a ring share their meeting point;
  the first ring of a polygon is the exterior, counter-clockwise in lon/lat, then holes, clockwise.

An arc borders at most two features, once in each direction, so a union of features drops the
arcs used twice and stitches the rest into rings.

The GeoJSON made here is RFC 7946: lon/lat, exteriors counter-clockwise, a ``bbox`` of [west,
south, east, north]. Positions are tuples (``json.dumps`` writes them as arrays); every call
builds new lists, so callers may keep or change what they get. Nothing is cached but each
layer's decoded arcs.

>>> doc = {"format": "safeguarding-boundaries", "version": 1, "attribution": "Source: ONS"}
>>> doc["layers"] = {
...     "lad-2024-05": {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
...         "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]],
...                  [[1, 0], [1, 0], [0, 1], [-1, 0]]],
...         "objects": {"lad-2024-05": {"type": "GeometryCollection", "geometries": [
...             {"type": "Polygon", "id": "E07000001", "properties": {"name": "West"},
...              "arcs": [[0, 1]]},
...             {"type": "Polygon", "id": "E07000002", "properties": {"name": "East"},
...              "arcs": [[2, -1]]}]}}}}
>>> lad = Topology.from_bytes(json.dumps(doc).encode()).layer("lad-2024-05")
>>> lad.codes, lad.kind, lad.vintage
(('E07000001', 'E07000002'), 'lad', '2024-05')
>>> lad.feature("E07000001")["geometry"]["coordinates"]
[[(1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0)]]
>>> both = lad.union(["E07000001", "E07000002"])
>>> both["geometry"]["coordinates"]
[[(1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0)]]
>>> both["bbox"], both["properties"]["members"]
([0.0, 0.0, 2.0, 1.0], ['E07000001', 'E07000002'])
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import LoadError, Problem, UnknownCode

FORMAT = "safeguarding-boundaries"
VERSION = 1
GeoJSON = dict[str, Any]
Point = tuple[int, int]
Position = tuple[float, float]
Polygons = tuple[tuple[tuple[int, ...], ...], ...]  # polygons -> rings -> arc references

_LAYER = re.compile(r"^([a-z]+)-(\d{4}-\d{2})$")


@dataclass(frozen=True, slots=True)
class _Feature:
    code: str
    name: str
    polygons: Polygons


class _Arcs:
    """A layer's arcs, decoded once: on the grid, in lon/lat, and what a union needs of each."""

    def __init__(
        self, columns: list[tuple[list[int], list[int]]], transform: tuple[float, ...]
    ) -> None:
        sx, sy, tx, ty = transform
        self.transform = transform
        lon, lat = _degrees(sx, tx), _degrees(sy, ty)
        self.xy = [list(zip(xs, ys, strict=True)) for xs, ys in columns]
        self.lonlat = [list(zip(lon(xs), lat(ys), strict=True)) for xs, ys in columns]
        # twice each arc's part of a ring's signed area, and its bounds: a union's rings are
        # classified and bounded without walking their points
        self.area2 = [
            sum(map(operator.mul, xs, ys[1:])) - sum(map(operator.mul, xs[1:], ys))
            for xs, ys in columns
        ]
        self.bounds = [(min(xs), min(ys), max(xs), max(ys)) for xs, ys in columns]

    def __len__(self) -> int:
        return len(self.xy)

    def path(self, ref: int) -> list[Point]:
        return self.xy[ref] if ref >= 0 else self.xy[~ref][::-1]

    def start(self, ref: int) -> Point:
        return self.xy[ref][0] if ref >= 0 else self.xy[~ref][-1]

    def end(self, ref: int) -> Point:
        return self.xy[ref][-1] if ref >= 0 else self.xy[~ref][0]

    def ring_area2(self, ring: tuple[int, ...]) -> int:
        return sum(self.area2[r] if r >= 0 else -self.area2[~r] for r in ring)

    def points(self, ring: tuple[int, ...]) -> list[Point]:
        """The cyclic ring on the grid, its closing point not repeated."""
        return [p for r in ring for p in self.path(r)[1:]]

    def positions(self, ring: tuple[int, ...]) -> list[Position]:
        """The closed ring in lon/lat."""
        out: list[Position] = []
        for r in ring:
            pts = self.lonlat[r] if r >= 0 else self.lonlat[~r][::-1]
            out.extend(pts[1:] if out else pts)
        return out

    def bbox(self, rings: Iterable[tuple[int, ...]]) -> list[float]:
        """[west, south, east, north] of the rings."""
        arcs = {r if r >= 0 else ~r for ring in rings for r in ring}
        b = [self.bounds[a] for a in arcs]
        sx, sy, tx, ty = self.transform
        return [
            round(min(x for x, _, _, _ in b) * sx + tx, 6),
            round(min(y for _, y, _, _ in b) * sy + ty, 6),
            round(max(x for _, _, x, _ in b) * sx + tx, 6),
            round(max(y for _, _, _, y in b) * sy + ty, 6),
        ]


class Layer:
    """One layer's features, drawn one by one, all together, or as the union of some."""

    def __init__(
        self,
        name: str,
        attribution: str,
        arcs: _Arcs,
        features: list[_Feature],
        source: str = "",
    ) -> None:
        self.name = name
        self.kind, self.vintage = name.split("-", 1)
        self.attribution = attribution
        self.source = source  # the ONS file the layer was built from
        self._arcs = arcs
        self._features = {f.code: f for f in features}
        self.codes = tuple(sorted(self._features))

    def name_of(self, code: str) -> str:
        return self._member(code).name

    def feature(self, code: str) -> GeoJSON:
        """The feature ``code`` as a GeoJSON Feature (``id`` the code) with properties ``code``,
        ``name`` and ``layer``."""
        f = self._member(code)
        props = {"code": f.code, "name": f.name, "layer": self.name}
        return {"id": f.code, **self._geojson([list(p) for p in f.polygons], props)}

    def collection(self) -> GeoJSON:
        """Every feature of the layer, by code, as a FeatureCollection carrying the attribution."""
        rings = [ring for f in self._features.values() for p in f.polygons for ring in p]
        return {
            "type": "FeatureCollection",
            "bbox": self._arcs.bbox(rings),
            "attribution": self.attribution,
            "features": [self.feature(code) for code in self.codes],
        }

    def union(self, codes: Iterable[str]) -> GeoJSON:
        """The union of the features ``codes`` as one Feature (a MultiPolygon where it is apart).

        Borders between two members are dropped; what is left is stitched into rings and each
        hole is put in the smallest exterior around it. No codes give a null geometry.
        """
        members = sorted({self._member(c).code for c in codes})
        refs = [
            r
            for c in members
            for polygon in self._features[c].polygons
            for ring in polygon
            for r in ring
        ]
        uses = Counter(r if r >= 0 else ~r for r in refs)
        rings = _stitch(self._arcs, [r for r in refs if uses[r if r >= 0 else ~r] == 1])
        area = {ring: self._arcs.ring_area2(ring) for ring in rings}
        polygons = [[ring] for ring in rings if area[ring] > 0]
        holes = [ring for ring in rings if area[ring] < 0]
        if len(polygons) == 1:
            polygons[0].extend(holes)
        elif holes and polygons:
            # smallest first, so that a hole goes to the nearest exterior around it
            polygons.sort(key=lambda p: area[p[0]])
            around = [self._arcs.points(p[0]) for p in polygons]
            for hole in holes:
                pts = self._arcs.points(hole)
                home = next(
                    (i for i, ext in enumerate(around) if _inside(_off(pts, ext), ext)),
                    len(polygons) - 1,
                )
                polygons[home].append(hole)
            order = {ring: i for i, ring in enumerate(rings)}
            polygons.sort(key=lambda p: order[p[0]])
        return self._geojson(polygons, {"layer": self.name, "members": members})

    def _member(self, code: str) -> _Feature:
        try:
            return self._features[code]
        except KeyError:
            hint = f"not a feature of boundary layer {self.name} ({len(self.codes)} features)"
            raise UnknownCode("GSS", code, hint=hint) from None

    def _geojson(self, polygons: list[list[tuple[int, ...]]], props: GeoJSON) -> GeoJSON:
        if not polygons:
            return {"type": "Feature", "geometry": None, "properties": props}
        coords = [[self._arcs.positions(ring) for ring in p] for p in polygons]
        geometry = (
            {"type": "Polygon", "coordinates": coords[0]}
            if len(coords) == 1
            else {"type": "MultiPolygon", "coordinates": coords}
        )
        bbox = self._arcs.bbox(ring for p in polygons for ring in p)
        return {"type": "Feature", "bbox": bbox, "geometry": geometry, "properties": props}


def _stitch(arcs: _Arcs, refs: list[int]) -> list[tuple[int, ...]]:
    """Closed rings of the directed arcs ``refs``, turning leftmost where several leave a point.

    Every point is left as often as it is reached (each member's rings are closed, and a dropped
    arc is dropped both ways), so a walk can only end where it began. Turning leftmost keeps the
    interior, on the left, tight: parts that touch at a point are two rings, not one figure 8.
    """
    leaving: dict[Point, list[int]] = defaultdict(list)
    for r in refs:
        leaving[arcs.start(r)].append(r)
    done: set[int] = set()
    rings = []
    for first in refs:
        if first in done:
            continue
        ring, home, at = [first], arcs.start(first), arcs.end(first)
        done.add(first)
        while at != home:
            options = [r for r in leaving[at] if r not in done]
            step = options[0] if len(options) == 1 else _leftmost(arcs, ring[-1], options)
            ring.append(step)
            done.add(step)
            at = arcs.end(step)
        rings.append(tuple(ring))
    return rings


def _leftmost(arcs: _Arcs, came: int, options: list[int]) -> int:
    (x0, y0), (x1, y1) = arcs.path(came)[-2:]
    dx, dy = x1 - x0, y1 - y0

    def turn(r: int) -> float:
        (ax, ay), (bx, by) = arcs.path(r)[:2]
        ex, ey = bx - ax, by - ay
        return math.atan2(dx * ey - dy * ex, dx * ex + dy * ey)

    return max(options, key=turn)


def _off(points: list[Point], ring: list[Point]) -> Point:
    """A point of ``points`` that is not a vertex of ``ring`` (rings may touch at vertices)."""
    on = set(ring)
    return next((p for p in points if p not in on), points[0])


def _inside(p: Point, ring: list[Point]) -> bool:
    """Whether ``p`` is inside the cyclic ``ring`` (even-odd rule)."""
    x, y = p
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


class Topology:
    """The layers of a boundaries file; see the module docstring for the format.

    Loading parses the file and checks its outline; each layer is decoded and checked the first
    time it is asked for (about 15 ms), so that a server starts without decoding layers it never
    draws. A corrupt layer raises :class:`LoadError` then.
    """

    def __init__(self, file: str, attribution: str, raw: Mapping[str, object]) -> None:
        self.file = file
        self.attribution = attribution
        self.layers = tuple(sorted(raw))
        self._raw = dict(raw)
        self._decoded: dict[str, Layer] = {}

    @classmethod
    def load(cls, path: Path) -> Topology:
        return cls.from_bytes(path.read_bytes(), path.name)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<bytes>") -> Topology:
        """Read a (gzipped or plain) boundaries file; :class:`LoadError` names what is wrong."""
        try:
            doc = json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        except (OSError, EOFError, ValueError) as exc:
            raise LoadError([Problem(name, None, None, None, f"not gzipped JSON: {exc}")]) from None
        reader = _Reader(name)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            got = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
            raise reader.fail("format", got, f"not a {FORMAT} file")
        if doc.get("version") != VERSION:
            raise reader.fail("version", doc.get("version"), f"this reader reads version {VERSION}")
        layers, attribution = doc.get("layers"), doc.get("attribution")
        if not isinstance(layers, dict) or not isinstance(attribution, str):
            raise reader.fail("layers", None, "needs layers (an object) and attribution (text)")
        for layer in layers:
            if not _LAYER.match(layer):
                raise reader.fail(f"layer {layer}", layer, "a layer is named kind-YYYY-MM")
        return cls(name, attribution, layers)

    def topojson(self, name: str) -> Mapping[str, object]:
        """The layer ``name`` as stored: a standalone TopoJSON Topology, for a browser to draw.

        Checked first (decoded as :meth:`layer` does), so that nothing corrupt is handed on.
        """
        self.layer(name)
        raw = self._raw[name]
        assert isinstance(raw, Mapping)  # checked by layer()
        return raw

    def layer(self, name: str) -> Layer:
        """The layer ``name`` (one of :attr:`layers`), decoded on first use."""
        layer = self._decoded.get(name)
        if layer is None:
            if name not in self._raw:
                hint = f"boundary layers are {', '.join(self.layers)}"
                raise UnknownCode("layer", name, hint=hint)
            # two threads may both decode a layer; they make equal layers and one is kept
            layer = _Reader(self.file).layer(name, self._raw[name], self.attribution)
            self._decoded[name] = layer
        return layer


class _Reader:
    """Checks a parsed layer while decoding it, naming the layer, arc or feature at fault."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str | None, value: object, message: str) -> LoadError:
        shown = None if value is None else json.dumps(value, ensure_ascii=False)[:80]
        return LoadError([Problem(self.file, None, where, shown, message)])

    def layer(self, name: str, topo: object, attribution: str) -> Layer:
        where = f"layer {name}"
        if not isinstance(topo, dict) or topo.get("type") != "Topology":
            raise self.fail(where, None, "not a TopoJSON Topology")
        transform = topo.get("transform")
        t = (
            [*_list(transform.get("scale")), *_list(transform.get("translate"))]
            if isinstance(transform, dict)
            else []
        )
        if len(t) != 4 or not all(_number(v) for v in t):
            raise self.fail(f"{where} transform", transform, "needs scale and translate pairs")
        columns = [self.arc(f"{where} arc {i}", a) for i, a in enumerate(_list(topo.get("arcs")))]
        arcs = _Arcs(columns, tuple(float(v) for v in t))
        objects = topo.get("objects")
        collection = objects.get(name) if isinstance(objects, dict) else None
        geometries = collection.get("geometries") if isinstance(collection, dict) else None
        if not isinstance(geometries, list):
            raise self.fail(f"{where} objects", None, f"needs a GeometryCollection {name}")
        features = [
            self.feature(f"{where}, feature {i}", g, arcs) for i, g in enumerate(geometries)
        ]
        seen: dict[str, int] = {}
        uses: dict[int, list[int]] = defaultdict(list)
        for i, f in enumerate(features):
            if seen.setdefault(f.code, i) != i:
                raise self.fail(f"{where}, feature {i}", f.code, f"code of feature {seen[f.code]}")
            for r in (r for p in f.polygons for ring in p for r in ring):
                uses[r if r >= 0 else ~r].append(r)
        for arc, refs in sorted(uses.items()):
            if len(refs) > 2 or (len(refs) == 2 and refs[0] != ~refs[1]):
                raise self.fail(f"{where} arc {arc}", refs, "used more than once each way")
        attributed = str(topo.get("attribution", attribution))
        return Layer(name, attributed, arcs, features, str(topo.get("source", "")))

    def arc(self, where: str, arc: object) -> tuple[list[int], list[int]]:
        """Absolute x and y of a delta-encoded arc (checked by set() and map(), which are fast)."""
        if not isinstance(arc, list) or len(arc) < 2:
            raise self.fail(where, arc, "an arc needs two or more positions")
        if set(map(type, arc)) != {list} or set(map(len, arc)) != {2}:
            raise self.fail(where, arc, "not a list of [x, y] pairs")
        dx, dy = [d[0] for d in arc], [d[1] for d in arc]
        if set(map(type, dx)) | set(map(type, dy)) != {int}:
            raise self.fail(where, arc, "not a list of integer pairs")
        return list(itertools.accumulate(dx)), list(itertools.accumulate(dy))

    def feature(self, where: str, g: object, arcs: _Arcs) -> _Feature:
        if not isinstance(g, dict) or g.get("type") not in ("Polygon", "MultiPolygon"):
            raise self.fail(where, g.get("type") if isinstance(g, dict) else g, "not a polygon")
        code, props = g.get("id"), g.get("properties")
        name = props.get("name") if isinstance(props, dict) else None
        if not isinstance(code, str) or not isinstance(name, str):
            raise self.fail(where, code, "needs an id (the code) and properties.name")
        raw = _list(g.get("arcs"))
        polygons = tuple(
            tuple(self.ring(f"{where} ({code})", ring, k == 0, arcs) for k, ring in enumerate(p))
            for p in map(_list, raw if g["type"] == "MultiPolygon" else [raw])
        )
        if not polygons or not all(polygons):
            raise self.fail(where, code, "has an empty polygon")
        return _Feature(code, name, polygons)

    def ring(self, where: str, ring: object, exterior: bool, arcs: _Arcs) -> tuple[int, ...]:
        n = len(arcs)
        refs = tuple(_list(ring))
        if not refs or not all(type(r) is int and -n <= r < n for r in refs):
            raise self.fail(where, ring, f"a ring is a list of arc references in -{n}..{n - 1}")
        ends = [arcs.end(r) for r in refs]
        if any(arcs.start(r) != e for r, e in zip(refs, ends[-1:] + ends[:-1], strict=True)):
            raise self.fail(where, list(refs), "the arcs of this ring do not join up")
        area = arcs.ring_area2(refs)
        if area == 0 or (area > 0) != exterior:
            raise self.fail(where, list(refs), "exteriors run counter-clockwise, holes clockwise")
        return refs


def _degrees(scale: float, translate: float) -> Callable[[list[int]], list[float]]:
    """Grid to degrees. Where the transform is in whole 10^-d, as the build's is, an integer
    division gives the shortest decimal (-6.3796, not -6.379600000000001) without round().

    >>> _degrees(0.0008, -6.4)([4, 5]), _degrees(1 / 3, 0)([1])
    ([-6.3968, -6.396], [0.333333333])
    """
    for d in range(10):
        q = 10**d
        s, t = scale * q, translate * q
        if abs(s - round(s)) < 1e-6 and abs(t - round(t)) < 1e-6:
            si, ti = round(s), round(t)
            return lambda xs: [(x * si + ti) / q for x in xs]
    return lambda xs: [round(x * scale + translate, 9) for x in xs]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
