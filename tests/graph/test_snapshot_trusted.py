"""The snapshot is loaded without re-checking each fact (TemporalGraph.add_all), to the same
graph as fact by fact, and a corrupt snapshot is still refused whole with a clear message."""

from __future__ import annotations

import copy
import gzip
import json
from datetime import date
from typing import Any

import pytest

from graph import snapshot
from graph.errors import LoadError, LookupFailure, SafeguardingError, VocabularyError
from graph.model import Edge, Node, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.shipped import BUNDLED

SRC = (Provenance("example.csv", "line 2"),)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(gzip.decompress(BUNDLED.read_bytes()))
    return loaded


def _one_by_one(data: dict[str, Any]) -> TemporalGraph:
    """The graph of the snapshot made with add_node and add_edge, each fact checked."""
    quick = snapshot.from_data(data)
    g = TemporalGraph()
    for node in quick.all_nodes():
        g.add_node(node)
    for edge in quick.all_edges():
        g.add_edge(edge)
    g.meta = quick.meta
    return g.freeze()


def test_the_bundle_loads_to_the_graph_made_fact_by_fact(data: dict[str, Any]) -> None:
    quick, slow = snapshot.from_data(data), _one_by_one(data)
    assert snapshot.to_data(quick) == snapshot.to_data(slow) == data
    when = date(2024, 6, 1)
    assert quick.change_dates == slow.change_dates
    assert {n.id for n in quick.at(when).nodes("County")} == {
        n.id for n in slow.at(when).nodes("County")
    }
    edge = quick.all_edges()[0]
    assert quick.out_edges(edge.source) == slow.out_edges(edge.source)


def _corrupt(data: dict[str, Any], change: Any) -> bytes:
    bad = copy.deepcopy(data)
    change(bad)
    return gzip.compress(json.dumps(bad).encode())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["edges"][0].__setitem__(1, "la:NOWHERE"), "'la:NOWHERE', which is not in"),
        (lambda d: d["edges"][0].__setitem__(2, "hasMembr"), "'hasMembr' is not a property"),
        (lambda d: d["nodes"][0].__setitem__(1, "Conty"), "'Conty' is not a class"),
        (lambda d: d["nodes"].append(d["nodes"][0]), "is already in the graph"),
        (lambda d: d["edges"][0].pop(), "ValueError"),
        (lambda d: d["nodes"][0].__setitem__(3, "2019-13-01"), "2019-13-01"),
        (lambda d: d.pop("provenance"), "KeyError"),
    ],
)
def test_a_corrupt_snapshot_is_refused_naming_the_file(
    data: dict[str, Any], change: Any, expected: str
) -> None:
    with pytest.raises(LoadError) as raised:
        snapshot.loads(_corrupt(data, change), "landscape.json.gz")
    message = str(raised.value)
    assert "landscape.json.gz" in message and expected in message, message


def test_a_refused_batch_leaves_the_graph_as_it_was() -> None:
    g = TemporalGraph()
    g.add_node(Node("pfa:E23000001", "PoliceForceArea", "Met", Period(), SRC))
    new = Node("pfa:E23000002", "PoliceForceArea", "Cumbria", Period(), SRC)
    with pytest.raises(LookupFailure):
        g.add_all([new], [Edge("pfa:E23000002", "la:NOWHERE", "hasMember", Period(), SRC)])
    with pytest.raises(VocabularyError):
        g.add_all([new], [Edge("pfa:E23000002", "pfa:E23000001", "hasMembr", Period(), SRC)])
    with pytest.raises(SafeguardingError, match="already in the graph"):
        g.add_all([new, new], [])
    assert [n.id for n in g.all_nodes()] == ["pfa:E23000001"] and g.all_edges() == []
    assert "pfa:E23000002" not in g
