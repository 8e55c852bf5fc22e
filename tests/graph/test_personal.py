"""Holders of posts: in the graph, out of every export unless asked for."""

from __future__ import annotations

import networkx as nx

from graph.export import export
from loaders.landscape import bundled

HOLDER = "Di Smith"  # chairs_and_scrutiny.csv: Croydon's Independent Chair and Scrutineer, 2020-12
CROYDON_POST = "post:partnership:croydon-scp:chair-and-independent-scrutineer:2020-12"


def test_the_graph_keeps_the_holder() -> None:
    assert bundled().node(CROYDON_POST).attrs["holder"] == HOLDER


def test_graphml_leaves_holders_out_unless_asked() -> None:
    plain = nx.parse_graphml(export(bundled(), "graphml"))
    assert "holder" not in plain.nodes[CROYDON_POST]
    assert not any(HOLDER in str(v) for _, data in plain.nodes(data=True) for v in data.values())
    asked = nx.parse_graphml(export(bundled(), "graphml", include_holders=True))
    assert asked.nodes[CROYDON_POST]["holder"] == HOLDER


def test_rdf_never_carries_a_holder() -> None:
    for fmt in ("turtle", "jsonld"):
        text = export(bundled(), fmt, include_holders=True)  # type: ignore[arg-type]
        assert HOLDER not in text and "Penny Thompson" not in text
        assert "Independent Chair and Scrutineer of Croydon" in text  # the post itself is public
