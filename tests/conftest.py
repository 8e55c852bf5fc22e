"""Shared fixtures: the real files beside the project, and graphs built from them once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.temporal import TemporalGraph

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GEOGRAPHY = SHARED / "geography"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def geography() -> TemporalGraph:
    """The geography graph built from the official files in ../shared/data/geography and the
    change tables in ../shared/data/changes (the 2026 ICBs, the decided Surrey order)."""
    from loaders.geography import build_geography

    return build_geography(GEOGRAPHY, SHARED / "changes")


@pytest.fixture(scope="session")
def landscape() -> TemporalGraph:
    """The whole landscape (geography and registry) built from ../shared and the shipped registry."""
    from loaders.landscape import build_landscape

    return build_landscape(SHARED)
