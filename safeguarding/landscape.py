"""The England landscape: the geography from the official files plus the safeguarding registry.

``build_landscape`` makes it from a data directory (laid out like ``../shared/data``: a
``geography/`` folder of official files); ``bundled`` loads the snapshot shipped in the package,
once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from graph import snapshot
from graph.build import build_geography
from graph.temporal import TemporalGraph

DEFAULT_DATA = Path("../shared/data")


def build_landscape(data: Path = DEFAULT_DATA, registry: Path | None = None) -> TemporalGraph:
    """Build the whole landscape: geography from ``data/geography``, then the registry."""
    geography = data / "geography" if (data / "geography").is_dir() else data
    g = build_geography(geography)
    from safeguarding import registry_graph

    registry_graph.add_registry(g, registry)
    return g


@lru_cache(maxsize=1)
def bundled() -> TemporalGraph:
    """The landscape snapshot shipped with the package (built by ``safeguarding build``)."""
    return snapshot.load(snapshot.BUNDLED)
