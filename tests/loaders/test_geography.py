"""The geography of England over time, as the official files record it (issue 2 acceptance)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from graph.codes import Scheme
from graph.resolver import find
from graph.temporal import TemporalGraph, View
from ontology.vocabulary import DISTRICT_LEVEL, UPPER_TIER, Kind
from queries.footprint import footprints
from tests.data import shared

D = date.fromisoformat


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2019-10-01", 151),
        ("2020-10-01", 151),
        ("2021-10-01", 152),
        ("2023-10-01", 153),
        ("2026-11-23", 153),
        ("2027-03-31", 153),
        (
            "2027-04-01",
            154,
        ),  # decided: Surrey County Council and its districts -> East, West Surrey
    ],
)
def test_upper_tier_counts(geography: TemporalGraph, when: str, expected: int) -> None:
    assert len(geography.at(D(when)).nodes(*UPPER_TIER)) == expected


@pytest.mark.parametrize("year", range(2019, 2027))
def test_39_police_force_areas_every_year(geography: TemporalGraph, year: int) -> None:
    assert len(geography.at(date(year, 10, 1)).nodes(Kind.POLICE_FORCE_AREA)) == 39


@pytest.mark.parametrize(
    ("when", "ccgs", "icbs"),
    [
        ("2019-10-01", 191, 0),
        ("2020-10-01", 135, 0),
        ("2021-10-01", 106, 0),
        ("2022-06-30", 106, 0),
        ("2022-07-01", 0, 42),
        ("2024-06-01", 0, 42),
        ("2026-03-31", 0, 42),
        ("2026-04-01", 0, 36),  # twelve ICBs dissolved into six new ones (changes tables)
        ("2026-11-23", 0, 36),
    ],
)
def test_health_bodies(geography: TemporalGraph, when: str, ccgs: int, icbs: int) -> None:
    view = geography.at(D(when))
    assert (len(view.nodes(Kind.CCG)), len(view.nodes(Kind.ICB))) == (ccgs, icbs)


def test_every_district_and_upper_tier_la_in_one_police_force_on_every_date(
    geography: TemporalGraph,
) -> None:
    for when in [d for d in geography.change_dates if d >= D("2019-04-01")]:
        view = geography.at(when)
        fp = footprints(view)
        for n in view.nodes(*DISTRICT_LEVEL):
            assert len(view.targets(n.id, "inPoliceForceArea")) == 1, (when, n.name)
        for la in fp.upper:
            forces = {fp.police_of[d] for d in fp.districts[la]}
            assert len(forces) == 1, (when, la, forces)


def test_metropolitan_police_holds_32_upper_tier_las(geography: TemporalGraph) -> None:
    for when in (D("2019-10-01"), D("2024-06-01")):
        fp = footprints(geography.at(when))
        met = [la for la in fp.upper if fp.police_of[fp.districts[la][0]] == "pfa:E23000001"]
        assert len(met) == 32


def test_las_spanning_more_than_one_icb_in_2024(geography: TemporalGraph) -> None:
    view = geography.at(D("2024-06-01"))
    fp = footprints(view)
    spanning = {}
    for la in fp.upper:
        shares = fp.shares([la], "health")
        assert sum(p.people for p in shares.values()) == fp.la_population(la).people
        if len(shares) > 1:
            spanning[view.node(la).name] = {view.node(b).name: p.people for b, p in shares.items()}
    essex = spanning["Essex County Council"]
    assert sorted(essex) == [
        "NHS Hertfordshire and West Essex Integrated Care Board",
        "NHS Mid and South Essex Integrated Care Board",
        "NHS Suffolk and North East Essex Integrated Care Board",
    ]
    assert sum(essex.values()) == _census_population_of_upper_tier("E10000012")
    assert (
        "Oxfordshire County Council" in spanning
    )  # 0.3% in Northamptonshire ICB: a sliver that counts
    assert {n: sorted(v.values()) for n, v in spanning.items()} == _spanning_from_the_csvs(view)


def _spanning_from_the_csvs(view: View) -> dict[str, list[int]]:
    """Independently of the graph: upper-tier LAs in more than one ICB, by the raw 2024 files."""

    def rows(name: str) -> list[dict[str, str]]:
        with shared("geography", name).open(encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh))

    utla = {r["ltla23_code"]: r["utla23_code"] for r in rows("ltla23_utla23_ew_ons.csv")}
    lad = {r["lsoa21_code"]: r["ltla24_code"] for r in rows("lsoa21_lad24_en_ons.csv")}
    pop = {
        r["lsoa21_code"]: int(r["total_population"])
        for r in rows("pop_lsoa21_census2021_en_ons.csv")
    }
    sums: dict[str, Counter[str]] = {}
    for r in rows("lsoa21_sicbl24_icb24_en_ons.csv"):
        up = utla[lad[r["lsoa21_code"]]]
        sums.setdefault(up, Counter())[r["icb24_code"]] += pop[r["lsoa21_code"]]
    names = {
        view.graph.node(find(view.graph, c, view.when, scheme=Scheme.GSS).id).name: c for c in sums
    }
    return {n: sorted(sums[c].values()) for n, c in names.items() if len(sums[c]) > 1}


def _census_population_of_upper_tier(utla: str) -> int:
    """Straight from the CSVs: Census 2021 residents of the LSOAs in the districts of ``utla``."""
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as fh:
        districts = {r["ltla23_code"] for r in csv.DictReader(fh) if r["utla23_code"] == utla}
    with shared("geography", "lsoa21_lad24_en_ons.csv").open(encoding="utf-8-sig") as fh:
        lsoas = {r["lsoa21_code"] for r in csv.DictReader(fh) if r["ltla24_code"] in districts}
    with shared("geography", "pop_lsoa21_census2021_en_ons.csv").open(encoding="utf-8-sig") as fh:
        return sum(
            int(r["total_population"]) for r in csv.DictReader(fh) if r["lsoa21_code"] in lsoas
        )


def test_population_totals_match_the_sources(geography: TemporalGraph) -> None:
    def total(when: str) -> int:
        return sum(
            b.attrs["population"] for b in geography.at(D(when)).nodes(Kind.POPULATION_BLOCK)
        )

    assert total("2019-10-01") == 56_550_138  # mid-2020 estimates on LSOA 2011
    assert total("2024-06-01") == 56_489_608  # Census 2021 on LSOA 2021


def test_history_of_cumbria(geography: TemporalGraph) -> None:
    cumbria = find(geography, "E10000006", None, scheme=Scheme.GSS).id
    history = geography.history(cumbria)
    assert history.node.period.end == D("2023-04-01")
    (event,) = history.events
    successors = {
        geography.node(e.target).name
        for e in geography.out_edges(event.id)
        if e.relation == "resultingOrganization"
    }
    assert successors == {"Cumberland Council", "Westmorland and Furness Council"}
    for code in ("E06000063", "E06000064"):
        assert geography.node(find(geography, code, None, scheme=Scheme.GSS).id).period.start == D(
            "2023-04-01"
        )


def test_ccg_to_icb_transition_and_icb_recodes_are_events(geography: TemporalGraph) -> None:
    events = geography.all_nodes(Kind.CHANGE_EVENT)
    transition = [e for e in events if e.attrs["change"] == "ccg-to-icb"]
    assert {e.attrs["date"] for e in transition} == {"2022-07-01"}
    ended = {
        e.target
        for ev in transition
        for e in geography.out_edges(ev.id)
        if e.relation == "originalOrganization"
    }
    assert ended == {n.id for n in geography.at(D("2022-06-30")).nodes(Kind.CCG)}  # all 106
    recodes = {e.name for e in events if e.attrs["change"] == "recode"}
    assert any(
        "Surrey Heartlands Integrated Care Board recoded E54000052 to E54000063" in r
        for r in recodes
    )
    assert any("Sussex Integrated Care Board recoded E54000053 to E54000064" in r for r in recodes)
    assert any("Barnsley" in r and "E08000038" in r for r in recodes)
    icbs_made = {
        e.target
        for ev in events
        if ev.attrs["change"] == "ccg-to-icb"
        for e in geography.out_edges(ev.id)
        if e.target.startswith("icb:")
    }
    assert len(icbs_made) == 42


def test_an_organisation_is_not_its_code(geography: TemporalGraph) -> None:
    # E38000246 was NHS Surrey Heartlands CCG, then the sub-ICB location 92A, until 2023
    ccg = find(geography, "E38000246", D("2021-10-01"), scheme=Scheme.GSS).id
    sicbl = find(geography, "E38000246", D("2022-10-01"), scheme=Scheme.GSS).id
    assert (ccg, sicbl) == ("ccg:92A", "sicbl:92A")
    assert find(geography, "E38000264", D("2024-01-01"), scheme=Scheme.GSS).id == "sicbl:92A"
    # Barnsley keeps its identity across the 2025 recode; DfE 370 names it throughout
    assert (
        find(geography, "E08000038", D("2025-06-01"), scheme=Scheme.GSS).id
        == find(geography, "370", None, scheme=Scheme.DFE).id
    )


def test_diff_between_dates(geography: TemporalGraph) -> None:
    diff = geography.diff(D("2023-03-31"), D("2023-04-01"))
    assert "la:CMA" in diff.nodes_removed and "la:CBD" in diff.nodes_added
    assert ("inPoliceForceArea", "la:CBD", "pfa:E23000002") in diff.edges_added
