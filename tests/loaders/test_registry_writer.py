"""The registry written into the landscape (``loaders/registry_writer.py``): reviews with their
bodies and areas, and the boards the builder infers where none is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from graph.codes import Scheme
from graph.model import Confidence, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.registry_writer import CARE_ACT_S43, HSCA_S194
from ontology.vocabulary import Kind, Relation
from tests import reference

# -- adults boards: recorded, or inferred where none is recorded --------------------------------

SAB_DAYS = [date(2019, 10, 1), date(2022, 3, 31), date(2022, 4, 1), date(2024, 6, 1)]
INFERRED_SAB = Provenance(CARE_ACT_S43, "every local authority must establish a SAB", Confidence.INFERRED)  # fmt: skip


def sabs(g: TemporalGraph, when: date) -> dict[str, set[str]]:
    """GSS codes of the LAs on ``when`` by where their adults board comes from: a recorded joint
    board, an all-age partnership, or their own board, inferred by the builder."""
    view = g.at(when)
    found: dict[str, set[str]] = {"joint": set(), "all-age": set(), "own": set()}
    for board in view.nodes(Kind.SAFEGUARDING_ADULTS_BOARD):
        if board.id.startswith("sab:own:"):
            source = "own"
        else:
            source = "all-age" if "all_age_partnership" in board.attrs else "joint"
        for la in view.targets(board.id, Relation.HAS_MEMBER):
            found[source].add(view.node(la).code(Scheme.GSS, when) or la)
    return found


@pytest.mark.parametrize("when", SAB_DAYS, ids=str)
def test_an_la_has_its_own_sab_exactly_where_the_registry_records_none(
    landscape: TemporalGraph, when: date
) -> None:
    """Against boards.yaml read as plain YAML and the ONS list of upper-tier LAs."""
    joint, all_age = reference.joint_sab_members(when), reference.all_age_members(when)
    assert joint & all_age == set()  # no LA in two boards
    assert sabs(landscape, when) == {
        "joint": joint,
        "all-age": all_age,
        "own": reference.upper_tier(when) - joint - all_age,
    }


def test_how_many_las_have_which_sab() -> None:
    """Counted from the registry YAML and the ONS lists, by the day."""
    counts = {
        when: (len(joint := reference.joint_sab_members(when)),
               len(all_age := reference.all_age_members(when)),
               len(reference.upper_tier(when) - joint - all_age))
        for when in SAB_DAYS
    }  # fmt: skip
    # "joint" counts every recorded board: the joint ones and the single-LA boards recorded with
    # their sources (Norfolk, Durham); Bath and North East Somerset's partnership is all-age
    assert counts == {
        date(2019, 10, 1): (27, 14, 110),
        date(2022, 3, 31): (29, 14, 109),  # Northumberland and North Tyneside: one joint SAB
        date(2022, 4, 1): (27, 15, 110),  # ... until Northumberland's all-age partnership
        date(2024, 6, 1): (27, 15, 111),  # and Cumbria's two unitaries since 2023
    }


def test_an_la_leaving_a_joint_sab_has_its_own_exactly_from_then(landscape: TemporalGraph) -> None:
    """The Northumberland and North Tyneside SAB ended on 2022-04-01: North Tyneside's own board
    is inferred from that day; Northumberland went to its all-age partnership, so it has none."""

    def boards(la: str) -> list[tuple[str, str]]:
        return [
            (e.source, str(e.period))
            for e in landscape.in_edges(la)
            if e.relation == Relation.HAS_MEMBER and e.source.startswith("sab:")
        ]

    assert boards("la:NTY") == [
        ("sab:northumberland-and-north-tyneside-sab", "[1974-04-01, 2022-04-01)"),
        ("sab:own:nty", "[2022-04-01, …)"),
    ]
    own = landscape.node("sab:own:nty")
    assert (own.name, own.period, own.provenance) == (
        "North Tyneside Council Safeguarding Adults Board", Period(date(2022, 4, 1)), (INFERRED_SAB,),
    )  # fmt: skip
    assert boards("la:NBL") == [
        ("sab:northumberland-and-north-tyneside-sab", "[2009-04-01, 2022-04-01)"),
        ("sab:northumberland-ncasp", "[2022-04-01, …)"),
    ]


def test_every_upper_tier_la_has_its_own_hwb_from_2013_or_from_its_start(
    landscape: TemporalGraph,
) -> None:
    """No joint HWB is recorded (boards.yaml): one inferred board per LA, from 2013-04-01, the
    Health and Social Care Act 2012 s194, or from the LA's first day; it ends with the LA."""
    hwbs = {
        when: {
            landscape.node(la).code(Scheme.GSS, when)
            for b in landscape.at(when).nodes(Kind.HEALTH_AND_WELLBEING_BOARD)
            for la in landscape.at(when).targets(b.id, Relation.HAS_MEMBER)
        }
        for when in SAB_DAYS
    }
    assert hwbs == {when: reference.upper_tier(when) for when in SAB_DAYS}
    inferred = (Provenance(HSCA_S194, "each upper-tier council establishes an HWB", Confidence.INFERRED),)  # fmt: skip
    assert {
        hwb: (landscape.node(hwb).period, landscape.node(hwb).provenance)
        for hwb in ("hwb:ess", "hwb:cma", "hwb:cbd")
    } == {
        "hwb:ess": (Period(date(2013, 4, 1)), inferred),  # Essex
        "hwb:cma": (Period(date(2013, 4, 1), date(2023, 4, 1)), inferred),  # Cumbria
        "hwb:cbd": (Period(date(2023, 4, 1)), inferred),  # Cumberland
    }
