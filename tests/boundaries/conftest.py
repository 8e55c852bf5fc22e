"""The real boundary files beside the project, and the compact file built from them once."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from graph.topology import Topology
from loaders.boundaries import build_boundaries

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
BOUNDARIES = SHARED / "boundaries"
GEOGRAPHY = SHARED / "geography"


@pytest.fixture(scope="session")
def built() -> bytes:
    if not BOUNDARIES.is_dir():
        pytest.skip(f"no boundary files at {BOUNDARIES}")
    return build_boundaries(BOUNDARIES)


@pytest.fixture(scope="session")
def topology(built: bytes) -> Topology:
    return Topology.from_bytes(built, "boundaries.topo.json.gz")


@pytest.fixture(scope="session")
def districts_of() -> dict[str, list[str]]:
    """Upper-tier code -> its lower-tier codes (April 2023), from the ONS lookup."""
    out: dict[str, list[str]] = defaultdict(list)
    with (GEOGRAPHY / "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["utla23_code"].startswith("E"):
                out[row["utla23_code"]].append(row["ltla23_code"])
    return dict(out)
