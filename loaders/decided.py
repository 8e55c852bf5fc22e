"""Decided local government changes: new councils made by an order, before any official file.

Read from the structural changes table (:mod:`loaders.changes`), e.g. the Surrey (Structural
Changes) Order 2026: East Surrey and West Surrey from 1 April 2027, Surrey County Council and its
eleven districts ending the day before. Every fact carries the status ``decided`` and the table's
row as its source:

- the predecessors end on the vesting day (:func:`local_authorities`, before the authorities are
  added to the graph); a register that already ends them on that day agrees, any other day is
  refused;
- each new council is a unitary authority from the vesting day. With no GSS code yet it carries a
  stable provisional code (``surrey-2027-east-surrey-council``, scheme ``provisional``) and takes
  the official GSS code when a later file gives one (a code of a lookup of that vintage, named as
  the council is, that no authority holds); a register that already lists the council is used as
  it is;
- its police force area and region follow from its predecessor districts (:func:`links`,
  derived), unless a later official lookup gives them;
- a health epoch on the vesting day re-keys the LSOAs of the predecessor districts to the new
  councils (:func:`epochs`; derived, decided), unless an official LSOA lookup of that day exists;
- one change event links the predecessors to the new councils (:func:`events`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from graph.codes import Identifier, Scheme
from graph.ids import Prefix, node_id
from graph.model import Confidence, Edge, IdentifierAssignment, Node, Period, Provenance, Status
from loaders.builder import Builder
from loaders.epoch import Epoch
from loaders.new_councils import NewCouncil, councils, holder, official_code
from ontology.vocabulary import Kind, Relation

PREDECESSOR_KINDS = {
    "county": Kind.COUNTY,
    "non-metropolitan district": Kind.DISTRICT,
    "unitary authority": Kind.UNITARY,
    "metropolitan district": Kind.METROPOLITAN_DISTRICT,
    "london borough": Kind.LONDON_BOROUGH,
}
"""The ``predecessor_type`` values of the table, and the kind each must have in the graph."""


def local_authorities(b: Builder) -> None:
    """End the predecessors and make the new councils, before the authorities join the graph."""
    for c in councils(b):
        day = c.vesting - timedelta(days=1)
        for r in c.rows:
            key = holder(b, r.predecessor_gss, day)
            if key is None:
                b.problem(
                    r.file,
                    r.line,
                    "predecessor_gss",
                    r.predecessor_gss,
                    f"no local authority has this code on {day}",
                )
                continue
            node = b.las[key]
            kind = PREDECESSOR_KINDS.get(r.predecessor_type.lower())
            if kind is None:
                allowed = ", ".join(PREDECESSOR_KINDS)
                b.problem(
                    r.file, r.line, "predecessor_type", r.predecessor_type, f"not one of {allowed}"
                )
            elif node.kind != kind:
                b.problem(
                    r.file,
                    r.line,
                    "predecessor_type",
                    r.predecessor_type,
                    f"{node.name} is a {node.kind}",
                )
            if node.period.end not in (None, c.vesting):
                b.problem(
                    r.file,
                    r.line,
                    "vesting_date",
                    str(c.vesting),
                    f"{node.name} ends on {node.period.end} in the register",
                )
                continue
            decided = Provenance(r.file, f"line {r.line}", r.confidence, Status.DECIDED)
            if decided not in node.provenance:
                node.period = Period(node.period.start, c.vesting)
                node.provenance += (decided,)
                node.attrs["ends_by"] = c.change_id
            # which new council each predecessor goes to (a county: to each of them), which the
            # change event alone does not say when one change makes several councils
            successors = node.attrs.setdefault("succeeded_by", [])
            if c.node not in successors:
                successors.append(c.node)
        if c.key in b.las:  # the register already lists it: observed
            b.las[c.key].provenance += (c.provenance(),)
            continue
        idents = [IdentifierAssignment(Identifier(Scheme.PROVISIONAL, c.key), Period(c.vesting))]
        provs = [c.provenance()]
        given = c.rows[0].new_council_gss
        official = (given, c.provenance()) if given else official_code(b, c)
        if official is not None:
            idents.append(
                IdentifierAssignment(Identifier(Scheme.GSS, official[0]), Period(c.vesting))
            )
            if official[1] not in provs:
                provs.append(official[1])
        first = c.rows[0]
        attrs = {
            "decided_by": c.change_id,
            "order": first.title,
            "reference": first.reference,
            "order_url": first.url,
            "made": first.made,
        }
        b.las[c.key] = Node(
            c.node, Kind.UNITARY, c.name, Period(c.vesting), tuple(provs), tuple(idents), attrs
        )


def links(b: Builder) -> None:
    """Police force area and region of each new council, from its predecessor districts; and the
    check that every district of an abolished county goes to a council of the same change."""
    by_change: dict[str, list[NewCouncil]] = defaultdict(list)
    for c in councils(b):
        by_change[c.change_id].append(c)
    g = b.graph
    for change_id, cs in by_change.items():
        day = cs[0].vesting - timedelta(days=1)
        placed = {}
        for c in cs:
            for r in c.rows:
                nid = b.la_at(r.predecessor_gss, day)
                if nid is not None:
                    placed[nid] = (c, r)
        for nid, (_, r) in sorted(placed.items(), key=lambda kv: kv[0]):
            if g.node(nid).kind != Kind.COUNTY:
                continue
            inside = [
                e.source
                for e in g.in_edges(nid)
                if e.relation == Relation.WITHIN_COUNTY and e.period.contains(day)
            ]
            for d in sorted(inside):
                if d not in placed:
                    b.problem(
                        r.file,
                        r.line,
                        "predecessor_gss",
                        r.predecessor_gss,
                        f"{change_id}: {g.node(d).name}, a district of {g.node(nid).name}, "
                        "is in no new council",
                    )
        for c in cs:
            if c.node not in g:
                continue
            districts = [
                nid
                for nid, (owner, _) in placed.items()
                if owner == c and g.node(nid).kind != Kind.COUNTY
            ]
            for relation, what in (
                (Relation.IN_POLICE_FORCE_AREA, "police force area"),
                (Relation.IN_REGION, "region"),
            ):
                if any(
                    e.relation == relation and e.period.contains(c.vesting)
                    for e in g.out_edges(c.node)
                ):
                    continue  # an official lookup gives it
                targets = sorted(
                    {
                        e.target
                        for d in districts
                        for e in g.out_edges(d)
                        if e.relation == relation and e.period.contains(day)
                    }
                )
                note = f"the {what} of its predecessor districts"
                p = c.provenance(Confidence.DERIVED, note)
                for t in targets:
                    g.add_edge(
                        Edge(
                            c.node, t, relation, Period(c.vesting, g.node(c.node).period.end), (p,)
                        )
                    )


def epochs(b: Builder, known: list[Epoch]) -> list[Epoch]:
    """An epoch on each vesting day: the previous one with the predecessors' LSOAs in the new
    councils (unless an official LSOA lookup of that day is in the data)."""
    by_day: dict[date, list[NewCouncil]] = defaultdict(list)
    for c in councils(b):
        if c.node in b.graph:
            by_day[c.vesting].append(c)
    out: list[Epoch] = []
    for day, cs in sorted(by_day.items()):
        if any(e.when == day for e in known + out):
            continue
        earlier = [e for e in known + out if e.when < day]
        if not earlier:
            continue
        prev = max(earlier, key=lambda e: e.when)
        code_of: dict[str, str] = {}
        for c in cs:
            node = b.graph.node(c.node)
            code = node.code(Scheme.GSS, day) or node.code(Scheme.PROVISIONAL, day) or c.key
            for r in c.rows:
                code_of[r.predecessor_gss] = code
        file = cs[0].rows[0].file
        based_on = f"{prev.based_on} via {prev.file}" if prev.based_on else prev.file
        e = Epoch(
            day,
            file,
            prev.lsoa_year,
            Confidence.DERIVED,
            {},
            dict(prev.areas),
            Status.DECIDED,
            health=False,
            based_on=based_on,
            inferred=set(prev.inferred),
            decided=set(code_of.values()),
        )
        moved: dict[str, str] = {}  # each district's code on the day, worked out once
        for lsoa, (lad, area, icb) in prev.where.items():
            new = moved.get(lad)
            if new is None:
                here = b.recode(lad, prev.when, day - timedelta(days=1))
                new = moved[lad] = code_of.get(here) or b.recode(lad, prev.when, day)
            e.where[lsoa] = (new, area, icb)
        out.append(e)
    return out


def events(b: Builder) -> None:
    """One event per decided change: the predecessors replaced by the new councils."""
    by_change: dict[str, list[NewCouncil]] = defaultdict(list)
    for c in councils(b):
        by_change[c.change_id].append(c)
    g = b.graph
    for change_id, cs in by_change.items():
        day = cs[0].vesting
        before = sorted(
            {
                nid
                for c in cs
                for r in c.rows
                if (nid := b.la_at(r.predecessor_gss, day - timedelta(days=1)))
            }
        )
        after = sorted(c.node for c in cs if c.node in g)
        if not before or not after:
            continue
        if any(
            e.relation == Relation.ORIGINAL_ORGANIZATION and e.period.start == day
            for e in g.in_edges(before[0])
        ):
            continue  # the register already records this reorganisation
        rows = [r for c in cs for r in c.rows]
        lines = f"lines {min(r.line for r in rows)}-{max(r.line for r in rows)}"
        p = Provenance(rows[0].file, lines, rows[0].confidence, Status.DECIDED)
        names = ", ".join(g.node(n).name for n in after)
        nid = node_id(Prefix.EVENT, day.isoformat(), "reorganisation", change_id)
        period = Period(day, day + timedelta(days=1))
        attrs = {"date": day.isoformat(), "change": "reorganisation", "decided_by": change_id}
        order = f"{rows[0].title} (SI {rows[0].reference})"
        name = f"{day}: {order}: {len(before)} authorities replaced by {names}"
        g.add_node(Node(nid, Kind.CHANGE_EVENT, name, period, (p,), attrs=attrs))
        for relation, ends in (
            (Relation.ORIGINAL_ORGANIZATION, before),
            (Relation.RESULTING_ORGANIZATION, after),
        ):
            for end in ends:
                g.add_edge(Edge(nid, end, relation, period, (p,)))


def basis(b: Builder) -> list[dict[str, str]]:
    """The decided changes, for :mod:`queries.basis`: id, title, date, status and sources."""
    out = []
    seen = set()
    for c in councils(b):
        if c.change_id in seen:
            continue
        seen.add(c.change_id)
        first = c.rows[0]
        out.append(
            {
                "id": c.change_id,
                "title": first.title,
                "reference": first.reference,
                "url": first.url,
                "made": first.made,
                "date": c.vesting.isoformat(),
                "status": Status.DECIDED.value,
                "layers": "local_government, police, health, population",
                "source": first.file,
            }
        )
    return out
