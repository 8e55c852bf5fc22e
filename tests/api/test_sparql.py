"""``/sparql``: the SPARQL 1.1 protocol over HTTP, read-only and bounded, on the real landscape.

The answers are checked against the official files: the upper-tier authorities of England on
2024-06-01 (ltla23_utla23, 153) by ``coverage.rq`` sent as a client would, and Essex's ONS
statistical-geography URI.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from loaders.landscape import bundled
from queries.rdf_coverage import coverage_query
from tests.api.conftest import serving
from tests.data import shared

RESULTS = "application/sparql-results+json"
STATGEO = "http://statistics.data.gov.uk/id/statistical-geography/"


@pytest.fixture(scope="module")
def sparql() -> Iterator[str]:
    config = ApiConfig(sparql_timeout=3, sparql_max_rows=200)
    app = create_app(bundled(), config)
    with serving(app) as url:
        yield f"{url}/sparql"
    handle = next(r.endpoint for r in app.router.routes if getattr(r, "path", "") == "/sparql")
    engine = handle.__self__._engine
    if engine is not None:
        engine.close()


def england_upper_tier() -> set[str]:
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as f:
        return {r["utla23_code"] for r in csv.DictReader(f) if r["utla23_code"].startswith("E")}


def test_coverage_rq_by_get(sparql: str) -> None:
    r = httpx.get(sparql, params={"query": coverage_query(date(2024, 6, 1))}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(RESULTS)
    rows = r.json()["results"]["bindings"]
    assert r.json()["head"]["vars"] == ["la", "partnerships"]
    assert {int(b["partnerships"]["value"]) for b in rows} == {1}  # each covered exactly once
    assert len(rows) == len(england_upper_tier())


def test_statistical_geography_uris_by_post(sparql: str) -> None:
    query = f"""PREFIX slg: <https://w3id.org/safeguarding-landscape/def#>
    SELECT ?la WHERE {{ ?la slg:statisticalGeography <{STATGEO}E10000012> }}"""
    for r in (
        httpx.post(sparql, data={"query": query}, timeout=60),
        httpx.post(sparql, content=query, headers={"content-type": "application/sparql-query"}),
    ):
        assert r.status_code == 200, r.text
        assert [b["la"]["value"] for b in r.json()["results"]["bindings"]] == [
            "https://w3id.org/safeguarding-landscape/id/la/ESS"
        ]


def test_ask_and_construct(sparql: str) -> None:
    r = httpx.get(sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert r.json() == {"head": {}, "boolean": True}
    r = httpx.get(
        sparql,
        params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"},
        timeout=60,
    )
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(r.text.strip().splitlines()) == 3


def test_read_only(sparql: str) -> None:
    update = "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }"
    for r in (
        httpx.post(sparql, data={"update": update}),
        httpx.post(sparql, content=update, headers={"content-type": "application/sparql-update"}),
        httpx.get(sparql, params={"query": update}),
    ):
        assert r.status_code == 400
        message = r.json()["errors"][0]["message"]
        assert "read-only" in message or "updates are not accepted" in message


def test_result_size_is_bounded(sparql: str) -> None:
    r = httpx.get(sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=60)
    assert r.status_code == 400
    assert "more than 200 solutions" in r.json()["errors"][0]["message"]


def test_time_is_bounded_and_the_engine_recovers(sparql: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = httpx.get(sparql, params={"query": slow}, timeout=60)
    assert r.status_code == 400
    assert "ran for more than 3 s and was stopped" in r.json()["errors"][0]["message"]
    r = httpx.get(sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_mistakes(sparql: str) -> None:
    assert httpx.get(sparql).status_code == 400
    r = httpx.get(sparql, params={"query": "SELEKT * WHERE {}"})
    assert r.status_code == 400 and "not a SPARQL 1.1 query" in r.json()["errors"][0]["message"]
    r = httpx.post(sparql, content="x", headers={"content-type": "text/plain"})
    assert r.status_code == 415
