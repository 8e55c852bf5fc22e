"""An answer is a function of the stretch of time its date falls in, echo fields aside.

The result cache shares one answer between every date of a stretch (``api.request_key``), so
this holds the whole schema to it on the real landscape: a document selecting every field (to a
few levels) of every root field that takes ``asOf``, on the first and the last day of every
stretch, must give the same answer once the fields that echo the date (``ECHO_FIELDS``) are set
aside (and the messages of errors, which name it: an answer with errors is never cached). A field that depended on the date inside a stretch would fail here, naming the stretch.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
)

from api.config import ApiConfig
from api.context import Context
from api.request_key import ECHO_FIELDS
from api.schema import build_schema
from loaders.landscape import bundled
from queries.stretches import answer_days

ROOTS = {  # root field -> its arguments beside asOf, and how deep to select below it
    "coverage": ("", 1),
    "overlap": ("", 1),
    "rules": ("", 2),
    "localAuthority": ('code: "E10000012"', 2),  # Essex
    "cumbria: localAuthority": ('code: "E10000006"', 2),  # Cumbria, ended 2023-04-01
    "surrey: localAuthority": ('code: "E10000030"', 2),  # Surrey, ends 2027-03-31
    "partnership": ('code: "essex-scb"', 2),
    "policeForce": ('code: "E23000028"', 1),
    "healthBody": ('code: "QH8"', 1),
    "partnerships": ("first: 8", 1),
    "localAuthorities": ("first: 8", 1),
    "policeForces": ("first: 4", 1),
    "healthBodies": ("first: 4", 1),
    "search": ('name: "Surrey", first: 8', 1),
    "reviews": ("first: 40", 1),
    "history": ('code: "E10000006"', 1),
}
"""Deep enough to reach every date-dependent part (a basis's layers, a review's openness, a
ceased entity's successors) while one document executes in a fraction of a second."""


def _named(t: Any) -> Any:
    while isinstance(t, GraphQLNonNull | GraphQLList):
        t = t.of_type
    return t


def _selectable(field: GraphQLField) -> bool:
    return not any(isinstance(a.type, GraphQLNonNull) for a in field.args.values())


def selection(t: Any, depth: int) -> str:
    """Every field of ``t`` without required arguments, nested ``depth`` levels at most."""
    t = _named(t)
    if isinstance(t, GraphQLUnionType):
        parts = [f"... on {m.name} {selection(m, depth)}" for m in t.types]
        return "{ __typename " + " ".join(parts) + " }"
    fields = []
    for name, field in t.fields.items():
        inner = _named(field.type)
        if not _selectable(field):
            continue
        if isinstance(inner, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            if depth > 0:
                fields.append(f"{name} {selection(inner, depth - 1)}")
        else:
            fields.append(name)
    return "{ " + (" ".join(fields) or "__typename") + " }"


def document() -> str:
    schema = build_schema(ApiConfig())._schema
    query = schema.query_type
    parts = []
    for root, (args, depth) in ROOTS.items():
        name = root.split(": ")[-1]
        field = query.fields[name]
        given = f"{args}, asOf: $asOf" if args else "asOf: $asOf"
        parts.append(f"{root}({given}) {selection(field.type, depth)}")
    return "query ($asOf: Date!) { " + " ".join(parts) + " }"


def without_echo(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_echo(v) for k, v in value.items() if k not in ECHO_FIELDS}
    if isinstance(value, list):
        return [without_echo(v) for v in value]
    return value


def stretches() -> list[tuple[date, date]]:
    """The first and the last day of every stretch from the data's start (a year of the last)."""
    g = bundled()
    start = date.fromisoformat(g.meta["data_start"])
    days = [d for d in answer_days(g) if d > start]
    bounds = [start, *days]
    out = [(a, b - timedelta(days=1)) for a, b in itertools.pairwise(bounds)]
    return [*out, (bounds[-1], bounds[-1] + timedelta(days=365))]


@pytest.fixture(scope="module")
def ask() -> Any:
    config = ApiConfig(
        max_depth=50,
        max_aliases=1000,
        max_tokens=1_000_000,
        max_fields=10_000_000,
        max_answer_bytes=10**9,
        max_request_seconds=600,
    )
    schema, text, graph = build_schema(config), document(), bundled()

    def run(day: date) -> Any:
        result = schema.execute_sync(
            text, variable_values={"asOf": day.isoformat()}, context_value=Context(graph, config)
        )
        # refusals (an entity not there on the day) name the date: errors are never cached, so
        # only where they fall counts
        errors = sorted(str(e.path) for e in result.errors or ())
        return without_echo(result.data), errors

    return run


def test_the_document_selects_every_kind_of_answer() -> None:
    text = document()
    for needed in ("compliant", "openness", "basis", "ceased", "carriedForward", "inForce"):
        assert needed in text, needed


def test_every_date_of_a_stretch_gets_the_same_answer(ask: Any) -> None:
    checked = 0
    for first, last in stretches():
        if first == last:
            continue
        assert ask(first) == ask(last), f"the answers differ between {first} and {last}"
        checked += 1
    assert checked > 50  # the landscape has many stretches longer than a day


def test_the_answer_changes_between_stretches(ask: Any) -> None:
    # the check above could not fail if the document asked for nothing that changes
    assert ask(date(2023, 3, 31)) != ask(date(2023, 4, 1))
