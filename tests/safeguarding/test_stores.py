"""``load_graph`` as ``serve`` uses it: the memory store serves the seed; an empty Neo4j is seeded
once, then read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import safeguarding.stores
from graph.neo4j_store import Neo4jStore
from graph.snapshot import to_data
from graph.temporal import TemporalGraph
from safeguarding.settings import Settings
from safeguarding.stores import load_graph

Scripted = Callable[..., tuple[Neo4jStore, Any]]


def test_the_memory_store_serves_the_seed_itself(tiny_shire: TemporalGraph) -> None:
    assert load_graph(Settings(), seed=lambda: tiny_shire) is tiny_shire


def test_an_empty_neo4j_is_loaded_once_then_read(
    scripted: Scripted, tiny_shire: TemporalGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, server = scripted()
    monkeypatch.setattr(safeguarding.stores, "open_configured", lambda settings: store)
    neo4j = Settings(store="neo4j")
    first = load_graph(neo4j, seed=lambda: tiny_shire)
    assert first is not tiny_shire and to_data(first) == to_data(tiny_shire)
    assert server.names_run().count("store_switch") == 1

    def must_not_seed() -> TemporalGraph:
        raise AssertionError("the store was not empty: nothing to push")

    again = load_graph(neo4j, seed=must_not_seed)
    assert to_data(again) == to_data(tiny_shire)
    assert server.names_run().count("store_switch") == 1
    assert server.closed
