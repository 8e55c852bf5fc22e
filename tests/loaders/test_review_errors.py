"""Broken review rows are refused with the row and field named, and nothing is half-loaded.

A user's own file in the same format loads without code changes, through the whole build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.temporal import TemporalGraph
from loaders.landscape import build_landscape, bundled
from loaders.review_writer import add_reviews
from loaders.reviews import load_reviews
from tests.data import ROOT, shared

FIXTURES = ROOT / "tests" / "fixtures" / "safeguarding"


def mutable_copy(g: TemporalGraph) -> TemporalGraph:
    """A graph to write into with the nodes and edges of ``g`` (which is frozen)."""
    out = TemporalGraph()
    for node in g.all_nodes():
        out.add_node(node)
    for edge in g.all_edges():
        out.add_edge(edge)
    return out


def test_unresolvable_rows_name_line_column_and_value() -> None:
    g = mutable_copy(bundled())
    before = (len(g), len(g.all_edges()))
    with pytest.raises(LoadError) as caught:
        add_reviews(g, FIXTURES / "reviews_unresolvable.csv")
    found = [(p.file, p.line, p.column, p.value) for p in caught.value.problems]
    name = "reviews_unresolvable.csv"
    assert found == [
        (name, 2, "commissioning_body", "Nowhere Safeguarding Children Partnership"),
        (name, 3, "la_codes", "E06000999"),
        (name, 4, "commissioning_body", "Croydon Local Safeguarding Children Board"),
        (name, 5, "la_codes", "E08000038"),
    ]
    text = str(caught.value)
    assert "only outside the row's dates" in text and "no upper-tier local authority" in text
    assert (len(g), len(g.all_edges())) == before  # the good row (line 6) was not written either
    assert "review:fine" not in g


def test_malformed_rows_name_every_problem() -> None:
    with pytest.raises(LoadError) as caught:
        load_reviews(FIXTURES / "reviews_malformed.csv")
    found = [(p.line, p.column, p.value) for p in caught.value.problems]
    assert found == [
        (2, "published", "2021-01-01"),  # before the commissioning month
        (3, "source", None),  # a fact without a source
        (4, "kind", "inquest"),
        (4, "status", "finished"),
        (4, "confidence", "certain"),
        (4, "published", "2022-13"),
        (5, "title", None),
        (5, "id", "Bad_Id"),
        (5, "source", "ftp://example.org/i"),
        (5, "commissioning_body", None),
        (5, "la_codes", "X123"),
        (6, "id", "out-of-order"),  # a duplicate of line 2's
    ]
    assert "a fact without a source" in str(caught.value)
    assert "reviews_malformed.csv line 2, column published" in str(caught.value)


def test_a_users_file_loads_into_the_graph() -> None:
    g = mutable_copy(bundled())
    assert add_reviews(g, FIXTURES / "reviews_user.csv") == 2
    dhr = g.node("review:user-dhr-1")
    assert (dhr.attrs["review_kind"], dhr.attrs["status"], dhr.attrs["commissioned"]) == (
        "dhr",
        "in_progress",
        "2026-02",
    )
    bodies = {e.target for e in g.out_edges("review:user-cspr-1") if e.relation == "commissionedBy"}
    assert bodies == {"partnership:surrey-scp"}  # by registry id


def _data(tmp_path: Path, reviews: Path) -> Path:
    tmp_path.mkdir()
    (tmp_path / "geography").symlink_to(shared("geography"), target_is_directory=True)
    (tmp_path / "changes").symlink_to(shared("changes"), target_is_directory=True)
    (tmp_path / "safeguarding").mkdir()
    (tmp_path / "safeguarding" / "reviews.csv").write_bytes(reviews.read_bytes())
    return tmp_path


def test_the_build_reads_a_users_reviews_and_refuses_a_broken_file(tmp_path: Path) -> None:
    good = build_landscape(_data(tmp_path / "good", FIXTURES / "reviews_user.csv"))
    assert sorted(n.id for n in good.all_nodes("Review")) == [
        "review:user-cspr-1",
        "review:user-dhr-1",
    ]
    assert good.meta["safeguarding_files"] == {"reviews.csv": 2}
    with pytest.raises(LoadError) as caught:
        build_landscape(_data(tmp_path / "bad", FIXTURES / "reviews_unresolvable.csv"))
    assert {p.file for p in caught.value.problems} == {"reviews.csv"}
