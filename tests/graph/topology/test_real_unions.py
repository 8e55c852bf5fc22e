"""Footprints composed from members on the real files: Essex from its districts, and the rest."""

from __future__ import annotations

from graph.topology import Topology
from tests import geojson

ESSEX = "E10000012"
LEICESTERSHIRE, LEICESTER = "E10000018", "E06000016"
HARLOW, TENDRING = "E07000073", "E07000076"


def test_essex_is_the_union_of_its_districts(
    topology: Topology, districts_of: dict[str, list[str]]
) -> None:
    lad, county = topology.layer("lad-2024-05"), topology.layer("ctyua-2023-12")
    members = districts_of[ESSEX]
    assert len(members) == 12 and all(c.startswith("E07") for c in members)
    union = lad.union(members)
    total = sum(geojson.area(lad.feature(c)["geometry"]) for c in members)
    essex = county.feature(ESSEX)["geometry"]
    assert abs(geojson.area(union["geometry"]) - total) / total < 0.01
    assert abs(geojson.area(union["geometry"]) - geojson.area(essex)) / geojson.area(essex) < 0.02
    # the county's 18 parts (mainland and estuary islands), no holes, as ONS draws it
    assert geojson.shape(union["geometry"]) == geojson.shape(essex) == [(1, 0)] * 18
    assert union["properties"] == {"layer": "lad-2024-05", "members": sorted(members)}


def test_no_border_between_two_essex_districts_is_left(
    topology: Topology, districts_of: dict[str, list[str]]
) -> None:
    lad = topology.layer("lad-2024-05")
    members = districts_of[ESSEX]
    uses = sum(
        (geojson.edges(lad.feature(c)["geometry"]) for c in members), start=geojson.Counter()
    )
    union = geojson.edges(lad.union(members)["geometry"])
    assert set(union) == {e for e, n in uses.items() if n == 1}
    assert set(union.values()) == {1}
    assert not {e for e, n in uses.items() if n == 2} & set(union)


def test_two_districts_apart_make_a_multipolygon(topology: Topology) -> None:
    lad = topology.layer("lad-2024-05")
    union = lad.union([HARLOW, TENDRING])
    assert union["geometry"]["type"] == "MultiPolygon"
    parts = len(geojson.polygons(lad.feature(HARLOW)["geometry"])) + len(
        geojson.polygons(lad.feature(TENDRING)["geometry"])
    )
    assert len(union["geometry"]["coordinates"]) == parts == 8
    apart = geojson.area(lad.feature(HARLOW)["geometry"]) + geojson.area(
        lad.feature(TENDRING)["geometry"]
    )
    assert abs(geojson.area(union["geometry"]) - apart) < 1e-6


def test_leicestershire_has_leicester_as_its_hole(
    topology: Topology, districts_of: dict[str, list[str]]
) -> None:
    lad = topology.layer("lad-2024-05")
    union = lad.union(districts_of[LEICESTERSHIRE])
    assert geojson.shape(union["geometry"]) == [(2, 1)]
    hole = union["geometry"]["coordinates"][1]
    assert abs(-geojson.ring_area(hole) - geojson.area(lad.feature(LEICESTER)["geometry"])) < 1e-6
    with_city = lad.union([*districts_of[LEICESTERSHIRE], LEICESTER])
    assert geojson.shape(with_city["geometry"]) == [(1, 0)]


def test_every_upper_tier_is_the_union_of_its_districts(
    topology: Topology, districts_of: dict[str, list[str]]
) -> None:
    """Within 3% of the ONS polygon (the two files differ by up to 2.5%, SOURCES.md), except the
    City of London (3 km², 7%)."""
    lad, county = topology.layer("lad-2024-05"), topology.layer("ctyua-2023-12")
    assert sorted(districts_of) == list(county.codes)
    for code, members in districts_of.items():
        union = geojson.area(lad.union(members)["geometry"])
        ons = geojson.area(county.feature(code)["geometry"])
        assert abs(union - ons) / ons < (0.08 if code == "E09000001" else 0.03), code


def test_a_union_of_one_is_the_feature(topology: Topology) -> None:
    lad = topology.layer("lad-2024-05")
    for code in (HARLOW, TENDRING, LEICESTER):
        one, feature = lad.union([code]), lad.feature(code)
        assert one["bbox"] == feature["bbox"]
        assert abs(geojson.area(one["geometry"]) - geojson.area(feature["geometry"])) < 1e-6
