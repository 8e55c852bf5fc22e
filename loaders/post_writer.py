"""Writes published chairs, scrutineers and conveners (:mod:`loaders.post_table`) as posts.

Each row becomes a post serving its partnership (``postFor``), dated as the source dates it: from
the first day of ``from`` to the last day of ``to`` (open where the source gives no end: still in
post at the last evidence), with the dates as given kept beside. A scrutineer's row also records
the partnership's scrutiny model. The holder's name is kept on the post, and left out of exports
and answers unless asked for (:mod:`graph.personal`). The partnership must be known by its id (or
name) and exist while the post does; otherwise the row is reported and nothing is written.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph.errors import LoadError, Problem
from graph.ids import NodeId, Prefix, node_id
from graph.model import Edge, Node, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.body_index import BodyIndex, names_of, normalised
from loaders.post_table import PostRow, load_posts
from ontology.vocabulary import Kind, Relation

POSTS_FILE = "chairs_and_scrutiny.csv"
"""The chairs and scrutiny file's name in a safeguarding data folder."""

DUTIES = {
    "chair": ["chair"],
    "independent scrutineer": ["scrutiny"],
    "chair and independent scrutineer": ["chair", "scrutiny"],
}
"""A post's role -> the duties of the rules it fills (a convener fills none of them)."""


def _period(row: PostRow) -> Period:
    start = row.seen_from.first if row.seen_from else None
    end = row.seen_to.last + timedelta(days=1) if row.seen_to else None
    return Period(start, end)


def add_posts(g: TemporalGraph, path: Path) -> int:
    """Add every post of ``path`` to ``g``, or raise one LoadError and add nothing."""
    rows = load_posts(path)
    index = BodyIndex(g, {Kind.SAFEGUARDING_PARTNERSHIP})
    problems: list[Problem] = []
    ready: list[tuple[PostRow, Node, Period, NodeId]] = []
    seen: dict[str, int] = {}
    for row in rows:
        span = _period(row)
        pid = node_id(Prefix.PARTNERSHIP, row.partnership_id) if row.partnership_id else None
        if pid is not None and pid not in g:
            problems.append(
                Problem(
                    row.file, row.line, "partnership_id", row.partnership_id, "no such partnership"
                )
            )
            continue
        if pid is None:
            found, why = index.find(row.partnership_name, [span])
            if found is None:
                problems.append(
                    Problem(row.file, row.line, "partnership_name", row.partnership_name, why)
                )
                continue
            pid = found.id
        partnership = g.node(pid)
        names = {normalised(n) for n in names_of(partnership)}
        if row.partnership_name and normalised(row.partnership_name) not in names:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "partnership_name",
                    row.partnership_name,
                    f"not a name of {partnership.id} ({partnership.name})",
                )
            )
            continue
        life = span.clip(partnership.period)
        if life is None:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "from",
                    str(row.seen_from),
                    f"the post's dates {span} fall outside the partnership's {partnership.period}",
                )
            )
            continue
        dated = str(row.seen_from or "undated")
        post = node_id(Prefix.POST, partnership.id, _slug(row.role), dated)
        if post in seen:
            problems.append(
                Problem(row.file, row.line, "role", row.role, f"same post as line {seen[post]}")
            )
            continue
        seen[post] = row.line
        ready.append((row, partnership, life, post))
    if problems:
        raise LoadError(problems)
    for row, partnership, life, post in ready:
        _write(g, row, partnership, life, post)
    return len(ready)


def _write(g: TemporalGraph, row: PostRow, partnership: Node, life: Period, post: NodeId) -> None:
    prov = (
        Provenance(row.source, row.note, row.confidence),
        Provenance(row.file, f"line {row.line}"),
    )
    attrs: dict[str, Any] = {
        "role": row.role,
        "duties": DUTIES.get(row.role, []),
        "post_as_published": row.post_as_published,
        "seen_from": str(row.seen_from) if row.seen_from else None,
        "seen_to": str(row.seen_to) if row.seen_to else None,
        "dated_as": "when the source shows the post held",
    }
    if row.holder:
        attrs["holder"] = row.holder
    name = f"{row.post_as_published[0].upper()}{row.post_as_published[1:]} of {partnership.name}"
    g.add_node(Node(post, Kind.POST, name, life, prov, attrs=attrs))
    g.add_edge(Edge(post, partnership.id, Relation.POST_FOR, life, prov))
    if row.scrutiny is not None:
        partnership.attrs.setdefault("scrutiny", []).append(
            {
                "model": row.scrutiny.value,
                "from": _iso(life.start),
                "to": _iso(life.end),
                "seen": [str(d) for d in (row.seen_from, row.seen_to) if d],
                "sources": [str(p) for p in prov[:1]],
            }
        )


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
