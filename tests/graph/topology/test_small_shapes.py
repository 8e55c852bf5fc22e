"""Unions on hand-made districts, in cells of 0.01° (x east, y north):

- A (x 0-2, y 0-1), B (2-4, 0-1) and C (0-4, 1-2) make a county, and D (5-6, 0-1) is its island;
- E (0-3, 3-6) has a hole (1-2, 4-5) which the enclave F fills;
- G (7-8, 0-1) and H (8-9, 1-2) touch at one corner;
- R1 (10-13, 0-1), R2 (10-13, 2-3), R3 (10-11, 1-2) and R4 (12-13, 1-2) ring K (11-12, 1-2).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import UnknownCode
from graph.topology import Layer, Topology
from loaders.boundaries import build_boundaries
from tests import geojson
from tests.geojson import box, cell, feature, ring

A, B, C, D = "E07000001", "E07000002", "E07000003", "E07000004"
E, F, G, H = "E07000005", "E07000006", "E07000007", "E07000008"
R1, R2, R3, R4, K = "E07000011", "E07000012", "E07000013", "E07000014", "E07000015"


@pytest.fixture(scope="module")
def lad(tmp_path_factory: pytest.TempPathFactory) -> Layer:
    folder = tmp_path_factory.mktemp("boundaries")
    geojson.write(
        folder,
        "districts.geojson",
        [
            feature(A, [box(0, 0, 2, 1)]),
            feature(B, [box(2, 0, 4, 1)]),
            feature(C, [ring((0, 1), (2, 1), (4, 1), (4, 2), (0, 2))]),
            feature(D, [box(5, 0, 6, 1)]),
            feature(E, [box(0, 3, 3, 6), box(1, 4, 2, 5, clockwise=True)]),
            feature(F, [box(1, 4, 2, 5)]),
            feature(G, [box(7, 0, 8, 1)]),
            feature(H, [box(8, 1, 9, 2)]),
            feature(R1, [ring((10, 0), (13, 0), (13, 1), (12, 1), (11, 1), (10, 1))]),
            feature(R2, [ring((10, 2), (11, 2), (12, 2), (13, 2), (13, 3), (10, 3))]),
            feature(R3, [box(10, 1, 11, 2)]),
            feature(R4, [box(12, 1, 13, 2)]),
            feature(K, [box(11, 1, 12, 2)]),
        ],
    )
    return Topology.from_bytes(build_boundaries(folder)).layer("lad-2024-05")


def corners(ring: list[geojson.Position]) -> set[geojson.Position]:
    return {tuple(p) for p in ring}  # type: ignore[misc]


def test_neighbours_merge_and_an_island_stays_apart(lad: Layer) -> None:
    county = lad.union([A, B, C, D])
    assert county["geometry"]["type"] == "MultiPolygon"
    mainland, island = county["geometry"]["coordinates"]
    # the borders inside are gone; the junctions where they met the coast stay as vertices
    assert len(mainland) == 1 and len(mainland[0]) == 8
    assert corners(mainland[0]) == {
        cell(0, 0),
        cell(2, 0),
        cell(4, 0),
        cell(4, 1),
        cell(4, 2),
        cell(0, 2),
        cell(0, 1),
    }
    assert island == [box(5, 0, 6, 1)]
    assert county["bbox"] == [*cell(0, 0), *cell(6, 2)]
    parts = sum(geojson.area(lad.feature(c)["geometry"]) for c in (A, B, C, D))
    assert geojson.area(county["geometry"]) == pytest.approx(parts, rel=1e-9)


def test_an_enclave_fills_the_hole_around_it(lad: Layer) -> None:
    alone = lad.feature(E)["geometry"]
    assert alone["type"] == "Polygon" and geojson.shape(alone) == [(2, 1)]
    assert (
        geojson.ring_area(alone["coordinates"][0]) > 0 > geojson.ring_area(alone["coordinates"][1])
    )
    assert geojson.shape(lad.union([E])["geometry"]) == [(2, 1)]
    both = lad.union([E, F])["geometry"]
    assert both["type"] == "Polygon" and geojson.shape(both) == [(1, 0)]
    assert corners(both["coordinates"][0]) == corners(box(0, 3, 3, 6))


def test_a_ring_of_districts_has_a_hole_until_the_middle_joins(lad: Layer) -> None:
    around = lad.union([R1, R2, R3, R4])["geometry"]
    assert around["type"] == "Polygon" and geojson.shape(around) == [(2, 1)]
    assert len(around["coordinates"][0]) == 9  # 4 corners, 4 junctions on the sides, closed
    assert corners(around["coordinates"][1]) == corners(box(11, 1, 12, 2))
    assert geojson.ring_area(around["coordinates"][1]) < 0
    whole = lad.union([R1, R2, R3, R4, K])["geometry"]
    assert geojson.shape(whole) == [(1, 0)]


def test_a_hole_goes_to_the_part_around_it(lad: Layer) -> None:
    union = lad.union([A, R1, R2, R3, R4])["geometry"]
    assert union["type"] == "MultiPolygon"
    assert sorted(geojson.shape(union)) == [(1, 0), (2, 1)]
    around = next(p for p in union["coordinates"] if len(p) == 2)
    assert corners(around[0]) >= {cell(10, 0), cell(13, 3)}
    assert corners(around[1]) == corners(box(11, 1, 12, 2))


def test_districts_touching_at_a_corner_are_two_parts(lad: Layer) -> None:
    union = lad.union([G, H, D])["geometry"]
    assert union["type"] == "MultiPolygon"
    assert sorted(len(p[0]) for p in union["coordinates"]) == [5, 5, 5]


def test_no_members_no_geometry(lad: Layer) -> None:
    assert lad.union([]) == {
        "type": "Feature",
        "geometry": None,
        "properties": {"layer": "lad-2024-05", "members": []},
    }


def test_an_unknown_code_is_named(lad: Layer) -> None:
    with pytest.raises(UnknownCode, match=r"unknown GSS code 'E07000099'.*lad-2024-05"):
        lad.union([A, "E07000099"])
    with pytest.raises(UnknownCode, match="E07000099"):
        lad.feature("E07000099")


def test_a_collection_has_every_feature_by_code(lad: Layer) -> None:
    collection = lad.collection()
    assert [f["properties"]["code"] for f in collection["features"]] == sorted(
        [A, B, C, D, E, F, G, H, R1, R2, R3, R4, K]
    )
    assert collection["bbox"] == [*cell(0, 0), *cell(13, 6)]
    assert collection["features"][0]["properties"] == {
        "code": A,
        "name": "District 01",
        "layer": "lad-2024-05",
    }


def test_an_unknown_layer_is_named(tmp_path: Path) -> None:
    geojson.write(tmp_path, "pfa.geojson", [feature("E23000001", [box(0, 0, 1, 1)])])
    topology = Topology.from_bytes(build_boundaries(tmp_path))
    assert topology.layers == ("pfa-2024-05",)
    with pytest.raises(UnknownCode, match=r"unknown layer code 'lad-2024-05'.*pfa-2024-05"):
        topology.layer("lad-2024-05")
