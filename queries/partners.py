"""Statutory partners of a partnership on a date: derived from geography, and as named.

The law makes partners of the LAs, every CCG (ICB from 2022-07-01) with any part of its area in
the footprint, and every police force likewise. Published arrangements name partners too; where
named and derived partners disagree, that is a finding to report, not an error to hide. Each
:class:`Partner` row says which it is (``statutory``, ``named``, or both), with its share and
where the fact comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from graph.errors import LookupFailure
from graph.model import Confidence, Edge, Provenance
from graph.temporal import TemporalGraph
from ontology.vocabulary import HEALTH_BODIES, Kind, Relation
from queries.coverage import check_date
from queries.footprint import PARTNERSHIP, Footprints, Ref, footprints
from queries.overlap import PartnershipOverlap, Share, partnership_overlap
from queries.sliver import DEFAULT_SLIVER, is_sliver

DERIVED = Provenance(
    "population blocks (LSOA lookups summed by district and health area)",
    "any part of the footprint makes a statutory partner",
    Confidence.DERIVED,
)
"""Where a statutory police or health partner comes from: the geography."""


class Role(Enum):
    """Which side a partner stands for."""

    LOCAL_AUTHORITY = "local authority"
    POLICE = "chief officer of police"
    HEALTH = "health body (CCG or ICB)"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Partner:
    """An organisation taking part in a partnership on a date."""

    organisation: Ref
    role: Role
    statutory: bool  # a member LA, or a force or health body with people in the footprint
    named: bool  # named by the published arrangements (asserted in the registry)
    named_as: str | None
    share: float | None  # fraction of the partnership's people in its area (None: not derived)
    sliver: bool
    provenance: tuple[Provenance, ...]


@dataclass(frozen=True, slots=True)
class Lead:
    """The lead post of one partner organisation (lead representative under Working Together
    2018, lead safeguarding partner under 2023); ``office`` empty where the rule names none."""

    organisation: Ref
    post: Ref
    office: str


@dataclass(frozen=True, slots=True)
class Partners:
    partnership: Ref
    local_authorities: tuple[Ref, ...]
    health_bodies: tuple[Share, ...]
    police_forces: tuple[Share, ...]
    named: tuple[Ref, ...]
    named_not_derived: tuple[Ref, ...]  # named by the arrangements, but no part of the footprint
    derived_not_named: tuple[Ref, ...]  # in the footprint, but not among the named partners
    leads: tuple[Lead, ...]
    chairs: tuple[Ref, ...]
    rows: tuple[Partner, ...]  # every partner, statutory first (LAs, police, health), then named


def partner_rows(fp: Footprints, o: PartnershipOverlap, sliver: float) -> tuple[Partner, ...]:
    """The partners of the partnership of ``o`` on the date of ``fp``.

    >>> from loaders.landscape import bundled
    >>> from queries.overlap import partnership_overlap
    >>> fp = footprints(bundled().at(date(2024, 6, 1)))
    >>> rows = partner_rows(fp, partnership_overlap(fp, "partnership:essex-scb"), DEFAULT_SLIVER)
    >>> [(r.organisation.name, r.statutory) for r in rows if r.role is Role.HEALTH][0]
    ('NHS Mid and South Essex Integrated Care Board', True)
    """
    view, pid = fp.view, o.partnership.id
    named: dict[str, Edge] = {e.target: e for e in view.out(pid, Relation.HAS_PARTNER)}
    members: dict[str, Edge] = {e.target: e for e in view.out(pid, Relation.HAS_MEMBER)}
    out: list[Partner] = []
    for la in o.local_authorities:
        share = fp.la_population(la.id).people / o.population if o.population else 0.0
        edge = members.get(la.id)
        out.append(
            Partner(
                la,
                Role.LOCAL_AUTHORITY,
                True,
                la.id in named,
                _named_as(named.get(la.id)),
                share,
                is_sliver(share, sliver),
                edge.provenance if edge else (),
            )
        )
    for role, shares in ((Role.POLICE, o.police_forces), (Role.HEALTH, o.health_bodies)):
        for s in shares:
            edge = named.get(s.body.id)
            prov = (DERIVED, *(edge.provenance if edge else ()))
            out.append(
                Partner(
                    s.body, role, True, edge is not None, _named_as(edge), s.share, s.sliver, prov
                )
            )
    listed = {p.organisation.id for p in out}
    for target, edge in sorted(named.items()):
        if target not in listed:
            role = _role(view.node(target).kind)
            prov = edge.provenance
            out.append(
                Partner(fp.ref(target), role, False, True, _named_as(edge), None, False, prov)
            )
    return tuple(out)


def partners(
    g: TemporalGraph, when: date, partnership: str, sliver: float = DEFAULT_SLIVER
) -> Partners:
    """The statutory partners of ``partnership`` (a node id) on ``when``.

    >>> from loaders.landscape import bundled
    >>> essex = partners(bundled(), date(2022, 7, 1), "partnership:essex-scb")
    >>> len(essex.health_bodies)
    3
    """
    check_date(g, when)
    view = g.at(when)
    if not view.has(partnership) or view.node(partnership).kind != PARTNERSHIP:
        raise LookupFailure(f"no partnership {partnership!r} on {when}")
    fp = footprints(view)
    o = partnership_overlap(fp, partnership, sliver)
    named = tuple(fp.ref(t) for t in sorted(set(view.targets(partnership, Relation.HAS_PARTNER))))
    derived = {s.body.id for s in (*o.health_bodies, *o.police_forces)}
    # a named partner is consistent with the derived ones if the same body, or a sub-ICB location
    # of a derived ICB, is named
    named_ids = {r.id for r in named}
    for r in named:
        named_ids.update(view.targets(r.id, Relation.PART_OF_ICB))
    orgs = [r.id for r in o.local_authorities] + sorted(derived)
    leads = []
    for org in orgs:
        for post in view.sources(org, Relation.POST_IN):
            node = view.node(post)
            if "lead" in node.attrs.get("duties", ()):  # the lead post the rules in force name
                leads.append(Lead(fp.ref(org), fp.ref(post), str(node.attrs.get("office", ""))))
    return Partners(
        o.partnership,
        o.local_authorities,
        o.health_bodies,
        o.police_forces,
        named,
        tuple(
            r
            for r in named
            if r.id not in derived and not set(view.targets(r.id, Relation.PART_OF_ICB)) & derived
        ),
        tuple(fp.ref(d) for d in sorted(derived) if named and d not in named_ids),
        tuple(leads),
        tuple(fp.ref(p) for p in view.sources(partnership, Relation.POST_FOR)),
        partner_rows(fp, o, sliver),
    )


def _named_as(edge: Edge | None) -> str | None:
    if edge is None:
        return None
    value = edge.attrs.get("named_as")
    return str(value) if value else None


def _role(kind: str) -> Role:
    if kind == Kind.POLICE_FORCE_AREA:
        return Role.POLICE
    if kind in HEALTH_BODIES:
        return Role.HEALTH
    return Role.OTHER
