"""The councils' proposals of 2025, shipped as proposal files made from lgr_proposals_2025.csv:
the files are what the table gives, each is a council proposal with its source per member row,
each applies to the decided landscape, and every new council is reported with the partners its
geography gives it. The West Sussex options compared: each new council's people and children are
the Census 2021 sums of its districts' LSOAs, and its partners (one police force, Sussex; one
ICB, NHS Surrey and Sussex) and coterminosity follow from the files of 2028-03-31's landscape,
all computed here from the files with the csv module."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest

from graph.temporal import TemporalGraph
from queries.compare import compare, to_csv
from queries.council_proposals import PREFIX, council_proposal_files
from queries.impact import impact
from queries.proposal import CreateLA, load_proposal
from queries.stacking import shipped_proposals
from tests.census import (
    district_lookup,
    icb26_of_lsoa,
    icb26_people,
    lad_of_lsoa,
    lsoa_people,
    people_in,
    pfa_people,
)
from tests.data import shared

WEST_SUSSEX = (
    "lgr-2025-west-sussex-1-unitary-county",
    "lgr-2025-west-sussex-2-unitaries-districts",
)


def table_rows() -> list[tuple[int, dict[str, str]]]:
    with shared("changes", "lgr_proposals_2025.csv").open(encoding="utf-8-sig", newline="") as f:
        return [(i, row) for i, row in enumerate(csv.DictReader(f), start=2)]


def by_proposal() -> dict[str, list[tuple[int, dict[str, str]]]]:
    out: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, row in table_rows():
        out[row["proposal_id"]].append((line, row))
    return dict(out)


def test_the_shipped_files_are_what_the_table_gives(landscape: TemporalGraph) -> None:
    made = council_proposal_files(landscape, shared("changes", "lgr_proposals_2025.csv"))
    shipped = {n: p for n, p in shipped_proposals().items() if n.startswith(PREFIX)}
    assert set(made) == {f"{n}.yaml" for n in shipped}
    assert set(made) == {f"{PREFIX}{pid}.yaml" for pid in by_proposal()}
    for name, text in made.items():
        assert shipped[name.removesuffix(".yaml")].read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("pid", sorted(by_proposal()))
def test_each_is_a_council_proposal_with_its_members_and_their_sources(pid: str) -> None:
    rows = by_proposal()[pid]
    p = load_proposal(shipped_proposals()[f"{PREFIX}{pid}"])
    assert (p.status, p.hypothetical) == ("proposed", False)
    assert p.proposer == rows[0][1]["proposer"] and p.area == rows[0][1]["area"]
    assert p.standing == rows[0][1]["status"]
    assert p.effective == date.fromisoformat(rows[0][1]["intended_vesting"])
    assert p.after == ("icb-2026-04-01",)  # every one of these areas had its ICBs changed
    councils: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, row in rows:
        councils[row["new_council_working_name"]].append((line, row))
    made = {op.new.name: (op, src) for op, src in zip(p.operations, p.operation_sources, strict=True)
            if isinstance(op, CreateLA)}  # fmt: skip
    for name, members in councils.items():
        if len(members) == 1 and members[0][1]["member_kind"] == "unitary authority":
            assert name not in made  # a unitary alone continues (the Isle of Wight)
            continue
        op, sources = made[name]
        assert op.districts == tuple(row["member_code"] for _, row in members)
        for (line, row), source in zip(members, sources, strict=True):
            assert source.startswith(f"lgr_proposals_2025.csv line {line} ({row['member_code']} ")
            assert source.endswith(row["source"])
    assert set(made) <= set(councils)


def test_every_shipped_proposal_shows_each_new_la_with_its_partners(
    landscape: TemporalGraph,
) -> None:
    for name, path in shipped_proposals().items():
        r = impact(landscape, load_proposal(path))
        for n in r.needing_arrangement:
            assert n.partners is not None, (name, n.la.name)
            assert n.partners.police_forces and n.partners.health_bodies, (name, n.la.name)
            if n.new and name.startswith(PREFIX):
                assert n.placed_in is None  # the proposals place them nowhere: shown anyway
                assert n.sources and all("lgr_proposals_2025.csv line" in s for s in n.sources)


def test_the_west_sussex_options_compared(landscape: TemporalGraph) -> None:
    c = compare(landscape, [load_proposal(shipped_proposals()[n]) for n in WEST_SUSSEX])
    one, two = c.options
    members = {
        name: [row["member_code"] for _, row in rows]
        for name, rows in _councils(WEST_SUSSEX).items()
    }
    pfa, csps = district_lookup()
    icb_of = icb26_of_lsoa()
    lads = lad_of_lsoa()
    sussex_people, icb_people = pfa_people()["E23000033"], icb26_people()["E54000069"]
    for option in (one, two):
        assert option.before_date == date(2028, 3, 31)
        for council in option.councils:
            districts = members[(option.name, council.la.name)]
            people, children = people_in(districts)
            assert (council.population, council.children) == (people, children)
            assert {pfa[d] for d in districts} == {"E23000033"}  # Sussex Police
            assert {icb_of[x] for x, d in lads.items() if d in districts} == {"E54000069"}
            p = council.partners
            assert [(s.body.code, s.population, s.share) for s in p.police_forces] == [
                ("E23000033", people, 1.0)
            ]
            assert [(s.body.code, s.population, s.share) for s in p.health_bodies] == [
                ("E54000069", people, 1.0)
            ]
            assert {x.csp.code for x in p.community_safety_partnerships} == {
                c for d in districts for c in csps[d]
            }
            assert p.police_coterminosity == round(people / sussex_people, 6)
            assert p.health_coterminosity == round(people / icb_people, 6)
        total = sum(x.population for x in option.councils)
        weighted = sum(x.population * x.partners.police_coterminosity for x in option.councils)
        assert option.police_coterminosity == round(weighted / total, 6)
        assert [b.name for b in option.police_forces] == ["Sussex"]
        assert [b.code for b in option.health_bodies] == ["E54000069"]
    assert (len(one.councils), len(two.councils)) == (1, 2)
    assert sum(x.population for x in one.councils) == sum(x.population for x in two.councils)
    boards = {b.kind: (len(b.split), len(b.merged)) for b in two.boards}
    assert boards["HWB"] == (1, 0) and boards["CSP"] == (0, 7)  # one HWB divided; 7 CSPs
    rows = {(r.section, r.measure): r.values for r in c.rows()}
    assert rows[("new councils", "councils")] == ("1", "2")
    table = list(csv.reader(to_csv(c).splitlines()))
    assert table[0] == ["section", "measure", one.name, two.name]
    assert ["new councils", "councils", "1", "2"] in table


def _councils(names: tuple[str, ...]) -> dict[tuple[str, str], list[tuple[int, dict[str, str]]]]:
    """(proposal name, council) -> its rows, for the shipped proposals ``names``."""
    out: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for name in names:
        p = load_proposal(shipped_proposals()[name])
        for line, row in by_proposal()[name.removeprefix(PREFIX)]:
            out[(p.name, row["new_council_working_name"])].append((line, row))
    return dict(out)


def test_hampshire_keeps_the_isle_of_wight_and_takes_two_cities(landscape: TemporalGraph) -> None:
    r = impact(
        landscape, load_proposal(shipped_proposals()[f"{PREFIX}hampshire-4-unitaries-hampshire-cc"])
    )
    assert sorted(e.name for e in r.new_entities) == [
        "Mid-North Hampshire", "South-East Hampshire", "West Hampshire"
    ]  # fmt: skip
    assert {e.code for e in r.ceased} >= {"E10000014", "E06000044", "E06000045"}
    assert "E06000046" not in {e.code for e in r.ceased}  # the Isle of Wight continues
    icb_of, lads = icb26_of_lsoa(), lad_of_lsoa()
    mid = next(n for n in r.needing_arrangement if n.la.name == "Mid-North Hampshire")
    assert mid.partners is not None
    districts = ["E07000084", "E07000085", "E07000089", "E07000092", "E07000094"]
    expected: dict[str, int] = defaultdict(int)
    for lsoa, (n, _) in lsoa_people().items():
        if lads.get(lsoa) in districts:
            expected[icb_of[lsoa]] += n
    assert {s.body.code: s.population for s in mid.partners.health_bodies} == dict(expected)
    assert sum(expected.values()) == people_in(districts)[0] == mid.population


def test_every_shipped_proposal_says_what_it_is() -> None:
    for name, path in shipped_proposals().items():
        p = load_proposal(path)
        if name[:4].isdigit():  # a replay of a change that happened
            assert (p.status, p.hypothetical) == ("observed", False), name
        elif name.startswith("hypothetical-"):
            assert (p.status, p.hypothetical) == ("proposed", True), name
            assert p.name.startswith("HYPOTHETICAL: "), name
        else:
            assert name.startswith(PREFIX) and p.status == "proposed" and p.proposer, name
