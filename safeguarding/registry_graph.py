"""Writes the safeguarding registry (partnerships, boards, posts, reviews) into the graph."""

from __future__ import annotations

from pathlib import Path

from graph.temporal import TemporalGraph


def add_registry(g: TemporalGraph, directory: Path | None = None) -> None:
    """Add the registry in ``directory`` (the shipped one if None) to the geography graph ``g``."""
    # filled in when the registry loader lands
    return None
