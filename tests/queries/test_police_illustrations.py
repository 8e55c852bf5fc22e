"""The hypothetical police mergers reported in the press (Norfolk with Suffolk, Gloucestershire
with Wiltshire, the four forces of Yorkshire and the Humber), shipped as clearly labelled
illustrations. Each report names every partnership that gains or loses a police partner, and the
people affected; both are computed here independently from the files: the districts of each
force (lad24_csp24_pfa24), their upper-tier LAs (ltla23_utla23), the partnerships those LAs are
in on the day (la_to_childrens_safeguarding_partnership.csv, matched by DfE code, which the 2025
recodes of Barnsley and Sheffield do not change) and Census 2021 people by LSOA."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest

from graph.codes import Scheme
from graph.temporal import TemporalGraph
from queries.impact import apply, impact
from queries.proposal import load_proposal
from queries.stacking import shipped_proposals
from tests.census import district_lookup, people_in, upper_of
from tests.data import shared

MERGERS = {
    "hypothetical-police-norfolk-suffolk": ("E23000024", "E23000025"),
    "hypothetical-police-gloucestershire-wiltshire": ("E23000037", "E23000038"),
    "hypothetical-police-yorkshire-and-humber": (
        "E23000009",
        "E23000010",
        "E23000011",
        "E23000012",
    ),
}


def partnerships_on(day: date) -> dict[str, set[str]]:
    """Partnership id -> the DfE codes of its member LAs on ``day``, from the compiled table."""
    out: dict[str, set[str]] = defaultdict(set)
    path = shared("safeguarding", "la_to_childrens_safeguarding_partnership.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            start = date.fromisoformat(row["period_start"])
            end = date.fromisoformat(row["period_end"]) if row["period_end"] else date.max
            if start <= day <= end:
                out[row["partnership_id"]].add(row["la_code_dfe"])
    return dict(out)


def dfe_codes() -> dict[str, str]:
    """ONS code -> DfE code of each upper-tier LA, from the compiled table."""
    path = shared("safeguarding", "la_to_childrens_safeguarding_partnership.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["la_code_ons"]: row["la_code_dfe"] for row in csv.DictReader(f)}


@pytest.mark.parametrize("name", sorted(MERGERS))
def test_a_police_merger_reports_every_partnership_and_person_affected(
    landscape: TemporalGraph, name: str
) -> None:
    proposal = load_proposal(shipped_proposals()[name])
    assert proposal.hypothetical and proposal.name.startswith("HYPOTHETICAL")
    assert proposal.status == "proposed"
    assert proposal.sources and all(
        s.startswith("reported in the press") and "https://" in s for s in proposal.sources
    )
    forces = set(MERGERS[name])
    pfa, _ = district_lookup()
    districts = {d for d, f in pfa.items() if f in forces}
    uppers = {upper_of()[d] for d in districts}
    dfe = dfe_codes()
    wanted = {dfe[la] for la in uppers}
    expected = {
        frozenset(members)
        for members in partnerships_on(proposal.day_before).values()
        if members & wanted
    }
    r = impact(landscape, proposal)
    w = apply(landscape, proposal)
    g, day = landscape, proposal.day_before

    def dfe_of(la: str) -> str:
        code = g.node(la).code(Scheme.DFE, day)
        assert code is not None, la
        return code

    changed = {
        frozenset(dfe_of(la) for la in w.after.partnerships[c.partnership.id])
        for c in r.partnerships
        if any(s.family == "police" for s in (*c.gained, *c.lost))
    }
    assert changed == expected
    assert len(r.partnerships) == len(expected)
    (made,) = r.new_entities
    assert made.kind == "PoliceForceArea" and "hypothetical" in made.name
    for c in r.partnerships:
        assert {s.partner.code for s in c.lost} <= forces and c.lost
        assert [s.partner.id for s in c.gained] == [made.id]
    people, children = people_in(districts)
    assert (r.affected.people, r.affected.children, r.affected.police) == (people, children, people)
    assert r.affected.local_government == r.affected.health == r.affected.partnership == 0
