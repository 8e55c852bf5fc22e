"""Every recognised official file of a data folder, parsed: the input of the build.

:func:`read_sources` scans a folder (formats are recognised by their columns, see
:mod:`loaders.catalogue`), parses each file with its loader, checks that every format the
landscape needs is there (:func:`requirements`: a missing one is named with what it would cost)
and raises one :class:`~graph.errors.LoadError` with every problem of every file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import LoadError, Problem
from loaders import controls
from loaders.authorities import parse_dfe, parse_mysociety
from loaders.catalogue import SourceFile, scan
from loaders.lookups import Lookup, parse_chain, parse_lookup
from loaders.population import parse_bridge, parse_population
from loaders.table import read_table

REQUIRED_FORMATS: dict[str, str] = {
    "mysociety_authorities": "there are no local authorities",
    "dfe_las": "no LA has its DfE code, and the 2025 Barnsley and Sheffield recodes are lost",
    "ltla_utla": "no district is in its county, and the upper tier is not checked",
    "lad_csp_pfa": "no district has its police force area or community safety partnership",
    "lad_rgn": "no district is in its region",
    "pfa_names": "police force areas are named as the district lookups spell them "
    "(Devon & Cornwall; London, City of), not as ONS names them",
    "pop_lsoa": "no block has a population, so no share can be given",
}
"""The formats the landscape needs, each with what the landscape would lose without it."""
HEALTH_LOOKUPS = ("lsoa_ccg", "lsoa_icb")
"""LSOA lookups to health bodies: at least one is needed (the health bodies and the blocks)."""


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


def read_source(sf: SourceFile) -> Any:
    """The parsed content of one recognised file; a :class:`LoadError` if it is refused."""
    table = read_table(sf.path)
    table.raise_if_problems()
    parser = PARSERS.get(sf.format)
    return parser(table, sf) if parser else parse_lookup(table, sf.format, sf.vintage)


def read_sources(directory: Path, read: Callable[[SourceFile], Any] = read_source) -> Sources:
    """Parse every recognised file with ``read`` (default :func:`read_source`); all problems of
    all files are raised together. A caller that builds many folders sharing most files (the
    corruption tests) may pass a reader that remembers what it parsed."""
    if not directory.is_dir():
        raise LoadError([Problem(str(directory), None, None, None, "no such directory")])
    files, unknown, problems = scan(directory)
    sources = Sources(directory, unknown=unknown)
    seen = {sf.format for sf in files}
    for sf in files:
        if sf.format == "mysociety_gss":
            continue  # the main register carries the same codes with their dates
        try:
            sources.parsed[sf.format].append((sf, read(sf)))
        except LoadError as err:
            problems.extend(err.problems)
    problems.extend(requirements(sources, seen, refused=bool(problems)))
    if problems:
        raise LoadError(problems)
    return sources


def requirements(sources: Sources, seen: set[str], refused: bool = False) -> list[Problem]:
    """What the landscape needs and the folder lacks, each named with what it costs.

    ``seen`` holds the formats recognised, read or not: a format whose file was refused is
    reported by that file's problems, not again here; nor, when a file was ``refused``, are the
    vintages its loss leaves unplaced.
    """
    out: list[Problem] = []
    where = str(sources.directory)
    unread = ", ".join(p.name for p in sources.unknown) or "none"

    def lacks(value: str, message: str, file: str = where) -> None:
        out.append(Problem(file, None, None, value, message))

    for fmt, cost in REQUIRED_FORMATS.items():
        if fmt not in seen:
            lacks(fmt, f"no file of this format: {cost} (unrecognised files: {unread})")
    if not seen & set(HEALTH_LOOKUPS):
        lacks(
            " or ".join(HEALTH_LOOKUPS),
            "no LSOA lookup to health bodies: there are no health bodies and no blocks",
        )
    if not refused:
        out.extend(_vintage_gaps(sources))
    return out


def _vintage_gaps(sources: Sources) -> list[Problem]:
    """Files that describe a vintage the build cannot place, so that it would drop unseen."""
    out: list[Problem] = []

    def gap(sf: SourceFile, value: str, message: str) -> None:
        out.append(Problem(sf.path.name, None, None, value, message))

    lookups: list[tuple[SourceFile, Lookup]] = [p for f in HEALTH_LOOKUPS for p in sources.of(f)]
    ccg_years = {sf.vintage for sf, _ in sources.of("lsoa_ccg")}
    icb_years = {sf.vintage for sf, _ in sources.of("lsoa_icb")}
    lsoa_years = {lk.years["lsoa"] for _, lk in lookups}
    for sf, _ in [*sources.of("ccg_names"), *sources.of("ccg_stp")]:
        if sf.vintage not in ccg_years:
            gap(
                sf,
                str(sf.vintage),
                f"CCGs of {sf.vintage}, but no LSOA to CCG lookup (lsoa_ccg) of {sf.vintage}: "
                f"the health bodies and blocks of {sf.vintage} are missing",
            )
    for sf, _ in sources.of("sicbl_icb_nhser"):
        when = controls.effective("sicbl_icb_nhser", sf.vintage)
        if sf.vintage in icb_years:
            continue
        if not any(controls.effective("lsoa_icb", v) < when for v in icb_years):
            missing = "an earlier LSOA to sub-ICB lookup (lsoa_icb) to re-key"
        elif not sources.of("lad_chain"):
            missing = "district chain (lad_chain) to re-key the districts with"
        else:
            continue
        gap(
            sf,
            str(sf.vintage),
            f"sub-ICB locations of {when} with no LSOA lookup of their own and no {missing}: "
            f"the health vintage of {when} is missing",
        )
    for sf, _ in sources.of("pop_lsoa"):
        if sf.vintage not in lsoa_years:
            gap(
                sf,
                f"LSOA {sf.vintage}",
                f"population of LSOA {sf.vintage}, but no LSOA lookup to health bodies of "
                f"LSOA {sf.vintage} ({' or '.join(HEALTH_LOOKUPS)}) to weigh: is it missing?",
            )
    need_districts = [sf for sf, lk in sources.of("lsoa_icb") if "lad" not in lk.years]
    for sf, _ in sources.of("lsoa_lad"):
        if not need_districts:
            gap(
                sf,
                str(sf.vintage),
                "districts of LSOAs, but no LSOA to sub-ICB lookup (lsoa_icb) without "
                "districts to use them: is it missing?",
            )
    if not sources.of("lsoa_lad"):
        for sf in need_districts:
            gap(
                sf,
                "lsoa_lad",
                "LSOAs without their districts, and no LSOA to district lookup (lsoa_lad) to "
                "place them: the health vintage of this file cannot be built",
            )
    return out
