"""The graph store contract, run against every store: memory always; Neo4j through the scripted
stand-in always (the Python side of the Neo4j store); a real Neo4j server when NEO4J_URI is set.

What a store promises: what you read is what was written (the same snapshot data, as an
independent copy), its summary counts nodes per kind and edges per relation, and a write replaces
the stored graph whole. Neo4j also promises that an interrupted push leaves the previous version
current, and the Browser queries (coverage.cypher, overlap.cypher) answer like the Python graph.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any

import pytest

from graph.errors import SafeguardingError
from graph.model import Node, Period, Provenance
from graph.neo4j_store import Neo4jStore
from graph.snapshot import to_data
from graph.store import GraphStore, summarise
from graph.temporal import TemporalGraph
from loaders.landscape import bundled
from ontology.vocabulary import UPPER_TIER, Kind
from queries.browser_cypher import coverage_cypher, overlap_cypher
from tests.factory import Landscape

PARTNERSHIP = Kind.SAFEGUARDING_PARTNERSHIP.value


def same_graph(a: TemporalGraph, b: TemporalGraph) -> bool:
    return to_data(a) == to_data(b)


# -- every store ---------------------------------------------------------------------------------


def test_write_then_read_gives_the_same_tiny_graph(
    store: GraphStore, tiny_shire: TemporalGraph
) -> None:
    store.write(tiny_shire)
    back = store.read()
    assert back is not tiny_shire
    assert to_data(back) == to_data(tiny_shire)
    # parallel edges (same ends and relation, different periods) come back apart, in order
    joint = [str(e.period) for e in back.out_edges("partnership:joint-scp")]
    assert joint == ["[2019-09-29, 2021-01-01)", "[2021-01-01, …)", "[2022-01-01, 2022-06-01)"]


def test_write_then_read_gives_the_same_bundled_landscape(store: GraphStore) -> None:
    g = bundled()
    store.write(g)
    assert same_graph(store.read(), g)


def test_summary_counts_nodes_per_kind_and_edges_per_relation(
    store: GraphStore, tiny_shire: TemporalGraph
) -> None:
    store.write(tiny_shire)
    assert store.summary() == {
        "ChangeEvent": 1,
        "County": 1,
        "LondonBorough": 1,
        "MetropolitanDistrict": 1,
        "NonMetropolitanDistrict": 2,
        "PoliceForceArea": 2,
        "PopulationBlock": 5,
        "SafeguardingPartnership": 2,
        "UnitaryAuthority": 1,
        "blockInDistrict": 5,
        "hasMember": 5,
        "inPoliceForceArea": 5,
        "originalOrganization": 3,
        "resultingOrganization": 1,
        "withinCounty": 2,
    }
    store.write(bundled())
    assert store.summary() == summarise(bundled())


def test_a_second_write_replaces_the_first(store: GraphStore, tiny_shire: TemporalGraph) -> None:
    store.write(bundled())
    store.write(tiny_shire)
    assert same_graph(store.read(), tiny_shire)
    assert store.summary() == summarise(tiny_shire)
    if isinstance(store, Neo4jStore):
        assert list(store.versions().values()) == [len(tiny_shire)]  # the old version is gone


def test_writing_the_same_graph_twice_duplicates_nothing(
    store: GraphStore, tiny_shire: TemporalGraph
) -> None:
    store.write(tiny_shire)
    store.write(tiny_shire)
    assert store.summary() == summarise(tiny_shire)
    assert same_graph(store.read(), tiny_shire)


def test_what_is_read_is_an_independent_copy(store: GraphStore, tiny_shire: TemporalGraph) -> None:
    store.write(tiny_shire)
    first = store.read()
    with pytest.raises(SafeguardingError, match="read-only"):
        first.add_node(
            Node("pfa:E23000093", "PoliceForceArea", "Extra", Period(), (Provenance("x"),))
        )
    first.node("la:MET").attrs["changed"] = True
    tiny_shire.node("la:LBX").attrs["changed"] = (
        True  # nor does changing the graph that was written
    )
    again = store.read()
    assert "pfa:E23000093" not in again
    assert again.node("la:MET").attrs == {} and again.node("la:LBX").attrs == {}


def test_an_empty_graph_round_trips(store: GraphStore) -> None:
    empty = Landscape(meta={"note": "nothing yet"}).build()
    store.write(empty)
    assert store.summary() == {}
    assert same_graph(store.read(), empty)


# -- Neo4j: an interrupted push ------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["store_write_nodes", "store_write_edges"])
def test_an_interrupted_push_leaves_the_previous_version_current(
    neo4j_store: Neo4jStore, tiny_shire: TemporalGraph, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    neo4j_store.write(tiny_shire)
    before = neo4j_store.current_version()
    node_batches = math.ceil(len(bundled()) / neo4j_store.batch_size)
    fail_at = 2 if phase == "store_write_nodes" else node_batches + 2  # the second of its kind
    real = neo4j_store._write_batch
    calls: list[str] = []

    def dies_midway(session: Any, name: str, rows: Any, version: int) -> None:
        calls.append(name)
        if len(calls) == fail_at:
            raise ConnectionError("simulated: the push died here")
        real(session, name, rows, version)

    monkeypatch.setattr(neo4j_store, "_write_batch", dies_midway)
    with pytest.raises(ConnectionError, match="simulated"):
        neo4j_store.write(bundled())
    assert calls[-1] == phase
    assert neo4j_store.current_version() == before
    assert same_graph(neo4j_store.read(), tiny_shire)
    assert neo4j_store.summary() == summarise(tiny_shire)
    assert neo4j_store.versions() == {before: len(tiny_shire)}  # the partial version was discarded

    monkeypatch.undo()
    neo4j_store.write(bundled())  # and the next push goes through
    assert same_graph(neo4j_store.read(), bundled())


# -- Neo4j: the Browser queries answer like the Python graph -------------------------------------


def coverage_reference(g: TemporalGraph, day: date) -> dict[str, int]:
    """Upper-tier LA -> hasMember edges from partnerships valid on ``day``."""
    view = g.at(day)
    return {
        la.id: len([s for s in view.sources(la.id, "hasMember") if g.node(s).kind == PARTNERSHIP])
        for la in view.nodes(*UPPER_TIER)
    }


def overlap_reference(g: TemporalGraph, day: date) -> dict[tuple[str, str | None], int]:
    """(partnership, police force area) -> people, summed over population blocks on ``day``."""
    view = g.at(day)
    people: Counter[tuple[str, str | None]] = Counter()
    for m in view.edges("hasMember"):
        if g.node(m.source).kind != PARTNERSHIP:
            continue
        la = g.node(m.target)
        districts = view.sources(la.id, "withinCounty") if la.kind == "County" else [la.id]
        for d in districts:
            blocks = [b for b in view.sources(d, "blockInDistrict") if view.has(b)]
            if not blocks:
                continue
            forces: list[str | None] = list(view.targets(d, "inPoliceForceArea")) or [None]
            for force in forces:
                people[(m.source, force)] += sum(g.node(b).attrs["population"] for b in blocks)
    return dict(people)


def test_the_tiny_references_give_the_expected_answers(tiny_shire: TemporalGraph) -> None:
    assert coverage_reference(tiny_shire, date(2022, 3, 1)) == {
        "la:SHC": 2,
        "la:MET": 1,
        "la:LBX": 0,
    }
    assert coverage_reference(tiny_shire, date(2024, 6, 1)) == {
        "la:SHU": 1,
        "la:MET": 1,
        "la:LBX": 0,
    }
    assert overlap_reference(tiny_shire, date(2020, 6, 1)) == {
        ("partnership:shire-scp", "pfa:E23000091"): 1000,
        ("partnership:shire-scp", "pfa:E23000092"): 3000,
        ("partnership:joint-scp", "pfa:E23000092"): 6000,
    }


@pytest.mark.parametrize("graph", ["tiny", "bundled"])
def test_coverage_cypher_equals_python_on_every_change_date(
    server: Neo4jStore, tiny_shire: TemporalGraph, graph: str
) -> None:
    g = tiny_shire if graph == "tiny" else bundled()
    server.write(g)
    days = [date(2019, 1, 1), *g.change_dates]
    for day in days:
        assert coverage_cypher(server, day) == coverage_reference(g, day), day


@pytest.mark.parametrize("graph", ["tiny", "bundled"])
def test_overlap_cypher_equals_python_on_every_change_date(
    server: Neo4jStore, tiny_shire: TemporalGraph, graph: str
) -> None:
    g = tiny_shire if graph == "tiny" else bundled()
    server.write(g)
    for day in [date(2019, 1, 1), *g.change_dates]:
        rows = overlap_cypher(server, day)
        expected = overlap_reference(g, day)
        assert {(r.partnership, r.force): r.population for r in rows} == expected, day
        totals: Counter[str] = Counter()
        for (sp, _), n in expected.items():
            totals[sp] += n
        for r in rows:
            assert r.share == pytest.approx(r.population / totals[r.partnership]), day
