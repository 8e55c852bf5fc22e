"""The HTML pages over HTTP: one per entity and date, the API's messages, a strict policy."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import httpx
import pytest

from api.assets import CSP

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/la/E10000012?asOf=2026-06-01", "Essex County Council"),
        ("/la/881?asOf=2024-06-01", "Essex County Council"),  # its DfE code
        ("/partnership/essex-scb?asOf=2024-06-01", "Essex Safeguarding Children Board"),
        ("/police-force/E23000028?asOf=2024-06-01", "Essex"),
        ("/health-body/E54000026?asOf=2024-06-01", "NHS Mid and South Essex Integrated Care Board"),
        ("/health-body/06Q?asOf=2021-06-01", "NHS Mid Essex CCG"),
        ("/icb/QH8?asOf=2024-06-01", "NHS Mid and South Essex Integrated Care Board"),
        ("/board/hwb:ess?asOf=2024-06-01", "Essex County Council Health and Wellbeing Board"),
        ("/board/E22000001?asOf=2024-06-01", "Bath and North East Somerset"),
    ],
)
def test_every_kind_of_entity_has_a_page(client: httpx.Client, path: str, title: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert re.search(r"<h1>(.*?)</h1>", r.text).group(1) == title  # type: ignore[union-attr]
    assert r.headers["content-security-policy"] == CSP
    # no inline script or style: every script has a src, no element has a style attribute
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", r.text)
    assert " style=" not in r.text
    assert 'class="confidence' in r.text


def test_a_page_says_what_the_api_says_about_essex(client: httpx.Client, gql: GraphQL) -> None:
    data = gql.data(
        '{ localAuthority(code: "E10000012", asOf: "2024-06-01") { healthBodies { name } partnership { name } } }'
    )
    page = client.get("/la/E10000012?asOf=2024-06-01").text
    for body in data["localAuthority"]["healthBodies"]:
        assert f">{body['name']}</a>" in page
    assert data["localAuthority"]["partnership"]["name"] in page


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        (
            "/la/E99999999?asOf=2024-06-01",
            '{ localAuthority(code: "E99999999", asOf: "2024-06-01") { name } }',
            404,
        ),
        (
            "/la/E10000012?asOf=2018-06-01",
            '{ localAuthority(code: "E10000012", asOf: "2018-06-01") { name } }',
            400,
        ),
        (
            "/police-force/E10000012?asOf=2024-06-01",
            '{ policeForce(code: "E10000012", asOf: "2024-06-01") { name } }',
            404,
        ),
    ],
)
def test_a_bad_url_gets_a_page_with_the_apis_message(
    client: httpx.Client, gql: GraphQL, path: str, query: str, status: int
) -> None:
    message = gql.errors(query)[0]["message"]
    r = client.get(path)
    assert r.status_code == status
    shown = re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', r.text).group(1)  # type: ignore[union-attr]
    assert shown.endswith(message.replace("'", "&#x27;").replace("…", "…"))


def test_the_page_of_an_la_that_has_ceased_says_so(client: httpx.Client, gql: GraphQL) -> None:
    data = gql.data(
        '{ localAuthority(code: "E10000006", asOf: "2024-06-01") { name valid validTo } }'
    )
    assert data["localAuthority"] == {
        "name": "Cumbria County Council",
        "valid": False,
        "validTo": "2023-04-01",
    }
    r = client.get("/la/E10000006?asOf=2024-06-01")
    # the page carries the API's own explanation: when it ended and what replaced it
    assert r.status_code == 404
    assert "did not exist on 2024-06-01: it ended on 2023-04-01 (last day 2023-03-31)" in r.text
    assert "Cumberland Council (la:CBD), Westmorland and Furness Council (la:WAF)" in r.text


def test_a_bad_date_gets_a_page_naming_the_parameter(client: httpx.Client) -> None:
    r = client.get("/la/E10000012?asOf=31/12/2024")
    assert r.status_code == 400
    assert "asOf: &#x27;31/12/2024&#x27; is not a date (YYYY-MM-DD, e.g. 2024-06-01)" in r.text


def test_markup_in_a_url_is_shown_as_text(client: httpx.Client) -> None:
    r = client.get("/la/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E?asOf=2024-06-01")
    assert r.status_code == 404
    assert "<img" not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text


def test_the_explorer_and_graphiql_are_the_apps_own_pages(client: httpx.Client) -> None:
    for path, marker in (("/", "/static/explorer/main.js"), ("/graphql", "/static/graphiql.js")):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200 and marker in r.text
        assert r.headers["content-security-policy"] == CSP
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text), (
            "a page loads from another host"
        )
