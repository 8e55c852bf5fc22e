"""Reviews load from YAML and from CSV with the same columns, to the same records."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import LoadError
from graph.model import Confidence, Period
from loaders.landscape import default_registry
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


def test_shipped_reviews_file_is_an_empty_list() -> None:
    assert load_reviews(default_registry() / "reviews.yaml") == ()


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
