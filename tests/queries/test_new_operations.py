"""The operations added to the proposal language, on a hand-made landscape: police splits and
district moves between forces, part of an ICB into an existing ICB, board mergers, splits,
re-forms and new boards, dated steps, ids for new LAs, whole health bodies given without
districts, and each new LA's derived partners. Every refusal names operation and field, and the
graph is never changed.

The landscape (as in test_impact.py, with one more partnership): Shire County (Ayton, Beeton,
Ceeton: Shire Police) in a joint partnership with Unitown; Villeton alone (both unitaries: Town
Police). North ICB has sub-ICB A1X (Ayton 1000, Beeton 800); South ICB has B2X (Beeton 5,
Ceeton 1200) and B3X (Unitown 2000, Villeton 500). A late partnership takes Villeton from
2027-10-01 (a change of the landscape between two steps).
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from queries.impact import apply, impact
from queries.proposal import parse_proposal
from tests.factory import SPLIT_SHIRE, fingerprint, proposal_of, shire_landscape

PEOPLE = {"DA": 1000, "DB": 805, "DC": 1200, "UNI": 2000, "VIL": 500}


@pytest.fixture(scope="module")
def shire() -> TemporalGraph:
    s = shire_landscape()
    s.partnership("partnership:late-scp", "Late partnership", "registry:late-scp",
                  start="2027-10-01")  # fmt: skip
    s.member("partnership:late-scp", "la:VIL", start="2027-10-01")
    return s.build()


SPLIT_POLICE = {
    "kind": "split_police_force",
    "force": "E23000901",
    "into": [
        {"name": "West Shire Police", "districts": ["E07000901", "E07000902"]},
        {"name": "East Shire Police", "id": "east-shire-police", "districts": ["E07000903"]},
    ],
}


# -- police ----------------------------------------------------------------------------------------


def test_a_force_split_by_districts(shire: TemporalGraph) -> None:
    before = fingerprint(shire)
    r = impact(shire, proposal_of(SPLIT_POLICE))
    w = apply(shire, proposal_of(SPLIT_POLICE))
    assert w.after.police_by_la()["E10000901"] == ("east-shire-police", "new-west-shire-police")
    assert "pfa:E23000901" in w.ceased
    (change,) = r.partnerships
    assert change.partnership.code == "shire-scp"
    assert {s.partner.name: s.population for s in change.gained} == {
        "West Shire Police": PEOPLE["DA"] + PEOPLE["DB"],
        "East Shire Police": PEOPLE["DC"],
    }
    assert [s.partner.code for s in change.lost] == ["E23000901"]
    assert r.affected.police == r.affected.people == PEOPLE["DA"] + PEOPLE["DB"] + PEOPLE["DC"]
    assert r.affected.local_government == r.affected.partnership == 0
    assert fingerprint(shire) == before


def test_districts_moved_between_forces(shire: TemporalGraph) -> None:
    move = {"kind": "transfer_police_districts", "districts": ["E06000901"],
            "from": "E23000902", "to": "E23000901"}  # fmt: skip
    r = impact(shire, proposal_of(move))
    w = apply(shire, proposal_of(move))
    assert w.after.police_by_la()["E06000901"] == ("E23000901",)
    assert w.after.police_by_la()["E06000902"] == ("E23000902",)
    changes = {c.partnership.code: c for c in r.partnerships}
    assert set(changes) == {"shire-scp"}  # Unitown's partnership no longer works with Town Police
    assert [s.partner.code for s in changes["shire-scp"].lost] == ["E23000902"]
    assert r.affected.police == PEOPLE["UNI"]


def test_a_force_left_with_no_district_ends(shire: TemporalGraph) -> None:
    move = {"kind": "transfer_police_districts", "districts": ["E06000901", "E06000902"],
            "from": "E23000902", "to": "E23000901"}  # fmt: skip
    w = apply(shire, proposal_of(move))
    assert "pfa:E23000902" in w.ceased and w.after.forces == frozenset({"pfa:E23000901"})


# -- health ----------------------------------------------------------------------------------------


def test_part_of_an_icb_into_an_existing_icb_by_sub_icb_location(shire: TemporalGraph) -> None:
    move = {"kind": "transfer_health_area", "from": "QB2", "to": "QA1",
            "sub_icb_locations": ["B3X"]}  # fmt: skip
    w = apply(shire, proposal_of(move))
    m = w.after.memberships()
    assert m[("E06000901", "E54000901")].people == PEOPLE["UNI"]
    assert m[("E10000901", "E54000902")].people == 5 + 1200  # B2X stays in South ICB
    assert "icb:QB2" not in w.ceased
    assert impact(shire, w).affected.health == PEOPLE["UNI"] + PEOPLE["VIL"]


def test_part_of_an_icb_into_an_existing_icb_by_district(shire: TemporalGraph) -> None:
    move = {"kind": "transfer_health_area", "from": "E54000902", "to": "E54000901",
            "districts": ["E07000903"]}  # fmt: skip
    m = apply(shire, proposal_of(move)).after.memberships()
    assert m[("E10000901", "E54000901")].people == 1000 + 800 + 1200
    assert m[("E10000901", "E54000902")].people == 5


def test_a_body_whose_whole_area_moves_ends(shire: TemporalGraph) -> None:
    move = {"kind": "transfer_health_area", "from": "QB2", "to": "QA1",
            "sub_icb_locations": ["B2X", "B3X"]}  # fmt: skip
    w = apply(shire, proposal_of(move))
    assert "icb:QB2" in w.ceased and w.after.bodies == frozenset({"icb:QA1"})


def test_a_whole_body_needs_no_districts_field(shire: TemporalGraph) -> None:
    """As GraphQL sends it: ``{code}`` with ``districts`` absent, or null."""
    merge = {"kind": "merge_health_bodies", "name": "One ICB",
             "bodies": [{"code": "QA1"}, {"code": "QB2", "districts": None}]}  # fmt: skip
    w = apply(shire, proposal_of(merge))
    assert len(w.after.bodies) == 1 and {"icb:QA1", "icb:QB2"} <= w.ceased


# -- new LAs: ids, derived partners ----------------------------------------------------------------


def test_merge_las_takes_an_id_that_later_operations_name(shire: TemporalGraph) -> None:
    w = apply(
        shire,
        proposal_of(
            {"kind": "merge_las", "las": ["E06000901", "E06000902"], "name": "Towns",
             "id": "towns-2027"},
            {"kind": "create_partnership", "name": "Towns SCP", "las": ["towns-2027"]},
        ),
    )  # fmt: skip
    (towns,) = [la for la in w.after.uppers() if w.after.ref(la).code == "towns-2027"]
    assert w.after.covering()[towns] == ["new:partnership:new-towns-scp"]


def test_a_new_la_shows_its_partners_whether_or_not_it_is_placed(shire: TemporalGraph) -> None:
    for extra in ((), ({"kind": "move_la", "la": "E06000911", "to": "shire-scp"},)):
        r = impact(shire, proposal_of(SPLIT_SHIRE, *extra))
        north = next(n for n in r.needing_arrangement if n.la.name == "North Shire")
        assert north.partners is not None
        assert [(s.body.code, s.population, s.sliver) for s in north.partners.police_forces] == [
            ("E23000901", 1805, False)
        ]
        assert [(s.body.code, s.population, s.sliver) for s in north.partners.health_bodies] == [
            ("E54000901", 1800, False),
            ("E54000902", 5, True),  # 5 of 1805: under 1%
        ]
        (csp,) = north.partners.community_safety_partnerships
        assert (csp.csp.code, csp.population, csp.whole) == ("E22000901", 1805, True)
        assert (north.placed_in is not None) == bool(extra)


# -- boards ----------------------------------------------------------------------------------------


def test_boards_merged_split_re_formed_and_created(shire: TemporalGraph) -> None:
    r = impact(
        shire,
        proposal_of(
            SPLIT_SHIRE,
            {"kind": "merge_boards", "boards": ["hwb:cty", "hwb:uni"], "name": "Shire HWB",
             "las": ["E06000911", "E06000912"]},
            {"kind": "split_board", "board": "shire-cdop", "into": [
                {"name": "North CDOP", "las": ["E06000911", "E06000901"]},
                {"name": "South CDOP", "las": ["E06000912", "E06000902"]}]},
            {"kind": "reform_board", "board": "csp:E22000902", "districts": ["E07000903", "E07000902"]},
            {"kind": "create_board", "type": "sab", "name": "North Shire SAB", "id": "north-sab",
             "las": ["E06000911"]},
        ),
    )  # fmt: skip
    status = {b.board.id: (b.status, {x.name for x in b.into}) for b in r.boards_to_reform}
    assert status["hwb:cty"] == status["hwb:uni"] == ("merged", {"Shire HWB"})
    assert status["cdop:shire-cdop"] == ("split", {"North CDOP", "South CDOP"})
    assert status["csp:E22000902"][0] == "re-formed"
    assert status["sab:shire-sab"][0] == "must re-form"  # its LA ceases; the proposal leaves it
    assert status["csp:E22000901"][0] == "must re-form"
    new = {
        b.board.name: {m.code for m in b.members} for b in r.boards_to_reform if b.status == "new"
    }
    assert new == {
        "Shire HWB": {"E06000901", "E06000911", "E06000912"},
        "North CDOP": {"E06000911", "E06000901"},
        "South CDOP": {"E06000912", "E06000902"},
        "North Shire SAB": {"E06000911"},
    }
    north = next(n for n in r.needing_arrangement if n.la.name == "North Shire")
    assert north.partners is not None
    assert {b.name for b in north.partners.boards} == {"Shire HWB", "North CDOP", "North Shire SAB"}


# -- dated steps -----------------------------------------------------------------------------------


def test_a_proposal_in_steps(shire: TemporalGraph) -> None:
    p = parse_proposal(
        {
            "name": "stepped",
            "steps": [
                {"effective": "2026-04-01", "name": "shadow year", "operations": [
                    {"kind": "merge_boards", "boards": ["hwb:cty", "hwb:uni"], "name": "Shire HWB",
                     "id": "shire-hwb"}]},
                {"effective": "2027-04-01", "name": "vesting", "operations": [
                    SPLIT_SHIRE,
                    {"kind": "move_la", "las": ["E06000911", "E06000912"], "to": "shire-scp"},
                    {"kind": "reform_board", "board": "shire-hwb",
                     "las": ["E06000911", "E06000912", "E06000901"]}]},
            ],
        }
    )  # fmt: skip
    assert (p.start, p.effective, len(p.operations)) == (
        parse_proposal({"effective": "2026-04-01", "operations": [SPLIT_SHIRE]}).effective,
        parse_proposal({"effective": "2027-04-01", "operations": [SPLIT_SHIRE]}).effective,
        4,
    )
    r = impact(shire, p)
    assert str(r.before_date) == "2026-03-31"
    assert [(str(s.effective), s.name) for s in r.steps] == [
        ("2026-04-01", "shadow year"),
        ("2027-04-01", "vesting"),
    ]
    assert [e.name for e in r.steps[0].new_entities] == ["Shire HWB"]
    assert r.after.compliant
    assert {b.board.id: b.status for b in r.boards_to_reform}["hwb:cty"] == "merged"
    w = apply(shire, p)
    assert w.at(w.stages[0].proposal.effective) is w.stages[0].after
    assert w.at(p.effective) is w.after


@pytest.mark.parametrize(
    ("proposal", "operation", "field", "says"),
    [
        ({"steps": [{"effective": "2027-04-01", "operations": [SPLIT_SHIRE]},
                    {"effective": "2027-04-01", "operations": [SPLIT_POLICE]}]},
         "step 2", "effective", "is not after step 1's 2027-04-01"),
        ({"steps": [{"effective": "2027-04-01", "operations": [SPLIT_SHIRE]},
                    {"effective": "2027-02-30", "operations": [SPLIT_POLICE]}]},
         "step 2", "effective", "'2027-02-30' is not a date"),
        ({"effective": "2028-01-01", "steps": [
            {"effective": "2027-04-01", "operations": [SPLIT_SHIRE]},
            {"effective": "2027-06-01", "operations": [SPLIT_POLICE]}]},
         "proposal", "effective", "is not the last step's date (2027-06-01)"),
        ({"effective": "2027-04-01", "operations": [SPLIT_SHIRE], "steps": []},
         "proposal", "steps", "give exactly one of operations, steps"),
        ({"steps": [{"effective": "2027-04-01", "operations": [SPLIT_SHIRE]},
                    {"effective": "2028-04-01", "operations": [
                        {"kind": "split_police_force", "force": "E23000901", "into": []}]}]},
         "step 2 #1 split_police_force", "into", "expected a non-empty list"),
        ({"steps": [{"effective": "2027-04-01", "operations": [SPLIT_SHIRE]},
                    {"effective": "2028-04-01", "operations": [SPLIT_POLICE]}]},
         "step 2", "effective", "the landscape changes between step 1 (2027-04-01) and step 2 "
         "(2028-04-01), on 2027-10-01"),
        ({"steps": [{"effective": "2026-04-01", "operations": [SPLIT_POLICE]},
                    {"effective": "2027-04-01", "operations": [
                        {"kind": "transfer_police_districts", "districts": ["E07000903"],
                         "from": "E23000901", "to": "E23000902"}]}]},
         "step 2 #1 transfer_police_districts", "from",
         "Shire Police (E23000901) is not a police force area here: it ends by what is applied "
         "first (an earlier step or proposal)"),
    ],
)  # fmt: skip
def test_steps_refused_naming_step_operation_and_field(
    shire: TemporalGraph, proposal: dict[str, Any], operation: str, field: str, says: str
) -> None:
    before = fingerprint(shire)
    with pytest.raises(ProposalError) as caught:
        impact(shire, parse_proposal(proposal))
    assert (caught.value.operation, caught.value.field) == (operation, field)
    assert says in str(caught.value)
    assert fingerprint(shire) == before


# -- refusals of the new operations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ops", "operation", "field", "says"),
    [
        ([{**SPLIT_POLICE, "into": [SPLIT_POLICE["into"][0],
           {"name": "E", "districts": ["E06000901"]}]}],
         "#1 split_police_force", "into[1].districts[0]", "is not in Shire Police"),
        ([{**SPLIT_POLICE, "into": [SPLIT_POLICE["into"][0], {"name": "E", "districts": []}]}],
         "#1 split_police_force", "into[1].districts", "expected a non-empty list"),
        ([{"kind": "split_police_force", "force": "E23000901", "into": [
            {"name": "W", "districts": ["E07000901"]}, {"name": "E", "districts": ["E07000903"]}]}],
         "#1 split_police_force", "into", "in no new force: Beeton"),
        ([{"kind": "split_police_force", "force": "E23000901", "into": [
            {"name": "W", "districts": ["E07000901", "E07000902"]},
            {"name": "E", "districts": ["E07000903", "E07000902"]}]}],
         "#1 split_police_force", "into[1].districts[1]", "is in two new forces: W too"),
        ([{"kind": "split_police_force", "force": "E54000901", "into": SPLIT_POLICE["into"]}],
         "#1 split_police_force", "force", "is not a police force area"),
        ([{"kind": "transfer_police_districts", "districts": ["E06000901"], "from": "E23000902",
           "to": "E23000902"}], "#1 transfer_police_districts", "to", "the force they are in"),
        ([{"kind": "transfer_police_districts", "districts": ["E07000901"], "from": "E23000902",
           "to": "E23000901"}], "#1 transfer_police_districts", "districts[0]", "is not in Town"),
        ([{"kind": "merge_police_forces", "forces": ["E23000901", "E23000902"], "name": "All"},
          {"kind": "transfer_police_districts", "districts": ["E07000901"], "from": "E23000901",
           "to": "E23000902"}],
         "#2 transfer_police_districts", "from", "conflicting operations"),
        ([SPLIT_POLICE, {"kind": "transfer_police_districts", "districts": ["E06000901"],
                         "from": "E23000902", "to": "E23000901"}],
         "#2 transfer_police_districts", "to", "conflicting operations"),
        ([{"kind": "transfer_health_area", "from": "QB2", "to": "QA1",
           "sub_icb_locations": ["A1X"]}],
         "#1 transfer_health_area", "sub_icb_locations[0]", "is not a sub-ICB location of South"),
        ([{"kind": "transfer_health_area", "from": "B2X", "to": "QA1", "districts": ["E07000903"]}],
         "#1 transfer_health_area", "from", "is a sub-ICB location, not a CCG or ICB"),
        ([{"kind": "transfer_health_area", "from": "QB2", "to": "QA1", "districts": ["E06000901"],
           "sub_icb_locations": ["B3X"]}],
         "#1 transfer_health_area", "districts", "give exactly one of sub_icb_locations, districts"),
        ([{"kind": "transfer_health_area", "from": "QB2", "to": "QB2", "districts": ["E06000901"]}],
         "#1 transfer_health_area", "to", "the body it is in"),
        ([{"kind": "transfer_health_area", "from": "QB2", "to": "QA1", "districts": ["E07000901"]}],
         "#1 transfer_health_area", "districts[0]", "Ayton (E07000901) has no part of South ICB"),
        ([{"kind": "merge_health_bodies", "name": "X", "bodies": ["QA1", "QB2"]},
          {"kind": "transfer_health_area", "from": "QB2", "to": "QA1", "districts": ["E06000901"]}],
         "#2 transfer_health_area", "from", "conflicting operations"),
        ([{"kind": "merge_boards", "boards": ["hwb:cty"], "name": "X"}],
         "#1 merge_boards", "boards", "at least two boards"),
        ([{"kind": "merge_boards", "boards": ["hwb:cty", "sab:shire-sab"], "name": "X"}],
         "#1 merge_boards", "boards[1]", "is a safeguarding adults board, not a health and wellbeing board"),
        ([{"kind": "merge_boards", "boards": ["hwb:cty", "E10000901"], "name": "X"}],
         "#1 merge_boards", "boards[1]", "is not a SAB, HWB, CDOP or community safety partnership"),
        ([{"kind": "merge_boards", "boards": ["hwb:cty", "hwb:uni"], "name": "X"},
          {"kind": "reform_board", "board": "hwb:cty", "las": ["E06000901"]}],
         "#2 reform_board", "board", "cty (cty) ceases by another operation"),
        ([{"kind": "split_board", "board": "shire-cdop", "into": [
            {"name": "N", "las": ["E10000901"]}, {"name": "S", "las": ["E06000901"]}]}],
         "#1 split_board", "into", "districts of shire-cdop (shire-cdop) in no part: Villeton"),
        ([{"kind": "split_board", "board": "E22000901", "into": [
            {"name": "N", "districts": ["E07000901"]}, {"name": "S", "districts": ["E07000903"]}]}],
         "#1 split_board", "into[1].districts", "is outside"),
        ([{"kind": "split_board", "board": "hwb:cty", "into": [
            {"name": "N", "districts": ["E07000901"]}, {"name": "S", "districts": ["E07000902"]}]}],
         "#1 split_board", "into[0].districts", "only a community safety partnership"),
        ([{"kind": "reform_board", "board": "hwb:cty"}],
         "#1 reform_board", "las", "give exactly one of las, districts"),
        ([{"kind": "create_board", "type": "lscb", "name": "X", "las": ["E06000901"]}],
         "#1 create_board", "type", "expected one of sab, hwb, cdop, csp"),
        ([{"kind": "create_board", "type": "hwb", "name": "X", "code": "E22000999",
           "las": ["E06000901"]}],
         "#1 create_board", "code", "a health and wellbeing board has no official code"),
        ([{"kind": "create_board", "type": "csp", "name": "X", "code": "E22000901",
           "las": ["E06000901"]}],
         "#1 create_board", "code", "E22000901 is already held"),
        ([{"kind": "merge_las", "las": ["E06000901", "E06000902"], "name": "T", "id": "Towns"}],
         "#1 merge_las", "id", "is not a registry id"),
        ([{"kind": "merge_las", "las": ["E06000901", "E06000902"], "name": "T", "id": "towns",
           "code": "E06000999"}], "#1 merge_las", "id", "give code or id, not both"),
        ([{"kind": "create_partnership", "name": "P", "code": "E06000999", "las": ["E06000901"]}],
         "#1 create_partnership", "code", "a partnership has no official code: give an id"),
        ([{"kind": "create_la", "name": "X", "districts": ["E07000901"], "sources": [3]}],
         "#1 create_la", "sources", "expected a list of text"),
    ],
)  # fmt: skip
def test_new_operations_refused_naming_operation_and_field(
    shire: TemporalGraph, ops: list[dict[str, Any]], operation: str, field: str, says: str
) -> None:
    before = fingerprint(shire)
    with pytest.raises(ProposalError) as caught:
        impact(shire, proposal_of(*ops))
    assert (caught.value.operation, caught.value.field) == (operation, field)
    assert says in str(caught.value)
    assert fingerprint(shire) == before
