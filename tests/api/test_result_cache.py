"""Repeated requests are answered from the result cache: the same answer; errors never cached."""

from __future__ import annotations

from typing import Any

import httpx

QUERY = 'query ($code: String!) { localAuthority(code: $code, asOf: "2024-06-01") { code name } }'


def post(client: httpx.Client, variables: dict[str, Any]) -> httpx.Response:
    return client.post("/graphql", json={"query": QUERY, "variables": variables})


def test_a_repeated_request_gets_the_same_answer(client: httpx.Client) -> None:
    first = post(client, {"code": "E10000012"})
    second = post(client, {"code": "E10000012"})
    assert first.status_code == second.status_code == 200
    assert (
        first.json()
        == second.json()
        == {"data": {"localAuthority": {"code": "E10000012", "name": "Essex County Council"}}}
    )
    other = post(client, {"code": "E06000063"})  # different variables, different answer
    assert other.json()["data"]["localAuthority"]["code"] == "E06000063"


def test_errors_are_answered_afresh_every_time(client: httpx.Client) -> None:
    for _ in range(2):
        body = post(client, {"code": "E99999999"}).json()
        assert body["data"] == {"localAuthority": None}
        assert "E99999999" in body["errors"][0]["message"]
