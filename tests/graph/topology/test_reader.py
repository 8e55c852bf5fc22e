"""A compact boundaries file damaged after the build is refused when read, naming the layer, the
feature or arc, and the value at fault."""

from __future__ import annotations

import copy
import gzip
import json
from typing import Any

import pytest

from graph.errors import LoadError
from graph.topology import Topology
from loaders.boundaries import build_boundaries
from tests import geojson
from tests.geojson import box, feature


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("boundaries")
    geojson.write(folder, "lad.geojson", [feature("E07000001", [box(0, 0, 1, 1)]), feature("E07000002", [box(1, 0, 2, 1)])])  # fmt: skip
    doc: dict[str, Any] = json.loads(gzip.decompress(build_boundaries(folder)))
    return doc


def damaged(good: dict[str, Any], change: Any) -> str:
    doc = copy.deepcopy(good)
    change(doc["layers"]["lad-2024-05"])
    topology = Topology.from_bytes(gzip.compress(json.dumps(doc).encode()), "b.topo.json.gz")
    with pytest.raises(LoadError) as err:
        topology.layer("lad-2024-05")  # layers are checked when first decoded
    return str(err.value)


def geometry(layer: dict[str, Any], i: int) -> dict[str, Any]:
    g: dict[str, Any] = layer["objects"]["lad-2024-05"]["geometries"][i]
    return g


def test_the_reader_refuses_what_is_not_a_boundaries_file() -> None:
    with pytest.raises(LoadError, match=r"b\.gz: not gzipped JSON"):
        Topology.from_bytes(b"\x1f\x8b broken", "b.gz")
    with pytest.raises(LoadError, match="column format, value '\"TopoJSON\"': not a safeguarding-boundaries file"):  # fmt: skip
        Topology.from_bytes(b'{"format": "TopoJSON"}', "b.json")


def test_the_reader_names_a_ring_whose_arcs_do_not_join(good: dict[str, Any]) -> None:
    def change(layer: dict[str, Any]) -> None:
        geometry(layer, 1)["arcs"][0] = [2, 0]  # arc 0 forward starts where arc 2 starts

    assert "b.topo.json.gz column layer lad-2024-05, feature 1 (E07000002)" in damaged(good, change)
    assert "the arcs of this ring do not join up" in damaged(good, change)


def test_the_reader_names_an_arc_that_is_not_there(good: dict[str, Any]) -> None:
    def change(layer: dict[str, Any]) -> None:
        geometry(layer, 0)["arcs"][0][0] = 7

    assert "feature 0 (E07000001), value '[7, 1]': a ring is a list of arc references in -3..2" in damaged(good, change)  # fmt: skip


def test_the_reader_names_a_ring_wound_the_wrong_way(good: dict[str, Any]) -> None:
    def change(layer: dict[str, Any]) -> None:
        geometry(layer, 0)["arcs"][0] = [~r for r in reversed(geometry(layer, 0)["arcs"][0])]

    assert "exteriors run counter-clockwise, holes clockwise" in damaged(good, change)


def test_the_reader_names_an_arc_used_twice_one_way(good: dict[str, Any]) -> None:
    def change(layer: dict[str, Any]) -> None:
        layer["objects"]["lad-2024-05"]["geometries"].append({**geometry(layer, 0), "id": "E07000003"})  # fmt: skip

    assert "column layer lad-2024-05 arc 0, value '[0, -1, 0]': used more than once each way" in damaged(good, change)  # fmt: skip


def test_the_reader_names_a_bad_arc(good: dict[str, Any]) -> None:
    def change(layer: dict[str, Any]) -> None:
        layer["arcs"][1][1] = [1.5, 0]

    assert "column layer lad-2024-05 arc 1, value '[[" in damaged(good, change)
    assert "not a list of integer pairs" in damaged(good, change)
