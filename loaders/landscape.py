"""The England landscape, built in one pipeline: the geography from the official files, then the
safeguarding registry on top of it; and the build shipped with the package.

``build_landscape`` makes it from a data folder laid out like ``../shared/data`` (a
``geography/`` folder of official files; a folder of official files itself is accepted too; a
``safeguarding/`` folder whose ``reviews.csv`` and ``chairs_and_scrutiny.csv``, where present, are
read in the format of the shared ones), a folder of change tables (``changes/`` in the data folder
by default: what happened or was decided after the last official vintage, :mod:`loaders.changes`)
and a registry folder (the shipped ``registry/`` by default). ``bundled`` loads the snapshot
shipped in ``loaders/bundle/``, once per process, and ``bundled_boundaries`` the boundary
topologies built beside it from ``data/boundaries`` (:mod:`loaders.boundaries`). Default folders
are resolved from the package, never from the working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from graph.errors import LoadError, Problem
from graph.temporal import TemporalGraph
from loaders import registry_writer
from loaders.collector import paused
from loaders.geography import build_geography
from loaders.post_writer import POSTS_FILE, add_posts
from loaders.review_writer import REVIEWS_FILE, add_reviews
from loaders.shipped import BUNDLE as BUNDLE  # what the build ships, loaded: re-exported here
from loaders.shipped import BUNDLED as BUNDLED
from loaders.shipped import BUNDLED_BOUNDARIES as BUNDLED_BOUNDARIES
from loaders.shipped import bundled as bundled
from loaders.shipped import bundled_boundaries as bundled_boundaries

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""``shared/data`` beside the checkout: where the official files are kept for development."""


def default_registry() -> Path:
    """The ``registry/`` package folder that ships the YAML files."""
    return Path(str(resources.files("registry")))


def geography_folder(data: Path) -> Path:
    """The folder of official geography files in ``data`` (``data/geography``, or ``data``)."""
    return data / "geography" if (data / "geography").is_dir() else data


def boundaries_folder(data: Path) -> Path:
    """The folder of official boundary GeoJSON files in ``data`` (``data/boundaries``)."""
    return data / "boundaries"


def changes_folder(data: Path) -> Path:
    """The folder of change tables of ``data``: ``data/changes`` (refused if it is missing)."""
    return data / "changes"


def build_landscape(
    data: Path = DEFAULT_DATA, registry: Path | None = None, changes: Path | None = None
) -> TemporalGraph:
    """Build the whole landscape: geography from ``data`` with the change tables of ``changes``
    (default ``data/changes``), then the registry folder on it, then the reviews and posts of
    ``data/safeguarding``. A failed step raises; no graph is returned."""
    with paused():  # the build's objects all live to its end (loaders.collector)
        g = build_geography(geography_folder(data), changes or changes_folder(data))
        registry_writer.add_registry(g, registry or default_registry())
        add_safeguarding_files(g, data / "safeguarding")
        return g.freeze()


def add_safeguarding_files(g: TemporalGraph, folder: Path) -> None:
    """Add the reviews and the posts of ``folder`` (each file only where present) to ``g``.

    Each file is written whole or not at all; the problems of both are raised together (and
    :func:`build_landscape` then returns no graph).
    """
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for name, add in ((REVIEWS_FILE, add_reviews), (POSTS_FILE, add_posts)):
        path = folder / name
        if not path.is_file():
            continue
        try:
            counts[name] = add(g, path)
        except LoadError as err:
            problems.extend(err.problems)
    if problems:
        raise LoadError(problems)
    g.meta["safeguarding_files"] = counts
