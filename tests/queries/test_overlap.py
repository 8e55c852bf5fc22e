"""Overlap on the real landscape: who must work with whom, for what share of the population."""

from __future__ import annotations

from datetime import date

import pytest

from graph.temporal import TemporalGraph
from queries.footprint import footprints
from queries.overlap import overlap
from tests import reference

D = date.fromisoformat
ESSEX, SOUTHEND, THURROCK, BASILDON = "E10000012", "E06000033", "E06000034", "E07000066"
OXFORDSHIRE = "E10000025"


def essex_districts() -> set[str]:
    """Essex's twelve districts, from the ONS 2023 lookup."""
    return {
        r["ltla23_code"]
        for r in reference.rows("ltla23_utla23_ew_ons.csv")
        if r["utla23_code"] == ESSEX
    }


def test_met_police_works_with_the_london_partnerships_covering_its_32_boroughs(
    landscape: TemporalGraph,
) -> None:
    when = D("2024-06-01")
    report = overlap(landscape, when)
    met = next(b for b in report.police_forces if b.body.code == "E23000001")
    fp = footprints(landscape.at(when))
    boroughs = {la for la in fp.upper if fp.police_of[fp.districts[la][0]] == "pfa:E23000001"}
    assert len(boroughs) == 32
    expected = {p for la in boroughs for p in fp.covering[la]}
    assert {s.body.id for s in met.partnerships} == expected
    # every person of the Met's area is in one of those partnerships
    assert sum(s.population for s in met.partnerships) == sum(
        fp.la_population(la).people for la in boroughs
    )
    assert sum(s.share for s in met.partnerships) == pytest.approx(1.0)


def test_city_and_hackney_has_both_london_forces(landscape: TemporalGraph) -> None:
    report = overlap(landscape, D("2024-06-01"))
    chscp = next(
        p for p in report.partnerships if p.partnership.id == "partnership:city-and-hackney-scp"
    )
    assert {s.body.code for s in chscp.police_forces} == {"E23000001", "E23000034"}
    assert chscp in report.multi_force


def test_essex_has_three_icbs_with_shares_summing_to_one(landscape: TemporalGraph) -> None:
    report = overlap(landscape, D("2024-06-01"))
    essex = next(
        p for p in report.partnerships if p.partnership.name == "Essex Safeguarding Children Board"
    )
    assert len(essex.health_bodies) == 3
    assert sum(s.share for s in essex.health_bodies) == pytest.approx(1.0, abs=1e-12)
    assert sum(s.population for s in essex.health_bodies) == essex.population
    assert report.children_ages == "0-15"  # Census 2021 has no 0-17 band
    assert sum(s.children_share or 0 for s in essex.health_bodies) == pytest.approx(1.0)
    before = overlap(landscape, D("2021-06-01"))  # CCGs then, and mid-2020 children aged 0-17
    essex_2021 = next(
        p for p in before.partnerships if p.partnership.name == essex.partnership.name
    )
    assert before.children_ages == "0-17" and len(essex_2021.health_bodies) == 5


def test_slivers_are_flagged_not_dropped(landscape: TemporalGraph) -> None:
    report = overlap(landscape, D("2024-06-01"), sliver=0.01)
    oxon = next(p for p in report.partnerships if "Oxfordshire" in p.partnership.name)
    slivers = [s for s in oxon.health_bodies if s.sliver]
    northants = next(
        s for s in slivers if s.body.name == "NHS Northamptonshire Integrated Care Board"
    )
    # "0.3% of its population in Northamptonshire ICB", exactly as the ONS files give it
    assert northants.share == pytest.approx(reference.icb_shares(OXFORDSHIRE)[northants.body.code])
    assert round(northants.share, 3) == 0.003
    assert all(s.share < 0.01 for s in slivers) and len(slivers) == len(oxon.health_bodies) - 1
    none = overlap(landscape, D("2024-06-01"), sliver=0.0)
    assert not any(s.sliver for p in none.partnerships for s in p.health_bodies)


def test_coterminosity(landscape: TemporalGraph) -> None:
    report = overlap(landscape, D("2024-06-01"))
    by_name = {p.partnership.name: p for p in report.partnerships}
    # Cornwall and the Isles of Scilly: one ICB with exactly the partnership's footprint
    oscp = next(
        p for n, p in by_name.items() if n.startswith("Our Safeguarding Children Partnership")
    )
    assert oscp.health_coterminosity == 1.0
    # Essex Police also polices Southend and Thurrock, which have their own partnerships
    essex = by_name["Essex Safeguarding Children Board"]
    county, southend, thurrock = (
        reference.population(districts) for districts in (essex_districts(), {SOUTHEND}, {THURROCK})
    )
    assert (
        essex.police_coterminosity == round(county / (county + southend + thurrock), 6) == 0.808252
    )


def test_board_footprints_that_differ_from_the_partnerships(landscape: TemporalGraph) -> None:
    report = overlap(landscape, D("2024-06-01"))
    names = {m.board.name: m for m in report.board_mismatches}
    teeswide = names["Teeswide Safeguarding Adults Board"]
    assert len(teeswide.partnerships) == 2 and teeswide.population_outside == 0
    derby_sab = names["Derby City Council Safeguarding Adults Board"]  # own SAB, joint partnership
    assert [p.name for p in derby_sab.partnerships] == [
        "Derby and Derbyshire Safeguarding Children Partnership"
    ]
    assert (
        derby_sab.population_outside
        == footprints(landscape.at(D("2024-06-01"))).la_population("la:DBY").people
    )  # Derbyshire
    csp = {
        m.board.code: m
        for m in report.board_mismatches
        if m.board.kind == "CommunitySafetyPartnership" and m.board.code.startswith("E22")
    }
    assert len(csp) == 184  # of ONS's 293; the other 109 have exactly one partnership's footprint
    basildon = csp["E22000079"]  # one district of Essex: the rest of the county is outside it
    assert [p.id for p in basildon.partnerships] == ["partnership:essex-scb"]
    assert basildon.population_outside == reference.population(essex_districts() - {BASILDON})
