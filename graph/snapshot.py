"""The compact snapshot: the whole temporal graph in one gzipped JSON file, and back.

``safeguarding build`` writes it from the official files; the package ships it (with the
attribution beside it) so the API runs on a machine without the source files. Provenance records
are interned: most facts share a handful of sources.

>>> from datetime import date
>>> from graph.model import Node, Period, Provenance
>>> g = TemporalGraph()
>>> g.add_node(Node("pfa:E23000001", "PoliceForceArea", "Metropolitan Police", Period(),
...                 (Provenance("pfa.csv", "line 2"),)))
>>> back = loads(dumps(g))
>>> back.node("pfa:E23000001").name, back.node("pfa:E23000001").provenance[0].locator
('Metropolitan Police', 'line 2')
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from graph.codes import Identifier, Scheme
from graph.errors import LoadError, Problem, SafeguardingError, StoreError
from graph.ids import parse_node_id
from graph.model import Confidence, Edge, IdentifierAssignment, Node, Period, Provenance, Status
from graph.temporal import TemporalGraph

FORMAT = 2
"""2: provenance rows carry a status (observed, decided, proposed) after the confidence."""


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _p(start: str | None, end: str | None) -> Period:
    return Period(
        date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None
    )


def to_data(g: TemporalGraph) -> dict[str, Any]:
    provs: dict[Provenance, int] = {}

    def pid(ps: tuple[Provenance, ...]) -> list[int]:
        return [provs.setdefault(p, len(provs)) for p in ps]

    nodes = [
        [
            n.id,
            n.kind,
            n.name,
            _d(n.period.start),
            _d(n.period.end),
            pid(n.provenance),
            [[str(a.identifier), _d(a.period.start), _d(a.period.end)] for a in n.identifiers],
            n.attrs,
        ]
        for n in sorted(g.all_nodes(), key=lambda n: n.id)
    ]
    edges = [
        [
            e.source,
            e.target,
            e.relation,
            _d(e.period.start),
            _d(e.period.end),
            pid(e.provenance),
            e.attrs,
        ]
        for e in g.all_edges()
    ]
    table = [[p.source, p.locator, p.confidence.value, p.status.value] for p in provs]
    return {"format": FORMAT, "meta": g.meta, "provenance": table, "nodes": nodes, "edges": edges}


def from_data(data: dict[str, Any], origin: str = "snapshot") -> TemporalGraph:
    if data.get("format") != FORMAT:
        raise LoadError(
            [
                Problem(
                    origin,
                    None,
                    "format",
                    str(data.get("format")),
                    f"expected format {FORMAT} (facts with a status); "
                    "rebuild it with `safeguarding build`",
                )
            ]
        )
    try:
        return _graph(data)
    except LoadError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, SafeguardingError) as exc:
        # a snapshot the build did not write (cut, edited, another program's): refused whole
        message = f"not a snapshot this program wrote: {type(exc).__name__}: {exc}"
        raise LoadError([Problem(origin, None, None, None, message)]) from None


def _graph(data: dict[str, Any]) -> TemporalGraph:
    """The graph of a snapshot's data. The snapshot is the build's own output, so each fact is
    not re-validated one by one: the terms and the ids are checked once each
    (:meth:`TemporalGraph.add_all`), and the few dozen distinct periods are parsed once."""
    provs = [Provenance(s, loc, Confidence(c), Status(st)) for s, loc, c, st in data["provenance"]]
    periods: dict[tuple[str | None, str | None], Period] = {}

    def period(start: str | None, end: str | None) -> Period:
        found = periods.get((start, end))
        if found is None:
            try:
                found = periods[(start, end)] = _p(start, end)
            except ValueError as exc:
                raise ValueError(f"period from {start!r} to {end!r}: {exc}") from None
        return found

    nodes = []
    for nid, kind, name, start, end, pids, idents, attrs in data["nodes"]:
        assignments = []
        for text, s, e in idents:
            ident = Identifier.parse(text)
            assignments.append(
                IdentifierAssignment(Identifier(Scheme(ident.scheme), ident.code), period(s, e))
            )
        nodes.append(
            Node(
                parse_node_id(nid),
                kind,
                name,
                period(start, end),
                tuple(provs[i] for i in pids),
                tuple(assignments),
                attrs,
            )
        )
    edges = [
        Edge(src, dst, rel, period(start, end), tuple(provs[i] for i in pids), attrs)
        for src, dst, rel, start, end, pids, attrs in data["edges"]
    ]
    g = TemporalGraph()
    g.add_all(nodes, edges)
    g.meta = dict(data.get("meta", {}))
    return g.freeze()


def dumps(g: TemporalGraph) -> bytes:
    text = json.dumps(to_data(g), separators=(",", ":"), sort_keys=False)
    # level 6: within 4% of level 9 in size at a quarter of its time (the build writes it each run)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def loads(blob: bytes, origin: str = "snapshot") -> TemporalGraph:
    try:
        data = json.loads(gzip.decompress(blob))
    except (OSError, ValueError) as exc:
        raise LoadError([Problem(origin, None, None, None, f"not a snapshot: {exc}")]) from exc
    return from_data(data, origin)


def save(g: TemporalGraph, path: Path) -> None:
    """Write atomically: a reader never sees half a snapshot.

    The bytes go to a temporary file of a name no other writer uses (two builds at once do not
    write into each other's), beside ``path``, which is then renamed over it in one step. A
    writer killed before the rename leaves ``path`` as it was and at most that temporary file
    (``.<name>.<random>.tmp``), which no reader takes for a snapshot.
    """
    blob = dumps(g)
    # a new name opened in "x" mode: no other writer has it, and the file gets the usual
    # permissions of the user's umask (mkstemp's would be 0600, and the rename would keep them)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load(path: Path) -> TemporalGraph:
    if not path.is_file():
        raise LoadError(
            [
                Problem(
                    str(path.name), None, None, None, "no snapshot here; run `safeguarding build`"
                )
            ]
        )
    return loads(path.read_bytes(), path.name)
