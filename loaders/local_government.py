"""Local government from the official files: authorities with their dates and codes, districts
in counties, police force areas, community safety partnerships and regions.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from graph.codes import UPPER_TIER_PREFIXES, Identifier, Scheme
from graph.ids import NodeId, Prefix, node_id
from graph.model import ALWAYS, Edge, IdentifierAssignment, Node, Period, Provenance
from loaders import controls, decided
from loaders.authorities import AuthorityRecord, DfeRecord
from loaders.builder import Builder, prov
from ontology.vocabulary import Kind, Relation

LA_KINDS = {
    "CTY": Kind.COUNTY,
    "UA": Kind.UNITARY,
    "MD": Kind.METROPOLITAN_DISTRICT,
    "LBO": Kind.LONDON_BOROUGH,
    "CC": Kind.SUI_GENERIS,
    "NMD": Kind.DISTRICT,
}


# -- local authorities -------------------------------------------------------------------


def authorities(b: Builder) -> None:
    records: list[AuthorityRecord] = [r for _, rs in b.s.of("mysociety_authorities") for r in rs]
    by_code = {r.code: r for r in records}
    for r in records:
        life = _la_life(b, r, by_code)
        kind = Kind.SUI_GENERIS if r.gss in controls.SUI_GENERIS_GSS else LA_KINDS[r.type]
        idents = [
            IdentifierAssignment(Identifier(Scheme.MYSOCIETY, r.code)),
            IdentifierAssignment(Identifier(Scheme.GSS, r.gss)),
        ]
        b.las[r.code] = Node(
            node_id(Prefix.LA, r.code),
            kind,
            r.name,
            life,
            (prov(r.file, r.line),),
            tuple(idents),
            {"mysociety_type": r.type, "replaced_by": list(r.replaced_by)},
        )
    _dfe_codes(b, by_code)
    decided.local_authorities(b)  # decided changes end and make authorities before they are added
    for node in b.las.values():
        b.graph.add_node(node)
        for a in node.identifiers:
            # a new council with no GSS code yet is found by its provisional code
            if a.identifier.scheme in (Scheme.GSS, Scheme.PROVISIONAL):
                b.la_by_gss[a.identifier.code].append((a.period, node.id))


def _la_life(b: Builder, r: AuthorityRecord, by_code: dict[str, AuthorityRecord]) -> Period:
    end = r.end
    if r.replaced_by:
        starts = []
        for succ in r.replaced_by:
            s = by_code.get(succ)
            if s is None or s.start is None:
                b.problem(
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
                b.problem(
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
        b.problem(r.file, r.line, "end-date", str(r.end), str(exc))
        return ALWAYS


def _dfe_codes(b: Builder, by_code: dict[str, AuthorityRecord]) -> None:
    """Add DfE codes, and GSS recodes that DfE records and mySociety does not yet."""
    gss_to_code = {r.gss: r.code for r in by_code.values()}
    dfe: list[DfeRecord] = [r for _, rs in b.s.of("dfe_las") for r in rs]
    # rows DfE ended before the data begins describe nothing the graph holds
    singles = [
        r
        for r in dfe
        if not r.joint and (r.termination is None or r.termination >= controls.DATA_START)
    ]
    b.graph.meta["dfe_joint_reporting_rows"] = [" / ".join(r.gss) for r in dfe if r.joint]
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
                b.problem(
                    r.file,
                    r.line,
                    "new_la_code",
                    gss,
                    "unknown to the local authority register",
                )
                continue
            code = gss_to_code[prev[0].gss[0]]
            node = b.las[code]
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
            node.provenance += (prov(r.file, r.line),)
        node = b.las[code]
        dfe_id = Identifier(Scheme.DFE, r.dfe_codes[0])
        if all(a.identifier != dfe_id for a in node.identifiers):
            node.identifiers += (IdentifierAssignment(dfe_id),)
        if r.region:
            node.attrs["region_gss"] = r.region


def district_links(b: Builder) -> None:
    """District -> county from the tier lookups; checks each lookup's UTLA set."""
    obs: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    epochs: set[date] = set()
    for fmt, upper in (("ltla_utla", "utla"), ("lad_cty", "cty")):
        for sf, lk in b.s.of(fmt):
            when = controls.effective(fmt, sf.vintage)
            epochs.add(when)
            uppers: set[str] = set()
            for row in lk.rows:
                lad, up = row["lad"].code, row[upper].code
                if not up.startswith(UPPER_TIER_PREFIXES):
                    continue  # metropolitan counties and Inner/Outer London are not LAs
                lad_id, up_id = b.la_at(lad, when), b.la_at(up, when)
                if lad_id is None or up_id is None:
                    bad = lad if lad_id is None else up
                    b.problem(
                        lk.file,
                        row.line,
                        None,
                        bad,
                        f"no local authority has this code on {when}",
                    )
                    continue
                uppers.add(up_id)
                if lad != up:
                    obs[(lad_id, up_id)][when] = prov(lk.file, row.line)
            if fmt == "ltla_utla":
                expected = {
                    n.id
                    for n in b.graph.all_nodes()
                    if n.kind in {k.value for k in LA_KINDS.values() if k is not Kind.DISTRICT}
                    and n.period.contains(when)
                }
                for missing in sorted(expected - uppers):
                    b.problem(
                        lk.file,
                        None,
                        upper,
                        missing,
                        f"inconsistent lookup: an upper-tier authority on {when} is missing",
                    )
                for extra in sorted(uppers - expected):
                    b.problem(
                        lk.file,
                        None,
                        upper,
                        extra,
                        f"inconsistent lookup: not an upper-tier authority on {when}",
                    )
    b.observe(obs, sorted(epochs), Relation.WITHIN_COUNTY)


def police(b: Builder) -> None:
    """Police force areas and community safety partnerships, and each district's."""
    pfa_names: dict[str, tuple[str, Provenance]] = {}
    csp_names: dict[str, tuple[str, Provenance]] = {}
    for _, lk in b.s.of("pfa_names"):
        for row in lk.rows:
            pfa_names[row["pfa"].code] = (row["pfa"].name, prov(lk.file, row.line))
    obs_pfa: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    obs_csp: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    epochs = []
    for sf, lk in b.s.of("lad_csp_pfa"):
        when = controls.effective("lad_csp_pfa", sf.vintage)
        epochs.append(when)
        for row in lk.rows:
            pfa_names.setdefault(row["pfa"].code, (row["pfa"].name, prov(lk.file, row.line)))
            csp_names[row["csp"].code] = (row["csp"].name, prov(lk.file, row.line))
    b.area_nodes(Kind.POLICE_FORCE_AREA, Prefix.PFA, pfa_names)
    b.area_nodes(Kind.COMMUNITY_SAFETY_PARTNERSHIP, Prefix.CSP, csp_names)
    for sf, lk in b.s.of("lad_csp_pfa"):
        when = controls.effective("lad_csp_pfa", sf.vintage)
        for row in lk.rows:
            lad_id = b.district_at(lk, row, when)
            if lad_id is None:
                continue
            pfa, csp = node_id(Prefix.PFA, row["pfa"].code), node_id(Prefix.CSP, row["csp"].code)
            obs_pfa[(lad_id, pfa)][when] = prov(lk.file, row.line)
            obs_csp[(lad_id, csp)][when] = prov(lk.file, row.line)
    b.observe(obs_pfa, epochs, Relation.IN_POLICE_FORCE_AREA)
    b.observe(obs_csp, epochs, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP)


def regions(b: Builder) -> None:
    """ONS regions: districts from the LAD-region lookups, upper tier from DfE's parent code."""
    names: dict[str, tuple[str, Provenance]] = {}
    obs: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    epochs = []
    for sf, lk in b.s.of("lad_rgn"):
        when = controls.effective("lad_rgn", sf.vintage)
        epochs.append(when)
        for row in lk.rows:
            names[row["rgn"].code] = (row["rgn"].name, prov(lk.file, row.line))
            lad_id = b.district_at(lk, row, when)
            if lad_id is None:
                continue
            obs[(lad_id, node_id(Prefix.RGN, row["rgn"].code))][when] = prov(lk.file, row.line)
    b.area_nodes(Kind.REGION, Prefix.RGN, names)
    # the DfE file the parent codes were read from, whatever it is called
    dfe_file = next((sf.path.name for sf, _ in b.s.of("dfe_las")), "")
    for node in b.las.values():
        region = node.attrs.pop("region_gss", None)
        rgn = node_id(Prefix.RGN, region) if region else None
        if rgn is not None and rgn in b.graph:
            key = (node.id, rgn)
            if not obs.get(key):
                b.graph.add_edge(
                    Edge(
                        node.id,
                        rgn,
                        Relation.IN_REGION,
                        node.period,
                        (Provenance(dfe_file, "parent_geography_code"),),
                    )
                )
    b.observe(obs, epochs, Relation.IN_REGION)
