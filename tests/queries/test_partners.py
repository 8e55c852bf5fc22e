"""The registry in the landscape: partnerships, derived and named partners, posts and boards."""

from __future__ import annotations

from datetime import date

from graph.codes import Scheme
from graph.resolver import find
from graph.temporal import TemporalGraph
from queries.footprint import footprints
from queries.partners import partners

D = date.fromisoformat


def partnership_of(g: TemporalGraph, gss: str, when: str) -> str:
    view = g.at(D(when))
    (p,) = footprints(view).covering[find(g, gss, D(when), scheme=Scheme.GSS).id]
    return p


def members(g: TemporalGraph, partnership: str, when: str) -> set[str]:
    view = g.at(D(when))
    return {
        view.node(la).code(Scheme.GSS, D(when)) or ""
        for la in footprints(view).members[partnership]
    }


def test_city_of_london_and_hackney_share_one_partnership_with_both_police_forces(
    landscape: TemporalGraph,
) -> None:
    p = partnership_of(landscape, "E09000001", "2024-06-01")
    assert p == partnership_of(landscape, "E09000012", "2024-06-01")
    found = partners(landscape, D("2024-06-01"), p)
    assert {s.body.code for s in found.police_forces} == {"E23000001", "E23000034"}
    assert {r.code for r in found.named} == {"E23000001", "E23000034"}
    assert found.named_not_derived == ()


def test_cumbria_one_partnership_then_two(landscape: TemporalGraph) -> None:
    for when in ("2023-04-01", "2025-03-31"):
        p = partnership_of(landscape, "E06000063", when)
        assert members(landscape, p, when) == {"E06000063", "E06000064"}
    assert partnership_of(landscape, "E06000063", "2025-04-01") != partnership_of(
        landscape, "E06000064", "2025-04-01"
    )
    assert members(
        landscape, partnership_of(landscape, "E06000063", "2025-04-01"), "2025-04-01"
    ) == {"E06000063"}
    # before 2023 the county was one single-LA partnership, the same partnership that went joint
    assert partnership_of(landscape, "E10000006", "2022-06-01") == partnership_of(
        landscape, "E06000063", "2023-06-01"
    )


def test_leicester_separate_and_bedfordshire_three(landscape: TemporalGraph) -> None:
    when = "2024-06-01"
    assert partnership_of(landscape, "E06000016", when) != partnership_of(
        landscape, "E10000018", when
    )
    assert partnership_of(landscape, "E10000018", when) == partnership_of(
        landscape, "E06000017", when
    )
    assert (
        len({partnership_of(landscape, c, when) for c in ("E06000055", "E06000056", "E06000032")})
        == 3
    )


def test_essex_has_three_icbs_as_partners_from_july_2022(landscape: TemporalGraph) -> None:
    essex = partnership_of(landscape, "E10000012", "2022-07-01")
    assert len(partners(landscape, D("2022-07-01"), essex).health_bodies) == 3
    before = partners(landscape, D("2022-06-30"), essex)
    assert {s.body.kind for s in before.health_bodies} == {"ClinicalCommissioningGroup"}
    after = partners(landscape, D("2022-07-01"), essex)
    assert {s.body.kind for s in after.health_bodies} == {"IntegratedCareBoard"}


def test_lead_safeguarding_partner_posts(landscape: TemporalGraph) -> None:
    essex = partnership_of(landscape, "E10000012", "2024-06-01")
    found = partners(landscape, D("2024-06-01"), essex)
    offices = sorted(lead.office for lead in found.leads)
    assert offices == ["chief executive"] * 4 + [
        "chief officer of police"
    ]  # LA, 3 ICBs, Essex Police


def test_derived_and_named_partners_disagree_where_they_do(landscape: TemporalGraph) -> None:
    """Derby and Derbyshire name Tameside and Glossop CCG (Glossop) but not Derby and Derbyshire CCG."""
    p = partnership_of(landscape, "E06000015", "2019-10-01")
    found = partners(landscape, D("2019-10-01"), p)
    assert "NHS Tameside and Glossop CCG" in {s.body.name for s in found.health_bodies}
    assert "NHS Derby and Derbyshire CCG" in {r.name for r in found.derived_not_named}


def test_every_board_footprint_loads(landscape: TemporalGraph) -> None:
    g = landscape
    cdops = g.all_nodes("ChildDeathOverviewPanel")
    assert len(cdops) == 32  # every row of cdop_footprints.csv
    sabs = g.all_nodes("SafeguardingAdultsBoard")
    joint = [s for s in sabs if s.attrs.get("board_kind") == "joint_sab"]
    assert len(joint) == 13
    # which LAs get a recorded or an inferred SAB and HWB: tests/loaders/test_registry_writer.py
    view = g.at(D("2024-06-01"))
    ons_csps = [c for c in view.nodes("CommunitySafetyPartnership") if c.code(Scheme.GSS)]
    assert len(ons_csps) == 293  # and two that ONS does not list (registry/bodies.yaml)
