"""Build the temporal geography graph of England from a folder of official files.

Loaders parse and validate (:mod:`loaders.sources`); the build steps write their records into a
:class:`~graph.temporal.TemporalGraph`: local authorities with their dates and codes, district to
county, police force and community safety partnership, regions
(:mod:`loaders.local_government`), health bodies and population blocks (:mod:`loaders.health`),
and a change event for every reorganisation (:mod:`loaders.events`). Every problem in every file
is collected into one :class:`~graph.errors.LoadError`; a graph is returned only when the whole
build succeeded, so a failed build never replaces a good graph.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import LoadError, Problem
from graph.temporal import TemporalGraph
from loaders import consistency, controls, decided, events, evidence, health, local_government
from loaders.builder import Builder
from loaders.changes import ChangeTables, read_changes
from loaders.sources import Sources, read_sources


def build_geography(directory: Path, changes: Path | None = None) -> TemporalGraph:
    """Build the geography graph from the official files in ``directory`` and, if ``changes``
    names a folder of change tables (:mod:`loaders.changes`), what they add after the last
    official vintage: the problems of both are raised together."""
    tables: ChangeTables | None = None
    problems: list[Problem] = []
    try:
        sources = read_sources(directory)
    except LoadError as err:
        problems.extend(err.problems)
    if changes is not None:
        try:
            tables = read_changes(changes)
        except LoadError as err:
            problems.extend(err.problems)
    if problems:
        raise LoadError(problems)
    return build_from(sources, tables)


def build_from(sources: Sources, tables: ChangeTables | None = None) -> TemporalGraph:
    """Build the geography graph from the parsed files of a folder and the change tables."""
    b = Builder(sources, tables)
    local_government.authorities(b)
    b.raise_if_problems()
    local_government.district_links(b)
    local_government.police(b)
    local_government.regions(b)
    decided.links(b)
    health.build_health(b)
    events.la_events(b)
    events.recode_events(b)
    decided.events(b)
    b.raise_if_problems()
    consistency.check(b)  # after every step: the built graph checked against itself
    b.raise_if_problems()
    g = b.graph
    g.meta.update(
        {
            "data_start": controls.DATA_START.isoformat(),
            "sources": sorted(
                {
                    sf.path.name: sf.vintage for fmt in sources.parsed for sf, _ in sources.of(fmt)
                }.items()
            ),
            "unrecognised_files": [p.name for p in sources.unknown],
        }
    )
    evidence.record(b)
    return g
