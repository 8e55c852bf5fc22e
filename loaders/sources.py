"""Every recognised official file of a data folder, parsed: the input of the build.

:func:`read_sources` scans a folder (formats are recognised by their columns, see
:mod:`loaders.catalogue`), parses each file with its loader and raises one
:class:`~graph.errors.LoadError` with every problem of every file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import LoadError, Problem
from loaders.authorities import parse_dfe, parse_mysociety
from loaders.catalogue import SourceFile, scan
from loaders.lookups import parse_chain, parse_lookup
from loaders.population import parse_bridge, parse_population
from loaders.table import read_table

REQUIRED_FORMATS = ("mysociety_authorities", "dfe_las", "ltla_utla", "lad_csp_pfa")


@dataclass
class Sources:
    """Every recognised file of a directory, parsed."""

    directory: Path
    parsed: dict[str, list[tuple[SourceFile, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    unknown: list[Path] = field(default_factory=list)

    def of(self, fmt: str) -> list[tuple[SourceFile, Any]]:
        return sorted(self.parsed.get(fmt, []), key=lambda p: p[0].vintage)


PARSERS: dict[str, Callable[[Any, SourceFile], Any]] = {
    "mysociety_authorities": lambda t, s: parse_mysociety(t),
    "dfe_las": lambda t, s: parse_dfe(t),
    "lad_chain": lambda t, s: parse_chain(t),
    "pop_lsoa": lambda t, s: parse_population(t, s.vintage),
    "pop_lad": lambda t, s: parse_population(t, s.vintage),
    "lsoa_bridge": lambda t, s: parse_bridge(t),
}


def read_sources(directory: Path) -> Sources:
    """Parse every recognised file; all problems of all files are raised together."""
    if not directory.is_dir():
        raise LoadError([Problem(str(directory), None, None, None, "no such directory")])
    files, unknown = scan(directory)
    sources = Sources(directory, unknown=unknown)
    problems: list[Problem] = []
    seen = {sf.format for sf in files}
    for sf in files:
        if sf.format == "mysociety_gss":
            continue  # the main register carries the same codes with their dates
        try:
            table = read_table(sf.path)
            table.raise_if_problems()
            parser = PARSERS.get(sf.format)
            value = parser(table, sf) if parser else parse_lookup(table, sf.format, sf.vintage)
        except LoadError as err:
            problems.extend(err.problems)
            continue
        sources.parsed[sf.format].append((sf, value))
    for fmt in REQUIRED_FORMATS:
        if fmt not in seen:
            unread = ", ".join(p.name for p in unknown) or "none"
            problems.append(
                Problem(
                    str(directory),
                    None,
                    None,
                    None,
                    f"no file of format {fmt} (unrecognised: {unread})",
                )
            )
    if problems:
        raise LoadError(problems)
    return sources
