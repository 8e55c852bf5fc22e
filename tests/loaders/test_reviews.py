"""Reviews load from YAML and from CSV with the same columns, to the same records."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import LoadError
from graph.model import Confidence, Period
from loaders.reviews import ReviewKind, ReviewStatus, load_reviews
from tests import data

FIXTURES = data.FIXTURES / "registry"


def test_csv_and_yaml_give_the_same_records(tiny_authorities: dict[str, Period]) -> None:
    bodies = {"tees-scp"}
    from_yaml = load_reviews(FIXTURES / "reviews.yaml", tiny_authorities, bodies)
    from_csv = load_reviews(FIXTURES / "reviews.csv", tiny_authorities, bodies)
    assert from_csv == from_yaml
    cspr, dhr = from_yaml
    assert (cspr.kind, cspr.status, cspr.local_authorities) == (
        ReviewKind.LOCAL_CSPR,
        ReviewStatus.PUBLISHED,
        ("E06000001", "E06000002"),
    )
    assert (cspr.notified, cspr.published) == (date(2021, 1, 4), date(2022, 3, 1))
    assert cspr.themes == ("neglect", "domestic abuse")
    assert (dhr.kind, dhr.confidence, dhr.published) == (
        ReviewKind.DOMESTIC_HOMICIDE_REVIEW,
        Confidence.INFERRED,
        None,
    )


def test_without_authorities_or_bodies_nothing_is_cross_checked(
    tiny_authorities: dict[str, Period],
) -> None:
    """As the builder's default call does: the same records, the codes taken as they are."""
    bare = load_reviews(FIXTURES / "reviews.yaml")
    assert bare == load_reviews(FIXTURES / "reviews.yaml", tiny_authorities, {"tees-scp"})
    assert [(r.id, r.commissioning_body, r.status) for r in bare] == [
        ("tees-cspr-2021-01", "tees-scp", ReviewStatus.PUBLISHED),
        ("hartlepool-dhr-2020", "E22000001", ReviewStatus.IN_PROGRESS),
    ]


def test_an_unknown_body_or_la_is_named() -> None:
    """A registry id must be one of ``bodies`` (a GSS body is not checked against them), an LA code
    one of ``authorities``."""
    only_hartlepool = {"E06000001": Period(date(1996, 4, 1))}
    with pytest.raises(LoadError) as caught:
        load_reviews(FIXTURES / "reviews.yaml", only_hartlepool, {"other-scp"})
    assert [(p.line, p.column, p.value, p.message) for p in caught.value.problems] == [
        (4, "tees-cspr-2021-01.commissioning_body", "tees-scp",
         "neither a GSS code nor a known registry id"),
        (5, "tees-cspr-2021-01.local_authorities", "E06000002",
         "unknown LA code: no LA has this code"),
    ]  # fmt: skip


def test_broken_reviews_name_every_problem(tiny_authorities: dict[str, Period]) -> None:
    with pytest.raises(LoadError) as caught:
        load_reviews(FIXTURES / "reviews_broken.csv", tiny_authorities, {"tees-scp"})
    found = [(p.line, p.column, p.value) for p in caught.value.problems]
    assert found == [
        (2, "bad-1.source", None),
        (2, "bad-1.kind", "inquest"),
        (2, "bad-1.commissioning_body", "nobody"),
        (2, "bad-1.local_authorities", "E06000099"),
        (2, "bad-1.notified", "2021-13-01"),
        (3, "bad-1.status", "finished"),
        (3, "bad-1.confidence", "certain"),
        (3, "bad-1.published", "2021-01-01, 2020-01-01"),
        (3, "bad-1.id", "bad-1"),
    ]
    assert "a fact without a source" in str(caught.value)
