"""Fixtures for the loader tests: the real authorities mapping from ../shared and the registry
loaded on it, and a hand-made mapping for the fixture files."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from graph.model import Period
from loaders.landscape import default_registry
from loaders.registry import Registry, load_registry
from tests.data import shared


def real_authorities(path: Path) -> dict[str, Period]:
    """GSS code -> half-open period in which it names an LA, from mySociety's table.

    mySociety's end dates are inconsistent (2019-2020 abolitions give the day before vesting,
    2021 and 2023 the vesting day), so the half-open end is the successor's start date.
    """
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["gss-code"].startswith("E")]
    starts = {r["local-authority-code"]: r["start-date"] for r in rows}
    out = {}
    for r in rows:
        end = None
        if r["end-date"]:
            successors = [starts[c] for c in r["replaced-by"].split(",") if starts.get(c)]
            end = date.fromisoformat(min(successors) if successors else r["end-date"])
        start = date.fromisoformat(r["start-date"]) if r["start-date"] else None
        out[r["gss-code"]] = Period(start, end)
    return out


@pytest.fixture(scope="session")
def authorities() -> dict[str, Period]:
    """GSS code -> period, from mySociety's table in ../shared/data/geography."""
    return real_authorities(shared("geography", "la_uk_local_authorities_mysociety.csv"))


@pytest.fixture(scope="session")
def registry(authorities: dict[str, Period]) -> Registry:
    return load_registry(default_registry(), authorities)


@pytest.fixture()
def tiny_authorities() -> dict[str, Period]:
    """A hand-made mapping for the broken fixture files."""
    return {
        "E06000001": Period(date(1996, 4, 1)),
        "E06000002": Period(date(1996, 4, 1)),
        "E10000006": Period(None, date(2023, 4, 1)),
        "E06000063": Period(date(2023, 4, 1)),
    }
