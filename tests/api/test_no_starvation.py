"""While wide queries execute (off the event loop, api/workers.py), /health and a cached query
are still answered, with correct bodies. Real server, real HTTP; nothing here measures time."""

from __future__ import annotations

import itertools
import threading
from datetime import date, timedelta
from typing import Any

import httpx

from api.config import ApiConfig
from graph.ids import Prefix, node_id
from tests import reference
from tests.api.conftest import running

WIDE = (
    '{ w%d: partnerships(asOf: "%s", first: 500) { nodes { id localAuthorities { code name } '
    "policeForces { code populationShare } healthBodies { code populationShare } } } }"
)
CHEAP = '{ localAuthority(code: "E10000012", asOf: "2024-06-01") { name } }'
CLIENTS = 4


def _executing(client: httpx.Client) -> dict[str, Any]:
    """/health's answer (it must answer 200), with its pool's count of requests in hand."""
    response = client.get("/health")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == "ok"
    return body


def test_health_and_cached_answers_while_wide_queries_execute() -> None:
    with running(ApiConfig()) as url, httpx.Client(base_url=url, timeout=120) as client:
        cheap = client.post("/graphql", json={"query": CHEAP})
        assert cheap.json() == {"data": {"localAuthority": {"name": "Essex County Council"}}}
        stop = threading.Event()
        turns = itertools.count()
        wide: list[tuple[date, str, httpx.Response]] = []
        failures: list[BaseException] = []

        def send_wide() -> None:
            try:
                with httpx.Client(base_url=url, timeout=120) as own:
                    while not stop.is_set():
                        n = next(turns)  # a new alias each time: never answered from the cache
                        day = date(2019, 10, 1) + timedelta(days=37 * n % 2900)
                        query = WIDE % (n, day.isoformat())
                        wide.append((day, f"w{n}", own.post("/graphql", json={"query": query})))
            except BaseException as exc:  # reported by the test below
                failures.append(exc)

        threads = [threading.Thread(target=send_wide) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        try:
            seen_busy = 0
            for _ in range(2000):
                if _executing(client)["caches"]["workers"]["active"] == 0:
                    continue  # no wide query in hand at this instant
                again = client.post("/graphql", json={"query": CHEAP})
                assert again.status_code == 200
                assert again.json() == cheap.json()
                if _executing(client)["caches"]["workers"]["active"] > 0:
                    seen_busy += 1  # answered between two moments with wide queries in hand
                if seen_busy >= 5:
                    break
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
        assert not failures, failures
        assert seen_busy >= 5
        assert wide
        for day, alias, response in wide:
            assert response.status_code == 200, response.text
            nodes = response.json()["data"][alias]["nodes"]
            assert {p["id"] for p in nodes} == {
                node_id(Prefix.PARTNERSHIP, pid) for pid in reference.partnerships_on(day)
            }
