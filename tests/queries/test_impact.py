"""Boundary-change impact: refused proposals, a hand-made shire, the hypothetical Essex split, and
the graph left unchanged.

The hand-made landscape: Shire County (Ayton, Beeton, Ceeton) in a joint partnership with
Unitown; Villeton alone. Shire's districts are in Shire Police, the unitaries in Town Police. North
ICB has sub-ICB A1X; South ICB has B2X and B3X. Beeton has 5 people in B2X (a part that becomes a
sliver if Beeton leaves Shire).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.errors import ProposalError
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, Relation
from queries.coverage import coverage
from queries.footprint import footprints
from queries.impact import apply, impact, shipped_proposals
from queries.proposal import load_proposal
from queries.whatif import compliance
from tests.factory import SPLIT_SHIRE, fingerprint, proposal_of, shire_landscape


@pytest.fixture(scope="module")
def shire() -> TemporalGraph:
    s = shire_landscape()
    for rid, status, body in (
        ("r1", "in_progress", "shire-scp"),
        ("r2", "published", "shire-scp"),
        ("r3", "commissioned", "ville-scp"),
    ):
        s.node(f"review:{rid}", Kind.REVIEW, rid, status=status)
        s.edge(f"review:{rid}", Relation.COMMISSIONED_BY, f"partnership:{body}")
    return s.build()


# -- refused proposals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ops", "effective", "operation", "field", "says"),
    [
        ([{"kind": "create_la", "name": "X", "districts": ["E07999999"]}], None,
         "#1 create_la", "districts[0]", "unknown code"),
        ([{"kind": "create_la", "name": "X", "districts": ["E07000901"]},
          {"kind": "create_la", "name": "Y", "districts": ["E07000902", "E07000901"]}], None,
         "#2 create_la", "districts[1]", "already put in X"),
        ([{"kind": "split_la", "la": "E10000901", "into": [
            {"name": "X", "districts": ["E07000901", "E07000902"]},
            {"name": "Y", "districts": ["E07000902", "E07000903"]}]}], None,
         "#1 split_la", "into[1].districts[0]", "in two new LAs"),
        ([{"kind": "merge_las", "las": ["E10000901", "E06000901"], "name": "Big"},
          {"kind": "create_la", "name": "Y", "districts": ["E07000903"]}], None,
         "#2 create_la", "districts[0]", "conflicting operations"),
        ([SPLIT_SHIRE, {"kind": "recode", "entity": "E10000901", "code": "E10000999"}], None,
         "#2 recode", "entity", "conflicting operations"),
        ([{"kind": "move_la", "la": "E06000901", "to": "ville-scp"},
          {"kind": "merge_partnerships", "partnerships": ["ville-scp", "shire-scp"],
           "name": "All"}], None,
         "#2 merge_partnerships", "partnerships[0]", "conflicting operations"),
        ([{"kind": "create_la", "name": "X", "districts": ["E10000901"]}], None,
         "#1 create_la", "districts[0]", "whole districts"),
        ([{"kind": "split_la", "la": "E10000901", "into": [
            {"name": "X", "districts": ["E07000901"]}, {"name": "Y", "districts": ["E07000902"]}]}],
         None, "#1 split_la", "into", "in no new LA: Ceeton"),
        ([{"kind": "transfer_districts", "districts": ["E07000901"], "from": "E06000901",
           "to": "E06000902"}], None, "#1 transfer_districts", "districts[0]", "is not in"),
        ([{"kind": "create_la", "name": "X", "code": "E06000901", "districts": ["E07000901"]}],
         None, "#1 create_la", "code", "already held"),
        ([{"kind": "merge_police_forces", "forces": ["E54000901"], "name": "F"}], None,
         "#1 merge_police_forces", "forces[0]", "not a police force"),
        ([{"kind": "create_la", "name": "X", "districts": ["E07000901"]}], "2019-03-01",
         "proposal", "effective", "before the data"),
        ([{"kind": "create_la", "name": "X", "districts": ["E07000901"]}], "next April",
         "proposal", "effective", "not a date"),
        ([{"kind": "dissolve_la", "la": "E10000901"}], None, "#1 dissolve_la", "kind",
         "unknown kind"),
        ([{"kind": "create_la", "name": "X"}], None, "#1 create_la", "districts", "missing"),
        ([{"kind": "create_la", "name": "X", "districts": ["E07000901"], "cde": "E06000999"}],
         None, "#1 create_la", "cde", "unknown field"),
    ],
)  # fmt: skip
def test_broken_proposals_are_refused_naming_operation_and_field(
    shire: TemporalGraph,
    ops: list[dict[str, Any]],
    effective: str | None,
    operation: str,
    field: str,
    says: str,
) -> None:
    with pytest.raises(ProposalError) as caught:
        impact(shire, proposal_of(*ops, effective=effective or "2027-04-01"))
    assert (caught.value.operation, caught.value.field) == (operation, field)
    assert says in str(caught.value)


# -- the hand-made shire ---------------------------------------------------------------------------


def test_split_shire_without_new_arrangements(shire: TemporalGraph) -> None:
    before = fingerprint(shire)
    r = impact(shire, proposal_of(SPLIT_SHIRE))
    assert r.before.compliant and not r.after.compliant
    # new LAs with no arrangement are awaiting one, not uncovered (an LA that lost its cover)
    assert r.after.uncovered == ()
    assert [la.code for la in r.after.awaiting_arrangement] == ["E06000911", "E06000912"]
    needing = {n.la.name: n for n in r.needing_arrangement}
    assert sorted(needing) == ["North Shire", "South Shire", "Unitown"]
    north = needing["North Shire"]
    assert (north.new, north.population, north.children) == (True, 1805, 351)
    assert [p.code for p in north.from_partnerships] == ["shire-scp"]
    assert {b.id for b in north.from_boards} == {"sab:shire-sab", "hwb:cty", "cdop:shire-cdop"}
    assert not needing["Unitown"].new and "loses part" in needing["Unitown"].reason
    (change,) = r.partnerships
    assert (change.partnership.code, change.status) == ("shire-scp", "changed")
    assert (change.population_before, change.population_after) == (5005, 2000)
    lost = {s.partner.code: round(s.share, 4) for s in change.lost}
    assert lost == {"E10000901": 0.6004, "E23000901": 0.6004, "E54000901": 0.3596}
    assert {b.board.id for b in r.boards_to_reform} == {
        "sab:shire-sab", "hwb:cty", "cdop:shire-cdop", "csp:E22000901", "csp:E22000902"
    }  # fmt: skip
    assert [rv.review.id for rv in r.open_reviews] == ["review:r1"]
    assert (r.affected.people, r.affected.local_government, r.affected.health) == (3005, 3005, 0)
    (sliver,) = r.new_slivers
    assert (sliver.area.name, sliver.body.code, sliver.population) == (
        "North Shire",
        "E54000902",
        5,
    )
    assert round(sliver.share, 5) == round(5 / 1805, 5)
    loads = {b.body.code: b for b in r.bodies}
    assert (loads["E23000901"].partnerships_before, loads["E23000901"].partnerships_after) == (1, 0)
    assert loads["E23000901"].uncovered_las_after == 2
    assert fingerprint(shire) == before


def test_split_shire_and_keep_the_joint_partnership(shire: TemporalGraph) -> None:
    move = {"kind": "move_la", "las": ["E06000911", "E06000912"], "to": "shire-scp"}
    r = impact(shire, proposal_of(SPLIT_SHIRE, move))
    assert r.after.compliant, r.after.reasons
    placed = {n.la.name: n.placed_in and n.placed_in.code for n in r.needing_arrangement}
    assert placed == {"North Shire": "shire-scp", "South Shire": "shire-scp"}  # Unitown: as before
    (change,) = r.partnerships
    assert {s.partner.code for s in change.gained} == {"E06000911", "E06000912"}
    assert {s.partner.code for s in change.lost} == {"E10000901"}
    assert r.affected.partnership == 0  # the same partnership covers every block as before


def test_health_police_and_partnership_operations(shire: TemporalGraph) -> None:
    w = apply(
        shire,
        proposal_of(
            {"kind": "merge_police_forces", "forces": ["E23000901", "E23000902"],
             "name": "All Police", "code": "E23000999"},
            {"kind": "split_health_body", "body": "QB2", "into": [
                {"name": "B2 ICB", "code": "E54000998", "sub_icb_locations": ["B2X"]},
                {"name": "B3 ICB", "code": "E54000999", "sub_icb_locations": ["E38000903"]}]},
            {"kind": "merge_partnerships", "partnerships": ["shire-scp", "ville-scp"],
             "name": "Everyone", "id": "everyone-scp"},
            {"kind": "recode", "entity": "E54000901", "code": "E54000997"},
        ),
    )  # fmt: skip
    a = w.after
    assert {a.ref(f).code for f in a.forces} == {"E23000999"}
    assert {a.ref(b).code for b in a.bodies} == {"E54000997", "E54000998", "E54000999"}
    assert a.memberships()[("E06000901", "E54000999")].people == 2000
    assert [a.ref(p).code for p in a.partnerships] == ["everyone-scp"]
    assert compliance(a).compliant
    r = impact(shire, w)
    assert {c.partnership.code: c.status for c in r.partnerships} == {
        "everyone-scp": "new", "shire-scp": "ends", "ville-scp": "ends"
    }  # fmt: skip
    loads = {b.body.code: (b.partnerships_before, b.partnerships_after) for b in r.bodies}
    assert loads["E23000999"] == (0, 1) and loads["E23000901"] == (1, 0)
    assert {rv.review.id for rv in r.open_reviews} == {"review:r1", "review:r3"}
    assert r.affected.people == 5505 and r.affected.police == 5505
    assert [(x.entity.code, x.old_code) for x in r.recoded] == [("E54000997", "E54000901")]


def test_merging_part_of_a_body_by_district(shire: TemporalGraph) -> None:
    w = apply(
        shire,
        proposal_of(
            {"kind": "merge_health_bodies", "type": "icb", "name": "Greater North ICB",
             "code": "E54000990", "bodies": ["QA1", {"code": "QB2", "districts": ["E07000902"]}]},
        ),
    )  # fmt: skip
    m = w.after.memberships()
    assert m[("E10000901", "E54000990")].people == 1805
    assert m[("E10000901", "E54000902")].people == 1200
    assert "icb:QA1" in w.ceased and "icb:QB2" not in w.ceased


# -- the real landscape ----------------------------------------------------------------------------


def test_hypothetical_essex_split_needs_two_new_arrangements(landscape: TemporalGraph) -> None:
    proposal = load_proposal(shipped_proposals()["hypothetical-essex-east-west"])
    assert proposal.hypothetical and proposal.name.startswith("HYPOTHETICAL")
    r = impact(landscape, proposal)
    new = [n for n in r.needing_arrangement if n.new]
    assert sorted(n.la.name for n in new) == ["East Essex", "West Essex"]
    essex = footprints(landscape.at(proposal.day_before)).la_population("la:ESS")
    assert sum(n.population for n in new) == essex.people
    assert sum(n.children or 0 for n in new) == essex.children
    assert all({p.id for p in n.from_partnerships} == {"partnership:essex-scb"} for n in new)
    assert r.after.local_authority_count == r.before.local_authority_count + 1
    assert [la.code for la in r.after.awaiting_arrangement] == ["new-east-essex", "new-west-essex"]
    assert r.after.uncovered == ()


def test_compliance_before_agrees_with_coverage(landscape: TemporalGraph) -> None:
    for path in shipped_proposals().values():
        proposal = load_proposal(path)
        mine = impact(landscape, proposal).before
        theirs = coverage(landscape, proposal.day_before)
        assert mine.compliant == theirs.compliant
        assert mine.local_authority_count == theirs.local_authority_count
        assert mine.uncovered == tuple(i.la for i in theirs.uncovered)
        assert mine.health_bodies_without_arrangement == theirs.health_bodies_without_arrangement
        assert mine.police_forces_without_arrangement == theirs.police_forces_without_arrangement


def test_the_graph_is_unchanged_after_impact_runs(landscape: TemporalGraph) -> None:
    before = (fingerprint(landscape), len(landscape), len(landscape.all_edges()))
    for path in shipped_proposals().values():
        impact(landscape, load_proposal(path))
    assert (fingerprint(landscape), len(landscape), len(landscape.all_edges())) == before


def test_shipped_proposals_are_dated_and_cite_sources() -> None:
    shipped = shipped_proposals()
    assert set(shipped) == {
        "2021-northamptonshire",
        "2022-ccg-to-icb",
        "2023-cumbria-north-yorkshire-somerset",
        "2026-icb-reorganisation",
        "hypothetical-essex-east-west",
        "hypothetical-police-gloucestershire-wiltshire",
        "hypothetical-police-norfolk-suffolk",
        "hypothetical-police-yorkshire-and-humber",
        "lgr-2025-east-sussex-1-unitary-county",
        "lgr-2025-essex-3-unitaries-essex-cc",
        "lgr-2025-hampshire-4-unitaries-hampshire-cc",
        "lgr-2025-norfolk-1-unitary-county",
        "lgr-2025-suffolk-1-unitary-county",
        "lgr-2025-west-sussex-1-unitary-county",
        "lgr-2025-west-sussex-2-unitaries-districts",
    }
    for name, path in shipped.items():
        assert path.read_text(encoding="utf-8").startswith("# "), name
        assert load_proposal(path).effective >= date(2021, 4, 1)


def test_the_report_echoes_the_day_before_not_the_first_day_of_its_stretch(
    landscape: TemporalGraph,
) -> None:
    # 2029-03-31 lies in the stretch carried forward from 2027-04-02: the view is shared, the
    # day asked is not
    proposal = load_proposal(shipped_proposals()["hypothetical-police-norfolk-suffolk"])
    assert landscape.at(proposal.day_before).when < proposal.day_before
    r = impact(landscape, proposal)
    assert (r.before.as_of, r.after.as_of) == (proposal.day_before, proposal.effective)
