"""Client mistakes are answered as data or as 4xx GraphQL-style errors, never as a 500.

Errors while executing (an unknown code, a date outside the data) come with status 200, a null
field and an error naming the value; requests refused before execution (syntax, validation,
limits, variables) with 400; transport faults (JSON, content type, size, method) with 4xx.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.api.conftest import SETTINGS

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

LA = "query ($code: String!, $asOf: Date!) { localAuthority(code: $code, asOf: $asOf) { code } }"


def test_a_date_before_the_data_names_the_date(gql: GraphQL) -> None:
    response = gql.post(LA, {"code": "E10000012", "asOf": "2019-03-31"})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"localAuthority": None}
    [error] = body["errors"]
    assert "2019-03-31" in error["message"] and "2019-04-01" in error["message"]
    assert error["extensions"]["code"] == "DATE_OUT_OF_RANGE"
    assert error["path"] == ["localAuthority"]


@pytest.mark.parametrize(
    "query",
    [
        '{ coverage(asOf: "2018-01-01") { compliant } }',
        '{ overlap(asOf: "2018-01-01") { asOf } }',
        '{ coverageTimeline(from: "2018-01-01", to: "2020-01-01") { date } }',
        '{ diff(from: "2018-01-01", to: "2020-01-01") { from } }',
        '{ localAuthorities(asOf: "2018-01-01") { totalCount } }',
        '{ localAuthority(code: "E10000012", asOf: "2024-06-01") { partnership(asOf: "2018-01-01") { name } } }',
    ],
)
def test_every_dated_field_refuses_a_date_before_the_data(gql: GraphQL, query: str) -> None:
    [error] = gql.errors(query)
    assert "2018-01-01" in error["message"]
    assert error["extensions"]["code"] == "DATE_OUT_OF_RANGE"


def test_an_unknown_code_names_the_code(gql: GraphQL) -> None:
    [error] = gql.errors(LA, {"code": "E99999999", "asOf": "2024-06-01"})
    assert "'E99999999'" in error["message"] and "2024-06-01" in error["message"]
    assert error["extensions"]["code"] == "NOT_FOUND"


def test_a_code_of_another_date_says_when_it_was_held(gql: GraphQL) -> None:
    [error] = gql.errors(LA, {"code": "E08000038", "asOf": "2024-06-01"})
    assert error["message"] == (
        "unknown gss code 'E08000038' as of 2024-06-01: "
        "Barnsley Metropolitan Borough Council holds it only in [2025-05-01, …)"
    )


def test_a_code_of_another_kind_says_what_it_names(gql: GraphQL) -> None:
    query = '{ policeForce(code: "E10000012", asOf: "2024-06-01") { name } }'
    [error] = gql.errors(query)
    assert (
        "Essex County Council" in error["message"] and "not a police force area" in error["message"]
    )


def test_an_unknown_police_force_names_the_code(gql: GraphQL) -> None:
    [error] = gql.errors('{ policeForce(code: "E23999999", asOf: "2024-06-01") { name } }')
    assert "'E23999999'" in error["message"]


def test_one_failing_field_leaves_the_others(gql: GraphQL) -> None:
    query = """{ good: localAuthority(code: "E10000012", asOf: "2024-06-01") { code }
                 bad: localAuthority(code: "NOPE1", asOf: "2024-06-01") { code } }"""
    body = gql.post(query).json()
    assert body["data"] == {"good": {"code": "E10000012"}, "bad": None}
    assert [e["path"] for e in body["errors"]] == [["bad"]]


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/graphql", content=b'{"query": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "Unable to parse request body as JSON" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("body", [b'"a string"', b"[1, 2]", b"42", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_400(client: httpx.Client, body: bytes) -> None:
    response = client.post("/graphql", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_wrong_content_type_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/graphql", content=b"{ __typename }", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Unsupported content type"


def test_get_with_a_bad_query_is_400(client: httpx.Client) -> None:
    response = client.get("/graphql", params={"query": "{ coverage(asOf: "})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Syntax Error")


def test_get_with_a_good_query_answers(client: httpx.Client) -> None:
    response = client.get(
        "/graphql", params={"query": '{ coverage(asOf: "2024-06-01") { compliant } }'}
    )
    assert response.status_code == 200
    assert "coverage" in response.json()["data"]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"code": "E10000012", "asOf": "not-a-date"}, "Variable '$asOf' has invalid value"),
        (
            {"code": "E10000012"},
            "Variable '$asOf' has invalid value: Expected a value of non-null type 'Date!'",
        ),
        (
            {"code": 12, "asOf": "2024-06-01"},
            "Variable '$code' has invalid value: String cannot represent a non string value: 12",
        ),
    ],
)
def test_invalid_variables_are_400(
    gql: GraphQL, variables: dict[str, object], message: str
) -> None:
    [error] = gql.errors(LA, variables, status=400)
    assert error["message"].startswith(message)


def test_variables_that_are_not_an_object_are_400(client: httpx.Client) -> None:
    response = client.post("/graphql", json={"query": LA, "variables": "E10000012"})
    assert response.status_code == 400
    assert "`variables` must be an object" in response.json()["errors"][0]["message"]


def test_an_invalid_date_literal_is_400(gql: GraphQL) -> None:
    [error] = gql.errors('{ coverage(asOf: "2024-13-01") { compliant } }', status=400)
    assert "2024-13-01" in error["message"]


def test_an_unknown_field_is_400(gql: GraphQL) -> None:
    [error] = gql.errors('{ coverage(asOf: "2024-06-01") { complaint } }', status=400)
    assert "complaint" in error["message"]


def test_read_only(gql: GraphQL, client: httpx.Client) -> None:
    [error] = gql.errors("mutation { x }", status=400)
    assert "mutation" in error["message"]
    for method in ("PUT", "PATCH", "DELETE"):
        response = client.request(method, "/graphql", json={"query": "{ __typename }"})
        assert response.status_code == 405
        assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def _nested(depth: int) -> str:
    """A query ``depth`` levels deep: LA -> partnership -> LAs -> partnership -> ... -> code."""
    fields = ["partnership" if i % 2 == 0 else "localAuthorities" for i in range(depth - 1)]
    inner = "code"
    for name in reversed(fields):
        inner = f"{name} {{ {inner} }}"
    return f'{{ localAuthority(code: "E10000012", asOf: "2024-06-01") {{ {inner} }} }}'


def test_a_query_at_the_depth_limit_answers(gql: GraphQL) -> None:
    assert gql.data(_nested(SETTINGS.max_depth))["localAuthority"]


def test_an_over_deep_query_is_refused(gql: GraphQL) -> None:
    errors = gql.errors(_nested(SETTINGS.max_depth + 1), status=400)
    assert {e["message"] for e in errors} == {
        f"'anonymous' exceeds maximum operation depth of {SETTINGS.max_depth}"
    }


def test_too_many_aliases_are_refused(gql: GraphQL) -> None:
    n = SETTINGS.max_aliases + 1
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(n)) + " }"
    [error] = gql.errors(query, status=400)
    assert error["message"] == f"{n} aliases found. Allowed: {SETTINGS.max_aliases}"


def test_an_over_long_query_is_refused(gql: GraphQL) -> None:
    query = "{ " + " ".join(["__typename"] * SETTINGS.max_tokens) + " }"
    [error] = gql.errors(query, status=400)
    assert f"more than {SETTINGS.max_tokens} tokens" in error["message"]


def test_a_page_over_the_maximum_is_refused(gql: GraphQL) -> None:
    first = SETTINGS.max_page_size + 1
    [error] = gql.errors(
        f'{{ localAuthorities(asOf: "2024-06-01", first: {first}) {{ totalCount }} }}'
    )
    assert (
        error["message"]
        == f"first={first} is over the maximum page size of {SETTINGS.max_page_size}"
    )
    assert error["extensions"]["code"] == "QUERY_REFUSED"


def test_a_cursor_the_api_did_not_give_is_refused(gql: GraphQL) -> None:
    [error] = gql.errors('{ partnerships(asOf: "2024-06-01", after: "bogus") { totalCount } }')
    assert error["message"] == "cursor 'bogus' is not a cursor this API gave"


def test_a_sliver_threshold_outside_0_1_is_refused(gql: GraphQL) -> None:
    [error] = gql.errors('{ overlap(asOf: "2024-06-01", sliverThreshold: 1.5) { asOf } }')
    assert "sliverThreshold 1.5" in error["message"]


def test_a_body_over_the_limit_is_413(client: httpx.Client) -> None:
    padding = " " * SETTINGS.max_body_bytes
    response = client.post("/graphql", json={"query": "{ __typename }" + padding})
    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert f"over the limit of {SETTINGS.max_body_bytes} bytes" in error["message"]


def test_a_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    payload = json.dumps({"query": "{ __typename }" + " " * SETTINGS.max_body_bytes}).encode()

    def chunks() -> object:
        for i in range(0, len(payload), 16_384):
            yield payload[i : i + 16_384]

    response = client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_an_invalid_proposal_is_a_typed_result(gql: GraphQL) -> None:
    query = """query ($p: ProposalInput!) { impact(proposal: $p) {
        __typename ... on ProposalProblem { operation field message } } }"""
    early = {
        "effective": "2018-04-01",
        "operations": [{"kind": "recode", "entity": "E10000012", "code": "E10000099"}],
    }
    problem = gql.data(query, {"p": early})["impact"]
    assert problem["__typename"] == "ProposalProblem"
    assert (problem["operation"], problem["field"]) == ("proposal", "effective")
    assert "2018-04-01" in problem["message"]
    unknown = {"effective": "2027-04-01", "operations": [{"kind": "dissolve_everything"}]}
    problem = gql.data(query, {"p": unknown})["impact"]
    assert (problem["operation"], problem["field"]) == ("#1 dissolve_everything", "kind")
    bad_code = {
        "effective": "2027-04-01",
        "operations": [
            {"kind": "merge_police_forces", "forces": ["E23000028", "E23999999"], "name": "X"}
        ],
    }
    problem = gql.data(query, {"p": bad_code})["impact"]
    assert problem["__typename"] == "ProposalProblem" and "E23999999" in problem["message"]


def test_an_unknown_shipped_proposal_is_a_typed_result(gql: GraphQL) -> None:
    query = """{ impactOfShipped(name: "no-such-plan") {
        ... on ProposalProblem { field message } } }"""
    problem = gql.data(query)["impactOfShipped"]
    assert problem["field"] == "name" and "'no-such-plan'" in problem["message"]
    assert "hypothetical-essex-east-west" in problem["message"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{}",
        b'{"query": null}',
        b'{"query": 5}',
        b'{"query": "{ __typename }", "operationName": 5}',
        b'{"query": "{ __typename }", "operationName": "Nope"}',
        b'{"query": "{ __typename }", "extensions": 1}',
        b'{"query": "query A { __typename } query B { __typename }"}',
        b'{"query": "{ localAuthorities(asOf: \\"2024-06-01\\", first: -1) { totalCount } }"}',
        b'{"query": "{ localAuthorities(asOf: \\"2024-06-01\\", first: 99999999999) { totalCount } }"}',
        b'{"query": "{ search(name: \\"\\", asOf: \\"9999-12-31\\") { totalCount } }"}',
        b'{"query": "{ entity(id: \\"no:such\\", asOf: \\"2024-06-01\\") { id } }"}',
        b'{"query": "{ history(code: \\"E38000130\\") { entity { name } } }"}',
        b'{"query": "{ history(code: \\"zzz\\") { entity { name } } }"}',
        b'{"query": "{ coverageTimeline(from: \\"2024-01-01\\", to: \\"2020-01-01\\") { date } }"}',
        b'{"query": "{ __schema { types { name } } }", "variables": null}',
    ],
)
def test_no_client_mistake_is_a_server_error(client: httpx.Client, body: bytes) -> None:
    response = client.post("/graphql", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text
    assert "errors" in response.json() or "data" in response.json()
