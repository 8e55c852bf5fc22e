"""A schema-driven fuzz run against the real server: queries that hypothesis-graphql builds from
the schema (valid ones, and invalid ones), bounded in number and in seconds per request.

No answer may be a 5xx, carry a traceback or a path of the server, take longer than BUDGET, or be
an INTERNAL_SERVER_ERROR; and the server still answers ``/health`` after. The examples are
derived from a fixed seed (``derandomize``), so a failure is the same on every run.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from api.schema import sdl

BUDGET = httpx.Timeout(10.0)
SCHEMA = sdl()
DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2031, 12, 31)).map(
    lambda d: __import__("graphql").StringValueNode(value=d.isoformat())
)
# what an answer must never show: a traceback, a source file, or a folder of the machine serving
# it (the checkout, the interpreter's, the user's home), whatever they are called here
_FOLDERS = (Path(__file__).resolve().parents[2], Path(sys.prefix), Path.home())
LEAKS = re.compile(
    r"Traceback|File \"|\.py\b|/site-packages/|"
    + "|".join(re.escape(str(f)) for f in _FOLDERS if len(f.parts) > 1)  # never "/" alone
)
RUN = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check(client: httpx.Client, query: str) -> None:
    response = client.post("/graphql", json={"query": query}, timeout=BUDGET)
    assert response.status_code < 500, (query, response.text[:500])
    assert not LEAKS.search(response.text), (query, response.text[:500])
    body = response.json()
    codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
    assert "INTERNAL_SERVER_ERROR" not in codes, (query, json.dumps(body)[:500])


@RUN
@given(query=from_schema(SCHEMA, custom_scalars={"Date": DATES}))
def test_valid_queries_from_the_schema(client: httpx.Client, query: str) -> None:
    check(client, query)


@RUN
@given(query=from_schema(SCHEMA, custom_scalars={"Date": DATES}, mode=Mode.NEGATIVE))
def test_invalid_queries_from_the_schema(client: httpx.Client, query: str) -> None:
    check(client, query)


@pytest.mark.parametrize("path", ["/health"])
def test_the_server_answers_after_the_fuzzing(client: httpx.Client, path: str) -> None:
    assert client.get(path, timeout=BUDGET).json()["status"] == "ok"
