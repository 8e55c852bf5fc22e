"""A scripted stand-in for a Neo4j server, to test the Python side of the Neo4j store.

:class:`FakeNeo4j` answers each query *file* by name, the way the store uses it: it checks the
Python side (every statement is a query file's text, run with exactly its parameters; the rows; the
versions; the switch), never the Cypher itself, which only a real server runs (set NEO4J_URI to run
the contract suite against one: ``tests/graph/store/conftest.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from graph.neo4j_store import Neo4jStore, cypher, parameters, query_names
from queries.browser_cypher import BROWSER_QUERIES, browser_cypher

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
