"""Which boundaries draw each footprint on a day, checked against the official files.

The expected districts of each footprint come from the ONS lookups read here with ``csv`` (the
LAD to county, LAD to police force, LSOA to CCG lookups and the LAD chain), not from the program.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest

from graph.temporal import TemporalGraph
from graph.topology import Topology
from loaders.landscape import bundled, bundled_boundaries
from queries.drawing import FAMILIES, Plan, plan
from queries.impact import shipped_proposals
from queries.map_days import map_days
from queries.proposal import load_proposal
from queries.scenario import apply
from tests.data import shared

D = date.fromisoformat


def rows(name: str) -> list[dict[str, str]]:
    with shared("geography", name).open(encoding="utf-8-sig", newline="") as f:
        return [{k.lower(): v for k, v in r.items()} for r in csv.DictReader(f)]


@pytest.fixture(scope="module")
def g() -> TemporalGraph:
    return bundled()


@pytest.fixture(scope="module")
def topo() -> Topology:
    return bundled_boundaries()


def drawn(g: TemporalGraph, topo: Topology, day: str, family: str, code: str) -> dict[str, object]:
    p = plan(g, D(day), topo)
    (row,) = [r for r in p.rows(family) if r["code"] == code]
    return row


@pytest.mark.parametrize(
    ("day", "layer"),
    [
        ("2019-06-01", "lad-2019-12"),  # the 2019 districts, Dorset and BCP already in
        ("2020-06-01", "lad-2019-12"),  # Buckinghamshire is new; its four districts are not
        ("2021-06-01", "lad-2021-12"),
        ("2023-03-31", "lad-2021-12"),
        ("2023-04-01", "lad-2024-05"),
        ("2025-06-01", "lad-2024-05"),
    ],
)
def test_the_district_layer_in_force(
    g: TemporalGraph, topo: Topology, day: str, layer: str
) -> None:
    p = plan(g, D(day), topo)
    assert p.districts is not None and p.districts.name == layer


def test_every_upper_tier_la_is_drawn_on_every_map_day(g: TemporalGraph, topo: Topology) -> None:
    for day in map_days(g):
        p = plan(g, day, topo)
        undrawn = [r["name"] for r in p.rows("local-authorities") if not r["drawn"]]
        assert undrawn == [], day


def test_a_county_is_the_union_of_its_districts_in_the_ons_lookup(
    g: TemporalGraph, topo: Topology
) -> None:
    essex = {
        r["ltla23_code"]
        for r in rows("ltla23_utla23_ew_ons.csv")
        if r["utla23_code"] == "E10000012"
    }
    row = drawn(g, topo, "2024-06-01", "local-authorities", "E10000012")
    assert set(row["drawnFrom"]) == essex and len(essex) == 12
    assert row["confidence"] == "derived" and row["layer"] == "lad-2024-05"
    # a unitary is its own published feature
    bath = drawn(g, topo, "2024-06-01", "local-authorities", "E06000022")
    assert bath["drawnFrom"] == ["E06000022"] and bath["confidence"] == "quoted"


def test_buckinghamshire_2020_is_composed_of_the_districts_it_replaced(
    g: TemporalGraph, topo: Topology
) -> None:
    chain = {
        r["ltla19_code"]
        for r in rows("lad16_to_lad24_chain_uk_ons.csv")
        if r["ltla20_code"] == "E06000060"
    }
    assert len(chain) == 4
    row = drawn(g, topo, "2020-06-01", "local-authorities", "E06000060")
    assert set(row["drawnFrom"]) == chain
    assert "predecessors" in str(row["note"])


def test_a_recoded_district_is_drawn_with_its_former_code(g: TemporalGraph, topo: Topology) -> None:
    chain = [r for r in rows("lad16_to_lad24_chain_uk_ons.csv") if r["ltla24_code"] == "E08000016"]
    assert chain  # Barnsley: E08000016 in the May 2024 boundaries, recoded E08000038 in May 2025
    row = drawn(g, topo, "2025-06-01", "local-authorities", "E08000038")
    assert row["drawnFrom"] == ["E08000016"]
    assert row["confidence"] == "derived" and "former code E08000016" in str(row["note"])


def test_police_force_areas_are_the_union_of_their_districts(
    g: TemporalGraph, topo: Topology
) -> None:
    forces: dict[str, set[str]] = defaultdict(set)
    for r in rows("lad24_csp24_pfa24_ew_ons.csv"):
        if r["pfa24_code"].startswith("E"):
            forces[r["pfa24_code"]].add(r["ltla24_code"])
    p = plan(g, D("2024-06-01"), topo)
    got = {r["code"]: set(r["drawnFrom"]) for r in p.rows("police-forces")}
    assert got == forces


def test_a_ccg_is_drawn_only_where_it_covers_whole_districts(
    g: TemporalGraph, topo: Topology
) -> None:
    lads: dict[str, set[str]] = defaultdict(set)
    ccgs_of: dict[str, set[str]] = defaultdict(set)
    for r in rows("lsoa11_ccg21_stp21_lad21_en_ons.csv"):
        lads[r["ccg21_code"]].add(r["ltla21_code"])
        ccgs_of[r["ltla21_code"]].add(r["ccg21_code"])
    p = plan(g, D("2021-06-01"), topo)
    got = {r["code"]: r for r in p.rows("health-bodies")}
    assert set(got) == set(lads)
    for code, districts in lads.items():
        whole = all(ccgs_of[d] == {code} for d in districts)
        assert got[code]["drawn"] is whole, code
        if whole:
            assert set(got[code]["drawnFrom"]) == districts
        else:
            assert "no CCG boundaries are in the boundary files" in str(got[code]["note"])


def test_icbs_are_their_published_features(g: TemporalGraph, topo: Topology) -> None:
    icbs = {r["icb24_code"] for r in rows("lsoa21_sicbl24_icb24_en_ons.csv")}
    p = plan(g, D("2024-06-01"), topo)
    got = {r["code"]: r for r in p.rows("health-bodies")}
    assert set(got) == icbs
    assert all(r["layer"] == "icb-2023-04" and r["drawnFrom"] == [c] for c, r in got.items())


def test_an_icb_recoded_in_2023_is_drawn_with_its_2023_boundary_in_2022(
    g: TemporalGraph, topo: Topology
) -> None:
    # Surrey Heartlands: E54000052 in July 2022, E54000063 from April 2023, same sub-ICB location
    row = drawn(g, topo, "2022-08-01", "health-bodies", "E54000052")
    assert row["drawnFrom"] == ["E54000063"] and row["confidence"] == "derived"


def test_every_family_has_a_feature_per_entity_with_geometry_where_drawn(
    g: TemporalGraph, topo: Topology
) -> None:
    p = plan(g, D("2024-06-01"), topo)
    for family in FAMILIES:
        fc = p.collection(family)
        assert len(fc["features"]) == len(p.members(family))
        for f in fc["features"]:
            assert (f["geometry"] is None) is (not f["properties"]["drawn"])
            if f["geometry"]:
                assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_a_what_if_draws_its_new_las_from_their_districts(g: TemporalGraph, topo: Topology) -> None:
    path = shipped_proposals()["hypothetical-essex-east-west"]
    w = apply(g, load_proposal(path))
    after = Plan(w.after, topo)
    rows_after = {r["name"]: r for r in after.rows("local-authorities")}
    assert set(rows_after["West Essex"]["drawnFrom"]) == {
        "E07000066",
        "E07000068",
        "E07000070",
        "E07000072",
        "E07000073",
        "E07000077",
    }
    assert "Essex County Council" not in rows_after


def test_map_days_start_with_the_data_and_include_the_reorganisations(g: TemporalGraph) -> None:
    days = map_days(g)
    assert days[0] == D("2019-04-01")
    for change in ("2020-04-01", "2021-04-01", "2022-07-01", "2023-04-01"):
        assert D(change) in days
