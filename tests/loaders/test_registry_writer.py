"""The registry written into the landscape (``loaders/registry_writer.py``): reviews with their
bodies and areas, and the boards the builder infers where none is recorded."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from graph.codes import Scheme
from graph.model import Confidence, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.landscape import build_landscape, default_registry
from loaders.registry_writer import CARE_ACT_S43, HSCA_S194
from ontology.vocabulary import Kind, Relation
from tests import data, reference

REVIEWS = """\
reviews:
  - id: essex-cspr-2022-01
    kind: local_cspr
    commissioning_body: essex-scb
    local_authorities: [E10000012, E06000033]
    notified: 2022-01-10
    published: 2023-02-01
    status: published
    themes: [neglect]
    source: https://example.org/reviews/essex-cspr-2022-01
    confidence: quoted
  - id: basildon-dhr-2021
    kind: domestic_abuse_related_death_review
    commissioning_body: E22000079
    local_authorities: [E10000012]
    status: in_progress
    source: https://example.org/reviews/basildon-dhr-2021
    confidence: inferred
"""


def test_reviews_are_written_with_their_commissioning_body_and_areas(tmp_path: Path) -> None:
    """The shipped partnerships and boards, with two hand-made reviews: one commissioned by the
    Essex partnership about Essex and Southend, one by Basildon's community safety partnership."""
    for name in ("childrens_partnerships.yaml", "boards.yaml"):
        shutil.copy(default_registry() / name, tmp_path / name)
    (tmp_path / "reviews.yaml").write_text(REVIEWS, encoding="utf-8")
    g = build_landscape(data.shared(), tmp_path)

    cspr = g.node("review:essex-cspr-2022-01")
    quoted = (Provenance("https://example.org/reviews/essex-cspr-2022-01", "", Confidence.QUOTED),)
    assert (cspr.kind, cspr.name, cspr.period, cspr.provenance) == (
        "Review", "local cspr essex-cspr-2022-01", Period(date(2022, 1, 10)), quoted,
    )  # fmt: skip
    assert cspr.attrs == {
        "kind": "local_cspr", "status": "published", "themes": ["neglect"],
        "notified": "2022-01-10", "commissioned": None, "published": "2023-02-01",
    }  # fmt: skip
    assert [(e.relation, e.target, str(e.period)) for e in g.out_edges(cspr.id)] == [
        ("commissionedBy", "partnership:essex-scb", "[2022-01-10, …)"),
        ("concernsArea", "la:ESS", "[2022-01-10, …)"),
        ("concernsArea", "la:SOS", "[2022-01-10, …)"),
    ]
    dhr = g.node("review:basildon-dhr-2021")  # an undated review holds throughout
    assert (dhr.attrs["kind"], dhr.period, dhr.provenance[0].confidence) == (
        "domestic_homicide_review", Period(), Confidence.INFERRED,
    )  # fmt: skip
    assert [(e.relation, e.target) for e in g.out_edges(dhr.id)] == [
        ("commissionedBy", "csp:E22000079"),
        ("concernsArea", "la:ESS"),
    ]


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
    assert counts == {
        date(2019, 10, 1): (25, 13, 113),
        date(2022, 3, 31): (27, 13, 112),  # Northumberland and North Tyneside: one joint SAB
        date(2022, 4, 1): (25, 14, 113),  # ... until Northumberland's all-age partnership
        date(2024, 6, 1): (25, 14, 114),  # and Cumbria's two unitaries since 2023
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
