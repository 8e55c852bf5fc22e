"""Writes a reviews file into the landscape graph: each review linked to its body and its LAs.

Every row of the file (:mod:`loaders.reviews`) is resolved first: its commissioning body (a
partnership, an adults board, a community safety partnership, an LSCB of before 2019 or the
national Panel, by name, registry id or code, :mod:`loaders.body_index`) and each of its LA codes
must exist on one of the review's dates (on any date where none is known). Any row that fails
is reported with its file, line, column and value, and nothing is written; otherwise each review
becomes a node (its dates kept at the precision the source gives) with ``commissionedBy`` and
``concernsArea`` edges, valid while the body or the LA exists.
"""

from __future__ import annotations

from pathlib import Path

from graph.codes import Identifier, Scheme
from graph.errors import LoadError, Problem
from graph.ids import Prefix, node_id
from graph.model import ALWAYS, Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.body_index import REVIEW_BODIES, BodyIndex, spans
from loaders.reviews import ReviewRecord, load_reviews
from ontology.vocabulary import UPPER_TIER, Kind, Relation

REVIEWS_FILE = "reviews.csv"
"""The reviews file's name in a safeguarding data folder."""


def add_reviews(g: TemporalGraph, path: Path) -> int:
    """Add every review of ``path`` to ``g``, or raise one LoadError and add nothing.

    Returns how many reviews were added.
    """
    records = load_reviews(path)
    index = BodyIndex(g, REVIEW_BODIES)
    problems: list[Problem] = []
    resolved: list[tuple[ReviewRecord, Node, list[Node]]] = []
    for r in records:
        when = spans(r.dates)
        body, why = index.find(r.commissioning_body, when)
        if body is None:
            problems.append(
                Problem(r.file, r.line, "commissioning_body", r.commissioning_body, why)
            )
        las = []
        for code in r.local_authorities:
            la, why = _la(g, code, when)
            if la is None:
                problems.append(Problem(r.file, r.line, "la_codes", code, why))
            else:
                las.append(la)
        if body is not None and len(las) == len(r.local_authorities):
            resolved.append((r, body, las))
    if problems:
        raise LoadError(problems)
    for r, body, las in resolved:
        _write(g, r, body, las)
    return len(resolved)


def _la(g: TemporalGraph, code: str, when: list[Period]) -> tuple[Node | None, str]:
    """The upper-tier LA holding GSS ``code`` on one of the periods ``when`` (any, if empty)."""
    held = [
        (period.clip(g.node(nid).period), g.node(nid))
        for period, nid in g.holders(Identifier(Scheme.GSS, code))
        if g.node(nid).kind in {k.value for k in UPPER_TIER}
    ]
    if not held:
        return None, "no upper-tier local authority has this code"
    live = [n for span, n in held if span and (not when or any(span.overlaps(p) for p in when))]
    if not live:
        lives = "; ".join(f"{n.name} in {span}" for span, n in held)
        return None, f"the code names an LA only outside the row's dates ({lives})"
    return live[0], ""


def _write(g: TemporalGraph, r: ReviewRecord, body: Node, las: list[Node]) -> None:
    nid = node_id(Prefix.REVIEW, r.id)
    prov = (Provenance(r.source, "", r.confidence), Provenance(r.file, f"line {r.line}"))
    attrs = {
        "review_kind": r.kind.value,
        "status": r.status.value,
        "status_text": r.status_text,
        "themes": list(r.themes),
        "notified": _iso(r.notified),
        "commissioned": _iso(r.commissioned),
        "published": _iso(r.published),
        "note": r.note,
    }
    ident = (IdentifierAssignment(Identifier(Scheme.REGISTRY, r.id)),)
    # a review is a record: it has dates, not a validity, so it is seen on every date
    g.add_node(Node(nid, Kind.REVIEW, r.title, ALWAYS, prov, ident, attrs))
    body_prov: tuple[Provenance, ...] = prov
    if r.body_note:
        body_prov = (Provenance(r.file, f"line {r.line}: {r.body_note}", Confidence.INFERRED),)
    g.add_edge(Edge(nid, body.id, Relation.COMMISSIONED_BY, body.period, body_prov))
    for la in {n.id: n for n in las}.values():
        g.add_edge(Edge(nid, la.id, Relation.CONCERNS_AREA, la.period, prov))


def _iso(d: object) -> str | None:
    return str(d) if d is not None else None
