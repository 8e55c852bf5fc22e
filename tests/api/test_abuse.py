"""Requests built to hurt the server: each is refused (or answered) quickly with a client error
that says what is wrong, and the server goes on answering.

A "budget" here is the client's timeout: a request that takes longer fails the test. It bounds
how long one request may hold the worker; speed itself is measured in ``benchmarks/``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from api.config import ApiConfig
from api.http import MAX_JSON_DEPTH
from tests.api.conftest import SETTINGS, running

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

BUDGET = httpx.Timeout(5.0)  # seconds for any one of these requests


def doubling_fragments(levels: int, body: str = "") -> str:
    """``{ ...F0 }`` where each fragment spreads the next twice: 2**levels paths, few bytes."""
    chain = " ".join(
        f"fragment F{i} on Query {{ {body.format(i=i)} ...F{i + 1} ...F{i + 1} }}"
        for i in range(levels)
    )
    return f"{{ ...F0 }} {chain} fragment F{levels} on Query {{ __typename }}"


def post(client: httpx.Client, body: object, **headers: str) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        "/graphql",
        content=content,
        headers={"Content-Type": "application/json", **headers},
        timeout=BUDGET,
    )


def test_a_doubling_fragment_chain_is_validated_in_linear_time(client: httpx.Client) -> None:
    query = doubling_fragments(21)  # 2 million paths: half a minute before
    assert len(query) < 1000
    response = post(client, {"query": query})
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"__typename": "Query"}}
    assert client.get("/health", timeout=BUDGET).json()["status"] == "ok"


def test_a_doubling_fragment_chain_still_counts_its_aliases(client: httpx.Client) -> None:
    response = post(client, {"query": doubling_fragments(21, "a{i}: __typename")})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (
        error["message"]
        == f"more than {SETTINGS.max_aliases} aliases found. Allowed: {SETTINGS.max_aliases}"
    )


def test_depth_counts_through_fragments(gql: GraphQL) -> None:
    levels = SETTINGS.max_depth + 1
    fragments = " ".join(
        f"fragment F{i} on Partnership {{ localAuthorities {{ partnership {{ ...F{i + 1} }} }} }}"
        for i in range(levels // 2)
    )
    query = (
        f'{{ partnership(code: "cumbria-scp", asOf: "2024-06-01") {{ ...F0 }} }} {fragments} '
        f"fragment F{levels // 2} on Partnership {{ name }}"
    )
    [error] = gql.errors(query, status=400)
    assert (
        error["message"] == f"'anonymous' exceeds maximum operation depth of {SETTINGS.max_depth}"
    )


@pytest.mark.parametrize("where", ["variables", "extensions", "other"])
def test_json_nested_a_thousand_levels_is_400(client: httpx.Client, where: str) -> None:
    deep = "[" * 1000 + "]" * 1000
    body = f'{{"query": "{{ __typename }}", "{where}": {{"a": {deep}}}}}'.encode()
    response = post(client, body)
    assert response.status_code == 400, response.text
    assert (
        response.json()["errors"][0]["message"]
        == f"JSON nested more than {MAX_JSON_DEPTH} levels deep"
    )


def test_get_variables_nested_a_thousand_levels_is_400(client: httpx.Client) -> None:
    deep = "[" * 1000 + "]" * 1000
    response = client.get(
        "/graphql",
        params={"query": "{ __typename }", "variables": f'{{"a": {deep}}}'},
        timeout=BUDGET,
    )
    assert response.status_code == 400, response.text
    assert "nested more than" in response.json()["errors"][0]["message"]


def test_json_nested_within_the_limit_is_read(client: httpx.Client) -> None:
    nested: object = "x"
    for _ in range(MAX_JSON_DEPTH - 2):
        nested = [nested]
    response = post(client, {"query": "{ __typename }", "extensions": {"a": nested}})
    assert response.status_code == 200, response.text


def test_an_unknown_fragment_is_a_validation_error(gql: GraphQL) -> None:
    [error] = gql.errors("{ ...Nope }", status=400)
    assert error["message"] == "Unknown fragment 'Nope'."
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize(
    "content_type", ["APPLICATION/JSON", "Application/Json; charset=UTF-8", "application/JSON"]
)
def test_media_types_are_case_insensitive(client: httpx.Client, content_type: str) -> None:
    response = client.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={"Content-Type": content_type},
        timeout=BUDGET,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"__typename": "Query"}}


def test_several_operations_without_a_name_are_refused(gql: GraphQL) -> None:
    [error] = gql.errors("query A { a: __typename } query B { b: __typename }", status=400)
    assert error["message"] == (
        "the document has 2 operations (A, B): say which to run with operationName"
    )


def test_several_operations_run_the_one_named(client: httpx.Client) -> None:
    query = "query A { a: __typename } query B { b: __typename }"
    response = post(client, {"query": query, "operationName": "B"})
    assert response.json() == {"data": {"b": "Query"}}


def test_two_anonymous_operations_are_refused(gql: GraphQL) -> None:
    errors = gql.errors("{ a: __typename } { b: __typename }", status=400)
    assert {e["message"] for e in errors} >= {
        "This anonymous operation must be the only defined operation."
    }


def test_a_thousand_repeated_fields_say_what_is_wrong(gql: GraphQL) -> None:
    [error] = gql.errors("{ " + " ".join(["__typename"] * 1000) + " }", status=400)
    assert error["message"].startswith("Validation aborted: the document asks for too many")
    assert "select each field once" in error["message"]


@pytest.mark.parametrize(
    ("effective", "said"),
    [
        ("0001-01-01", "0001-01-01 is too early"),
        ("2027-02-30", "2027-02-30"),
    ],
)
def test_an_impossible_effective_date_is_a_client_error(
    gql: GraphQL, effective: str, said: str
) -> None:
    query = """query ($p: ProposalInput!) { impact(proposal: $p) {
        __typename ... on ProposalProblem { operation field message } } }"""
    proposal = {
        "effective": effective,
        "operations": [{"kind": "recode", "entity": "E10000012", "code": "E10000099"}],
    }
    response = gql.post(query, {"p": proposal})
    assert response.status_code < 500
    body = response.json()
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert "INTERNAL_SERVER_ERROR" not in codes, body
    text = json.dumps(body)
    assert said in text, body


def test_a_request_over_its_time_is_stopped_and_the_server_answers() -> None:
    with running(ApiConfig(max_request_seconds=1e-6)) as url, httpx.Client(base_url=url) as c:
        response = post(c, {"query": '{ coverage(asOf: "2024-06-01") { compliant } }'})
        assert response.status_code < 500
        [error] = response.json()["errors"]
        assert error["message"].startswith("the request was stopped after 1e-06 s")
        assert error["extensions"]["code"] == "QUERY_REFUSED"
        assert c.get("/health", timeout=BUDGET).json()["status"] == "ok"
