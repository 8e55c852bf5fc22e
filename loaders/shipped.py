"""What the build ships, loaded: the landscape snapshot and the boundary topologies.

Apart from :mod:`loaders.landscape` (the build pipeline, which re-exports these), so that a command
answering from the shipped landscape imports the snapshot reader and nothing of the build.
``bundled`` loads once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from graph import snapshot
from graph.temporal import TemporalGraph
from graph.topology import Topology

BUNDLE = Path(__file__).resolve().with_name("bundle")
"""The folder of what the build ships: the snapshot and its attribution."""
BUNDLED = BUNDLE / "landscape.json.gz"
BUNDLED_BOUNDARIES = BUNDLE / "boundaries.json.gz"
"""The compact, simplified boundaries the map draws, built from ``data/boundaries``."""


@lru_cache(maxsize=1)
def bundled() -> TemporalGraph:
    """The landscape snapshot shipped with the package (built by ``safeguarding build``)."""
    return snapshot.load(BUNDLED)


@lru_cache(maxsize=1)
def bundled_boundaries() -> Topology:
    """The boundary topologies shipped with the package (built by ``safeguarding build``)."""
    return Topology.load(BUNDLED_BOUNDARIES)
