"""Where the temporal graph is kept: the :class:`GraphStore` interface and the in-memory store.

A store holds one whole graph and replaces it whole: ``write`` publishes a new graph atomically,
``read`` gives back an independent copy equal to what was written (compare
:func:`graph.snapshot.to_data` of both). Code that needs a store takes one as an argument; only
the edges of the program (CLI, ``serve``) open one (:mod:`safeguarding.stores`).

>>> from datetime import date
>>> from graph.model import Node, Period, Provenance
>>> g = TemporalGraph()
>>> g.add_node(Node("pfa:E23000001", "PoliceForceArea", "Metropolitan Police", Period(),
...                 (Provenance("pfa.csv", "line 2"),)))
>>> store = MemoryStore()
>>> store.summary()
{}
>>> store.write(g)
>>> store.summary()
{'PoliceForceArea': 1}
>>> copy = store.read()
>>> copy is g, snapshot.to_data(copy) == snapshot.to_data(g)
(False, True)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Literal, Protocol

from graph import snapshot
from graph.temporal import TemporalGraph

StoreKind = Literal["memory", "neo4j"]

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The address schemes of a Neo4j server over Bolt (the driver's HTTP preview is not used)."""

_USERINFO = re.compile(r"(?<=://)[^/@?#]*@")


def shown_uri(uri: str) -> str:
    """``uri`` as it may be printed: any user and password in it replaced by ``***``.

    >>> shown_uri("bolt://neo4j:hunter22@db.example.org:7687"), shown_uri("bolt://localhost:7687")
    ('bolt://***@db.example.org:7687', 'bolt://localhost:7687')
    """
    return _USERINFO.sub("***@", uri, count=1)


def has_userinfo(uri: str) -> bool:
    """Whether ``uri`` holds a user (and maybe a password) before its host."""
    return bool(_USERINFO.search(uri))


class GraphStore(Protocol):
    """A place that keeps one temporal graph."""

    def write(self, g: TemporalGraph) -> None:
        """Replace the stored graph with ``g``, atomically: readers see the old or the new one."""
        ...

    def read(self) -> TemporalGraph:
        """The stored graph, as an independent copy (an empty graph when nothing was written)."""
        ...

    def summary(self) -> dict[str, int]:
        """Counts of nodes per kind and of edges per relation; empty when nothing was written."""
        ...

    def close(self) -> None:
        """Let go of the connection, if any. Closing twice is harmless."""
        ...


def summarise(g: TemporalGraph) -> dict[str, int]:
    """Nodes per kind and edges per relation, sorted by name (kinds and relations never share a
    name: classes are UpperCamelCase, properties lowerCamelCase).

    >>> summarise(TemporalGraph())
    {}
    """
    counts = Counter(n.kind for n in g.all_nodes())
    counts.update(e.relation for e in g.all_edges())
    return dict(sorted(counts.items()))


class MemoryStore:
    """The default store: the graph kept in this process, as snapshot data.

    What is written is copied (through the snapshot's JSON form), so neither the writer nor a
    reader can change what the store holds.
    """

    def __init__(self) -> None:
        self._data: str | None = None
        self._summary: dict[str, int] = {}

    def write(self, g: TemporalGraph) -> None:
        data = json.dumps(snapshot.to_data(g), separators=(",", ":"))
        self._data, self._summary = data, summarise(g)  # one assignment: the switch

    def read(self) -> TemporalGraph:
        if self._data is None:
            return TemporalGraph()
        data: dict[str, Any] = json.loads(self._data)
        return snapshot.from_data(data, origin="memory store")

    def summary(self) -> dict[str, int]:
        return dict(self._summary)

    def close(self) -> None:
        return None
