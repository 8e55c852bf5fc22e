"""The GeoJSON and TopoJSON feeds over HTTP: real footprints, attribution, and clear refusals."""

from __future__ import annotations

import csv
import gzip
import json

import httpx
import pytest

from loaders.landscape import BUNDLED_BOUNDARIES
from tests import geojson as shapes
from tests.data import shared

OGL = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."


def essex_districts() -> set[str]:
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as f:
        return {r["ltla23_code"] for r in csv.DictReader(f) if r["utla23_code"] == "E10000012"}


def test_one_footprint_is_the_union_of_its_members_on_the_date(client: httpx.Client) -> None:
    r = client.get("/geo/local-authorities/E10000012.geojson", params={"asOf": "2024-06-01"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    f = r.json()
    assert f["type"] == "Feature" and f["id"] == "la:ESS"
    assert f["properties"]["name"] == "Essex County Council"
    assert set(f["properties"]["drawnFrom"]) == essex_districts()
    assert f["properties"]["source"] == "lad24_bsc_en.geojson"
    assert f["attribution"].startswith(OGL) and f["attribution"].endswith("2024")
    # its area is the ONS 2024 districts' (BSC) summed, to the 1.5% the grid and simplification keep
    ons = json.loads(shared("boundaries", "lad24_bsc_en.geojson").read_text())
    expected = sum(
        shapes.area(x["geometry"])
        for x in ons["features"]
        if x["properties"]["code"] in essex_districts()
    )
    assert shapes.area(f["geometry"]) == pytest.approx(expected, rel=0.015)


def test_a_collection_has_every_la_of_the_date(client: httpx.Client) -> None:
    with shared("geography", "ltla21_utla21_ew_ons.csv").open(encoding="utf-8-sig") as f:
        expected = {r["utla21_code"] for r in csv.DictReader(f) if r["utla21_code"].startswith("E")}
    r = client.get(
        "/geo/local-authorities.geojson",
        params={"asOf": "2022-01-01"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["asOf"] == "2022-01-01"
    assert {x["properties"]["code"] for x in fc["features"]} == expected
    assert fc["attribution"].startswith(OGL)


def test_a_footprint_the_files_cannot_draw_has_null_geometry_and_says_why(
    client: httpx.Client,
) -> None:
    fc = client.get("/geo/health-bodies.geojson", params={"asOf": "2021-06-01"}).json()
    undrawn = [x for x in fc["features"] if x["geometry"] is None]
    assert undrawn and all("no CCG boundaries" in x["properties"]["note"] for x in undrawn)


def test_a_layer_is_the_shipped_topojson(client: httpx.Client) -> None:
    shipped = json.loads(gzip.decompress(BUNDLED_BOUNDARIES.read_bytes()))["layers"]["pfa-2020-12"]
    r = client.get("/geo/layers/pfa-2020-12.topojson")
    assert r.status_code == 200 and r.json() == shipped
    assert r.json()["type"] == "Topology"


def test_the_rows_say_which_features_draw_each_footprint(client: httpx.Client) -> None:
    body = client.get("/geo/partnerships.json", params={"asOf": "2024-06-01"}).json()
    assert body["districtLayer"] == "lad-2024-05"
    essex = [x for x in body["rows"] if x["code"] == "essex-scb"]
    assert len(essex) == 1 and set(essex[0]["drawnFrom"]) == essex_districts()


def test_days_start_with_the_data(client: httpx.Client) -> None:
    body = client.get("/geo/days.json").json()
    assert body["dataStart"] == "2019-04-01" == body["days"][0]
    assert "2023-04-01" in body["days"]


def test_an_etag_saves_the_second_download(client: httpx.Client) -> None:
    first = client.get("/geo/layers/rgn-2023-12.topojson")
    again = client.get(
        "/geo/layers/rgn-2023-12.topojson", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize(
    ("path", "params", "status", "code", "message"),
    [
        (
            "/geo/counties.geojson",
            {"asOf": "2024-06-01"},
            404,
            "NOT_FOUND",
            "no footprint family 'counties'",
        ),
        (
            "/geo/local-authorities.geojson",
            {"asOf": "2018-06-01"},
            400,
            "DATE_OUT_OF_RANGE",
            "date 2018-06-01 is before the data begins (2019-04-01)",
        ),
        (
            "/geo/local-authorities.json",
            {"asOf": "soon"},
            400,
            "BAD_REQUEST",
            "asOf: 'soon' is not a date (YYYY-MM-DD, e.g. 2024-06-01)",
        ),
        (
            "/geo/local-authorities/E99999999.geojson",
            {"asOf": "2024-06-01"},
            404,
            "NOT_FOUND",
            "unknown gss code 'E99999999'",
        ),
        (
            "/geo/local-authorities/E23000001.geojson",
            {"asOf": "2024-06-01"},
            404,
            "NOT_FOUND",
            "not a local authority",
        ),
        (
            "/geo/local-authorities/E10000006.geojson",
            {"asOf": "2024-06-01"},
            404,
            "NOT_FOUND",
            "Cumbria County Council does not exist on 2024-06-01: only in […, 2023-04-01)",
        ),
        (
            "/geo/layers/lad-2030-01.topojson",
            {},
            404,
            "NOT_FOUND",
            "boundary layers are ctyua-2019-12",
        ),
    ],
)
def test_bad_input_is_refused_with_the_apis_message(
    client: httpx.Client, path: str, params: dict[str, str], status: int, code: str, message: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status
    (error,) = r.json()["errors"]
    assert error["extensions"]["code"] == code
    assert message in error["message"]
