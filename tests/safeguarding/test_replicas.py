"""Several API replicas serving from one Neo4j pick up a newly pushed version without a restart.

Two real HTTP servers (one per replica) read from one scripted Neo4j stand-in (the store's own
Cypher files, answered by ``tests/graph/store/neo4j_standin.FakeNeo4j``); a third store pushes a new
version, as ``safeguarding neo4j push`` would; each replica's poller sees the new current version
and swaps its graph, and the next request on either server answers from the new landscape.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest

from api.app import create_app
from api.config import ApiConfig
from graph.snapshot import from_data, to_data
from graph.temporal import TemporalGraph
from safeguarding.poller import VersionPoller
from tests.api.conftest import serving
from tests.conftest import tiny_shire_landscape
from tests.graph.store.neo4j_standin import FakeNeo4j, fake_store

QUERY = {"query": '{ search(name: "Newshire", asOf: "2024-06-01") { nodes { id name } } }'}


def newer() -> TemporalGraph:
    data = to_data(tiny_shire_landscape())
    data["provenance"].append(["t", "1", "quoted", "observed"])
    new = len(data["provenance"]) - 1
    data["nodes"].append(
        ["la:NWS", "UnitaryAuthority", "Newshire Council", None, None, [new], [], {}]
    )
    return from_data(data)


@pytest.fixture
def replicas() -> Iterator[tuple[FakeNeo4j, list[VersionPoller], list[str]]]:
    server = FakeNeo4j()
    fake_store(server).write(tiny_shire_landscape())
    pollers, urls = [], []
    with ExitStack() as stack:
        for _ in range(2):
            store = fake_store(server)  # each replica has its own connection to the one server
            version = store.current_version()
            app = create_app(store.read(), ApiConfig(store="neo4j"), version)
            pollers.append(VersionPoller(store, app.state.landscape, interval=60))
            urls.append(stack.enter_context(serving(app)))
        yield server, pollers, urls


def test_replicas_swap_to_a_pushed_version(
    replicas: tuple[FakeNeo4j, list[VersionPoller], list[str]],
) -> None:
    server, pollers, urls = replicas
    before = [httpx.get(f"{u}/health").json() for u in urls]
    assert [h["version"] for h in before] == [1, 1]
    for u in urls:  # asked (and cached by the endpoint) before the push
        assert httpx.post(f"{u}/graphql", json=QUERY).json()["data"]["search"]["nodes"] == []
        assert httpx.get(f"{u}/la/la:NWS?asOf=2024-06-01").status_code == 404  # the explorer too

    assert [p.check() for p in pollers] == [False, False]  # nothing new yet
    fake_store(server).write(newer())  # `safeguarding neo4j push` from elsewhere
    assert server.current == 2
    assert [p.check() for p in pollers] == [True, True]

    after = [httpx.get(f"{u}/health").json() for u in urls]
    assert [h["version"] for h in after] == [2, 2]
    assert [h["nodes"] for h in after] == [before[0]["nodes"] + 1] * 2
    for u in urls:  # the same request, answered from the new graph (the old cache went with it)
        nodes = httpx.post(f"{u}/graphql", json=QUERY).json()["data"]["search"]["nodes"]
        assert nodes == [{"id": "la:NWS", "name": "Newshire Council"}]
        page = httpx.get(f"{u}/la/la:NWS?asOf=2024-06-01")  # the explorer follows the swap
        assert page.status_code == 200 and "Newshire Council" in page.text
    assert [p.check() for p in pollers] == [False, False]
    assert [p.live.swaps for p in pollers] == [1, 1]


def test_the_poller_thread_swaps_by_itself(
    replicas: tuple[FakeNeo4j, list[VersionPoller], list[str]],
) -> None:
    server, pollers, urls = replicas
    poller = pollers[0]
    poller.interval = 0.05
    poller.start()
    try:
        fake_store(server).write(newer())
        for _ in range(200):  # bounded: at most about 10 s
            if httpx.get(f"{urls[0]}/health").json()["version"] == 2:
                break
            poller._stop.wait(0.05)
        assert httpx.get(f"{urls[0]}/health").json()["version"] == 2
    finally:
        poller.stop()
    assert httpx.get(f"{urls[1]}/health").json()["version"] == 1  # not polled: unchanged
