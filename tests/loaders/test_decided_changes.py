"""The decided future: the Surrey (Structural Changes) Order 2026, from the real change table.

Expected answers come from the CSVs (the structural changes table, the 2024 LSOA lookups and
Census 2021 population, the 2024 police lookup), not from the graph.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from graph.codes import Scheme
from graph.errors import UnknownCode
from graph.model import Status
from graph.resolver import LOCAL_AUTHORITY, find
from graph.temporal import TemporalGraph
from loaders.geography import build_geography
from ontology.vocabulary import UPPER_TIER, Kind, Relation
from queries.footprint import footprints
from tests.data import SHARED

D = date.fromisoformat
VESTING, EVE = D("2027-04-01"), D("2027-03-31")
EAST, WEST = "la:surrey-2027-east-surrey-council", "la:surrey-2027-west-surrey-council"


def rows(folder: str, name: str) -> list[dict[str, str]]:
    with (SHARED / folder / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def order() -> list[dict[str, str]]:
    return rows("changes", "structural_changes_decided.csv")


def districts_of(order: list[dict[str, str]], council: str) -> set[str]:
    return {
        r["predecessor_gss"]
        for r in order
        if r["new_council"] == council and r["predecessor_type"] != "county"
    }


def census(districts: set[str]) -> tuple[int, int]:
    lsoas = {
        r["lsoa21_code"]
        for r in rows("geography", "lsoa21_lad24_en_ons.csv")
        if r["ltla24_code"] in districts
    }
    pop = [
        r
        for r in rows("geography", "pop_lsoa21_census2021_en_ons.csv")
        if r["lsoa21_code"] in lsoas
    ]
    return sum(int(r["total_population"]) for r in pop), sum(int(r["aged_0_15"]) for r in pop)


def test_154_upper_tier_las_and_surrey_county_council_ends(landscape: TemporalGraph) -> None:
    assert len(landscape.at(EVE).nodes(*UPPER_TIER)) == 153
    assert len(landscape.at(VESTING).nodes(*UPPER_TIER)) == 154
    surrey = find(landscape, "E10000030", EVE, LOCAL_AUTHORITY)
    assert surrey.period.end == VESTING
    assert landscape.at(EVE).has(surrey.id) and not landscape.at(VESTING).has(surrey.id)
    with pytest.raises(UnknownCode, match="exists only in"):
        find(landscape, surrey.id, VESTING, LOCAL_AUTHORITY)
    ends = [p for p in surrey.provenance if p.status is Status.DECIDED]
    assert {p.source for p in ends} == {"structural_changes_decided.csv"}


def test_the_eleven_districts_end_on_31_march_2027(
    landscape: TemporalGraph, order: list[dict[str, str]]
) -> None:
    codes = {r["predecessor_gss"] for r in order if r["predecessor_type"] != "county"}
    assert len(codes) == 11
    for code in codes:
        node = find(landscape, code, EVE, scheme=Scheme.GSS)
        assert node.period.end == VESTING, node.name
        assert not landscape.at(VESTING).has(node.id)


@pytest.mark.parametrize(
    ("nid", "council"), [(EAST, "East Surrey Council"), (WEST, "West Surrey Council")]
)
def test_east_and_west_surrey_with_their_census_2021_populations(
    landscape: TemporalGraph, order: list[dict[str, str]], nid: str, council: str
) -> None:
    node = landscape.node(nid)
    assert (node.name, node.kind, node.period.start) == (council, Kind.UNITARY, VESTING)
    fp = footprints(landscape.at(VESTING))
    pop = fp.la_population(nid)
    assert (pop.people, pop.children) == census(districts_of(order, council))
    # with no GSS code yet: a stable provisional code, found by the resolver
    code = node.code(Scheme.PROVISIONAL, VESTING)
    assert code == nid.removeprefix("la:") and node.code(Scheme.GSS, VESTING) is None
    assert find(landscape, code, VESTING, LOCAL_AUTHORITY).id == nid
    assert find(landscape, f"provisional:{code}", VESTING, LOCAL_AUTHORITY).id == nid
    assert {p.status for p in node.provenance} == {Status.DECIDED}
    assert node.attrs["reference"] == "2026/264"


def test_police_and_health_partners_follow_from_geography(
    landscape: TemporalGraph, order: list[dict[str, str]]
) -> None:
    force = {
        r["ltla24_code"]: r["pfa24_code"] for r in rows("geography", "lad24_csp24_pfa24_ew_ons.csv")
    }
    view = landscape.at(VESTING)
    fp = footprints(view)
    for nid, council in ((EAST, "East Surrey Council"), (WEST, "West Surrey Council")):
        expected = {f"pfa:{force[d]}" for d in districts_of(order, council)}
        assert (
            set(view.targets(nid, Relation.IN_POLICE_FORCE_AREA)) == expected == {"pfa:E23000031"}
        )
        (edge,) = view.out(nid, Relation.IN_POLICE_FORCE_AREA)
        assert edge.provenance[0].status is Status.DECIDED
        assert set(fp.shares([nid], "health")) == {"icb:S9B9J"}
        blocks = view.sources(nid, Relation.BLOCK_IN_DISTRICT)
        assert blocks and all(
            p.status is Status.DECIDED for b in blocks for p in view.node(b).provenance
        )


def test_one_event_links_the_twelve_councils_to_the_two(landscape: TemporalGraph) -> None:
    (event,) = [
        e
        for e in landscape.at(VESTING).nodes(Kind.CHANGE_EVENT)
        if e.attrs.get("decided_by") == "surrey-2027"
    ]
    before = {
        e.target for e in landscape.out_edges(event.id) if e.relation == "originalOrganization"
    }
    after = {
        e.target for e in landscape.out_edges(event.id) if e.relation == "resultingOrganization"
    }
    assert len(before) == 12 and after == {EAST, WEST}
    assert event.provenance[0].status is Status.DECIDED


def test_the_registry_partnership_of_surrey_ends_with_the_county(landscape: TemporalGraph) -> None:
    surrey = landscape.node("partnership:surrey-scp")
    assert surrey.period.end == VESTING
    assert not landscape.at(VESTING).has("partnership:surrey-scp")


def _recoded(rows_: list[list[str]]) -> dict[str, str]:
    """GSS codes DfE ended and replaced on the next day (Barnsley, Sheffield 2025), from DfE."""
    head, *body = rows_
    i = {h: n for n, h in enumerate(head)}
    ended = {r[i["old_la_code"]]: r[i["new_la_code"]] for r in body if r[i["date_of_termination"]]}
    live = {
        r[i["old_la_code"]]: r[i["new_la_code"]] for r in body if not r[i["date_of_termination"]]
    }
    return {old: live[dfe] for dfe, old in ended.items() if dfe in live and live[dfe] != old}


def test_a_later_official_file_gives_the_new_council_its_gss_code(
    tmp_path: Path, order: list[dict[str, str]]
) -> None:
    """A hand-made April 2027 LAD-to-region lookup (from the real 2024 one, the Surrey districts
    replaced by the two councils under invented codes) gives them official codes."""
    geography = tmp_path / "geography"
    geography.mkdir()
    for src in (SHARED / "geography").glob("*.csv"):
        (geography / src.name).symlink_to(src)
    with (SHARED / "geography" / "la_dfe_old_new_codes.csv").open(encoding="utf-8-sig") as fh:
        recoded = _recoded(list(csv.reader(fh)))
    lad24 = {r["ltla24_code"] for r in rows("geography", "lad24_rgn24_en_ons.csv")}
    assert {k: v for k, v in recoded.items() if k in lad24} == {
        "E08000016": "E08000038",
        "E08000019": "E08000039",
    }
    gone = {r["predecessor_gss"] for r in order}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["LAD27CD", "LAD27NM", "RGN27CD", "RGN27NM"])
    for r in rows("geography", "lad24_rgn24_en_ons.csv"):
        if r["ltla24_code"] not in gone:
            code = recoded.get(r["ltla24_code"], r["ltla24_code"])
            w.writerow([code, r["ltla24_name"], r["region24_code"], r["region24_name"]])
    w.writerow(["E06000901", "East Surrey", "E12000008", "South East"])
    w.writerow(["E06000902", "West Surrey", "E12000008", "South East"])
    (geography / "lad27_rgn27_en_hand_made.csv").write_text(out.getvalue(), encoding="utf-8")
    g = build_geography(geography, SHARED / "changes")
    east = g.node(EAST)  # the same stable id
    assert east.code(Scheme.GSS, VESTING) == "E06000901"
    assert east.code(Scheme.PROVISIONAL, VESTING) == EAST.removeprefix("la:")
    assert find(g, "E06000901", VESTING, LOCAL_AUTHORITY).id == EAST
    assert find(g, "E06000902", VESTING, LOCAL_AUTHORITY).id == WEST
    (region,) = g.at(VESTING).out(EAST, Relation.IN_REGION)
    assert region.target == "rgn:E12000008"
    assert region.provenance[0].source == "lad27_rgn27_en_hand_made.csv"  # observed, not derived
    fp = footprints(g.at(VESTING))
    assert fp.ref(EAST).code == "E06000901"
