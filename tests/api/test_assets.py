"""The pages' own files: served from api/static, compressed, and nothing outside it."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from api.assets import STATIC
from tests.data import ROOT


def test_the_vendored_files_are_those_of_sha256sums(client: httpx.Client) -> None:
    lines = (STATIC / "vendor" / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 20
    for line in lines:
        digest, name = line.split("  ")
        r = client.get(f"/static/vendor/{name}")
        assert r.status_code == 200, name
        assert hashlib.sha256(r.content).hexdigest() == digest, name


def test_text_is_gzipped_for_clients_that_accept_it(client: httpx.Client) -> None:
    r = client.get("/static/vendor/leaflet/leaflet.js", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.content == (STATIC / "vendor" / "leaflet" / "leaflet.js").read_bytes()
    assert int(r.headers["content-length"]) < len(r.content) / 2


def test_examples_are_the_operations_of_queries(client: httpx.Client) -> None:
    files = sorted((ROOT / "queries").glob("*.graphql"))
    examples = client.get("/static/examples.json").json()
    assert [e["query"] for e in examples] == [p.read_text(encoding="utf-8") for p in files]
    names = [re.search(r"query\s+(\w+)", p.read_text()).group(1) for p in files]  # type: ignore[union-attr]
    assert [e["name"] for e in examples] == names


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/vendor/refresh.sh",
        "/static/nothing.js",
    ],
)
def test_nothing_outside_the_static_files_is_served(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_the_schema_is_served_as_committed(client: httpx.Client) -> None:
    assert client.get("/schema.graphql").text == (ROOT / "schema.graphql").read_text(
        encoding="utf-8"
    )
