"""The partners an LA's geography gives it in a landscape, real or what-if: every police force and
health body with any part of its area (with the people in each and their shares, slivers flagged),
the community safety partnerships of its districts, and the boards it is a member of.

This is what a new council must make its arrangements with, whether or not a proposal places it
in a partnership: the statutory partners follow from geography, not from the registry. Pure
functions of a :class:`~queries.whatif.State`; coterminosity as
:func:`queries.overlap.coterminosity` defines it.

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> from queries.whatif import state
>>> s = state(bundled().at(date(2028, 3, 31)))
>>> p = derived_partners(s, "la:WSX")
>>> [(x.body.name, x.share) for x in p.police_forces], p.police_coterminosity < 1
([('Sussex', 1.0)], True)
"""

from __future__ import annotations

from dataclasses import dataclass

from queries.footprint import Pop, Ref
from queries.overlap import Share, coterminosity
from queries.sliver import DEFAULT_SLIVER, is_sliver
from queries.whatif import State


@dataclass(frozen=True, slots=True)
class CspPart:
    """A community safety partnership with districts in the LA: the LA's people in it, their share
    of the LA, and whether the CSP lies wholly within the LA."""

    csp: Ref
    population: int
    share: float
    whole: bool


@dataclass(frozen=True, slots=True)
class DerivedPartners:
    police_forces: tuple[Share, ...]
    health_bodies: tuple[Share, ...]
    community_safety_partnerships: tuple[CspPart, ...]
    boards: tuple[Ref, ...]  # the SABs, HWBs and CDOPs it is a member of
    police_coterminosity: float
    health_coterminosity: float


def body_totals(s: State, family: str) -> dict[str, int]:
    """People of every police force area (``"police"``) or health body (kept with the state)."""

    def make() -> dict[str, int]:
        return {b: p.people for b, p in s.shares(s.uppers(), family).items() if b}

    result: dict[str, int] = s.memo(("body_totals", family), make)
    return result


def _shares(s: State, la: str, family: str, whole: Pop, sliver: float) -> tuple[Share, ...]:
    out = []
    parts = s.shares([la], family)
    for body, pop in sorted(parts.items(), key=lambda kv: (-kv[1].people, kv[0])):
        if not body:
            continue
        share, kids = pop.fractions(whole)
        out.append(
            Share(s.ref(body), pop.people, share, pop.children, kids, is_sliver(share, sliver))
        )
    return tuple(out)


def _csps(s: State, la: str, whole: int) -> tuple[CspPart, ...]:
    mine = set(s.districts().get(la, []))
    people = {d: sum(b.people for b in s.blocks.get(d, ())) for d in mine}
    out = []
    for csp, districts in sorted(s.csps.items()):
        inside = [d for d in districts if d in mine]
        if inside:
            n = sum(people[d] for d in inside)
            out.append(
                CspPart(s.ref(csp), n, n / whole if whole else 0.0, len(inside) == len(districts))
            )
    return tuple(sorted(out, key=lambda c: (-c.population, c.csp.id)))


def derived_partners(s: State, la: str, sliver: float = DEFAULT_SLIVER) -> DerivedPartners:
    """The partners ``la`` (an upper-tier LA of ``s``) has by its geography in ``s``."""
    whole = s.population([la])
    police = _shares(s, la, "police", whole, sliver)
    health = _shares(s, la, "health", whole, sliver)
    boards = tuple(s.ref(b) for b, las in sorted(s.boards.items()) if la in las)
    return DerivedPartners(
        police,
        health,
        _csps(s, la, whole.people),
        boards,
        coterminosity(
            {x.body.id: x.population for x in police}, whole.people, body_totals(s, "police")
        ),
        coterminosity(
            {x.body.id: x.population for x in health}, whole.people, body_totals(s, "health")
        ),
    )
