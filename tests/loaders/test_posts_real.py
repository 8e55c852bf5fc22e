"""Published chairs, scrutineers and conveners as dated posts; holders kept but not shown.

Expected answers come from ``../shared/data/safeguarding/chairs_and_scrutiny.csv`` itself.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from graph.errors import LoadError
from graph.temporal import TemporalGraph
from loaders.landscape import bundled
from loaders.post_table import load_posts
from loaders.post_writer import add_posts
from tests.data import ROOT, shared
from tests.loaders.test_review_errors import mutable_copy

FIXTURES = ROOT / "tests" / "fixtures" / "safeguarding"


def rows() -> list[dict[str, str]]:
    with shared("safeguarding", "chairs_and_scrutiny.csv").open(
        encoding="utf-8-sig", newline=""
    ) as f:
        return list(csv.DictReader(f))


def published_posts(g: TemporalGraph) -> list[str]:
    return [
        n.id
        for n in g.all_nodes("Post")
        if n.attrs.get("post_as_published") and "seen_from" in n.attrs
    ]


def test_every_row_is_a_post_of_its_partnership(landscape: TemporalGraph) -> None:
    assert len(rows()) == 15
    posts = [landscape.node(p) for p in published_posts(landscape)]
    assert len(posts) == 15
    for row in rows():
        match = [
            p
            for p in posts
            if f"partnership:{row['partnership_id']}"
            in {e.target for e in landscape.out_edges(p.id) if e.relation == "postFor"}
            and p.attrs["post_as_published"] == row["post_as_published"]
            and (p.attrs["seen_from"] or "") == row["from"]
            and (p.attrs["seen_to"] or "") == row["to"]
        ]
        assert len(match) == 1, row
        assert match[0].attrs.get("holder", "") == row["holder"]
        assert match[0].provenance[0].source == row["source"]


def test_croydons_chair_and_scrutineer_on_1_january_2021(landscape: TemporalGraph) -> None:
    view = landscape.at(date(2021, 1, 1))
    posts = [view.node(p) for p in view.sources("partnership:croydon-scp", "postFor")]
    (published,) = [p for p in posts if not p.attrs.get("derived")]
    assert published.attrs["post_as_published"] == "Independent Chair and Scrutineer"
    assert published.attrs["seen_from"] == "2020-12" and published.period.start == date(2020, 12, 1)
    assert published.attrs["holder"] == "Di Smith"  # kept in the graph; shown only when asked
    scrutiny = landscape.node("partnership:croydon-scp").attrs["scrutiny"]
    assert [(s["model"], s["seen"]) for s in scrutiny] == [("independent_chair", ["2020-12"])]


def test_a_year_range_covers_both_years(landscape: TemporalGraph) -> None:
    (post,) = [
        landscape.node(p)
        for p in published_posts(landscape)
        if p.startswith("post:partnership:worcestershire-scp:")
    ]
    assert (post.period.start, post.period.end) == (date(2023, 1, 1), date(2025, 1, 1))


def test_devon_dates_its_first_chair_before_2019(landscape: TemporalGraph) -> None:
    """Devon's 2018-19 chair loads because the partnership now starts in November 2018."""
    devon = [landscape.node(p) for p in published_posts(landscape) if ":devon-scp:" in p]
    assert sorted(p.attrs["seen_from"] for p in devon) == ["2018", "2021", "2024"]
    first = min(devon, key=lambda p: p.attrs["seen_from"])
    assert first.period.start == date(2018, 11, 1)  # clipped to the partnership's start
    assert "holder" not in first.attrs  # the source names no one


def test_malformed_rows_name_line_column_and_value() -> None:
    with pytest.raises(LoadError) as caught:
        load_posts(FIXTURES / "chairs_malformed.csv")
    assert [(p.line, p.column, p.value) for p in caught.value.problems] == [
        (2, "role", "mascot"),
        (3, "source", None),
        (3, "to", "2022"),  # before from (2023)
    ]


def test_unresolvable_rows_are_refused_and_nothing_is_written() -> None:
    g = mutable_copy(bundled())
    before = (len(g), len(g.all_edges()))
    with pytest.raises(LoadError) as caught:
        add_posts(g, FIXTURES / "chairs_unresolvable.csv")
    assert [(p.line, p.column, p.value) for p in caught.value.problems] == [
        (2, "partnership_id", "nowhere-scp"),
        (3, "partnership_name", "Surrey Safeguarding Children Partnership"),  # not Croydon's
        (4, "from", "2019"),  # Plymouth's own partnership began in 2024
    ]
    assert (len(g), len(g.all_edges())) == before
