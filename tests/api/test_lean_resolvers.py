"""Lean resolvers (api/lean_resolvers.py) answer exactly as strawberry's own wrapping does."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from api.config import ApiConfig
from api.context import Context
from api.schema import build_schema
from graph.temporal import TemporalGraph
from tests.data import ROOT

WIDE = (
    "query Wide($asOf: Date!) { partnerships(asOf: $asOf, first: 500) { totalCount nodes { "
    "id kind name code asOf valid validFrom validTo form allAge aliases notes "
    "localAuthorities { code name dfeCode: identifiers(scheme: DFE, current: true) { code } } "
    "policeForces(sliverThreshold: 0.05) { code name population populationShare sliver shareOf "
    "childrenAges populationBase } "
    "healthBodies { code populationShare children childrenShare } "
    "population children childrenAges policeCoterminosity healthCoterminosity "
    "partners { role code name statutory named populationShare sliver } } } }"
)
MISTAKES = [
    ('{ localAuthority(code: "E10000099", asOf: "2024-06-01") { name } }', None),
    ('{ partnership(code: "surrey-scp", asOf: "2018-01-01") { name } }', None),
    ('{ partnerships(asOf: "2024-06-01", first: 900) { totalCount } }', None),
    (
        '{ partnership(code: "surrey-scp", asOf: "2024-06-01") { '
        "policeForces(sliverThreshold: 7) { code } } }",
        None,
    ),
    (
        '{ localAuthority(code: "E10000006", asOf: "2024-06-01") { name population '
        "ceased { ended successors { code } } } }",
        None,
    ),
]


def _examples() -> list[tuple[str, dict[str, Any] | None]]:
    files = sorted((ROOT / "queries").glob("*.graphql"))
    return [(f.read_text(encoding="utf-8"), None) for f in files]


def _answer(schema: Any, graph: TemporalGraph, query: str, variables: Any) -> str:
    config = ApiConfig()
    result = schema.execute_sync(
        query, variable_values=variables, context_value=Context(graph, config)
    )
    errors = [
        {"message": e.message, "path": e.path, "code": (e.extensions or {}).get("code")}
        for e in result.errors or []
    ]
    return json.dumps({"data": result.data, "errors": errors}, sort_keys=True, default=str)


@pytest.fixture(scope="module")
def schemas() -> tuple[Any, Any]:
    return build_schema(ApiConfig()), build_schema(ApiConfig(), lean=False)


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        *_examples(),
        (WIDE, {"asOf": "2024-06-01"}),
        (WIDE, {"asOf": "2020-01-01"}),
        (WIDE, {"asOf": "2027-06-01"}),
        *MISTAKES,
    ],
)
def test_lean_answers_equal_strawberry_answers(
    schemas: tuple[Any, Any], landscape: TemporalGraph, query: str, variables: Any
) -> None:
    lean, plain = schemas
    expected = _answer(plain, landscape, query, variables)
    # the examples and the wide query answer whole; the mistakes are refused
    assert ('"errors": []' in expected) == ((query, variables) not in MISTAKES)
    assert _answer(lean, landscape, query, variables) == expected


def test_lean_resolvers_cover_the_wide_fields(schemas: tuple[Any, Any]) -> None:
    lean, plain = schemas
    core = lean._schema.type_map["Partnership"].fields
    default = plain._schema.type_map["Partnership"].fields
    for name in ("name", "code", "localAuthorities", "policeForces", "healthBodies"):
        assert core[name].resolve is not default[name].resolve


def test_resolvers_read_only_the_context_of_info() -> None:
    # a lean resolver gets graphql-core's info, not strawberry's: only `.context` is shared
    used = set()
    for path in (ROOT / "api").rglob("*.py"):
        used |= set(re.findall(r"\binfo\.([a-z_]+)", path.read_text(encoding="utf-8")))
    assert used == {"context"}
