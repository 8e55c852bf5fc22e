"""Partial dates: a month or a year stays a month or a year, and comparisons say only what is sure."""

from __future__ import annotations

from datetime import date

import pytest

from graph.dates import PartialDate, Precision, parse_optional


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2025-11-13", Precision.DAY, date(2025, 11, 13), date(2025, 11, 13)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),  # a leap year
        ("2019", Precision.YEAR, date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_each_precision_is_the_span_of_days_it_may_be(
    text: str, precision: Precision, first: date, last: date
) -> None:
    d = PartialDate.parse(text)
    assert (str(d), d.precision, d.first, d.last) == (text, precision, first, last)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25-11", "2025/11", "Nov 2025", ""])
def test_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.parse(text)


def test_by_is_unknown_inside_the_span() -> None:
    march = PartialDate.parse("2022-03")
    assert [march.by(d) for d in (date(2022, 2, 28), date(2022, 3, 4), date(2022, 3, 31))] == [
        False,
        None,
        True,
    ]


def test_within_needs_the_whole_span() -> None:
    march = PartialDate.parse("2022-03")
    assert march.within(date(2022, 3, 1), date(2022, 3, 31))
    assert not march.within(date(2022, 3, 2), None)
    assert march.within(None, None)


def test_order_is_refused_only_when_certainly_wrong() -> None:
    assert PartialDate.parse("2017-11").not_after(PartialDate.parse("2017-11-30"))
    assert PartialDate.parse("2023").not_after(PartialDate.parse("2023-01"))
    assert not PartialDate.parse("2024-01-02").not_after(PartialDate.parse("2023"))


def test_stored_forms_round_trip() -> None:
    assert parse_optional("2020-07") == PartialDate(2020, 7)
    assert parse_optional("") is None and parse_optional(None) is None
