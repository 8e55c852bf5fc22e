""" "Did you mean": the resolver's hint offers the closest codes and names, API and CLI alike."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import UnknownCode
from graph.resolver import LOCAL_AUTHORITY, POLICE_FORCE, find
from loaders.landscape import bundled


def hint(code: str, when: date | None, kinds: frozenset[str]) -> str:
    with pytest.raises(UnknownCode) as err:
        find(bundled(), code, when, kinds)
    return err.value.hint


def test_a_digit_short_gss_code() -> None:
    assert "did you mean E10000012 (Essex County Council)" in hint(
        "E1000012", date(2024, 6, 1), LOCAL_AUTHORITY
    )


def test_a_name_given_as_a_code_suggests_entities_of_that_name() -> None:
    assert "E23000031 (Surrey)" in hint("Surey", date(2024, 6, 1), POLICE_FORCE)


def test_suggestions_exist_on_the_date() -> None:
    """Cumbria County Council ended on 2023-04-01: not offered for a date after."""
    assert "Cumbria County Council" not in hint("Cumbria", date(2024, 6, 1), LOCAL_AUTHORITY)
    assert "Cumbria County Council" in hint("Cumbria", date(2022, 6, 1), LOCAL_AUTHORITY)


def test_no_suggestion_where_the_code_is_known_elsewhere() -> None:
    """The hint already says why; a guess would only confuse."""
    text = hint("E08000038", date(2024, 6, 1), LOCAL_AUTHORITY)
    assert "holds it only in" in text and "did you mean" not in text
