"""Client mistakes the API names instead of answering wrongly: reversed diff, mistyped code."""

from __future__ import annotations

from tests.api.conftest import GraphQL


def test_diff_with_reversed_dates_is_refused(gql: GraphQL) -> None:
    errors = gql.errors('{ diff(from: "2024-06-01", to: "2023-01-01") { from } }')
    assert "to (2023-01-01) is before from (2024-06-01)" in errors[0]["message"]


def test_mistyped_code_gets_a_suggestion(gql: GraphQL) -> None:
    errors = gql.errors('{ localAuthority(code: "E1000012", asOf: "2024-06-01") { name } }')
    assert "did you mean E10000012 (Essex County Council)" in errors[0]["message"]
