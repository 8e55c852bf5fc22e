"""Hand-made boundary files and plain measures of GeoJSON, for the boundary tests.

Squares are laid on a grid of 0.01° cells from lon 0, lat 52 (cells about 680 m by 1,110 m), so
that every corner is a point of the build's grid.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

Position = tuple[float, float]
KM_PER_DEGREE = 111.32


def cell(x: float, y: float) -> Position:
    return (round(x * 0.01, 6), round(52 + y * 0.01, 6))


def box(x0: float, y0: float, x1: float, y1: float, clockwise: bool = False) -> list[Position]:
    """A closed rectangle of cells, counter-clockwise (an exterior) unless ``clockwise``.

    Neighbours must share vertices, as in the ONS files: where one meets the middle of
    another's side, draw that side with :func:`ring`.
    """
    ring = [cell(x0, y0), cell(x1, y0), cell(x1, y1), cell(x0, y1), cell(x0, y0)]
    return ring[::-1] if clockwise else ring


def ring(*corners: tuple[float, float]) -> list[Position]:
    """A closed ring through the cells' corners in the order given."""
    return [cell(x, y) for x, y in (*corners, corners[0])]


def feature(code: str, *polygons: list[list[Position]], vintage: str = "2024-05") -> dict[str, Any]:
    geometry = (
        {"type": "Polygon", "coordinates": polygons[0]}
        if len(polygons) == 1
        else {"type": "MultiPolygon", "coordinates": list(polygons)}
    )
    props = {"code": code, "name": f"District {code[-2:]}", "vintage": vintage}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write(folder: Path, name: str, features: list[dict[str, Any]] | str) -> Path:
    """A GeoJSON FeatureCollection (or, given text, that text) as ``folder/name``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(features, str):
        path.write_text(features, encoding="utf-8")
    else:
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def polygons(geometry: dict[str, Any]) -> list[list[list[Position]]]:
    coords = geometry["coordinates"]
    return [coords] if geometry["type"] == "Polygon" else coords


def ring_area(ring: list[Position]) -> float:
    """Signed km² (positive counter-clockwise) by the shoelace formula on the sinusoidal
    projection: lon scaled by cos(lat), which keeps areas."""
    pts = [(lon * math.cos(math.radians(lat)), lat) for lon, lat in ring]
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(pts))
    return twice / 2 * KM_PER_DEGREE**2


def area(geometry: dict[str, Any] | None) -> float:
    """km², holes taken off."""
    if geometry is None:
        return 0.0
    return sum(ring_area(r) for p in polygons(geometry) for r in p)


def shape(geometry: dict[str, Any]) -> list[tuple[int, int]]:
    """(number of rings, number of holes) of each polygon."""
    return [(len(p), len(p) - 1) for p in polygons(geometry)]


def edges(geometry: dict[str, Any]) -> Counter[frozenset[Position]]:
    """How often each undirected edge is used by the rings of ``geometry``."""
    return Counter(
        frozenset((tuple(a), tuple(b)))
        for p in polygons(geometry)
        for ring in p
        for a, b in itertools.pairwise(ring)
    )
