"""Fixtures for the graph store tests: a tiny hand-made graph, the stores to run the contract
against, and a scripted stand-in for a Neo4j server.

The stand-in (:class:`FakeNeo4j`) answers each query *file* by name, the way the store uses it:
it checks the Python side (every statement is a query file's text, run with exactly its
parameters; the rows; the versions; the switch), never the Cypher itself, which only a real
server runs: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run the contract
suite against one. It replaces the landscape stored in that database.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from graph.codes import Identifier, Scheme
from graph.model import Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.neo4j_store import Neo4jStore, cypher, parameters, query_names
from graph.store import GraphStore, MemoryStore
from graph.temporal import TemporalGraph
from queries.browser_cypher import BROWSER_QUERIES, browser_cypher
from safeguarding.settings import Settings

NO_SERVER = "NEO4J_URI not set: no Neo4j server to test against"


def period(start: str | None, end: str | None) -> Period:
    return Period(
        date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None
    )


def tiny_graph() -> TemporalGraph:
    """A county that becomes a unitary in 2023, a metropolitan district whose code changes in
    2025, an uncovered London borough, two police forces, population blocks, two partnerships
    (one covering the county twice for a while, one with two parallel membership edges) and the
    change event."""
    ons = Provenance("lad_test.csv", "line 2")
    reg = Provenance("registry/test.yaml", "shire-scp – ‘quoted’", Confidence.QUOTED)
    inferred = Provenance("https://example.org/joint", "", Confidence.INFERRED)
    derived = Provenance("derived: blocks", "LSOAs summed", Confidence.DERIVED)
    g = TemporalGraph()

    def gss(code: str, start: str | None = None, end: str | None = None) -> IdentifierAssignment:
        return IdentifierAssignment(Identifier(Scheme.GSS, code), period(start, end))

    def node(nid: str, kind: str, name: str, start: str | None, end: str | None, *ids: Any,
             prov: tuple[Provenance, ...] = (ons,), **attrs: Any) -> None:  # fmt: skip
        g.add_node(Node(nid, kind, name, period(start, end), prov, ids, attrs))

    def edge(src: str, dst: str, rel: str, start: str | None, end: str | None,
             prov: tuple[Provenance, ...] = (ons,), **attrs: Any) -> None:  # fmt: skip
        g.add_edge(Edge(src, dst, rel, period(start, end), prov, attrs))

    node("la:SHC", "County", "Shireshire County Council", None, "2023-04-01",
         gss("E10000099", None, "2023-04-01"),
         IdentifierAssignment(Identifier(Scheme.MYSOCIETY, "SHC")))  # fmt: skip
    node("la:NOR", "NonMetropolitanDistrict", "North Shire", None, "2023-04-01", gss("E07000991"))
    node("la:SOU", "NonMetropolitanDistrict", "South Shire", None, "2023-04-01", gss("E07000992"))
    node("la:SHU", "UnitaryAuthority", "Shireshire Council", "2023-04-01", None,
         gss("E06000099", "2023-04-01"))  # fmt: skip
    node("la:MET", "MetropolitanDistrict", "Metborough – “Borough” Council", None, None,
         gss("E08000098", None, "2025-05-01"), gss("E08000099", "2025-05-01"),
         IdentifierAssignment(Identifier(Scheme.DFE, "370")))  # fmt: skip
    node("la:LBX", "LondonBorough", "Ecksbury", None, None, gss("E09000099"))
    node("pfa:E23000091", "PoliceForceArea", "Shire Constabulary", None, None, gss("E23000091"))
    node("pfa:E23000092", "PoliceForceArea", "Met Police (test)", None, None, gss("E23000092"))
    node("partnership:shire-scp", "SafeguardingPartnership",
         "Shireshire Safeguarding Children Partnership", "2019-09-29", None,
         IdentifierAssignment(Identifier(Scheme.REGISTRY, "shire-scp")),
         prov=(reg,), form="single", aliases=["SSCP"])  # fmt: skip
    node("partnership:joint-scp", "SafeguardingPartnership", "Met & Shire Joint Partnership",
         "2019-09-29", None, prov=(reg, inferred), form="joint",
         notes={"hosted_by": None, "weights": [0.5, 0.25], "statutory": True})  # fmt: skip
    blocks = [
        ("block:2019-04-01:E07000991:00X", "la:NOR", "2019-04-01", "2023-04-01", 1000, 200),
        ("block:2019-04-01:E07000992:00X", "la:SOU", "2019-04-01", "2023-04-01", 3000, 650),
        ("block:2019-04-01:E08000098:00Y", "la:MET", "2019-04-01", None, 6000, 1500),
        ("block:2023-04-01:E06000099:00X", "la:SHU", "2023-04-01", None, 4100, 900),
        ("block:2019-04-01:E09000099:00Z", "la:LBX", "2019-04-01", None, 500, 90),
    ]
    for bid, district, start, end, people, children in blocks:
        node(bid, "PopulationBlock", f"{district} block", start, end, prov=(derived,),
             population=people, children=children, children_ages="0-17")  # fmt: skip
    node("event:2023-04-01:shireshire", "ChangeEvent", "Shireshire becomes a unitary",
         "2023-04-01", "2023-04-02", date="2023-04-01", change="merger")  # fmt: skip

    edge("la:NOR", "la:SHC", "withinCounty", None, "2023-04-01")
    edge("la:SOU", "la:SHC", "withinCounty", None, "2023-04-01")
    edge("la:NOR", "pfa:E23000091", "inPoliceForceArea", None, "2023-04-01")
    edge("la:SOU", "pfa:E23000092", "inPoliceForceArea", None, "2023-04-01")
    edge("la:SHU", "pfa:E23000091", "inPoliceForceArea", "2023-04-01", None)
    edge("la:MET", "pfa:E23000092", "inPoliceForceArea", None, None)
    edge("la:LBX", "pfa:E23000092", "inPoliceForceArea", None, None)
    for bid, district, start, end, *_ in blocks:
        edge(bid, district, "blockInDistrict", start, end, prov=(derived,))
    member = (reg,)
    edge("partnership:shire-scp", "la:SHC", "hasMember", "2019-09-29", "2023-04-01", member)
    edge("partnership:shire-scp", "la:SHU", "hasMember", "2023-04-01", None, member)
    # two parallel edges, same ends and relation, different periods
    edge("partnership:joint-scp", "la:MET", "hasMember", "2019-09-29", "2021-01-01", member)
    edge("partnership:joint-scp", "la:MET", "hasMember", "2021-01-01", None, (reg, inferred),
         note="renewed")  # fmt: skip
    # the county covered twice for a while
    edge("partnership:joint-scp", "la:SHC", "hasMember", "2022-01-01", "2022-06-01", (inferred,))
    for old in ("la:SHC", "la:NOR", "la:SOU"):
        edge("event:2023-04-01:shireshire", old, "originalOrganization", "2023-04-01", None)
    edge("event:2023-04-01:shireshire", "la:SHU", "resultingOrganization", "2023-04-01", None)
    g.meta = {"data_start": "2019-04-01", "note": "tiny, hand-made", "sources": [["a.csv", 2019]]}
    return g


@pytest.fixture
def tiny() -> TemporalGraph:
    return tiny_graph()


# -- a scripted stand-in for a Neo4j server ------------------------------------------------------

_WRITES = ("store_schema_", "store_allocate", "store_write_", "store_switch", "store_delete_")


class FakeResult:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows

    def data(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def consume(self) -> None:
        return None


class FakeTx:
    def __init__(self, server: FakeNeo4j, writable: bool) -> None:
        self.server, self.writable = server, writable

    def run(self, text: str, params: dict[str, Any] | None = None) -> FakeResult:
        return self.server.run(text, params or {}, self.writable)


class FakeSession:
    def __init__(self, server: FakeNeo4j) -> None:
        self.server = server

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, text: str, params: dict[str, Any] | None = None) -> FakeResult:
        return self.server.run(text, params or {}, True)

    def execute_write(self, work: Callable[..., Any], *args: Any) -> Any:
        return work(FakeTx(self.server, True), *args)

    def execute_read(self, work: Callable[..., Any], *args: Any) -> Any:
        return work(FakeTx(self.server, False), *args)


class FakeNeo4j:
    """Plays the server for :class:`Neo4jStore`, one handler per query file (see module doc)."""

    def __init__(self) -> None:
        self.by_text = {cypher(name): name for name in query_names()}
        self.by_text |= {browser_cypher(name): name for name in BROWSER_QUERIES}
        self.ran: list[tuple[str, dict[str, Any]]] = []
        self.entities: dict[int, dict[str, dict[str, Any]]] = {}
        self.relationships: dict[int, dict[int, dict[str, Any]]] = {}
        self.headers: dict[int, dict[str, Any]] = {}
        self.allocated = 0
        self.current: int | None = None
        self.closed = False

    def session(self, database: str | None = None) -> FakeSession:
        assert database == "neo4j"
        return FakeSession(self)

    def close(self) -> None:
        self.closed = True

    def run(self, text: str, params: dict[str, Any], writable: bool) -> FakeResult:
        name = self.by_text.get(text)
        assert name is not None, f"a statement not read from a query file: {text[:80]!r}"
        assert set(params) == parameters(text), (name, sorted(params))
        assert writable or not name.startswith(_WRITES), f"{name} run in a read transaction"
        self.ran.append((name, params))
        if name.startswith("store_schema_"):
            return FakeResult([])
        handler: Callable[..., list[dict[str, Any]]] = getattr(self, name)
        return FakeResult(handler(**params))

    def names_run(self) -> list[str]:
        return [name for name, _ in self.ran]

    # one method per query file, named after it

    def store_allocate_version(self) -> list[dict[str, Any]]:
        self.allocated += 1
        return [{"version": self.allocated}]

    def store_write_nodes(self, rows: list[dict[str, Any]], version: int) -> list[dict[str, Any]]:
        held = self.entities.setdefault(version, {})
        for row in rows:
            held.setdefault(row["id"], {"id": row["id"]}).update(row["props"])
        return []

    def store_write_edges(self, rows: list[dict[str, Any]], version: int) -> list[dict[str, Any]]:
        ents = self.entities.get(version, {})
        held = self.relationships.setdefault(version, {})
        for row in rows:
            if row["source"] in ents and row["target"] in ents:
                held[row["seq"]] = {k: row[k] for k in ("source", "target", "relation", "seq")}
                held[row["seq"]].update(row["props"])
        return []

    def store_version_counts(self, version: int) -> list[dict[str, Any]]:
        nodes = len(self.entities.get(version, {}))
        return [{"nodes": nodes, "edges": len(self.relationships.get(version, {}))}]

    def store_switch(self, version: int, nodes: int, edges: int, meta: str) -> list[dict[str, Any]]:
        if self.current is not None and self.current >= version:
            return []
        self.headers[version] = {"nodes": nodes, "edges": edges, "meta": meta}
        self.current = version
        return [{"current": version}]

    def _delete(self, versions: list[int], limit: int) -> list[dict[str, Any]]:
        deleted = 0
        for v in sorted(versions):
            ents = self.entities.get(v, {})
            for nid in list(ents)[: limit - deleted]:
                del ents[nid]
                deleted += 1
            rels = self.relationships.get(v, {})  # DETACH: their relationships go too
            kept = set(ents)
            for seq in [s for s, r in rels.items() if not {r["source"], r["target"]} <= kept]:
                del rels[seq]
            if not ents:
                self.entities.pop(v, None)
                self.relationships.pop(v, None)
        return [{"deleted": deleted}]

    def store_delete_older(self, version: int, limit: int) -> list[dict[str, Any]]:
        return self._delete([v for v in self.entities if v < version], limit)

    def store_delete_version(self, version: int, limit: int) -> list[dict[str, Any]]:
        if self.current == version:
            return [{"deleted": 0}]
        return self._delete([version] if version in self.entities else [], limit)

    def store_delete_older_headers(self, version: int) -> list[dict[str, Any]]:
        old = [v for v in self.headers if v < version]
        for v in old:
            del self.headers[v]
        return [{"deleted": len(old)}]

    def store_current(self) -> list[dict[str, Any]]:
        h = self.headers.get(self.current, {}) if self.current is not None else {}
        return [{"version": self.current, **{k: h.get(k) for k in ("nodes", "edges", "meta")}}]

    @staticmethod
    def _text(value: Any) -> Any:  # toString() of a date, as Cypher gives it
        return value.isoformat() if isinstance(value, date) else value

    def store_read_nodes(self, version: int) -> list[dict[str, Any]]:
        keys = ("id", "kind", "name", "validFrom", "validTo", "provenance", "attrs")
        rows = sorted(self.entities.get(version, {}).values(), key=lambda r: r["seq"])
        return [
            {**{k: self._text(r.get(k)) for k in keys}, "identifiers": r.get("identifiers") or []}
            for r in rows
        ]

    def store_read_edges(self, version: int) -> list[dict[str, Any]]:
        keys = ("source", "target", "relation", "validFrom", "validTo", "provenance", "attrs")
        rows = sorted(self.relationships.get(version, {}).values(), key=lambda r: r["seq"])
        return [{k: self._text(r.get(k)) for k in keys} for r in rows]

    def store_summary_nodes(self, version: int) -> list[dict[str, Any]]:
        counts = Counter(r["kind"] for r in self.entities.get(version, {}).values())
        return [{"name": k, "count": n} for k, n in counts.items()]

    def store_summary_edges(self, version: int) -> list[dict[str, Any]]:
        counts = Counter(r["relation"] for r in self.relationships.get(version, {}).values())
        return [{"name": k, "count": n} for k, n in counts.items()]

    # the Browser queries: the stand-in cannot answer them, it only checks how they are called

    def coverage(self, asOf: str) -> list[dict[str, Any]]:  # the Cypher parameter's name
        return []

    def overlap(self, asOf: str) -> list[dict[str, Any]]:  # the Cypher parameter's name
        return []

    def store_versions(self) -> list[dict[str, Any]]:
        return [{"version": v, "nodes": len(e)} for v, e in sorted(self.entities.items()) if e]


def fake_store(server: FakeNeo4j, batch_size: int = 1000) -> Neo4jStore:
    return Neo4jStore(server, uri="bolt://fake:7687", batch_size=batch_size)  # type: ignore[arg-type]


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


@pytest.fixture
def scripted() -> Callable[..., tuple[Neo4jStore, FakeNeo4j]]:
    """Make a Neo4j store on a fresh scripted stand-in: ``scripted(batch_size=...)``."""

    def make(batch_size: int = 1000) -> tuple[Neo4jStore, FakeNeo4j]:
        server = FakeNeo4j()
        return fake_store(server, batch_size), server

    return make
