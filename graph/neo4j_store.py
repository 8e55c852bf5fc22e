"""The graph store on Neo4j, through the official driver.

Layout. Each node is an ``(:Entity:<Kind> {id, name, kind, validFrom, validTo, identifiers,
provenance, attrs, seq, version})``; dates are Neo4j dates (absent = unbounded), ``identifiers``
a list of ``"scheme:code|from|to"`` strings, ``provenance`` a JSON list of ``[source, locator,
confidence, status]`` and ``attrs`` a JSON object; a block's ``population`` and ``children`` are
also plain properties, for Cypher sums. Each edge is a relationship whose type is the relation's
name (``[:hasMember]``), with ``validFrom, validTo, provenance, attrs, seq, version``: typed
relationships read naturally in Neo4j Browser, and the type is chosen only from the closed
:class:`~ontology.vocabulary.Relation` vocabulary, spelled out in the query file, never from input.
``seq`` keeps the order of the edges, so a MultiDiGraph's parallel edges (same ends and relation,
different periods) stay distinct and come back in order.

Atomic switch. A push writes the whole graph under a fresh version number (from a counter on the
single ``(:LandscapeVersion {name: 'landscape'})`` pointer node), in batched, idempotent
``UNWIND $rows ... MERGE`` transactions; then one transaction checks that the version holds every
node and edge, records a ``(:LandscapeGraph {version, nodes, edges, meta})`` header and sets the
pointer's ``current`` to the new version; then older versions are deleted. Every read first reads
``current`` and looks at that version only. So an interrupted push leaves the old graph current
(its partial version is deleted, or ignored and deleted by the next push), and readers never see
a mix.

All Cypher lives in ``graph/cypher/*.cypher``, loaded by name with :func:`cypher`; the code passes
exactly the ``$parameters`` each file uses (checked on every run).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, cast

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import snapshot
from graph.errors import StoreError, StoreUnavailable
from graph.store import NEO4J_SCHEMES, has_userinfo, shown_uri
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, Relation

log = logging.getLogger(__name__)

SCHEMA = (
    "store_schema_entity_key",
    "store_schema_entity_version",
    "store_schema_pointer_name",
    "store_schema_graph_version",
    "store_schema_await_indexes",
)
"""Constraint and index statements, run (idempotently) before each push."""

PROMOTED_ATTRS = ("population", "children")
"""Whole-number attributes also kept as plain node properties, so Cypher can sum them."""

READ_ATTEMPTS = 3

QUERY_DIR = Path(__file__).resolve().with_name("cypher")
"""The store's query files, in this package."""

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# comments and string literals, whichever comes first, so that neither hides or fakes a $name
_SKIP = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


# -- the query files -----------------------------------------------------------------------------


def query_names() -> list[str]:
    """Names of every query file of the store (``graph/cypher/``), sorted."""
    return sorted(f.stem for f in QUERY_DIR.glob("*.cypher"))


@cache
def cypher(name: str) -> str:
    """The text of ``graph/cypher/<name>.cypher``.

    >>> cypher("store_versions").splitlines()[-1]
    'ORDER BY version'
    """
    if not _NAME.match(name):
        raise StoreError(f"query name {name!r}: expected lower-case letters, digits and _")
    path = QUERY_DIR / f"{name}.cypher"
    if not path.is_file():
        raise StoreError(f"no query file graph/cypher/{name}.cypher")
    return path.read_text(encoding="utf-8")


def parameters(text: str) -> frozenset[str]:
    """The ``$parameters`` a Cypher text uses, outside comments and strings.

    >>> sorted(parameters("// $not\\nMATCH (n {id: $id}) WHERE n.x = '$no' RETURN $version"))
    ['id', 'version']
    """
    return frozenset(_PARAM.findall(_SKIP.sub(" ", text)))


@cache
def _declared(name: str) -> frozenset[str]:
    return parameters(cypher(name))


def _run(runner: ManagedTransaction | Session, name: str, **params: Any) -> Any:
    """Run query file ``name`` with exactly the parameters it uses."""
    return _run_text(runner, name, cypher(name), _declared(name), params)


def _run_text(
    runner: ManagedTransaction | Session,
    name: str,
    text: str,
    expected: frozenset[str],
    params: dict[str, Any],
) -> Any:
    if set(params) != expected:
        raise StoreError(
            f"query {name}: given parameters {sorted(params)}, but the file uses {sorted(expected)}"
        )
    return runner.run(text, params)


def _rows(result: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = result.data()
    return rows


def _one(result: Any) -> dict[str, Any]:
    rows = _rows(result)
    if len(rows) != 1:
        raise StoreError(f"expected one row from Neo4j, got {len(rows)}")
    return rows[0]


# -- graph <-> rows ------------------------------------------------------------------------------

_KINDS = frozenset(k.value for k in Kind)
_RELATIONS = frozenset(r.value for r in Relation)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def node_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows ``store_write_nodes`` takes, from :func:`graph.snapshot.to_data` output."""
    table = data["provenance"]
    rows = []
    for seq, (nid, kind, name, start, end, pids, idents, attrs) in enumerate(data["nodes"]):
        if kind not in _KINDS:
            raise StoreError(f"node {nid!r}: kind {kind!r} is not a class of the ontology")
        props: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "validFrom": _day(start),
            "validTo": _day(end),
            "identifiers": [f"{text}|{s or ''}|{e or ''}" for text, s, e in idents],
            "provenance": json.dumps([table[i] for i in pids], ensure_ascii=False),
            "attrs": json.dumps(attrs, ensure_ascii=False),
            "seq": seq,
        }
        for key in PROMOTED_ATTRS:
            value = attrs.get(key)
            props[key] = value if isinstance(value, int) and not isinstance(value, bool) else None
        rows.append({"id": nid, "kind": kind, "props": props})
    return rows


def edge_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows ``store_write_edges`` takes, from :func:`graph.snapshot.to_data` output."""
    table = data["provenance"]
    rows = []
    for seq, (src, dst, rel, start, end, pids, attrs) in enumerate(data["edges"]):
        if rel not in _RELATIONS:
            raise StoreError(f"edge {src} -> {dst}: {rel!r} is not a property of the ontology")
        props = {
            "validFrom": _day(start),
            "validTo": _day(end),
            "provenance": json.dumps([table[i] for i in pids], ensure_ascii=False),
            "attrs": json.dumps(attrs, ensure_ascii=False),
        }
        rows.append({"source": src, "target": dst, "relation": rel, "seq": seq, "props": props})
    return rows


def graph_from_rows(
    meta: str | None,
    nodes: Sequence[dict[str, Any]],
    edges: Sequence[dict[str, Any]],
    origin: str = "Neo4j",
) -> TemporalGraph:
    """Rebuild the graph from the rows of ``store_read_nodes`` and ``store_read_edges``."""
    table: dict[tuple[str, ...], int] = {}

    def pids(text: str) -> list[int]:
        return [table.setdefault(tuple(p), len(table)) for p in json.loads(text)]

    data = {
        "format": snapshot.FORMAT,
        "meta": json.loads(meta) if meta else {},
        "nodes": [
            [
                r["id"],
                r["kind"],
                r["name"],
                r["validFrom"],
                r["validTo"],
                pids(r["provenance"]),
                [[p or None for p in text.rsplit("|", 2)] for text in r["identifiers"]],
                json.loads(r["attrs"]),
            ]
            for r in nodes
        ],
        "edges": [
            [
                r["source"],
                r["target"],
                r["relation"],
                r["validFrom"],
                r["validTo"],
                pids(r["provenance"]),
                json.loads(r["attrs"]),
            ]
            for r in edges
        ],
    }
    data["provenance"] = [list(p) for p in table]
    return snapshot.from_data(data, origin)


def batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    """``rows`` in slices of at most ``size``.

    >>> [len(b) for b in batches([{}] * 5, 2)]
    [2, 2, 1]
    """
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# -- errors --------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _texts(exc: BaseException) -> Iterator[str]:
    yield str(exc)
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _texts(inner)
    if exc.__cause__ is not None:
        yield from _texts(exc.__cause__)


_REASON = re.compile(r"\(reason (?:\[Errno -?\d+\] )?([^)]+)\)")


def _timed_out(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, TimeoutError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def reason(exc: BaseException) -> str:
    """A short, one-line reason for a connection failure, e.g. ``connection refused``."""
    texts = list(_texts(exc))
    if any("handshake" in t for t in texts) and _timed_out(exc):
        return "it took the connection but gave no Bolt handshake in time (is it Neo4j?)"
    if _timed_out(exc):
        return "no answer in time"
    for text in texts:
        found = _REASON.search(text)
        if found:
            words = _one_line(found.group(1))
            return words[:1].lower() + words[1:]
    return _one_line(texts[0].split("\n", 1)[0]) or type(exc).__name__


def _message(exc: Neo4jError) -> str:
    """The server's message (``str`` of a server error repeats code and GQL status around it)."""
    text = str(exc)
    return _one_line(exc.message if text.startswith("{neo4j_code:") else text)


@contextmanager
def translated(uri: str) -> Iterator[None]:
    """Turn the driver's exceptions into the project's, each a one-line message naming ``uri``."""
    try:
        yield
    except AuthError as exc:
        raise StoreUnavailable(f"Neo4j at {uri} refused the credentials: {_message(exc)}") from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreUnavailable(f"cannot reach Neo4j at {uri}: {reason(exc)}") from exc
    except Neo4jError as exc:
        raise StoreError(f"Neo4j at {uri} failed: {exc.code}: {_message(exc)}") from exc
    except DriverError as exc:
        raise StoreError(f"Neo4j at {uri} failed: {_one_line(str(exc))}") from exc


# -- the store -----------------------------------------------------------------------------------


class Neo4jStore:
    """A :class:`graph.store.GraphStore` on a Neo4j database. Open with :meth:`connect`."""

    def __init__(
        self, driver: Driver, *, uri: str, database: str = "neo4j", batch_size: int = 1000
    ) -> None:
        if batch_size < 1:
            raise StoreError(f"batch size {batch_size}: expected at least 1")
        self._driver = driver
        self.uri, self.database, self.batch_size = uri, database, batch_size

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        batch_size: int = 1000,
        connect_timeout: float = 5.0,
    ) -> Neo4jStore:
        """Connect to ``uri`` and check the server and the credentials now.

        Raises :class:`StoreUnavailable` (one line, naming ``uri``) when the server cannot be
        reached in ``connect_timeout`` seconds (to connect, and to get its first answer) or
        refuses the credentials. No message shows a user or password written into ``uri``.
        """
        shown = shown_uri(uri)
        scheme = uri.partition("://")[0]
        if scheme not in NEO4J_SCHEMES:
            raise StoreError(
                f"{shown!r} is not a Neo4j address: expected one of "
                f"{', '.join(s + '://' for s in NEO4J_SCHEMES)}"
            )
        if has_userinfo(uri):
            raise StoreError(
                f"{shown!r}: the address must not hold a user or password; "
                "give them in NEO4J_USER and NEO4J_PASSWORD"
            )
        try:
            driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connect_timeout,
                # the Bolt handshake waits for a connection from the pool: without this, a port
                # that accepts and never answers held us for the pool's 60 s whatever the setting
                connection_acquisition_timeout=connect_timeout,
                notifications_min_severity="OFF",
            )
        except (ValueError, DriverError) as exc:
            raise StoreError(f"{shown!r} is not a Neo4j address: {_one_line(str(exc))}") from exc
        try:
            with translated(shown):
                driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
        return cls(driver, uri=shown, database=database, batch_size=batch_size)

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    def _session(self) -> Session:
        return self._driver.session(database=self.database)

    # -- writing ---------------------------------------------------------------------------------

    def write(self, g: TemporalGraph) -> None:
        """Publish ``g`` as the new current version; see the module's note on the switch."""
        data = snapshot.to_data(g)
        nodes, edges = node_rows(data), edge_rows(data)
        meta = json.dumps(data["meta"], ensure_ascii=False)
        with translated(self.uri), self._session() as session:
            for name in SCHEMA:
                _run(session, name).consume()
            version = session.execute_write(self._allocate)
            try:
                for batch in batches(nodes, self.batch_size):
                    self._write_batch(session, "store_write_nodes", batch, version)
                for batch in batches(edges, self.batch_size):
                    self._write_batch(session, "store_write_edges", batch, version)
                session.execute_write(self._switch, version, len(nodes), len(edges), meta)
            except BaseException:
                self._discard(session, version)
                raise
            log.info("Neo4j at %s: version %d is current", self.uri, version)
            self._delete_older(session, version)

    def _write_batch(
        self, session: Session, name: str, rows: Sequence[dict[str, Any]], version: int
    ) -> None:
        """Write one batch in its own transaction (MERGE: a retried batch writes nothing twice)."""

        def work(tx: ManagedTransaction) -> None:
            _run(tx, name, rows=list(rows), version=version).consume()

        session.execute_write(work)

    @staticmethod
    def _allocate(tx: ManagedTransaction) -> int:
        return int(_one(_run(tx, "store_allocate_version"))["version"])

    def _switch(
        self, tx: ManagedTransaction, version: int, nodes: int, edges: int, meta: str
    ) -> None:
        held = _one(_run(tx, "store_version_counts", version=version))
        if (held["nodes"], held["edges"]) != (nodes, edges):
            raise StoreError(
                f"push to Neo4j at {self.uri} is incomplete: version {version} holds "
                f"{held['nodes']} of {nodes} nodes and {held['edges']} of {edges} edges; "
                "the previous version stays current"
            )
        switched = _rows(
            _run(tx, "store_switch", version=version, nodes=nodes, edges=edges, meta=meta)
        )
        if not switched:
            raise StoreError(
                f"Neo4j at {self.uri}: a newer version than {version} is already current; "
                "this push was not published"
            )

    def _delete_in_batches(self, session: Session, name: str, version: int) -> int:
        def work(tx: ManagedTransaction) -> int:
            row = _one(_run(tx, name, version=version, limit=self.batch_size))
            return int(row["deleted"])

        total = 0
        while True:
            deleted = session.execute_write(work)
            total += deleted
            if deleted < self.batch_size:
                return total

    def _discard(self, session: Session, version: int) -> None:
        """Best effort, after a failed push: delete its unpublished version (never the current
        one). Whatever is left is invisible to readers and deleted by the next push."""
        try:
            self._delete_in_batches(session, "store_delete_version", version)
        except (Neo4jError, DriverError) as exc:
            log.warning("Neo4j at %s: version %d left behind: %s", self.uri, version, exc)

    def _delete_older(self, session: Session, version: int) -> None:
        """Delete every version older than ``version``; a failure leaves them for the next push."""
        try:
            deleted = self._delete_in_batches(session, "store_delete_older", version)
            session.execute_write(
                lambda tx: _run(tx, "store_delete_older_headers", version=version).consume()
            )
        except (Neo4jError, DriverError) as exc:
            log.warning("Neo4j at %s: older versions left behind: %s", self.uri, exc)
            return
        log.info("Neo4j at %s: deleted %d entities of older versions", self.uri, deleted)

    # -- reading ---------------------------------------------------------------------------------

    def read(self) -> TemporalGraph:
        """The current version as a :class:`TemporalGraph`; empty when nothing was pushed."""
        with translated(self.uri), self._session() as session:
            for _ in range(READ_ATTEMPTS):
                got = session.execute_read(self._read_current)
                if got is not None:
                    meta, nodes, edges = got
                    return graph_from_rows(meta, nodes, edges, f"Neo4j at {self.uri}")
        raise StoreError(
            f"the landscape in Neo4j at {self.uri} changed while it was read "
            f"({READ_ATTEMPTS} times); try again"
        )

    @staticmethod
    def _read_current(
        tx: ManagedTransaction,
    ) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]] | None:
        """The current version's rows; None when a push switched or deleted it meanwhile."""
        header = _one(_run(tx, "store_current"))
        version = header["version"]
        if version is None:
            return None, [], []
        nodes = _rows(_run(tx, "store_read_nodes", version=version))
        edges = _rows(_run(tx, "store_read_edges", version=version))
        if (len(nodes), len(edges)) != (header["nodes"], header["edges"]):
            return None
        return cast(str, header["meta"]), nodes, edges

    def summary(self) -> dict[str, int]:
        """Nodes per kind and edges per relation in the current version; empty when none."""

        def work(tx: ManagedTransaction) -> dict[str, int]:
            version = _one(_run(tx, "store_current"))["version"]
            if version is None:
                return {}
            rows = _rows(_run(tx, "store_summary_nodes", version=version))
            rows += _rows(_run(tx, "store_summary_edges", version=version))
            return {r["name"]: int(r["count"]) for r in rows}

        with translated(self.uri), self._session() as session:
            return dict(sorted(session.execute_read(work).items()))

    def current_version(self) -> int | None:
        """The number of the current version; None when nothing was pushed."""
        rows = self.query("store_current")
        version = rows[0]["version"] if rows else None
        return None if version is None else int(version)

    def versions(self) -> dict[int, int]:
        """Every version present, published or left by an interrupted push: version -> nodes."""
        return {int(r["version"]): int(r["nodes"]) for r in self.query("store_versions")}

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the read-only query file ``name`` with ``params``; its rows as dicts."""
        return self.query_text(name, cypher(name), **params)

    def query_text(self, name: str, text: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read-only Cypher ``text`` (``name`` says which in errors) with exactly the
        ``$parameters`` it uses; its rows as dicts."""
        expected = parameters(text)
        with translated(self.uri), self._session() as session:
            return session.execute_read(
                lambda tx: _rows(_run_text(tx, name, text, expected, params))
            )

    def close(self) -> None:
        self._driver.close()
