"""The Cypher files and the Neo4j store's failure modes, checked without a server.

Every statement the store sends is the text of a query file, run with exactly the ``$parameters``
that file uses; the files hold no Python format placeholders; the write files spell out the whole
closed vocabulary; an unreachable server is a one-line error naming its address.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.errors import StoreError, StoreUnavailable
from graph.neo4j_store import (
    SCHEMA,
    Neo4jStore,
    cypher,
    parameters,
    query_names,
    translated,
)
from graph.temporal import TemporalGraph
from ontology.vocabulary import UPPER_TIER, Kind, Relation
from queries.browser_cypher import BROWSER_QUERIES, browser_cypher, coverage_cypher, overlap_cypher
from safeguarding.stores import open_store

Scripted = Callable[..., tuple[Neo4jStore, Any]]

UNREACHABLE = "bolt://127.0.0.1:1"  # loopback, a port nothing listens on


def body(name: str) -> str:
    """A store query file without its comments."""
    return re.sub(r"//[^\n]*", "", cypher(name))


def all_files() -> dict[str, str]:
    """Every Cypher file: the store's (graph/cypher) and the Browser's (queries)."""
    return {
        **{n: cypher(n) for n in query_names()},
        **{n: browser_cypher(n) for n in BROWSER_QUERIES},
    }


# -- the files -----------------------------------------------------------------------------------


def test_every_query_file_loads_and_holds_one_statement() -> None:
    assert {"store_write_nodes", "store_write_edges"} <= set(query_names())
    for name, raw in all_files().items():
        text = re.sub(r"//[^\n]*", "", raw)
        assert text.strip(), name
        assert ";" not in text, f"{name}: one statement per file"


def test_no_query_file_holds_python_format_placeholders() -> None:
    for name, raw in all_files().items():
        text = re.sub(r"//[^\n]*", "", raw)
        # a Cypher map always has key: value; {} {0} {name} are str.format placeholders
        assert not re.search(r"\{\s*\w*\s*\}", text), name
        assert not re.search(r"%[sdr(]", text), name
        assert "$(" not in text, name  # no dynamic labels or types either


def test_the_browser_queries_take_a_date_and_say_how_to_run_them() -> None:
    for name in BROWSER_QUERIES:
        assert parameters(browser_cypher(name)) == {"asOf"}
        assert ":param asOf => '2024-06-01'" in browser_cypher(name)
        assert "Neo4j Browser" in browser_cypher(name)


def test_the_store_files_take_only_the_parameters_the_store_passes() -> None:
    passed = {"rows", "version", "nodes", "edges", "meta", "limit"}
    for name in query_names():
        if name.startswith("store_"):
            assert parameters(cypher(name)) <= passed, name


def test_the_write_files_spell_out_the_whole_closed_vocabulary() -> None:
    labels = re.findall(
        r"WHEN '(\w+)' THEN \[1\] ELSE \[\] END \| SET n:(\w+)\)", body("store_write_nodes")
    )
    assert labels == [(k.value, k.value) for k in Kind]
    types = re.findall(
        r"WHEN '(\w+)' THEN \[1\] ELSE \[\] END \|\s+MERGE \(a\)-\[r:(\w+) ",
        body("store_write_edges"),
    )
    assert types == [(r.value, r.value) for r in Relation]


def test_coverage_counts_the_upper_tier_kinds() -> None:
    listed = re.search(
        r"la\.kind IN \[([^\]]*)\]", re.sub(r"//[^\n]*", "", browser_cypher("coverage"))
    )
    assert listed is not None
    assert sorted(re.findall(r"'(\w+)'", listed.group(1))) == sorted(k.value for k in UPPER_TIER)


def test_a_query_name_must_name_a_file() -> None:
    with pytest.raises(StoreError, match=r"no query file graph/cypher/nothing_here\.cypher"):
        cypher("nothing_here")
    with pytest.raises(StoreError, match="expected lower-case letters"):
        cypher("../pyproject")


# -- what the store sends ------------------------------------------------------------------------


def test_the_write_path_sends_only_query_files_in_batches(
    scripted: Scripted, tiny_shire: TemporalGraph
) -> None:
    store, server = scripted(batch_size=7)
    store.write(tiny_shire)  # the stand-in refuses any text that is not a query file's, verbatim
    nodes, edges = len(tiny_shire), len(tiny_shire.all_edges())
    assert server.names_run() == [
        *SCHEMA,
        "store_allocate_version",
        *["store_write_nodes"] * math.ceil(nodes / 7),
        *["store_write_edges"] * math.ceil(edges / 7),
        "store_version_counts",
        "store_switch",
        "store_delete_older",
        "store_delete_older_headers",
    ]
    for name, params in server.ran:
        if name.startswith("store_write_"):
            assert set(params) == {"rows", "version"} and len(params["rows"]) <= 7
            for row in params["rows"]:
                assert_plain(row)


def assert_plain(value: Any) -> None:
    """Only values the driver sends as Cypher values (no Python objects, no tuples)."""
    if isinstance(value, dict):
        assert all(isinstance(k, str) for k in value)
        for v in value.values():
            assert_plain(v)
    elif isinstance(value, list):
        for v in value:
            assert_plain(v)
    else:
        assert value is None or isinstance(value, str | int | float | bool | date), value


def test_every_query_file_is_used_with_exactly_its_parameters(
    scripted: Scripted, tiny_shire: TemporalGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, server = scripted(batch_size=5)
    store.write(tiny_shire)
    store.write(tiny_shire)
    store.read()
    store.summary()
    store.versions()
    coverage_cypher(store, date(2024, 6, 1))
    overlap_cypher(store, date(2024, 6, 1))
    monkeypatch.setattr(store, "_switch", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        store.write(tiny_shire)  # a failed push discards its version
    # the stand-in checked each statement's parameters against its file
    assert set(server.names_run()) == set(query_names()) | set(BROWSER_QUERIES)


def test_a_query_run_with_other_parameters_is_refused(scripted: Scripted) -> None:
    store, _ = scripted()
    with pytest.raises(
        StoreError, match=r"store_read_nodes: given parameters \[\], .*\['version'\]"
    ):
        store.query("store_read_nodes")
    with pytest.raises(StoreError, match="coverage: given parameters"):
        store.query_text("coverage", browser_cypher("coverage"), asOf="2024-06-01", sliver=0.01)


def test_a_push_with_missing_rows_is_not_published(
    scripted: Scripted, tiny_shire: TemporalGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, server = scripted()
    store.write(tiny_shire)
    real = server.store_write_edges
    monkeypatch.setattr(server, "store_write_edges", lambda rows, version: real(rows[1:], version))
    with pytest.raises(
        StoreError, match=r"incomplete: version 2 holds 16 of 16 nodes and 20 of 21"
    ):
        store.write(tiny_shire)
    assert store.current_version() == 1 and store.versions() == {1: 16}


# -- failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize("uri", [UNREACHABLE, "neo4j://127.0.0.1:1"])
def test_an_unreachable_server_is_one_line_naming_it_quickly(uri: str) -> None:
    start = time.monotonic()
    with pytest.raises(StoreUnavailable) as info:
        open_store("neo4j", uri=uri, user="neo4j", password="x", connect_timeout=2)
    assert time.monotonic() - start < 10
    assert str(info.value) == f"cannot reach Neo4j at {uri}: connection refused"


def test_refused_credentials_and_server_errors_are_one_line_naming_the_server() -> None:
    refused = r"^Neo4j at bolt://h:7687 refused the credentials"
    with pytest.raises(StoreUnavailable, match=refused), translated("bolt://h:7687"):
        raise AuthError("The client is unauthorized due to authentication failure.")
    lost = ServiceUnavailable("Couldn't connect to h:7687:\nFailed (reason [Errno 110] Timed out)")
    with pytest.raises(StoreUnavailable) as info, translated("bolt://h:7687"):
        raise lost
    assert str(info.value) == "cannot reach Neo4j at bolt://h:7687: timed out"


def test_a_bad_address_is_refused_before_connecting() -> None:
    with pytest.raises(StoreError, match="is not a Neo4j address"):
        open_store("neo4j", uri="http://127.0.0.1:1", user="neo4j", password="x")
