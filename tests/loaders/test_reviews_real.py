"""The real reviews file in the landscape: every row, each linked to its body and its LAs.

Expected answers are read from ``../shared/data/safeguarding/reviews.csv`` itself with the csv
module, not from the program's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from graph.codes import Scheme
from graph.temporal import TemporalGraph
from queries.reviews import Openness, commissioning_bodies, openness
from tests.data import shared


def rows() -> dict[str, dict[str, str]]:
    with shared("safeguarding", "reviews.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def bodies(g: TemporalGraph, rid: str) -> list[str]:
    return commissioning_bodies(g, f"review:{rid}")


def test_every_row_is_a_review_with_its_kind(landscape: TemporalGraph) -> None:
    expected = Counter(r["kind"] for r in rows().values())
    got = Counter(n.attrs["review_kind"] for n in landscape.all_nodes("Review"))
    assert got == expected
    assert sum(expected.values()) == len(rows()) == 53
    assert {n.id.removeprefix("review:") for n in landscape.all_nodes("Review")} == set(rows())


def test_every_review_has_one_body_and_the_las_the_row_names(landscape: TemporalGraph) -> None:
    for rid, row in rows().items():
        assert len(bodies(landscape, rid)) == 1, rid
        named = {c for c in row["la_codes"].split(";") if c}
        held = {
            c
            for e in landscape.out_edges(f"review:{rid}")
            if e.relation == "concernsArea"
            for c in landscape.node(e.target).codes(Scheme.GSS)
        }
        assert named <= held, rid
        linked = [e for e in landscape.out_edges(f"review:{rid}") if e.relation == "concernsArea"]
        assert len(linked) == len(named), rid


def test_dates_keep_the_precision_of_the_file(landscape: TemporalGraph) -> None:
    for rid, row in rows().items():
        node = landscape.node(f"review:{rid}")
        for field in ("notified", "commissioned", "published"):
            assert (node.attrs[field] or "") == row[field], (rid, field)


def test_sara_sharif_is_surreys_and_published_on_13_november_2025(
    landscape: TemporalGraph,
) -> None:
    row = rows()["surrey-lcspr-sara-sharif"]
    assert row["commissioning_body"] == "Surrey Safeguarding Children Partnership"
    assert bodies(landscape, "surrey-lcspr-sara-sharif") == ["partnership:surrey-scp"]
    node = landscape.node("review:surrey-lcspr-sara-sharif")
    assert node.attrs["published"] == "2025-11-13" == row["published"]
    assert node.attrs["commissioned"] == "2023-10-10"


def test_child_q_is_hackneys_in_the_city_and_hackney_partnership(
    landscape: TemporalGraph,
) -> None:
    assert bodies(landscape, "chscp-lcspr-child-q") == ["partnership:city-and-hackney-scp"]
    (edge,) = [
        e for e in landscape.out_edges("review:chscp-lcspr-child-q") if e.relation == "concernsArea"
    ]
    assert landscape.node(edge.target).name == "London Borough of Hackney"
    assert landscape.node("review:chscp-lcspr-child-q").attrs["published"] == "2022-03"


def test_the_national_reviews_are_the_panels(landscape: TemporalGraph) -> None:
    national = [rid for rid, r in rows().items() if r["kind"] == "national_review"]
    assert len(national) == 8
    panel = "national:child-safeguarding-practice-review-panel"
    assert {rid for rid in rows() if bodies(landscape, rid) == [panel]} == set(national)
    assert landscape.node(panel).kind == "NationalReviewPanel"


def test_the_southport_review_is_open_on_1_june_2026(landscape: TemporalGraph) -> None:
    node = landscape.node("review:lancashire-cspr-southport")
    assert rows()["lancashire-cspr-southport"]["commissioned"] == "2025-01"
    assert openness(node, date(2026, 6, 1)) is Openness.OPEN
    assert openness(node, date(2025, 1, 15)) is Openness.UNKNOWN  # within the month commissioned
    assert openness(node, date(2024, 12, 31)) is Openness.NOT_OPEN
    assert bodies(landscape, "lancashire-cspr-southport") == ["partnership:lancashire-csap"]


@pytest.mark.parametrize(
    ("rid", "body"),
    [
        ("croydon-scr-child-a-baby-n", "lscb:croydon-lscb"),  # published before the partnership
        ("croydon-scr-emily-and-jack", "partnership:croydon-scp"),
        ("leicester-scr-patricia", "partnership:leicester-scp"),  # by the alias LSCPB
        ("wolverhampton-scr-child-fj", "lscb:wolverhampton-scb"),
        ("norfolk-sar-adult-p", "sab:norfolk-sab"),
        ("durham-sar-whorlton-hall", "sab:durham-sap"),
        ("tewkesbury-dhr-2015", "csp:E22000098"),  # an ONS CSP by another name
        ("nel-dhr-edie", "csp:E22000135"),  # "<ONS name> Community Safety Partnership"
        ("devon-dhr-neil-case-23", "csp:safer-devon-csp"),  # a CSP ONS does not list
        ("kirklees-dhr-bethany-rae-fields", "csp:E22000344"),  # the row's note infers it
    ],
)
def test_each_kind_of_body_is_resolved(landscape: TemporalGraph, rid: str, body: str) -> None:
    assert bodies(landscape, rid) == [body]


def test_a_body_supplied_by_a_control_is_marked_inferred(landscape: TemporalGraph) -> None:
    (edge,) = [
        e
        for e in landscape.out_edges("review:kirklees-dhr-bethany-rae-fields")
        if e.relation == "commissionedBy"
    ]
    assert [p.confidence.value for p in edge.provenance] == ["inferred"]
    assert rows()["kirklees-dhr-bethany-rae-fields"]["commissioning_body"] == ""


def test_an_abolished_county_keeps_its_review(landscape: TemporalGraph) -> None:
    (edge,) = [
        e
        for e in landscape.out_edges("review:cumbria-cspr-leiland-james-corkill")
        if e.relation == "concernsArea"
    ]
    assert edge.target == "la:CMA" and edge.period.end == date(2023, 4, 1)
