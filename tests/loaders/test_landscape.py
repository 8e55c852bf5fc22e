"""The whole landscape built from the official files and the registry is the shipped snapshot."""

from __future__ import annotations

import json

from graph.snapshot import to_data
from graph.temporal import TemporalGraph


def test_snapshot_is_what_the_build_makes(landscape: TemporalGraph) -> None:
    """The shipped snapshot is up to date with the official files and the registry."""
    from graph.snapshot import dumps
    from loaders.landscape import BUNDLED, bundled

    assert to_data(bundled()) == json.loads(json.dumps(to_data(landscape)))
    assert dumps(landscape) == BUNDLED.read_bytes()  # the build is reproducible to the byte
