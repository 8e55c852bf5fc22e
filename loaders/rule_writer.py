"""Writes the dated rule sets of ``registry/rules.yaml`` and the posts they require.

Each rule set becomes a node with its dates; it is in force from ``in_force`` until a rule set
that replaces it comes into force (a rule set with an unknown commencement is in force on no
date). For every requirement of a rule set in force, a post is derived, over the days both the
rule and the organisation exist: for each safeguarding partner organisation (upper-tier LA, CCG,
ICB, English police force area) a post in it (``postIn``), or for each partnership a post serving
it (``postFor``). A derived post says so (confidence derived, ``requiredBy`` its rule set) and has
no holder. A participant (an agency that must take part) is not a post: the rule set records it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from graph.codes import Identifier, Scheme
from graph.ids import Prefix, node_id
from graph.model import (
    Confidence,
    Edge,
    IdentifierAssignment,
    Node,
    Period,
    Provenance,
    Status,
)
from graph.temporal import TemporalGraph
from loaders.rules import RULES_FILE, RuleSetRecord
from ontology.vocabulary import UPPER_TIER, Kind, Relation

PARTNER_KINDS: dict[str, str] = {
    **{k.value: "local_authority" for k in sorted(UPPER_TIER)},  # sorted: a stable build
    Kind.CCG: "ccg",
    Kind.ICB: "icb",
    Kind.POLICE_FORCE_AREA: "police",
}
"""Node kind -> the kind of safeguarding partner a rule names offices for."""


def in_force_periods(rules: tuple[RuleSetRecord, ...]) -> dict[str, Period | None]:
    """Rule set id -> the period it is in force (None: on no known date).

    >>> from loaders.rules import RuleSetRecord
    >>> a = RuleSetRecord("a", "A", date(2019, 9, 29), (), ())
    >>> b = RuleSetRecord("b", "B", date(2023, 12, 15), (), (), replaces=("a",))
    >>> in_force_periods((a, b))["a"]
    Period(start=datetime.date(2019, 9, 29), end=datetime.date(2023, 12, 15))
    """
    out: dict[str, Period | None] = {}
    for r in rules:
        if r.in_force is None:
            out[r.id] = None
            continue
        ends = [x.in_force for x in rules if r.id in x.replaces and x.in_force is not None]
        out[r.id] = Period(r.in_force, min(ends) if ends else None)
    return out


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def write_rules(g: TemporalGraph, rules: tuple[RuleSetRecord, ...]) -> None:
    """Add the rule sets and the posts they require to ``g``."""
    periods = in_force_periods(rules)
    replaced_by = {r.id: [x.id for x in rules if r.id in x.replaces] for r in rules}
    organisations = [
        n
        for kind, _ in PARTNER_KINDS.items()
        for n in g.all_nodes(kind)
        if kind != Kind.POLICE_FORCE_AREA or (n.code(Scheme.GSS) or "").startswith("E")
    ]
    partnerships = g.all_nodes(Kind.SAFEGUARDING_PARTNERSHIP)
    for r in rules:
        rid = node_id(Prefix.RULES, r.id)
        span = periods[r.id]
        attrs = {
            "enacted": _iso(r.enacted),
            "in_force": _iso(r.in_force),
            "in_force_to": _iso(span.end) if span else None,
            "replaces": list(r.replaces),
            "replaced_by": replaced_by[r.id],
            "requires": [
                {"role": q.role, "duty": q.duty, "for": q.per, "offices": dict(q.offices)}
                | ({"notes": q.notes} if q.notes else {})
                for q in r.requires
            ],
            "notes": r.notes,
        }
        prov = tuple(s.provenance() for s in r.sources)
        ident = (IdentifierAssignment(Identifier(Scheme.REGISTRY, r.id)),)
        g.add_node(Node(rid, Kind.RULE_SET, r.name, Period(r.enacted), prov, ident, attrs))
        if span is None:
            continue
        for q in r.requires:
            if q.duty == "participant":
                continue
            derived = (
                Provenance(RULES_FILE, f"{r.id}: {q.role}, for each {q.per}", Confidence.DERIVED),
            )
            targets = organisations if q.per == "safeguarding_partner" else partnerships
            for target in targets:
                life = target.period.clip(span)
                if life is None:
                    continue
                office = q.offices.get(PARTNER_KINDS.get(target.kind, ""))
                post = node_id(Prefix.POST, target.id, r.id, _slug(q.role))
                title = f"{q.role[0].upper()}{q.role[1:]}"
                name = (
                    f"{title}: {office} of {target.name}" if office else f"{title} of {target.name}"
                )
                attrs_post = {"role": q.role, "duties": [q.duty], "rule": r.id, "derived": True}
                if office:
                    attrs_post["office"] = office
                # a post of a body that is only decided (a new council) is decided too
                prov = (
                    tuple(replace(p, status=Status.DECIDED) for p in derived)
                    if target.attrs.get("decided_by")
                    else derived
                )
                g.add_node(Node(post, Kind.POST, name, life, prov, attrs=attrs_post))
                relation = (
                    Relation.POST_IN if q.per == "safeguarding_partner" else Relation.POST_FOR
                )
                g.add_edge(Edge(post, target.id, relation, life, prov))
                g.add_edge(Edge(post, rid, Relation.REQUIRED_BY, life, prov))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
