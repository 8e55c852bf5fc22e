"""Fixtures for the graph store tests: the stores to run the contract against.

The contract runs on the memory store, on the Neo4j store over the scripted stand-in
(:mod:`tests.graph.store.neo4j_standin`), and on a real Neo4j server when NEO4J_URI (and
NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) is set; it replaces the landscape stored in that
database. Without NEO4J_URI the server's runs are skipped, with that reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, MemoryStore
from safeguarding.settings import Settings
from tests.graph.store.neo4j_standin import FakeNeo4j, fake_store

NO_SERVER = "NEO4J_URI not set: no Neo4j server to test against"


def real_settings() -> Settings:
    """Settings for the real server, from the environment (skips when NEO4J_URI is unset)."""
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NO_SERVER)
    return Settings.from_env(os.environ)


def real_store(batch_size: int = 1000) -> Neo4jStore:
    s = real_settings()
    return Neo4jStore.connect(
        s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database, batch_size=batch_size
    )


STORES = [
    pytest.param("memory", id="memory"),
    pytest.param("neo4j-scripted", id="neo4j-scripted"),
    pytest.param("neo4j", id="neo4j"),
]


def make_store(kind: str, batch_size: int = 1000) -> GraphStore:
    if kind == "memory":
        return MemoryStore()
    if kind == "neo4j-scripted":
        return fake_store(FakeNeo4j(), batch_size)
    return real_store(batch_size)


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """Each store in turn: the contract suite runs once per store."""
    s = make_store(request.param)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(params=[p for p in STORES if p.values[0] != "memory"])
def neo4j_store(request: pytest.FixtureRequest) -> Iterator[Neo4jStore]:
    """The Neo4j store on the scripted stand-in, then on the real server (if NEO4J_URI is set)."""
    s = make_store(request.param)
    assert isinstance(s, Neo4jStore)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Neo4jStore]:
    """The Neo4j store on the real server; skipped when NEO4J_URI is unset."""
    s = real_store()
    try:
        yield s
    finally:
        s.close()
