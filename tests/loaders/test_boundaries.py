"""The compact file built from the real ONS files: every layer, every feature, the same bytes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from graph.topology import Topology
from loaders.boundaries import build_boundaries, save_boundaries
from tests import geojson
from tests.data import shared

# feature counts from SOURCES.md; one layer per kind and vintage
COUNTS = {
    "ctyua-2019-12": 151,
    "ctyua-2021-05": 152,
    "ctyua-2023-12": 153,
    "icb-2023-04": 42,
    "lad-2019-12": 317,
    "lad-2021-12": 309,
    "lad-2024-05": 296,
    "nhser-2024-01": 7,
    "pfa-2020-12": 39,
    "rgn-2023-12": 9,
    "sicbl-2023-04": 106,
}
OGL = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right "
)


def test_every_layer_has_its_features(topology: Topology) -> None:
    assert {n: len(topology.layer(n).codes) for n in topology.layers} == COUNTS


def test_codes_and_names_are_the_ons_ones(topology: Topology) -> None:
    lad = topology.layer("lad-2024-05")
    assert lad.name_of("E07000066") == "Basildon"
    assert lad.codes[:2] == ("E06000001", "E06000002")
    assert topology.layer("pfa-2020-12").name_of("E23000001") == "Metropolitan Police"
    assert topology.layer("ctyua-2021-05").name_of("E10000006") == "Cumbria"
    assert "E10000006" not in topology.layer("ctyua-2023-12").codes


def test_attribution_names_the_years_of_the_vintages(built: bytes, topology: Topology) -> None:
    assert topology.attribution == OGL + "2019, 2020, 2021, 2023, 2024"
    assert topology.layer("pfa-2020-12").attribution == OGL + "2020"
    collection = topology.layer("icb-2023-04").collection()
    assert collection["attribution"] == OGL + "2023"


def test_the_finer_of_two_files_of_one_layer_is_kept(built: bytes) -> None:
    doc = json.loads(gzip.decompress(built))
    assert doc["layers"]["lad-2024-05"]["source"] == "lad24_bsc_en.geojson"
    assert doc["layers"]["lad-2024-05"]["objects"].keys() == {"lad-2024-05"}


def test_same_input_same_bytes(built: bytes) -> None:
    assert build_boundaries(shared("boundaries")) == built
    assert built[4:8] == b"\0\0\0\0"  # gzip mtime


def test_save_replaces_the_file_and_leaves_no_temporary(tmp_path: Path, built: bytes) -> None:
    out = tmp_path / "boundaries.topo.json.gz"
    out.write_bytes(b"old")
    save_boundaries(shared("boundaries"), out)
    assert out.read_bytes() == built
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_every_feature_keeps_its_area(topology: Topology, built: bytes) -> None:
    """Grid and simplification move no feature's area by more than 1.5% (City of London: 1.1%)."""
    doc = json.loads(gzip.decompress(built))
    for name in topology.layers:
        layer = topology.layer(name)
        source = json.loads(shared("boundaries", doc["layers"][name]["source"]).read_text())
        for f in source["features"]:
            before = geojson.area(f["geometry"])
            after = geojson.area(layer.feature(f["properties"]["code"])["geometry"])
            assert abs(after - before) / before < 0.015, (name, f["properties"]["code"])


def test_rings_wind_as_rfc_7946_says(topology: Topology) -> None:
    for name in topology.layers:
        for f in topology.layer(name).collection()["features"]:
            for polygon in geojson.polygons(f["geometry"]):
                assert geojson.ring_area(polygon[0]) > 0, (name, f["id"])
                assert all(geojson.ring_area(hole) < 0 for hole in polygon[1:])
                assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in polygon)


def test_bounding_boxes_are_west_south_east_north(topology: Topology, built: bytes) -> None:
    england = [-6.3604, 49.88225, 1.7636, 55.81125]  # SOURCES.md: lon −6.38…1.76, lat 49.88…55.81
    assert topology.layer("rgn-2023-12").collection()["bbox"] == england
    assert json.loads(gzip.decompress(built))["layers"]["rgn-2023-12"]["bbox"] == england
    essex = topology.layer("ctyua-2023-12").feature("E10000012")
    assert essex["bbox"] == [-0.0196, 51.50775, 1.2964, 52.09275]
