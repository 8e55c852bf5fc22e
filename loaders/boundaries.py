"""ONS boundary GeoJSON to one compact file of quantised, simplified topologies with shared arcs.

Build time only; :mod:`graph.topology` reads the result and documents its format. Each ``.geojson``
file of the folder is one layer, recognised by its features' code prefixes and ``vintage`` property
(never by its file name) and named ``{kind}-{vintage}``, e.g. ``lad-2024-05``. Every layer is:

1. quantised to one integer grid shared by all layers (:data:`SCALE`, cells of about 27 m);
2. cleaned: repeated points and spikes that the grid makes of slivers are dropped, and rings that
   collapse to no area with them, or that the grid lays over a neighbour's border; exteriors are
   wound counter-clockwise, holes clockwise;
3. cut into arcs at junctions (points with three or more neighbours), so that the border of two
   neighbours is one arc used once in each direction;
4. simplified arc by arc (Visvalingam-Whyatt, :data:`MIN_AREA`) with the arc ends fixed, so that
   neighbours stay gap-free; a ring that the simplification would empty or turn inside out gets
   back its most significant points.

>>> _clean([(0, 0), (4, 0), (4, 0), (4, 4), (6, 4), (4, 4), (0, 4), (0, 0)])
[(4, 4), (0, 4), (0, 0), (4, 0)]
>>> _simplify_weights([(0, 0), (1, 1), (2, 0), (10, 0)])
[inf, 2.0, 2.0, inf]
"""

from __future__ import annotations

import gzip
import heapq
import itertools
import json
import math
import operator
import os
import re
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.codes import Scheme, valid_code
from graph.errors import LoadError, Problem
from loaders.collector import paused

Point = tuple[int, int]
Ring = list[Point]  # cyclic: the closing point is not repeated

# What a file is, told by the prefixes of its codes: kind -> (description, prefixes allowed, a
# prefix that must occur). Districts and upper tiers share E06/E08/E09 (unitary, metropolitan,
# London), so only an E07 district or an E10 county tells the two apart.
KINDS: dict[str, tuple[str, frozenset[str], str]] = {
    "lad": ("local authority districts", frozenset({"E06", "E07", "E08", "E09"}), "E07"),
    "ctyua": ("counties and unitary authorities", frozenset({"E06", "E08", "E09", "E10"}), "E10"),
    "pfa": ("police force areas", frozenset({"E23"}), "E23"),
    "icb": ("integrated care boards", frozenset({"E54"}), "E54"),
    "sicbl": ("sub-ICB locations", frozenset({"E38"}), "E38"),
    "nhser": ("NHS England regions", frozenset({"E40"}), "E40"),
    "rgn": ("regions", frozenset({"E12"}), "E12"),
}

# The grid: lon = x * SCALE[0] + TRANSLATE[0]. 0.0004° of longitude at 52.5°N is 27 m and
# 0.00025° of latitude 28 m: square cells, far finer than the 200 m generalisation of the finest
# (BSC) files. A 55 m grid saves 10% of the bytes but pinches three times as many narrow inlets
# into rings that touch themselves.
SCALE = (0.0004, 0.00025)
TRANSLATE = (-6.4, 49.8)
# Visvalingam threshold in grid cells² (one cell is about 760 m²): a vertex goes when the triangle
# it makes with its neighbours is under 16 cells (12,000 m², e.g. 60 m off a 400 m chord). On the
# 2024 districts a removed vertex is a median 9 m and 95% under 90 m from the simplified line,
# within the 200 m of the source (the rare long moves cut off spikes thinner than a cell). The grid
# has already merged most vertices, so a coarser threshold saves little: 40 cells, 3.5% of bytes.
MIN_AREA = 16.0

ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right {years}"
)
FORMAT = "safeguarding-boundaries"
VERSION = 1

_VINTAGE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class SourceFeature:
    code: str
    name: str
    polygons: list[list[Ring]]  # exterior then holes, quantised and cleaned


@dataclass(frozen=True)
class SourceLayer:
    """One GeoJSON file, validated, recognised and quantised."""

    file: str
    kind: str
    vintage: str
    features: list[SourceFeature]
    vertices: int  # in the input, to choose the finer of two files of one layer

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.vintage}"


def read_layer(path: Path) -> SourceLayer:
    """Parse, check and quantise one boundary file; raises :class:`LoadError` naming each fault."""
    problems: list[Problem] = []

    def problem(where: str | None, value: object, message: str) -> None:
        problems.append(
            Problem(path.name, None, where, None if value is None else str(value), message)
        )

    try:
        doc = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise LoadError([Problem(path.name, line, None, None, f"not JSON: {exc}")]) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise LoadError([Problem(path.name, None, "type", str(kind), "not a FeatureCollection")])
    raw = doc.get("features")
    if not isinstance(raw, list) or not raw:
        raise LoadError([Problem(path.name, None, "features", None, "no features")])
    features: list[SourceFeature] = []
    first: tuple[str, int] | None = None  # the layer's vintage, and the feature that set it
    vertices = 0
    for i, feat in enumerate(raw):
        where = f"feature {i}"
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            problem(where, None, "no properties")
            continue
        code, name, vintage = props.get("code"), props.get("name"), props.get("vintage")
        if not isinstance(code, str) or not valid_code(Scheme.GSS, code):
            problem(where, code, "properties.code: not a GSS code such as E07000066")
            continue
        if not isinstance(name, str) or not name.strip():
            problem(where, name, f"{code}: properties.name: missing")
        if not isinstance(vintage, str) or not _VINTAGE.match(vintage):
            problem(where, vintage, f"{code}: properties.vintage: not a YYYY-MM month")
        elif first is None:
            first = (vintage, i)
        elif vintage != first[0]:
            problem(where, vintage, f"{code}: vintage is not feature {first[1]}'s {first[0]}")

        def report(value: object, message: str, where: str = where, code: str = code) -> None:
            problem(where, value, f"{code}: {message}")

        polygons = _polygons(feat.get("geometry"), report)
        vertices += sum(len(r) for p in polygons for r in p)
        quantised = [q for q in (_quantise(p) for p in polygons) if q]
        if polygons and not quantised:
            problem(where, None, f"{code}: nothing is left of it on the grid")
        features.append(SourceFeature(code, str(name), quantised))
    for code, n in sorted(Counter(f.code for f in features).items()):
        if n > 1:
            problem(None, code, f"code occurs {n} times")
    kind = "" if problems else _recognise(path.name, [f.code for f in features], problems)
    if problems or first is None:
        raise LoadError(problems)
    index = {f.code: i for i, f in enumerate(features)}
    features = _without_overlaps(sorted(features, key=lambda f: f.code))
    for f in features:
        if not f.polygons:
            msg = "nothing is left of it on the grid: it lies on its neighbours' borders"
            problem(f"feature {index[f.code]}", f.code, msg)
    if problems:
        raise LoadError(problems)
    return SourceLayer(path.name, kind, first[0], features, vertices)


def _polygons(
    geometry: object, problem: Callable[[object, str], None]
) -> list[list[list[tuple[float, float]]]]:
    """The polygons of a Polygon or MultiPolygon, each ring checked; [] after a problem."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else geometry
        problem(kind, "geometry: not a Polygon or MultiPolygon")
        return []
    coords = geometry.get("coordinates")
    multi = geometry["type"] == "MultiPolygon"
    if not isinstance(coords, list) or not coords:
        problem(None, "geometry.coordinates: missing or empty")
        return []
    out = []
    for j, polygon in enumerate(coords if multi else [coords]):
        rings = []
        for k, ring in enumerate(polygon if isinstance(polygon, list) and polygon else [None]):
            at = f"geometry.coordinates{f'[{j}]' if multi else ''}[{k}]"
            if not isinstance(ring, list):
                problem(json.dumps(ring), f"{at}: not a list of positions")
                return []
            pts = [_position(p) for p in ring]
            bad = next((n for n, p in enumerate(pts) if p is None), None)
            if bad is not None:
                problem(json.dumps(ring[bad]), f"{at}[{bad}]: not a [lon, lat] position")
                return []
            if len(pts) < 4:
                problem(len(pts), f"{at}: a ring needs 4 or more positions")
                return []
            if pts[0] != pts[-1]:
                problem(json.dumps([pts[0], pts[-1]]), f"{at}: ring not closed (first, last)")
                return []
            rings.append([p for p in pts if p is not None])
        out.append(rings)
    return out


def _position(p: object) -> tuple[float, float] | None:
    if type(p) is list and len(p) == 2:  # the common case first: two floats in range
        lon, lat = p
        # a NaN or an infinity fails the comparisons, so this needs no isfinite
        if type(lon) is float and type(lat) is float and -180 <= lon <= 180 and -90 <= lat <= 90:
            return lon, lat
    if not isinstance(p, list) or len(p) not in (2, 3):
        return None
    lon, lat = p[0], p[1]
    for v in (lon, lat):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return float(lon), float(lat)


def _recognise(file: str, codes: list[str], problems: list[Problem]) -> str:
    """The kind whose prefixes take every code; names the first code that fits none left."""
    candidates = set(KINDS)
    for i, code in enumerate(codes):
        fits = {k for k in candidates if code[:3] in KINDS[k][1]}
        if not fits:
            kinds = [k for k in KINDS if code[:3] in KINDS[k][1]]
            known = "; ".join(f"{k}: {', '.join(sorted(v[1]))}" for k, v in KINDS.items())
            msg = (
                f"a {' or '.join(kinds)} code after {' or '.join(sorted(candidates))} codes"
                if kinds
                else f"{code[:3]} codes are of no known kind ({known})"
            )
            problems.append(Problem(file, None, f"feature {i}", code, msg))
            return ""
        candidates = fits
    marked = [k for k in sorted(candidates) if any(c.startswith(KINDS[k][2]) for c in codes)]
    if len(marked) != 1:
        msg = (
            f"cannot tell {' from '.join(sorted(candidates))}: no code starts with "
            + " or ".join(KINDS[k][2] for k in sorted(candidates))
        )
        problems.append(Problem(file, None, None, None, msg))
        return ""
    return marked[0]


def _quantise(polygon: list[list[tuple[float, float]]]) -> list[Ring]:
    """Rings on the grid, cleaned and wound (exterior CCW); [] if the exterior collapses."""
    rings: list[Ring] = []
    for k, ring in enumerate(polygon):
        q = [
            (round((lon - TRANSLATE[0]) / SCALE[0]), round((lat - TRANSLATE[1]) / SCALE[1]))
            for lon, lat in ring
        ]
        cleaned = _clean(q)
        area = _area2(cleaned)
        if len(cleaned) < 3 or area == 0:
            if k == 0:
                return []
            continue
        rings.append(cleaned if (area > 0) == (k == 0) else cleaned[::-1])
    return rings


def _clean(ring: list[Point]) -> Ring:
    """The cyclic ring without repeated points or spikes (a, b, a), its closing point dropped."""
    seq = ring[:-1] if ring[0] == ring[-1] else ring
    unchanged = 0
    while unchanged < 2 and len(seq) >= 3:
        out: Ring = []
        for p in seq:
            if out and out[-1] == p:
                continue
            if len(out) >= 2 and out[-2] == p:
                out.pop()
                continue
            out.append(p)
        while len(out) >= 2 and out[-1] == out[0]:
            out.pop()
        # rotate so that the next pass sees the triples across the old seam
        unchanged = unchanged + 1 if len(out) == len(seq) else 0
        seq = out[len(out) // 2 :] + out[: len(out) // 2]
    return seq


def _without_overlaps(features: list[SourceFeature]) -> list[SourceFeature]:
    """Drop the slivers that the grid lays over a neighbour's border, smallest first.

    Some parts are a few metres wide (0.0005 km²); snapped, one can land on its neighbour's
    border, which then has an edge used twice one way, or three times. The smallest ring at each
    such edge goes (an exterior with its holes), until no edge is used so.
    """
    area = {
        (i, j, k): abs(_area2(ring))
        for i, f in enumerate(features)
        for j, polygon in enumerate(f.polygons)
        for k, ring in enumerate(polygon)
    }
    dropped: set[tuple[int, int, int]] = set()
    while True:
        users: dict[tuple[Point, Point], list[tuple[tuple[int, int, int], bool]]] = defaultdict(
            list
        )
        for (i, j, k), _ in area.items():
            if (i, j, k) in dropped or (i, j, 0) in dropped:
                continue
            ring = features[i].polygons[j][k]
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                users[(a, b) if a < b else (b, a)].append(((i, j, k), a < b))
        worst = {
            min((key for key, _ in u), key=lambda key: (area[key], key))
            for u in users.values()
            if len(u) > 2 or (len(u) == 2 and u[0][1] == u[1][1])
        }
        if not worst:
            break
        dropped |= worst
    return [
        SourceFeature(
            f.code,
            f.name,
            [
                [ring for k, ring in enumerate(polygon) if (i, j, k) not in dropped]
                for j, polygon in enumerate(f.polygons)
                if (i, j, 0) not in dropped
            ],
        )
        for i, f in enumerate(features)
    ]


def _area2(ring: Ring) -> int:
    """Twice the signed area (positive counter-clockwise) of a cyclic ring."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    # the shoelace sum, a product at a time in C: x1 * y2 - x2 * y1 over each edge
    forward: int = sum(map(operator.mul, xs, ys[1:] + ys[:1]))
    backward: int = sum(map(operator.mul, xs[1:] + xs[:1], ys))
    return forward - backward


@dataclass
class _Topology:
    arcs: list[list[Point]]
    # per feature: polygons -> rings -> arc references (~i for arc i reversed)
    geometries: list[list[list[list[int]]]]


def _arcs(layer: SourceLayer) -> _Topology:
    """Cut every ring at the junctions of the layer; each distinct arc is kept once."""
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    for ring in _rings(layer):
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            neighbours[a].add(b)
            neighbours[b].add(a)
    junctions = {p for p, n in neighbours.items() if len(n) > 2}
    index: dict[tuple[Point, ...], int] = {}
    arcs: list[list[Point]] = []
    geometries = []
    for feature in layer.features:
        polygons = []
        for polygon in feature.polygons:
            refs_of_rings = []
            for ring in polygon:
                # a ring without junctions (an island, an enclave) starts at its least point, so
                # that the enclave and the hole around it make one arc
                cuts = [i for i, p in enumerate(ring) if p in junctions] or [ring.index(min(ring))]
                rot = ring[cuts[0] :] + ring[: cuts[0]]
                cuts = [c - cuts[0] for c in cuts] + [len(ring)]
                refs = []
                for i, j in itertools.pairwise(cuts):
                    piece = tuple(rot[i : j + 1]) if j < len(rot) else (*rot[i:], rot[0])
                    if piece in index:
                        refs.append(index[piece])
                    elif piece[::-1] in index:
                        refs.append(~index[piece[::-1]])
                    else:
                        index[piece] = len(arcs)
                        refs.append(len(arcs))
                        arcs.append(list(piece))
                refs_of_rings.append(refs)
            polygons.append(refs_of_rings)
        geometries.append(polygons)
    _check_shared_once(layer, geometries)
    return _Topology(arcs, geometries)


def _rings(layer: SourceLayer) -> Iterator[Ring]:
    for feature in layer.features:
        for polygon in feature.polygons:
            yield from polygon


def _check_shared_once(layer: SourceLayer, geometries: list[list[list[list[int]]]]) -> None:
    """Refuse overlaps: an arc may border two features, once in each direction, never more."""
    used: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, polygons in enumerate(geometries):
        for ref in (r for p in polygons for ring in p for r in ring):
            used[ref if ref >= 0 else ~ref].append((i, ref))
    problems = [
        Problem(
            layer.file,
            None,
            f"feature {uses[0][0]}",
            layer.features[uses[0][0]].code,
            f"overlaps {', '.join(layer.features[i].code for i, _ in uses[1:])} (arc {arc})",
        )
        for arc, uses in sorted(used.items())
        if len(uses) > 2 or (len(uses) == 2 and (uses[0][1] >= 0) == (uses[1][1] >= 0))
    ]
    if problems:
        raise LoadError(problems)


def _simplify_weights(arc: list[Point]) -> list[float]:
    """Visvalingam-Whyatt effective area of each point (twice the triangle); ends are infinite."""
    n = len(arc)
    weights = [math.inf] * n
    prev, nxt = list(range(-1, n - 1)), list(range(1, n + 1))
    xs, ys = [p[0] for p in arc], [p[1] for p in arc]

    def area(i: int) -> float:
        a, c = prev[i], nxt[i]
        x0, y0, x2, y2 = xs[a], ys[a], xs[c], ys[c]
        return float(abs((xs[i] - x0) * (y2 - y0) - (x2 - x0) * (ys[i] - y0)))

    heap = [(area(i), i) for i in range(1, n - 1)]
    heapq.heapify(heap)
    # each live point's current area (None once removed, and for the ends): a popped entry that
    # differs is stale
    current: list[float | None] = [None] * n
    for a, i in heap:
        current[i] = a
    floor = 0.0
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        a, i = pop(heap)
        if current[i] != a:
            continue  # stale entry
        # effective areas never decrease, so one threshold removes a consistent set of points
        floor = max(floor, a)
        weights[i] = floor
        current[i] = None
        p, q = prev[i], nxt[i]
        nxt[p], prev[q] = q, p
        if current[p] is not None:
            current[p] = w = area(p)
            push(heap, (w, p))
        if current[q] is not None:
            current[q] = w = area(q)
            push(heap, (w, q))
    return weights


def _simplify(topo: _Topology, min_area: float) -> list[list[Point]]:
    """Each arc's kept points; rings the threshold would empty or invert keep more."""
    weights = [_simplify_weights(a) for a in topo.arcs]
    keep = [[w >= 2 * min_area for w in ws] for ws in weights]

    def points(ref: int) -> list[Point]:
        i = ref if ref >= 0 else ~ref
        pts = [p for p, k in zip(topo.arcs[i], keep[i], strict=True) if k]
        return pts if ref >= 0 else pts[::-1]

    rings = [
        (refs, k == 0) for polygons in topo.geometries for p in polygons for k, refs in enumerate(p)
    ]
    changed = True
    while changed:  # a point given back to one ring is on its neighbour's too: check all again
        changed = False
        for refs, exterior in rings:
            while True:
                ring = [p for r in refs for p in points(r)[1:]]
                if len(set(ring)) >= 3 and (_area2(ring) > 0) == exterior:
                    break
                # give back the dropped point of greatest weight among the ring's arcs
                _, i, j = max(
                    (weights[a][j], a, j)
                    for a in {r if r >= 0 else ~r for r in refs}
                    for j in range(len(keep[a]))
                    if not keep[a][j]
                )
                keep[i][j] = changed = True
    return [points(i) for i in range(len(topo.arcs))]


def encode_layer(layer: SourceLayer, min_area: float = MIN_AREA) -> dict[str, object]:
    """One layer as a TopoJSON Topology with one GeometryCollection named after the layer."""
    topo = _arcs(layer)
    arcs = _simplify(topo, min_area)
    xs = [x for a in arcs for x, _ in a]
    ys = [y for a in arcs for _, y in a]
    geometries = []
    for feature, polygons in zip(layer.features, topo.geometries, strict=True):
        multi = len(polygons) > 1
        geometries.append(
            {
                "type": "MultiPolygon" if multi else "Polygon",
                "id": feature.code,
                "properties": {"name": feature.name},
                "arcs": polygons if multi else polygons[0],
            }
        )
    return {
        "type": "Topology",
        "kind": layer.kind,
        "vintage": layer.vintage,
        "source": layer.file,
        "attribution": ATTRIBUTION.format(years=layer.vintage[:4]),
        "bbox": [*_lonlat(min(xs), min(ys)), *_lonlat(max(xs), max(ys))],
        "transform": {"scale": list(SCALE), "translate": list(TRANSLATE)},
        "arcs": [_delta(a) for a in arcs],
        "objects": {layer.name: {"type": "GeometryCollection", "geometries": geometries}},
    }


def _lonlat(x: int, y: int) -> list[float]:
    return [round(x * SCALE[0] + TRANSLATE[0], 6), round(y * SCALE[1] + TRANSLATE[1], 6)]


def _delta(arc: list[Point]) -> list[list[int]]:
    out = [list(arc[0])]
    out += [[x1 - x0, y1 - y0] for (x0, y0), (x1, y1) in itertools.pairwise(arc)]
    return out


def build_boundaries(folder: Path, min_area: float = MIN_AREA) -> bytes:
    """The gzipped compact file of every layer in ``folder``; the same input gives the same bytes.

    Where two files make one layer (``lad24_bsc`` and ``lad24_buc`` are both ``lad-2024-05``),
    the one with more vertices is kept: simplification makes the coarser one redundant.
    """
    with paused():  # the layers' points all live to the end (loaders.collector)
        return _build(folder, min_area)


def _build(folder: Path, min_area: float) -> bytes:
    paths = sorted(folder.glob("*.geojson"))
    if not paths:
        raise LoadError([Problem(str(folder), None, None, None, "no .geojson files")])
    layers: dict[str, SourceLayer] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            layer = read_layer(path)
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        other = layers.get(layer.name)
        if other is not None and other.vertices == layer.vertices:
            msg = f"makes layer {layer.name} as {other.file} does, with as many vertices"
            problems.append(Problem(layer.file, None, None, None, msg))
        elif other is None or layer.vertices > other.vertices:
            layers[layer.name] = layer
    if problems:
        raise LoadError(problems)
    years = sorted({layer.vintage[:4] for layer in layers.values()})
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "attribution": ATTRIBUTION.format(years=", ".join(years)),
        "layers": {name: encode_layer(layers[name], min_area) for name in sorted(layers)},
    }
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # level 6: 2% larger than level 9 and six times quicker (half a second of every build)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def save_boundaries(folder: Path, out_path: Path) -> None:
    """Build and write atomically: a uniquely named file beside ``out_path``, then a rename."""
    write_boundaries(build_boundaries(folder), out_path)


def write_boundaries(data: bytes, out_path: Path) -> None:
    """Write built ``data`` atomically: a uniquely named file beside ``out_path``, then a rename."""
    # "x" mode: the name is new, and the file gets the usual permissions (mkstemp's are 0600)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        with tmp.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m loaders.boundaries BOUNDARIES_FOLDER OUT.topo.json.gz")
    save_boundaries(Path(sys.argv[1]), Path(sys.argv[2]))
