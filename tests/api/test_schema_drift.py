"""``schema.graphql`` is the schema the code builds and the server serves; regenerate it with
``safeguarding export-schema`` (or ``python -m api.schema``)."""

from __future__ import annotations

import httpx
from graphql import (
    build_client_schema,
    build_schema,
    get_introspection_query,
    lexicographic_sort_schema,
    print_schema,
)

from api.schema import SCHEMA_FILE, sdl
from safeguarding.cli import main

REGENERATE = "schema.graphql differs from the code: run `safeguarding export-schema` and commit it"


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), REGENERATE


def test_export_schema_check_says_current() -> None:
    assert main(["export-schema", "--check"]) == 0, REGENERATE


def test_served_schema_is_the_file(client: httpx.Client) -> None:
    """What a client learns by introspection (as GraphiQL does) is what the file says."""
    response = client.post(
        "/graphql",
        json={"query": get_introspection_query(descriptions=True, specified_by_url=True)},
    )
    assert response.status_code == 200, response.text
    served = build_client_schema(response.json()["data"])
    committed = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert print_schema(lexicographic_sort_schema(served)) == print_schema(
        lexicographic_sort_schema(committed)
    )


def test_read_only_no_mutations_or_subscriptions() -> None:
    schema = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema.mutation_type is None and schema.subscription_type is None
