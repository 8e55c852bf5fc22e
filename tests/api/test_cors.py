"""CORS: off by default; an origin in the allow-list gets the headers, one not listed does not.

A browser sends ``Origin`` and, before a JSON POST, an ``OPTIONS`` preflight with
``Access-Control-Request-Method``; these tests send exactly those over HTTP to a real server.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from graph.errors import SafeguardingError
from loaders.landscape import bundled
from safeguarding.settings import Settings
from tests.api.conftest import serving

LISTED = "https://tools.example.gov.uk"
UNLISTED = "https://elsewhere.example.com"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}
QUERY = {"query": '{ localAuthority(code: "E10000012", asOf: "2024-06-01") { name } }'}


@pytest.fixture(scope="module")
def cors_url() -> Iterator[str]:
    settings = Settings.from_env({"SAFEGUARDING_CORS_ORIGINS": f"{LISTED}, http://localhost:3000"})
    with serving(create_app(bundled(), settings.api_config())) as url:
        yield url


def test_listed_origin_preflight_is_answered(cors_url: str) -> None:
    r = httpx.options(f"{cors_url}/graphql", headers={"Origin": LISTED, **PREFLIGHT})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == LISTED
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()


def test_listed_origin_post_gets_the_header(cors_url: str) -> None:
    for _ in range(2):  # the second answered from the result cache: the header all the same
        r = httpx.post(f"{cors_url}/graphql", json=QUERY, headers={"Origin": LISTED})
        assert r.status_code == 200
        assert r.json()["data"]["localAuthority"]["name"] == "Essex County Council"
        assert r.headers["access-control-allow-origin"] == LISTED


def test_unlisted_origin_gets_no_permission(cors_url: str) -> None:
    r = httpx.options(f"{cors_url}/graphql", headers={"Origin": UNLISTED, **PREFLIGHT})
    assert r.status_code == 400
    assert "access-control-allow-origin" not in r.headers
    r = httpx.post(f"{cors_url}/graphql", json=QUERY, headers={"Origin": UNLISTED})
    assert "access-control-allow-origin" not in r.headers


def test_cors_is_off_by_default(client: httpx.Client) -> None:
    """The shared server runs with the default config: no origin is allowed."""
    assert ApiConfig().cors_origins == ()
    r = client.post("/graphql", json=QUERY, headers={"Origin": LISTED})
    assert "access-control-allow-origin" not in r.headers


def test_a_bad_origin_setting_is_refused() -> None:
    with pytest.raises(SafeguardingError, match="SAFEGUARDING_CORS_ORIGINS='\\*' is not valid"):
        Settings.from_env({"SAFEGUARDING_CORS_ORIGINS": "*"})
