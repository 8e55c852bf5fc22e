"""Which reviews were open on a date, as far as their dates say; and the filters of the list."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

import pytest

from graph.dates import PartialDate
from graph.ids import Prefix, node_id
from graph.model import ALWAYS, Node
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind, ReviewKind, ReviewStatus
from queries.reviews import Openness, ReviewFilter, find_reviews, openness
from tests.data import shared

D = date.fromisoformat


def review(status: str, **dates: str) -> Node:
    attrs: dict[str, Any] = {"status": status, "review_kind": "lcspr", "themes": []}
    attrs |= {f: dates.get(f) for f in ("notified", "commissioned", "published")}
    return Node(node_id(Prefix.REVIEW, "r"), Kind.REVIEW, "R", ALWAYS, (), attrs=attrs)


@pytest.mark.parametrize(
    ("node", "day", "expected"),
    [
        (review("in_progress", commissioned="2025-01"), "2026-06-01", Openness.OPEN),
        (review("in_progress", commissioned="2025-01"), "2025-01-20", Openness.UNKNOWN),
        (review("in_progress", commissioned="2025-01"), "2024-12-31", Openness.NOT_OPEN),
        (review("in_progress"), "2026-06-01", Openness.UNKNOWN),  # commissioned: not known when
        (review("published", commissioned="2023-10-10", published="2025-11-13"), "2025-11-12",
         Openness.OPEN),
        (review("published", commissioned="2023-10-10", published="2025-11-13"), "2025-11-13",
         Openness.NOT_OPEN),
        (review("published", commissioned="2023"), "2024-06-01", Openness.UNKNOWN),  # when done?
        (review("published", published="2022-03"), "2022-03-10", Openness.UNKNOWN),
        (review("published", published="2022-03"), "2022-04-01", Openness.NOT_OPEN),
        (review("published", published="2022-03"), "2021-06-01", Openness.UNKNOWN),
        (review("completed", commissioned="2022"), "2021-06-01", Openness.NOT_OPEN),
    ],
)  # fmt: skip
def test_openness(node: Node, day: str, expected: Openness) -> None:
    assert openness(node, D(day)) is expected


def _rows() -> list[dict[str, str]]:
    with shared("safeguarding", "reviews.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _ids(nodes: list[Node]) -> set[str]:
    return {n.id.removeprefix("review:") for n in nodes}


def test_filters_by_kind_status_and_theme(landscape: TemporalGraph) -> None:
    rows = _rows()
    sar = find_reviews(landscape, ReviewFilter(kinds=[ReviewKind.SAR]))
    assert _ids(sar) == {r["id"] for r in rows if r["kind"] == "sar"}
    published = find_reviews(landscape, ReviewFilter(statuses=[ReviewStatus.PUBLISHED]))
    assert _ids(published) == {r["id"] for r in rows if r["status"] == "published"}
    infants = find_reviews(landscape, ReviewFilter(theme="INFANTS"))
    assert _ids(infants) == {r["id"] for r in rows if "infants" in r["themes"].split("; ")}


def test_a_date_range_keeps_dates_wholly_inside_it(landscape: TemporalGraph) -> None:
    march = ReviewFilter(date_field="published", start=D("2022-03-01"), end=D("2022-03-31"))
    expected = {r["id"] for r in _rows() if r["published"].startswith("2022-03")}
    assert (
        _ids(find_reviews(landscape, march))
        == expected
        == {
            "chscp-lcspr-child-q",
            "croydon-lcspr-kyrell-matthews",
            "croydon-spr-carl-and-max",
        }
    )
    part = ReviewFilter(date_field="published", start=D("2022-03-10"), end=D("2022-03-31"))
    assert _ids(find_reviews(landscape, part)) == {"croydon-spr-carl-and-max"}  # days known only
    before_2019 = ReviewFilter(date_field="published", end=D("2018-12-31"))
    expected = {
        r["id"] for r in _rows() if r["published"] and PartialDate.parse(r["published"]).last
        <= D("2018-12-31")
    }  # fmt: skip
    assert _ids(find_reviews(landscape, before_2019)) == expected


def test_filters_by_area_and_body(landscape: TemporalGraph) -> None:
    hackney = find_reviews(landscape, ReviewFilter(areas=["la:HCK"]))
    assert _ids(hackney) == {r["id"] for r in _rows() if "E09000012" in r["la_codes"]}
    panel = "national:child-safeguarding-practice-review-panel"
    assert len(find_reviews(landscape, ReviewFilter(bodies=[panel]))) == 8


def test_open_on_a_date(landscape: TemporalGraph) -> None:
    f = ReviewFilter(open_on=D("2024-01-01"))
    assert _ids(find_reviews(landscape, f)) == {
        "surrey-lcspr-sara-sharif",  # commissioned 2023-10-10, published 2025-11-13
        "leicester-scr-patricia",  # commissioned 2017-11, published 2024-07-10
    }
