"""The April 2026 health geography, built from the change tables, against the real files.

Every expected answer is computed here from the CSVs (the 2024 LSOA lookups, the Census 2021
population, ``sicbl24_to_icb26.csv`` and ``icb_successions_2026_ods.csv``), not read from the graph.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date

import pytest

from graph.codes import Scheme
from graph.model import Confidence, Status
from graph.resolver import find
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, Relation
from queries.footprint import footprints
from queries.partners import partners
from tests.data import SHARED

D = date.fromisoformat
BEFORE, AFTER = D("2026-03-31"), D("2026-04-01")


def rows(folder: str, name: str) -> list[dict[str, str]]:
    with (SHARED / folder / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    return rows("changes", "sicbl24_to_icb26.csv")


@pytest.fixture(scope="module")
def successions() -> list[dict[str, str]]:
    return rows("changes", "icb_successions_2026_ods.csv")


@pytest.fixture(scope="module")
def shares_2026(table: list[dict[str, str]]) -> dict[str, Counter[str]]:
    """Upper-tier LA GSS -> 2026 ICB ODS -> Census 2021 people, straight from the CSVs."""
    utla = {
        r["ltla23_code"]: r["utla23_code"] for r in rows("geography", "ltla23_utla23_ew_ons.csv")
    }
    lad = {r["lsoa21_code"]: r["ltla24_code"] for r in rows("geography", "lsoa21_lad24_en_ons.csv")}
    pop = {
        r["lsoa21_code"]: int(r["total_population"])
        for r in rows("geography", "pop_lsoa21_census2021_en_ons.csv")
    }
    where = {(r["sicbl24_cdh"], r["lad24_cd"]): r["icb26_cdh"] for r in table}
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows("geography", "lsoa21_sicbl24_icb24_en_ons.csv"):
        lsoa, s = r["lsoa21_code"], r["sicbl24_code_nhs"]
        icb = where.get((s, "")) or where[(s, lad[lsoa])]
        out[utla[lad[lsoa]]][icb] += pop[lsoa]
    return out


def test_42_icbs_the_day_before_and_36_from_1_april_2026(
    landscape: TemporalGraph, table: list[dict[str, str]]
) -> None:
    icb24 = {r["icb24_code_nhs"] for r in rows("geography", "lsoa21_sicbl24_icb24_en_ons.csv")}
    icb26 = {r["icb26_cdh"] for r in table}
    assert (len(icb24), len(icb26)) == (42, 36)
    before = {n.code(Scheme.ODS) for n in landscape.at(BEFORE).nodes(Kind.ICB)}
    after = {n.code(Scheme.ODS) for n in landscape.at(AFTER).nodes(Kind.ICB)}
    assert (before, after) == (icb24, icb26)
    gss = {n.code(Scheme.GSS, AFTER) for n in landscape.at(AFTER).nodes(Kind.ICB)}
    assert gss == {r["icb26_cd"] for r in table}


def test_the_dissolved_icbs_end_with_dated_events_naming_their_successors(
    landscape: TemporalGraph, successions: list[dict[str, str]]
) -> None:
    dissolved = {r["predecessor_ods"] for r in successions}
    assert len(dissolved) == 12
    for ods in dissolved:
        assert landscape.node(f"icb:{ods}").period.end == AFTER, ods
    events = [e for e in landscape.all_nodes(Kind.CHANGE_EVENT) if e.attrs["date"] == "2026-04-01"]
    pairs = {
        (
            e.attrs["change"],
            next(
                x.target for x in landscape.out_edges(e.id) if x.relation == "originalOrganization"
            ),
            next(
                x.target for x in landscape.out_edges(e.id) if x.relation == "resultingOrganization"
            ),
        )
        for e in events
        if e.attrs["change"] in ("merger", "split", "acquisition")
        and all(x.target.startswith("icb:") for x in landscape.out_edges(e.id))
    }
    expected = {
        (r["kind"], f"icb:{r['predecessor_ods']}", f"icb:{r['successor_ods']}") for r in successions
    }
    assert pairs == expected and len(expected) == 16
    quoted = [p for e in events if e.attrs["change"] == "acquisition" for p in e.provenance]
    assert [(p.source, p.confidence) for p in quoted] == [
        ("icb_successions_2026_ods.csv", Confidence.QUOTED)
    ]


def test_frimley_history_shows_its_end_and_three_successors(
    landscape: TemporalGraph, successions: list[dict[str, str]]
) -> None:
    frimley = find(landscape, "QNQ", BEFORE, scheme=Scheme.ODS)
    history = landscape.history(frimley.id)
    assert history.node.period.end == AFTER
    successors = {
        landscape.node(e.target).name
        for ev in history.events
        if ev.attrs["date"] == "2026-04-01"
        for e in landscape.out_edges(ev.id)
        if e.relation == "resultingOrganization"
    }
    assert successors == {r["successor_name"] for r in successions if r["predecessor_ods"] == "QNQ"}
    assert len(successors) == 3


@pytest.mark.parametrize(
    ("la", "partnership"),
    [
        ("E10000012", "partnership:essex-scb"),
        ("E10000030", "partnership:surrey-scp"),
        ("E10000014", "partnership:hampshire-scp"),
        ("E10000015", "partnership:hertfordshire-scp"),
        ("E10000029", "partnership:suffolk-safeguarding-partnership"),
    ],
)
def test_one_icb_at_100_percent_from_april_2026(
    landscape: TemporalGraph, shares_2026: dict[str, Counter[str]], la: str, partnership: str
) -> None:
    (icb,) = shares_2026[la]  # one ICB by the files
    before = partners(landscape, BEFORE, partnership).health_bodies
    assert len(before) >= 2  # two or three ICBs the day before
    (only,) = partners(landscape, AFTER, partnership).health_bodies
    assert (only.body.id, only.share, only.population) == (f"icb:{icb}", 1.0, shares_2026[la][icb])


def test_buckinghamshire_still_spans_two_icbs(
    landscape: TemporalGraph, shares_2026: dict[str, Counter[str]]
) -> None:
    bucks = find(landscape, "E06000060", AFTER, scheme=Scheme.GSS).id
    fp = footprints(landscape.at(AFTER))
    got = {fp.ref(b).id: p.people for b, p in fp.shares([bucks], "health").items()}
    assert got == {f"icb:{k}": v for k, v in shares_2026["E06000060"].items()}
    assert len(got) == 2
    spanning = {la for la, icbs in shares_2026.items() if len(icbs) > 1}
    graph_spanning = {fp.ref(la).code for la in fp.upper if len(fp.shares([la], "health")) > 1}
    assert graph_spanning == spanning


def test_hampshire_and_isle_of_wight_keeps_its_organisation_with_a_new_gss_code(
    landscape: TemporalGraph,
) -> None:
    qrl = landscape.node("icb:QRL")
    assert qrl.period.contains(BEFORE) and qrl.period.contains(AFTER)
    assert (qrl.code(Scheme.GSS, BEFORE), qrl.code(Scheme.GSS, AFTER)) == ("E54000042", "E54000067")
    assert qrl.code(Scheme.ODS, AFTER) == "QRL"
    recodes = [
        e.name
        for e in landscape.history("icb:QRL").events
        if e.attrs["change"] == "recode" and e.attrs["date"] == "2026-04-01"
    ]
    assert recodes == [
        "2026-04-01: NHS Hampshire and Isle of Wight Integrated Care Board recoded E54000042 to E54000067"
    ]


def test_sub_icb_locations_of_2026(landscape: TemporalGraph, table: list[dict[str, str]]) -> None:
    view = landscape.at(AFTER)
    assert len(view.nodes(Kind.SUB_ICB_LOCATION)) == len({r["sicbl26_cdh"] for r in table}) == 106
    for ods, old, new in (("D9Y0V", "E38000253", "E38000266"), ("92A", "E38000264", "E38000267")):
        node = landscape.node(f"sicbl:{ods}")
        assert (node.code(Scheme.GSS, BEFORE), node.code(Scheme.GSS, AFTER)) == (old, new)
    assert landscape.node("sicbl:U2G6B").period.start == AFTER
    assert landscape.node("sicbl:D4U1Y").period.end == AFTER
    (split,) = [
        e for e in landscape.history("sicbl:D4U1Y").events if e.attrs["date"] == "2026-04-01"
    ]
    went = {
        x.target for x in landscape.out_edges(split.id) if x.relation == "resultingOrganization"
    }
    assert went == {f"sicbl:{r['sicbl26_cdh']}" for r in table if r["change"] == "closed_split"}
    assert split.provenance[0].confidence is Confidence.INFERRED
    icb_of = {e.source: e.target for e in view.edges(Relation.PART_OF_ICB)}
    assert {k.removeprefix("sicbl:"): v.removeprefix("icb:") for k, v in icb_of.items()} == {
        r["sicbl26_cdh"]: r["icb26_cdh"] for r in table
    }


def test_the_two_nhs_region_recodes(landscape: TemporalGraph, table: list[dict[str, str]]) -> None:
    for ods in ("Y61", "Y62"):
        region = landscape.node(f"nhser:{ods}")
        new = {r["nhser26_cd"] for r in table if r["nhser26_cdh"] == ods}
        assert {region.code(Scheme.GSS, AFTER)} == new
        assert region.code(Scheme.GSS, BEFORE) != region.code(Scheme.GSS, AFTER)
    assert landscape.node("nhser:Y61").code(Scheme.GSS, AFTER) == "E40000013"
    assert landscape.node("nhser:Y62").code(Scheme.GSS, AFTER) == "E40000014"


def test_blocks_of_2026_are_derived_and_the_frimley_ones_inferred(
    landscape: TemporalGraph, table: list[dict[str, str]]
) -> None:
    view = landscape.at(AFTER)
    blocks = view.nodes(Kind.POPULATION_BLOCK)
    assert sum(b.attrs["population"] for b in blocks) == sum(
        int(r["total_population"])
        for r in rows("geography", "pop_lsoa21_census2021_en_ons.csv")
        if r["lsoa21_code"].startswith("E")
    )
    inferred = {b.id: b for b in blocks if b.provenance[0].confidence is Confidence.INFERRED}
    d4 = [r for r in table if r["change"] == "closed_split"]
    assert sum(b.attrs["inferred_lsoas"] for b in inferred.values()) == sum(
        int(r["lsoa21_count"]) for r in d4
    )
    hart = landscape.node("block:2026-04-01:E07000089:D9Y0V")
    assert hart.attrs["inferred_lsoas"] == int(
        next(r["lsoa21_count"] for r in d4 if r["lad24_nm"] == "Hart")
    )
    assert hart.provenance[0].source == "sicbl24_to_icb26.csv"
    assert all(
        p.confidence is Confidence.DERIVED
        for b in blocks
        if b.id not in inferred
        for p in b.provenance
    )
    assert all(p.status is Status.OBSERVED for b in blocks for p in b.provenance)
