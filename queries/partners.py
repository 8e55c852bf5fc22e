"""Statutory partners of a partnership on a date: derived from geography, and as named.

The law makes partners of the LAs, every CCG (ICB from 2022-07-01) with any part of its area in
the footprint, and every police force likewise. Published arrangements name partners too; where
named and derived partners disagree, that is a finding to report, not an error to hide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.errors import LookupFailure
from graph.temporal import TemporalGraph
from ontology.vocabulary import Relation
from queries.coverage import check_date
from queries.footprint import PARTNERSHIP, Ref, footprints
from queries.overlap import DEFAULT_SLIVER, Share, partnership_overlap


@dataclass(frozen=True, slots=True)
class Lead:
    """The lead safeguarding partner post of one partner organisation."""

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
    )
