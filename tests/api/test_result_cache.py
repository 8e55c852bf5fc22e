"""Repeated requests are answered from the result cache, without executing the query again; an
answer with errors is never cached, and the cache forgets the least recently used answer first.

Each test serves its own app (so the cache starts empty) and counts the executions of its schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.http import GraphQLEndpoint
from loaders.landscape import bundled
from tests.api.conftest import SETTINGS, serving

QUERY = 'query ($code: String!) { localAuthority(code: $code, asOf: "2024-06-01") { code name } }'
ESSEX = {"data": {"localAuthority": {"code": "E10000012", "name": "Essex County Council"}}}


@dataclass
class Counted:
    """A client of a fresh server, and the variables of every query its schema executed."""

    client: httpx.Client
    endpoint: GraphQLEndpoint
    executed: list[dict[str, Any]] = field(default_factory=list)

    def post(self, code: str) -> httpx.Response:
        return self.client.post("/graphql", json={"query": QUERY, "variables": {"code": code}})

    def codes(self) -> list[str]:
        return [v["code"] for v in self.executed]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counted]:
    app = create_app(bundled(), SETTINGS)
    endpoint = app.state.landscape.current.endpoint  # the endpoint serving the landscape now
    assert isinstance(endpoint, GraphQLEndpoint)
    execute = endpoint.schema.execute_sync  # requests execute on the worker pool, synchronously
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        watched = Counted(client, endpoint)

        def counting(query: str | None, *args: Any, **kwargs: Any) -> Any:
            watched.executed.append(kwargs["variable_values"])
            return execute(query, *args, **kwargs)

        monkeypatch.setattr(endpoint.schema, "execute_sync", counting)
        yield watched


def test_a_repeated_request_is_answered_without_executing_again(counted: Counted) -> None:
    first, second = counted.post("E10000012"), counted.post("E10000012")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() == ESSEX
    assert counted.codes() == ["E10000012"]  # the second answer came from the cache
    other = counted.post("E06000063")  # other variables: another answer, executed
    assert other.json()["data"]["localAuthority"]["code"] == "E06000063"
    assert counted.post("E10000012").json() == ESSEX
    assert counted.codes() == ["E10000012", "E06000063"]


def test_errors_are_answered_afresh_every_time_whole_answers_once(counted: Counted) -> None:
    for _ in range(2):
        body = counted.post("E99999999").json()
        assert body["data"] == {"localAuthority": None}
        assert "E99999999" in body["errors"][0]["message"]
        assert counted.post("E10000012").json() == ESSEX
    assert counted.codes() == ["E99999999", "E10000012", "E99999999"]


def test_the_least_recently_used_answer_is_forgotten_first(
    counted: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counted.endpoint, "RESULT_CACHE_SIZE", 2)
    for code in ("E10000012", "E06000063", "E10000012", "E06000064", "E10000012", "E06000063"):
        assert counted.post(code).status_code == 200
    # Essex, used again before Westmorland and Furness came, stays; Cumberland went for it
    assert counted.codes() == ["E10000012", "E06000063", "E06000064", "E06000063"]


def test_a_kept_answer_is_sent_whole_from_the_front(counted: Counted) -> None:
    """The repeated question is answered by the outermost layer (api.http.KeptAnswers): the
    same bytes and media type as the first time, counted as a hit, nothing executed again."""
    first, again = counted.post("E10000012"), counted.post("E10000012")
    assert again.content == first.content and again.headers["content-type"] == "application/json"
    assert again.headers["content-length"] == str(len(first.content))
    assert counted.codes() == ["E10000012"]
    results = counted.endpoint.cache_stats()["results"]
    assert (results["hits"], results["misses"]) == (1, 1)  # each request looked up once


def test_what_the_front_does_not_answer_passes_through_whole(counted: Counted) -> None:
    counted.post("E10000012")
    body = {"query": QUERY, "variables": {"code": "E10000012"}}
    # a body sent in chunks (no Content-Length) still reaches the endpoint, and is kept there
    chunks = iter(
        [b'{"query": ', json.dumps(QUERY).encode(), b', "variables": {"code": "E10000012"}}']
    )
    chunked = counted.client.post(
        "/graphql", content=chunks, headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 200 and chunked.json() == ESSEX
    # the same question with a media type parameter and capitals: one question, one answer
    typed = counted.client.post(
        "/graphql",
        content=json.dumps(body).encode(),
        headers={"content-type": "Application/JSON; charset=utf-8"},
    )
    assert typed.json() == ESSEX
    # a body over the limit is refused by the body limit, not read here
    huge = counted.client.post(
        "/graphql", content=b" " * (SETTINGS.max_body_bytes + 1),
        headers={"content-type": "application/json"},
    )  # fmt: skip
    assert huge.status_code == 413
    # a request the front cannot key (not JSON) is refused further in, as before
    broken = counted.client.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400 and "JSON" in broken.text
    assert counted.codes() == ["E10000012"]
