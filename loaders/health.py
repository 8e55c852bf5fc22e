"""Health bodies over time and the population-weighted building blocks.

Each LSOA lookup is a health epoch: on its effective date every LSOA lies in one district and one
CCG (to June 2022) or sub-ICB location and ICB (from July 2022). LSOAs are summed into blocks
(district x health area, per epoch) with their population, so that any overlap is an exact sum.
A sub-ICB to ICB lookup with no LSOA lookup of its own vintage (April 2023) re-keys the previous
epoch's LSOAs: same footprints, new codes and districts (derived).

An organisation is not its code: CCGs, sub-ICB locations and ICBs are keyed by their ODS code,
and their GSS codes are identifiers with periods (sub-ICB locations reused the E38 codes of CCGs;
two ICBs were given new E54 codes in April 2023).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph.codes import Identifier, Scheme
from graph.ids import NodeId, Prefix, local_part, node_id, prefix_of
from graph.model import ALWAYS, Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.spans import spans
from loaders import controls
from loaders.builder import Builder
from loaders.events import add_event, components, names
from loaders.lookups import ChainRow, Lookup
from loaders.population import Population
from ontology.vocabulary import Kind, Relation

AREA_KIND = {Prefix.CCG: Kind.CCG, Prefix.SICBL: Kind.SUB_ICB_LOCATION, Prefix.ICB: Kind.ICB}


@dataclass
class Epoch:
    """One health vintage: where each LSOA lay on ``when``."""

    when: date
    file: str
    lsoa_year: int
    confidence: Confidence
    # lsoa -> (district GSS, area id, ICB id or None)
    where: dict[str, tuple[str, NodeId, NodeId | None]]
    # area id -> (GSS code, name, line) as this vintage gives them
    areas: dict[NodeId, tuple[str, str, int | str]]


def build_health(b: Builder) -> None:
    epochs = _epochs(b)
    if not epochs:
        return
    dates = [e.when for e in epochs]
    _area_nodes(b, epochs, dates)
    _icb_links(b, epochs)
    _regions(b)
    _blocks(b, epochs, dates)
    _events(b, epochs)


def _ods_by_gss(b: Builder) -> dict[int, dict[str, tuple[str, str]]]:
    """Per vintage, CCG GSS code -> (ODS code, name), from the CCG name and STP lookups."""
    out: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for fmt in ("ccg_names", "ccg_stp"):
        for sf, lk in b.s.of(fmt):
            for row in lk.rows:
                if row["ccg"].ods:
                    out[sf.vintage][row["ccg"].code] = (row["ccg"].ods, row["ccg"].name)
    return out


def _epochs(b: Builder) -> list[Epoch]:
    ods = _ods_by_gss(b)
    epochs: list[Epoch] = []
    for sf, lk in b.s.of("lsoa_ccg"):
        e = Epoch(
            controls.effective("lsoa_ccg", sf.vintage),
            lk.file,
            lk.years["lsoa"],
            Confidence.QUOTED,
            {},
            {},
        )
        for row in lk.rows:
            ccg = row["ccg"]
            code = ccg.ods or ods.get(sf.vintage, {}).get(ccg.code, ("", ""))[0]
            if not code:
                b.problem(
                    lk.file,
                    row.line,
                    None,
                    ccg.code,
                    f"no ODS code for this CCG in any {sf.vintage} file",
                )
                continue
            aid = node_id(Prefix.CCG, code)
            e.where[row["lsoa"].code] = (row["lad"].code, aid, None)
            e.areas.setdefault(
                aid, (ccg.code, ccg.name or ods[sf.vintage].get(ccg.code, ("", ""))[1], row.line)
            )
        epochs.append(e)
    lsoa_lad = {
        lk.vintage: {r["lsoa"].code: r["lad"].code for r in lk.rows} for _, lk in b.s.of("lsoa_lad")
    }
    icb_vintages = set()
    for sf, lk in b.s.of("lsoa_icb"):
        icb_vintages.add(sf.vintage)
        e = Epoch(
            controls.effective("lsoa_icb", sf.vintage),
            lk.file,
            lk.years["lsoa"],
            Confidence.QUOTED,
            {},
            {},
        )
        lads = lsoa_lad.get(sf.vintage) or (lsoa_lad[max(lsoa_lad)] if lsoa_lad else {})
        for row in lk.rows:
            lsoa = row["lsoa"].code
            lad = row["lad"].code if "lad" in row.values else lads.get(lsoa)
            if lad is None:
                b.problem(
                    lk.file,
                    row.line,
                    "lsoa",
                    lsoa,
                    "no district for this LSOA in any LSOA-district lookup",
                )
                continue
            s, i = row["sicbl"], row["icb"]
            sicbl, icb = node_id(Prefix.SICBL, s.ods), node_id(Prefix.ICB, i.ods)
            e.where[lsoa] = (lad, sicbl, icb)
            e.areas.setdefault(sicbl, (s.code, s.name, row.line))
            e.areas.setdefault(icb, (i.code, i.name, row.line))
        epochs.append(e)
    chain: list[ChainRow] = [r for _, rows in b.s.of("lad_chain") for r in rows]
    for sf, lk in b.s.of("sicbl_icb_nhser"):
        if sf.vintage in icb_vintages:
            continue
        when = controls.effective("sicbl_icb_nhser", sf.vintage)
        earlier = [e for e in epochs if e.when < when and any(v[2] for v in e.where.values())]
        if not earlier:
            continue
        prev = max(earlier, key=lambda e: e.when)
        _rekey(b, lk, prev, when, chain, epochs, sf.vintage)
    return sorted(epochs, key=lambda e: e.when)


def _rekey(
    b: Builder,
    lk: Lookup,
    prev: Epoch,
    when: date,
    chain: list[ChainRow],
    epochs: list[Epoch],
    vintage: int,
) -> None:
    """An epoch from a sub-ICB lookup alone: the previous LSOAs, with this vintage's codes."""
    rows = {r["sicbl"].ods: r for r in lk.rows}
    old_year = prev.when.year
    lad_map = {
        r.codes[old_year]: r.codes[vintage]
        for r in chain
        if old_year in r.codes and vintage in r.codes
    }
    e = Epoch(when, lk.file, prev.lsoa_year, Confidence.DERIVED, {}, {})
    for lsoa, (lad, area, _) in prev.where.items():
        row = rows.get(local_part(area))
        if row is None:
            b.problem(
                lk.file,
                None,
                "sicbl",
                area,
                f"sub-ICB location of {prev.file} missing from this lookup",
            )
            return
        new_lad = lad_map.get(lad, lad)
        icb = node_id(Prefix.ICB, row["icb"].ods)
        e.where[lsoa] = (new_lad, area, icb)
        e.areas.setdefault(area, (row["sicbl"].code, row["sicbl"].name, row.line))
        e.areas.setdefault(icb, (row["icb"].code, row["icb"].name, row.line))
    epochs.append(e)


def _area_nodes(b: Builder, epochs: list[Epoch], dates: list[date]) -> None:
    seen: dict[NodeId, dict[date, Epoch]] = defaultdict(dict)
    for e in epochs:
        for aid in e.areas:
            seen[aid][e.when] = e
    for aid, at in sorted(seen.items()):
        (life,) = spans(dates, set(at), ALWAYS) or [ALWAYS]
        codes: dict[str, dict[date, Epoch]] = defaultdict(dict)
        for when, e in at.items():
            codes[e.areas[aid][0]][when] = e
        idents = [IdentifierAssignment(Identifier(Scheme.ODS, local_part(aid)), life)]
        for gss, when_seen in sorted(codes.items()):
            idents += [
                IdentifierAssignment(Identifier(Scheme.GSS, gss), p)
                for p in spans(dates, set(when_seen), life)
            ]
        latest = at[max(at)]
        prov = tuple(
            Provenance(e.file, f"line {e.areas[aid][2]}", e.confidence) for e in at.values()
        )
        b.graph.add_node(
            Node(aid, AREA_KIND[prefix_of(aid)], latest.areas[aid][1], life, prov, tuple(idents))
        )


def _icb_links(b: Builder, epochs: list[Epoch]) -> None:
    obs: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    icb_epochs = [e for e in epochs if any(v[2] for v in e.where.values())]
    for e in icb_epochs:
        for _, area, icb in e.where.values():
            if icb is not None:
                obs[(area, icb)][e.when] = Provenance(
                    e.file, "sub-ICB location to ICB", e.confidence
                )
    b.observe(obs, [e.when for e in icb_epochs], Relation.PART_OF_ICB)


def _regions(b: Builder) -> None:
    """NHS England regions of CCGs (2021 lookup) and ICBs (2023 lookup)."""
    obs: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    names: dict[str, tuple[str, str, Provenance]] = {}
    epochs = []
    for fmt, geo in (("ccg_stp", "ccg"), ("sicbl_icb_nhser", "icb")):
        for sf, lk in b.s.of(fmt):
            when = controls.effective(fmt, sf.vintage)
            for row in lk.rows:
                if "nhser" not in row.values:
                    continue
                r = row["nhser"]
                names[r.ods] = (r.code, r.name, Provenance(lk.file, f"line {row.line}"))
                area = node_id(Prefix(geo), row[geo].ods)
                obs[(area, node_id(Prefix.NHSER, r.ods))][when] = Provenance(
                    lk.file, f"line {row.line}"
                )
                if when not in epochs:
                    epochs.append(when)
    for ods, (gss, name, prov) in sorted(names.items()):
        idents = (
            IdentifierAssignment(Identifier(Scheme.ODS, ods)),
            IdentifierAssignment(Identifier(Scheme.GSS, gss)),
        )
        nid = node_id(Prefix.NHSER, ods)
        b.graph.add_node(Node(nid, Kind.NHS_REGION, name, ALWAYS, (prov,), idents))
    obs = {k: v for k, v in obs.items() if k[0] in b.graph}
    b.observe(obs, sorted(epochs), Relation.IN_NHS_REGION)


def _population(b: Builder) -> dict[int, Population]:
    return {pop.vintage: pop for _, pop in b.s.of("pop_lsoa")}


def _blocks(b: Builder, epochs: list[Epoch], dates: list[date]) -> None:
    pops = _population(b)
    for i, e in enumerate(epochs):
        pop = pops.get(e.lsoa_year)
        if pop is None:
            b.problem(
                e.file,
                None,
                "lsoa",
                str(e.lsoa_year),
                "no LSOA population file for this LSOA vintage",
            )
            continue
        sums: dict[tuple[str, NodeId], list[int]] = defaultdict(lambda: [0, 0, 0])
        missing = [lsoa for lsoa in e.where if lsoa not in pop.total]
        for lsoa in missing[:20]:
            b.problem(
                e.file,
                None,
                "lsoa",
                lsoa,
                f"inconsistent lookup: no population for this LSOA in {pop.file}",
            )
        for lsoa, (lad, area, _) in e.where.items():
            s = sums[(lad, area)]
            s[0] += pop.total.get(lsoa, 0)
            s[1] += pop.children.get(lsoa, 0)
            s[2] += 1
        period = Period(e.when, dates[i + 1] if i + 1 < len(dates) else None)
        prov = (Provenance(e.file, f"LSOAs summed with {pop.file}", Confidence.DERIVED),)
        for (lad, area), (people, children, n) in sorted(sums.items()):
            la = b.la_at(lad, e.when)
            if la is None:
                b.problem(
                    e.file,
                    None,
                    "lad",
                    lad,
                    f"no local authority district has this code on {e.when}",
                )
                continue
            bid = node_id(Prefix.BLOCK, e.when.isoformat(), lad, local_part(area))
            attrs = {
                "population": people,
                "children": children if pop.children_ages else None,
                "children_ages": pop.children_ages,
                "lsoas": n,
                "vintage": e.file,
            }
            name = f"{b.graph.node(la).name} in {b.graph.node(area).name}"
            b.graph.add_node(Node(bid, Kind.POPULATION_BLOCK, name, period, prov, (), attrs))
            b.graph.add_edge(Edge(bid, la, Relation.BLOCK_IN_DISTRICT, period, prov))
            b.graph.add_edge(Edge(bid, area, Relation.BLOCK_IN_HEALTH_AREA, period, prov))


def _events(b: Builder, epochs: list[Epoch]) -> None:
    """Health bodies that ended or began between two epochs, linked by where their LSOAs went."""

    for prev, cur in itertools.pairwise(epochs):
        if prev.lsoa_year != cur.lsoa_year:
            continue  # different LSOA geographies: no LSOA-level flow to follow
        before = {a for a in prev.areas}
        after = {a for a in cur.areas}
        ended, started = before - after, after - before
        pairs = set()
        for lsoa, (_, old, old_icb) in prev.where.items():
            new = cur.where.get(lsoa)
            if new is None:
                continue
            for o in (old, old_icb):
                for n in (new[1], new[2]):
                    if o and n and (o in ended or n in started) and o != n:
                        pairs.add((o, n))
        for olds, news in components(sorted(pairs)):
            if not (set(olds) & ended or set(news) & started):
                continue
            kinds = {prefix_of(o) for o in olds}
            change = (
                "ccg-to-icb"
                if kinds == {Prefix.CCG} and any(prefix_of(n) is Prefix.ICB for n in news)
                else "merger"
                if len(olds) > 1 and len(news) == 1
                else "split"
                if len(olds) == 1
                else "reorganisation"
            )
            add_event(
                b,
                cur.when,
                change,
                f"{cur.when}: {names(b.graph, olds)} to {names(b.graph, news)}",
                olds,
                news,
                (Provenance(f"{prev.file} and {cur.file}", "LSOA flows", Confidence.DERIVED),),
            )
