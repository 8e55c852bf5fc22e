"""Build the temporal landscape graph of England from a directory of official files.

Loaders parse and validate; this module writes their records into a :class:`TemporalGraph`:
local authorities with their dates and codes, district to county, police force and community
safety partnership, regions, and (in :mod:`graph.health`) health bodies and population blocks,
with a change event for every reorganisation. Every problem in every file is collected into one
:class:`LoadError`; a graph is returned only when the whole build succeeded, so a failed build
never replaces a good graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph.model import (
    ALWAYS,
    Confidence,
    Edge,
    Identifier,
    IdentifierAssignment,
    Node,
    Period,
    Provenance,
    Scheme,
)
from graph.spans import spans
from graph.temporal import TemporalGraph
from loaders import controls
from loaders.authorities import AuthorityRecord, DfeRecord, parse_dfe, parse_mysociety
from loaders.catalogue import SourceFile, scan
from loaders.lookups import Lookup, LookupRow, parse_chain, parse_lookup
from loaders.population import parse_bridge, parse_population
from loaders.table import read_table
from ontology.vocabulary import Kind, Relation
from safeguarding.errors import LoadError, Problem

LA_KINDS = {
    "CTY": Kind.COUNTY,
    "UA": Kind.UNITARY,
    "MD": Kind.METROPOLITAN_DISTRICT,
    "LBO": Kind.LONDON_BOROUGH,
    "CC": Kind.SUI_GENERIS,
    "NMD": Kind.DISTRICT,
}
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


def build_geography(directory: Path) -> TemporalGraph:
    """Build the geography graph from the official files in ``directory``."""
    sources = read_sources(directory)
    builder = _Builder(sources)
    builder.run()
    g = builder.graph
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
    return g


def _prov(file: str, line: int | str, conf: Confidence = Confidence.QUOTED) -> Provenance:
    return Provenance(file, f"line {line}" if isinstance(line, int) else line, conf)


class _Builder:
    def __init__(self, sources: Sources) -> None:
        self.s = sources
        self.graph = TemporalGraph()
        self.problems: list[Problem] = []
        self.las: dict[str, Node] = {}  # mySociety code -> node (before it is added)
        self.la_by_gss: dict[str, list[tuple[Period, str]]] = defaultdict(list)

    def run(self) -> None:
        from graph import events, health  # health bodies, blocks and events: the rest of the build

        self.authorities()
        self._raise()
        self.district_links()
        self.police()
        self.regions()
        health.build_health(self)
        events.la_events(self)
        events.recode_events(self)
        self._raise()

    def _raise(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def problem(
        self, file: str, line: int | None, column: str | None, value: str | None, msg: str
    ) -> None:
        self.problems.append(Problem(file, line, column, value, msg))

    # -- local authorities -------------------------------------------------------------------

    def authorities(self) -> None:
        records: list[AuthorityRecord] = [
            r for _, rs in self.s.of("mysociety_authorities") for r in rs
        ]
        by_code = {r.code: r for r in records}
        for r in records:
            life = self._la_life(r, by_code)
            kind = Kind.SUI_GENERIS if r.gss in controls.SUI_GENERIS_GSS else LA_KINDS[r.type]
            idents = [
                IdentifierAssignment(Identifier(Scheme.MYSOCIETY, r.code)),
                IdentifierAssignment(Identifier(Scheme.GSS, r.gss)),
            ]
            self.las[r.code] = Node(
                f"la:{r.code}",
                kind,
                r.name,
                life,
                (_prov(r.file, r.line),),
                tuple(idents),
                {"mysociety_type": r.type, "replaced_by": list(r.replaced_by)},
            )
        self._dfe_codes(by_code)
        for node in self.las.values():
            self.graph.add_node(node)
            for a in node.identifiers:
                if a.identifier.scheme is Scheme.GSS:
                    self.la_by_gss[a.identifier.code].append((a.period, node.id))

    def _la_life(self, r: AuthorityRecord, by_code: dict[str, AuthorityRecord]) -> Period:
        end = r.end
        if r.replaced_by:
            starts = []
            for succ in r.replaced_by:
                s = by_code.get(succ)
                if s is None or s.start is None:
                    self.problem(
                        r.file,
                        r.line,
                        "replaced-by",
                        succ,
                        "successor unknown or without a start date",
                    )
                else:
                    starts.append(s.start)
            if starts:
                vesting = min(starts)
                if r.end not in (vesting, vesting - timedelta(days=1)):
                    self.problem(
                        r.file,
                        r.line,
                        "end-date",
                        str(r.end),
                        f"inconsistent with the successors' start {vesting}: "
                        "expected it or the day before",
                    )
                end = vesting
        elif r.end is not None:
            end = r.end + timedelta(days=1)  # no successor: read end-date as the last day
        try:
            return Period(r.start, end)
        except Exception as exc:
            self.problem(r.file, r.line, "end-date", str(r.end), str(exc))
            return ALWAYS

    def _dfe_codes(self, by_code: dict[str, AuthorityRecord]) -> None:
        """Add DfE codes, and GSS recodes that DfE records and mySociety does not yet."""
        gss_to_code = {r.gss: r.code for r in by_code.values()}
        dfe: list[DfeRecord] = [r for _, rs in self.s.of("dfe_las") for r in rs]
        # rows DfE ended before the data begins describe nothing the graph holds
        singles = [
            r
            for r in dfe
            if not r.joint and (r.termination is None or r.termination >= controls.DATA_START)
        ]
        self.graph.meta["dfe_joint_reporting_rows"] = [" / ".join(r.gss) for r in dfe if r.joint]
        for r in singles:
            gss = r.gss[0]
            code = gss_to_code.get(gss)
            if code is None:
                # a new code for an existing authority: the row that DfE ended the day before
                # with the same DfE code (Barnsley, Sheffield 2025)
                prev = [
                    p
                    for p in singles
                    if p.dfe_codes == r.dfe_codes
                    and p.termination is not None
                    and r.operation is not None
                    and p.termination + timedelta(days=1) == r.operation
                    and p.gss[0] in gss_to_code
                ]
                if len(prev) != 1 or r.operation is None:
                    self.problem(
                        r.file,
                        r.line,
                        "new_la_code",
                        gss,
                        "unknown to the local authority register",
                    )
                    continue
                code = gss_to_code[prev[0].gss[0]]
                node = self.las[code]
                old = prev[0].gss[0]
                node.identifiers = (
                    *tuple(
                        IdentifierAssignment(a.identifier, Period(a.period.start, r.operation))
                        if a.identifier == Identifier(Scheme.GSS, old)
                        else a
                        for a in node.identifiers
                    ),
                    IdentifierAssignment(Identifier(Scheme.GSS, gss), Period(r.operation)),
                )
                node.provenance += (_prov(r.file, r.line),)
            node = self.las[code]
            dfe_id = Identifier(Scheme.DFE, r.dfe_codes[0])
            if all(a.identifier != dfe_id for a in node.identifiers):
                node.identifiers += (IdentifierAssignment(dfe_id),)
            if r.region:
                node.attrs["region_gss"] = r.region

    def la_at(self, gss: str, when: date) -> str | None:
        """The LA node holding GSS ``gss`` on ``when``."""
        for period, nid in self.la_by_gss.get(gss, []):
            if period.contains(when):
                live = self.graph.node(nid).period
                if live.contains(when):
                    return nid
        return None

    def district_at(self, lk: Lookup, row: LookupRow, when: date) -> str | None:
        """The LA node of the row's district on ``when``; a problem recorded if there is none."""
        lad_id = self.la_at(row["lad"].code, when)
        if lad_id is None:
            message = f"no local authority district has this code on {when}"
            self.problem(lk.file, row.line, None, row["lad"].code, message)
        return lad_id

    # -- lookups to edges ----------------------------------------------------------------------

    def observe(
        self,
        observations: dict[tuple[str, str], dict[date, Provenance]],
        epochs: list[date],
        relation: Relation,
        attrs: dict[tuple[str, str], dict[str, Any]] | None = None,
    ) -> None:
        """Turn (source, target) -> {epoch: provenance} into edges over the periods they held."""
        for (src, dst), seen in sorted(observations.items()):
            life = self.graph.node(src).period.clip(self.graph.node(dst).period)
            if life is None:
                continue
            derived = len(seen) < len(epochs)
            prov = tuple(sorted(set(seen.values()), key=str))
            if derived:
                prov += (
                    Provenance(
                        "derived: held between the vintages that show it", "", Confidence.DERIVED
                    ),
                )
            for period in spans(epochs, set(seen), life):
                self.graph.add_edge(
                    Edge(src, dst, relation, period, prov, dict((attrs or {}).get((src, dst), {})))
                )

    def district_links(self) -> None:
        """District -> county from the tier lookups; checks each lookup's UTLA set."""
        obs: dict[tuple[str, str], dict[date, Provenance]] = defaultdict(dict)
        epochs: set[date] = set()
        for fmt, upper in (("ltla_utla", "utla"), ("lad_cty", "cty")):
            for sf, lk in self.s.of(fmt):
                when = controls.effective(fmt, sf.vintage)
                epochs.add(when)
                uppers: set[str] = set()
                for row in lk.rows:
                    lad, up = row["lad"].code, row[upper].code
                    if not up.startswith(("E06", "E08", "E09", "E10")):
                        continue  # metropolitan counties and Inner/Outer London are not LAs
                    lad_id, up_id = self.la_at(lad, when), self.la_at(up, when)
                    if lad_id is None or up_id is None:
                        bad = lad if lad_id is None else up
                        self.problem(
                            lk.file,
                            row.line,
                            None,
                            bad,
                            f"no local authority has this code on {when}",
                        )
                        continue
                    uppers.add(up_id)
                    if lad != up:
                        obs[(lad_id, up_id)][when] = _prov(lk.file, row.line)
                if fmt == "ltla_utla":
                    expected = {
                        n.id
                        for n in self.graph.all_nodes()
                        if n.kind in {k.value for k in LA_KINDS.values() if k is not Kind.DISTRICT}
                        and n.period.contains(when)
                    }
                    for missing in sorted(expected - uppers):
                        self.problem(
                            lk.file,
                            None,
                            upper,
                            missing,
                            f"inconsistent lookup: an upper-tier authority on {when} is missing",
                        )
                    for extra in sorted(uppers - expected):
                        self.problem(
                            lk.file,
                            None,
                            upper,
                            extra,
                            f"inconsistent lookup: not an upper-tier authority on {when}",
                        )
        self.observe(obs, sorted(epochs), Relation.WITHIN_COUNTY)

    def _area_nodes(
        self, kind: Kind, prefix: str, names: dict[str, tuple[str, Provenance]]
    ) -> None:
        for code, (name, prov) in sorted(names.items()):
            nid = f"{prefix}:{code}"
            if nid not in self.graph:
                self.graph.add_node(
                    Node(
                        nid,
                        kind,
                        name,
                        ALWAYS,
                        (prov,),
                        (IdentifierAssignment(Identifier(Scheme.GSS, code)),),
                    )
                )

    def police(self) -> None:
        """Police force areas and community safety partnerships, and each district's."""
        pfa_names: dict[str, tuple[str, Provenance]] = {}
        csp_names: dict[str, tuple[str, Provenance]] = {}
        for _, lk in self.s.of("pfa_names"):
            for row in lk.rows:
                pfa_names[row["pfa"].code] = (row["pfa"].name, _prov(lk.file, row.line))
        obs_pfa: dict[tuple[str, str], dict[date, Provenance]] = defaultdict(dict)
        obs_csp: dict[tuple[str, str], dict[date, Provenance]] = defaultdict(dict)
        epochs = []
        for sf, lk in self.s.of("lad_csp_pfa"):
            when = controls.effective("lad_csp_pfa", sf.vintage)
            epochs.append(when)
            for row in lk.rows:
                pfa_names.setdefault(row["pfa"].code, (row["pfa"].name, _prov(lk.file, row.line)))
                csp_names[row["csp"].code] = (row["csp"].name, _prov(lk.file, row.line))
        self._area_nodes(Kind.POLICE_FORCE_AREA, "pfa", pfa_names)
        self._area_nodes(Kind.COMMUNITY_SAFETY_PARTNERSHIP, "csp", csp_names)
        for sf, lk in self.s.of("lad_csp_pfa"):
            when = controls.effective("lad_csp_pfa", sf.vintage)
            for row in lk.rows:
                lad_id = self.district_at(lk, row, when)
                if lad_id is None:
                    continue
                obs_pfa[(lad_id, f"pfa:{row['pfa'].code}")][when] = _prov(lk.file, row.line)
                obs_csp[(lad_id, f"csp:{row['csp'].code}")][when] = _prov(lk.file, row.line)
        self.observe(obs_pfa, epochs, Relation.IN_POLICE_FORCE_AREA)
        self.observe(obs_csp, epochs, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)

    def regions(self) -> None:
        """ONS regions: districts from the LAD-region lookups, upper tier from DfE's parent code."""
        names: dict[str, tuple[str, Provenance]] = {}
        obs: dict[tuple[str, str], dict[date, Provenance]] = defaultdict(dict)
        epochs = []
        for sf, lk in self.s.of("lad_rgn"):
            when = controls.effective("lad_rgn", sf.vintage)
            epochs.append(when)
            for row in lk.rows:
                names[row["rgn"].code] = (row["rgn"].name, _prov(lk.file, row.line))
                lad_id = self.district_at(lk, row, when)
                if lad_id is None:
                    continue
                obs[(lad_id, f"rgn:{row['rgn'].code}")][when] = _prov(lk.file, row.line)
        self._area_nodes(Kind.REGION, "rgn", names)
        for node in self.las.values():
            region = node.attrs.pop("region_gss", None)
            if region and f"rgn:{region}" in self.graph:
                key = (node.id, f"rgn:{region}")
                if not obs.get(key):
                    self.graph.add_edge(
                        Edge(
                            node.id,
                            f"rgn:{region}",
                            Relation.IN_REGION,
                            node.period,
                            (Provenance("la_dfe_old_new_codes.csv", "parent_geography_code"),),
                        )
                    )
        self.observe(obs, epochs, Relation.IN_REGION)
