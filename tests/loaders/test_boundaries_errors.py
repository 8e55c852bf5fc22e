"""Malformed boundary files are refused with the file, the feature and the value at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.boundaries import build_boundaries
from tests import geojson
from tests.geojson import box, feature


def refused(folder: Path) -> str:
    with pytest.raises(LoadError) as err:
        build_boundaries(folder)
    return str(err.value)


def test_a_file_that_is_not_json(tmp_path: Path) -> None:
    geojson.write(tmp_path, "lad.geojson", '{"type": "FeatureCollection",\n "features": [}')
    assert "lad.geojson line 2: not JSON: Expecting value" in refused(tmp_path)


def test_a_feature_without_a_code(tmp_path: Path) -> None:
    nameless = feature("E07000002", [box(1, 0, 2, 1)])
    del nameless["properties"]["code"]
    geojson.write(tmp_path, "lad.geojson", [feature("E07000001", [box(0, 0, 1, 1)]), nameless])
    assert (
        "lad.geojson column feature 1: properties.code: not a GSS code such as E07000066"
        in refused(tmp_path)
    )


def test_a_ring_that_is_not_closed(tmp_path: Path) -> None:
    open_ring = [*box(0, 0, 1, 1)[:-1], geojson.cell(0, 0.5)]
    geojson.write(tmp_path, "lad.geojson", [feature("E07000001", [open_ring])])
    assert (
        "lad.geojson column feature 0, value '[[0.0, 52.0], [0.0, 52.005]]': E07000001: "
        "geometry.coordinates[0]: ring not closed (first, last)" in refused(tmp_path)
    )


def test_a_file_of_unknown_kind(tmp_path: Path) -> None:
    geojson.write(tmp_path, "x.geojson", [feature("E99000001", [box(0, 0, 1, 1)])])
    assert (
        "x.geojson column feature 0, value 'E99000001': E99 codes are of no known kind (lad: E06, E07, E08, E09; ctyua: E06, E08, E09, E10; pfa: E23;"
        in refused(tmp_path)
    )


def test_a_police_area_among_districts(tmp_path: Path) -> None:
    features = [feature(c, [box(i, 0, i + 1, 1)]) for i, c in enumerate(("E07000001", "E06000001", "E23000001"))]  # fmt: skip
    geojson.write(tmp_path, "lad.geojson", features)
    assert "lad.geojson column feature 2, value 'E23000001': a pfa code after lad codes" in refused(
        tmp_path
    )


def test_unitary_codes_alone_cannot_tell_districts_from_counties(tmp_path: Path) -> None:
    geojson.write(tmp_path, "ua.geojson", [feature("E06000001", [box(0, 0, 1, 1)])])
    assert "ua.geojson: cannot tell ctyua from lad: no code starts with E10 or E07" in refused(
        tmp_path
    )


def test_features_of_two_vintages(tmp_path: Path) -> None:
    old = feature("E07000002", [box(1, 0, 2, 1)], vintage="2019-12")
    geojson.write(tmp_path, "lad.geojson", [feature("E07000001", [box(0, 0, 1, 1)]), old])
    assert (
        "lad.geojson column feature 1, value '2019-12': E07000002: vintage is not feature 0's 2024-05"
        in refused(tmp_path)
    )


def test_a_position_off_the_earth(tmp_path: Path) -> None:
    ring = box(0, 0, 1, 1)
    ring[2] = (0.01, 95.0)
    geojson.write(tmp_path, "lad.geojson", [feature("E07000001", [ring])])
    assert (
        "lad.geojson column feature 0, value '[0.01, 95.0]': E07000001: geometry.coordinates[0][2]: not a [lon, lat] position"
        in refused(tmp_path)
    )


def test_a_code_twice(tmp_path: Path) -> None:
    twice = [feature("E07000001", [box(0, 0, 1, 1)]), feature("E07000001", [box(1, 0, 2, 1)])]
    geojson.write(tmp_path, "lad.geojson", twice)
    assert "lad.geojson value 'E07000001': code occurs 2 times" in refused(tmp_path)


def test_a_district_drawn_over_another(tmp_path: Path) -> None:
    same = [feature("E07000001", [box(0, 0, 1, 1)]), feature("E07000002", [box(0, 0, 1, 1)])]
    geojson.write(tmp_path, "lad.geojson", same)
    assert (
        "lad.geojson column feature 0, value 'E07000001': nothing is left of it on the grid: it lies on its neighbours' borders"
        in refused(tmp_path)
    )


def test_two_files_of_one_layer_as_fine_as_each_other(tmp_path: Path) -> None:
    for name in ("a.geojson", "b.geojson"):
        geojson.write(tmp_path, name, [feature("E07000001", [box(0, 0, 1, 1)])])
    assert "b.geojson: makes layer lad-2024-05 as a.geojson does, with as many vertices" in refused(
        tmp_path
    )


def test_every_bad_file_is_reported_together(tmp_path: Path) -> None:
    geojson.write(tmp_path, "a.geojson", "[")
    geojson.write(tmp_path, "b.geojson", [feature("X", [box(0, 0, 1, 1)])])
    message = refused(tmp_path)
    assert message.startswith("2 problems in a.geojson, b.geojson:")


def test_a_folder_without_geojson(tmp_path: Path) -> None:
    assert "no .geojson files" in refused(tmp_path)
