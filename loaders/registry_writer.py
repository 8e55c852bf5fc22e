"""Writes the safeguarding registry into the landscape graph, beside the geography.

Asserted facts (partnerships and their members, named partners, chairs, joint and named boards,
CDOPs, the bodies of ``bodies.yaml``) come from the registry with their sources; the rest follows
from statute and is marked inferred: every upper-tier LA has its own safeguarding adults board
(Care Act 2014 s43) unless a listed board or an all-age partnership is recorded for it, and its own
health and wellbeing board (Health and Social Care Act 2012 s194). The posts each partnership and
partner organisation must have follow from the dated rule sets of ``rules.yaml``
(:mod:`loaders.rule_writer`). An LA in no recorded CDOP stays unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from graph.codes import Identifier, Scheme, valid_code
from graph.errors import LoadError, Problem, UnknownCode
from graph.ids import NodeId, Prefix, local_part, node_id
from graph.model import Confidence, Edge, IdentifierAssignment, Node, Period, Provenance, Status
from graph.resolver import find
from graph.temporal import TemporalGraph
from loaders.bodies import load_bodies
from loaders.body_writer import write_bodies
from loaders.registry import (
    BoardKind,
    BoardRecord,
    MembershipRecord,
    Registry,
    SourceRecord,
    load_registry,
)
from loaders.rule_writer import write_rules
from loaders.rules import load_rules
from ontology.vocabulary import UPPER_TIER, Kind, Relation

CARE_ACT_S43 = "https://www.legislation.gov.uk/ukpga/2014/23/section/43"
HSCA_S194 = "https://www.legislation.gov.uk/ukpga/2012/7/section/194"
HWB_START = date(2013, 4, 1)


def authorities(g: TemporalGraph) -> dict[str, Period]:
    """GSS code -> the period from its first day to the end of the upper-tier LA it names.

    A registry entry names an LA by the code valid at its start; the membership follows the
    organisation through a later recode (Barnsley and Sheffield, 2025). An LA whose end is only
    decided (``ends_by`` a structural change not yet in force) is open-ended here: a membership
    recorded without an end is not an error, it ends with the LA (the writer clips it).
    """
    out: dict[str, Period] = {}
    for node in g.all_nodes():
        if node.kind not in UPPER_TIER:
            continue
        life = Period(node.period.start) if node.attrs.get("ends_by") else node.period
        for a in node.identifiers:
            if a.identifier.scheme in LA_SCHEMES:
                held = Period(a.period.start, life.end).clip(life)
                if held is not None:
                    out[a.identifier.code] = held
    return out


LA_SCHEMES = (Scheme.GSS, Scheme.PROVISIONAL)
"""How the registry names an LA: its GSS code, or the provisional code of a decided council."""


def _scheme(code: str) -> Scheme:
    return Scheme.PROVISIONAL if valid_code(Scheme.PROVISIONAL, code) else Scheme.GSS


def _prov(sources: Iterable[SourceRecord]) -> tuple[Provenance, ...]:
    return tuple(s.provenance() for s in sources)


def _of(node: Node, provs: tuple[Provenance, ...]) -> tuple[Provenance, ...]:
    """Statute-inferred facts about ``node``: decided, where the body itself is only decided (a
    new council of a structural change not yet in force)."""
    if not node.attrs.get("decided_by"):
        return provs
    return tuple(replace(p, status=Status.DECIDED) for p in provs)


class _Writer:
    def __init__(self, g: TemporalGraph, registry: Registry) -> None:
        self.g, self.r = g, registry
        self.problems: list[Problem] = []

    def la(self, code: str, when: date | None, where: str) -> NodeId | None:
        try:
            return find(self.g, code, when, scheme=_scheme(code)).id
        except UnknownCode as err:
            self.problems.append(Problem("registry", None, where, code, str(err)))
            return None

    def members(
        self,
        body: NodeId,
        members: Iterable[MembershipRecord],
        fallback: tuple[Provenance, ...],
        where: str,
    ) -> None:
        for m in members:
            la = self.la(m.la, m.period.start, where)
            if la is None:
                continue
            period = m.period.clip(self.g.node(la).period)
            if period is not None:
                self.g.add_edge(
                    Edge(body, la, Relation.HAS_MEMBER, period, _prov(m.sources) or fallback)
                )

    def ends(self, members: Iterable[MembershipRecord]) -> list[date | None]:
        """Each membership's end, clipped to its LA's life: a body whose members all end (an LA
        abolished by a decided change, say) ends with them."""
        out: list[date | None] = []
        for m in members:
            try:
                la = find(self.g, m.la, m.period.start, scheme=_scheme(m.la))
            except UnknownCode:
                out.append(m.period.end)  # reported when the members are written
                continue
            clipped = m.period.clip(la.period)
            out.append(clipped.end if clipped else m.period.end)
        return out

    def partnerships(self) -> None:
        for p in self.r.partnerships:
            nid = node_id(Prefix.PARTNERSHIP, p.id)
            starts = [m.period.start for m in p.members]
            ends = self.ends(p.members)
            period = Period(
                None if None in starts else min(s for s in starts if s),
                None if None in ends else max(e for e in ends if e),
            )
            attrs = {
                "form": p.form.value,
                "all_age": p.all_age,
                "aliases": list(p.aliases),
                "former_names": [
                    {"name": n.name, "from": _iso(n.period.start), "to": _iso(n.period.end)}
                    for n in p.former_names
                ],
                "scrutiny": [
                    {
                        "model": s.model.value,
                        "from": _iso(s.period.start),
                        "to": _iso(s.period.end),
                        "sources": [str(x.provenance()) for x in s.sources],
                    }
                    for s in p.scrutiny
                ],
                "notes": p.notes,
            }
            prov = _prov(p.sources)
            ident = (IdentifierAssignment(Identifier(Scheme.REGISTRY, p.id)),)
            self.g.add_node(
                Node(nid, Kind.SAFEGUARDING_PARTNERSHIP, p.name, period, prov, ident, attrs)
            )
            self.members(nid, p.members, prov, f"partnership {p.id} members")
            for partner in p.named_partners:
                if partner.code is None:
                    continue
                when = partner.period.start or period.start
                try:
                    target = find(self.g, partner.code, when, scheme=Scheme.GSS).id
                except UnknownCode as err:
                    self.problems.append(
                        Problem(
                            "registry",
                            None,
                            f"partnership {p.id} named_partners",
                            partner.code,
                            str(err),
                        )
                    )
                    continue
                span = partner.period.clip(period)
                span = span.clip(self.g.node(target).period) if span else None
                if span is not None:
                    self.g.add_edge(
                        Edge(
                            nid,
                            target,
                            Relation.HAS_PARTNER,
                            span,
                            _prov(partner.sources) or prov,
                            {"named_as": partner.name},
                        )
                    )
            for lead in p.lead_authority:
                lead_la = self.la(lead.la, lead.period.start, f"partnership {p.id} lead_authority")
                for m in p.members:
                    other = self.la(m.la, m.period.start, f"partnership {p.id} members")
                    span = m.period.clip(lead.period)
                    if lead_la and other and other != lead_la and span:
                        self.g.add_edge(
                            Edge(
                                other,
                                lead_la,
                                Relation.DELEGATES_TO,
                                span,
                                _prov(lead.sources) or prov,
                                {"partnership": nid},
                            )
                        )
            for i, chair in enumerate(p.chairs):
                post = node_id(Prefix.POST, p.id, "chair", str(i))
                span = chair.period.clip(period) or period
                # the registry describes the post (who holds it, as an office), not a person
                post_attrs = {"role": chair.role or "chair", "duties": ["chair"]}
                post_attrs["post_as_published"] = chair.holder
                self.g.add_node(
                    Node(
                        post,
                        Kind.POST,
                        f"Chair of {p.name}",
                        span,
                        _prov(chair.sources) or prov,
                        attrs=post_attrs,
                    )
                )
                self.g.add_edge(
                    Edge(post, nid, Relation.POST_FOR, span, _prov(chair.sources) or prov)
                )

    def boards(self) -> None:
        inferred_sab = (
            Provenance(
                CARE_ACT_S43, "every local authority must establish a SAB", Confidence.INFERRED
            ),
        )
        covered: dict[str, list[Period]] = {}
        boards: list[tuple[Prefix, BoardRecord]] = [
            (Prefix.SAB, b) for b in self.r.safeguarding_adults_boards
        ]
        boards += [(Prefix.CDOP, b) for b in self.r.child_death_overview_panels]
        for prefix, b in boards:
            nid = node_id(prefix, b.id)
            kind = (
                Kind.SAFEGUARDING_ADULTS_BOARD
                if prefix is Prefix.SAB
                else Kind.CHILD_DEATH_OVERVIEW_PANEL
            )
            ends = self.ends(b.members)
            period = Period(None, None if None in ends or not ends else max(e for e in ends if e))
            attrs = {
                "board_kind": b.kind.value,
                "members_complete": b.members_complete,
                "non_english_members": list(b.non_english_members),
                "aliases": list(b.aliases),
                "notes": b.notes,
            }
            self.g.add_node(
                Node(
                    nid,
                    kind,
                    b.name,
                    period,
                    _prov(b.sources),
                    (IdentifierAssignment(Identifier(Scheme.REGISTRY, b.id)),),
                    attrs,
                )
            )
            self.members(nid, b.members, _prov(b.sources), f"{prefix} {b.id} members")
            if prefix == "sab":
                for m in b.members:
                    covered.setdefault(m.la, []).append(m.period)
        for a in self.r.all_age_partnerships:
            p = self.r.partnership(a.partnership)
            nid = node_id(Prefix.SAB, a.partnership)
            self.g.add_node(
                Node(
                    nid,
                    Kind.SAFEGUARDING_ADULTS_BOARD,
                    f"{p.name} (all-age: also the SAB)",
                    a.period,
                    _prov(a.sources),
                    attrs={
                        "all_age_partnership": node_id(Prefix.PARTNERSHIP, p.id),
                        "notes": a.notes,
                    },
                )
            )
            spans = [(m, m.period.clip(a.period)) for m in p.members]
            self.members(
                nid,
                [MembershipRecord(m.la, s, m.sources or a.sources) for m, s in spans if s],
                _prov(a.sources),
                f"all-age {a.partnership}",
            )
            for m, s in spans:
                if s:
                    covered.setdefault(m.la, []).append(s)
        for node in self.g.all_nodes():
            if node.kind not in UPPER_TIER:
                continue
            gss = node.codes(Scheme.GSS) + node.codes(Scheme.PROVISIONAL)
            taken = [p for code in gss for p in covered.get(code, [])]
            own = _complement(node.period, taken)
            code = local_part(node.id)
            if own:
                sab = node_id(Prefix.SAB, "own", code.lower())
                sab_prov = _of(node, inferred_sab)
                self.g.add_node(
                    Node(
                        sab,
                        Kind.SAFEGUARDING_ADULTS_BOARD,
                        f"{node.name} Safeguarding Adults Board",
                        Period(own[0].start, own[-1].end),
                        sab_prov,
                    )
                )
                for span in own:
                    self.g.add_edge(Edge(sab, node.id, Relation.HAS_MEMBER, span, sab_prov))
            hwb_period = Period(max(node.period.start or HWB_START, HWB_START), node.period.end)
            hwb_prov = _of(
                node,
                (
                    Provenance(
                        HSCA_S194, "each upper-tier council establishes an HWB", Confidence.INFERRED
                    ),
                ),
            )
            hwb = node_id(Prefix.HWB, code.lower())
            self.g.add_node(
                Node(
                    hwb,
                    Kind.HEALTH_AND_WELLBEING_BOARD,
                    f"{node.name} Health and Wellbeing Board",
                    hwb_period,
                    hwb_prov,
                )
            )
            self.g.add_edge(Edge(hwb, node.id, Relation.HAS_MEMBER, hwb_period, hwb_prov))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _complement(life: Period, taken: list[Period]) -> list[Period]:
    """The parts of ``life`` covered by none of ``taken``."""
    out: list[Period] = []
    cursor = life.start
    for p in sorted(taken, key=lambda p: p.start or date.min):
        if p.start is not None and (cursor is None or p.start > cursor):
            piece = Period(cursor, p.start).clip(life)
            if piece:
                out.append(piece)
        if p.end is None:
            return out
        cursor = p.end if cursor is None or p.end > cursor else cursor
    tail = (
        Period(cursor, life.end)
        if cursor is None or life.end is None or cursor < life.end
        else None
    )
    if tail is not None:
        clipped = tail.clip(life)
        if clipped:
            out.append(clipped)
    return out


def add_registry(g: TemporalGraph, directory: Path) -> None:
    """Add the registry in ``directory`` to the geography graph ``g``."""
    known = authorities(g)
    registry = load_registry(directory, known)
    bodies = load_bodies(directory, known, registry.ids())
    rules = load_rules(directory)
    w = _Writer(g, registry)
    w.partnerships()
    w.boards()
    write_bodies(g, bodies, w.problems)
    write_rules(g, rules)
    if w.problems:
        raise LoadError(w.problems)
    g.meta["registry"] = {
        "partnerships": len(registry.partnerships),
        "joint_safeguarding_adults_boards": sum(
            b.kind is BoardKind.JOINT_SAB for b in registry.safeguarding_adults_boards
        ),
        "single_safeguarding_adults_boards": sum(
            b.kind is BoardKind.SAB for b in registry.safeguarding_adults_boards
        ),
        "child_death_overview_panels": len(registry.child_death_overview_panels),
        "all_age_partnerships": len(registry.all_age_partnerships),
        "national_bodies": len(bodies.national),
        "local_safeguarding_children_boards": len(bodies.lscbs),
        "community_safety_partnerships": len(bodies.csps),
        "rule_sets": len(rules),
        "linked_arrangements": [
            {
                "id": x.id,
                "name": x.name,
                "kind": x.kind.value,
                "local_authorities": list(x.local_authorities),
            }
            for x in registry.linked
        ],
    }
