"""Health bodies over time and the population-weighted building blocks.

Each LSOA lookup is a health epoch: on its effective date every LSOA lies in one district and one
CCG (to June 2022) or sub-ICB location and ICB (from July 2022). LSOAs are summed into blocks
(district x health area, per epoch) with their population, so that any overlap is an exact sum.
A sub-ICB to ICB lookup with no LSOA lookup of its own vintage (April 2023) re-keys the previous
epoch's LSOAs: same footprints, new codes and districts (derived). So do the change tables: the
sub-ICB succession table of April 2026 (:mod:`loaders.successions`, until an official LSOA lookup
of that vintage supersedes it) and a decided structural change, which moves whole districts into
a new council (:mod:`loaders.decided`; such an epoch says nothing new about health areas).

An organisation is not its code: CCGs, sub-ICB locations and ICBs are keyed by their ODS code,
and their GSS codes are identifiers with periods (sub-ICB locations reused the E38 codes of CCGs;
two ICBs were given new E54 codes in April 2023).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date

from graph.codes import Identifier, Scheme
from graph.ids import NodeId, Prefix, local_part, node_id, prefix_of
from graph.model import (
    ALWAYS,
    Confidence,
    Edge,
    IdentifierAssignment,
    Node,
    Period,
    Provenance,
    Status,
)
from graph.spans import spans
from loaders import controls, decided, successions
from loaders.builder import Builder
from loaders.epoch import Epoch
from loaders.events import add_event, components, names
from loaders.lookups import ChainRow, Lookup
from loaders.population import Population
from ontology.vocabulary import Kind, Relation

AREA_KIND = {Prefix.CCG: Kind.CCG, Prefix.SICBL: Kind.SUB_ICB_LOCATION, Prefix.ICB: Kind.ICB}
RegionRow = tuple[NodeId, str, str, str, date, Provenance]
"""(health body id, region ODS code, region GSS code, region name, date, provenance)."""


def build_health(b: Builder) -> None:
    epochs = _epochs(b)
    if not epochs:
        return
    table = successions.epoch(b, epochs)
    if table is not None:
        epochs.append(table)
    epochs.sort(key=lambda e: e.when)
    epochs += decided.epochs(b, epochs)
    epochs.sort(key=lambda e: e.when)
    health = [e for e in epochs if e.health]
    _area_nodes(b, health, [e.when for e in health])
    _icb_links(b, health)
    _regions(b, successions.regions(b, epochs))
    _blocks(b, epochs, [e.when for e in epochs])
    _events(b, health, successions.dates(b))
    successions.events(b)
    b.graph.meta.setdefault("basis", {})["health"] = [_basis(e) for e in health]
    b.graph.meta["basis"]["population"] = _population_basis(b, epochs)


def _basis(e: Epoch) -> dict[str, str]:
    """What one health epoch rests on, for :mod:`queries.basis`."""
    row = {"from": e.when.isoformat(), "source": e.file, "confidence": e.confidence.value}
    row["status"] = e.status.value
    if e.based_on:
        row["re_keys"] = e.based_on
    if e.inferred:
        row["inferred_lsoas"] = str(len(e.inferred))
    return row


def _population_basis(b: Builder, epochs: list[Epoch]) -> list[dict[str, str]]:
    pops = _population(b)
    out: list[dict[str, str]] = []
    for e in epochs:
        pop = pops.get(e.lsoa_year)
        if pop is None or (out and out[-1]["source"] == pop.file):
            continue
        ages = pop.children_ages or "none"
        row = {"from": e.when.isoformat(), "source": pop.file, "confidence": "quoted"}
        out.append(row | {"status": "observed", "children_ages": ages})
    return out


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
    ids: dict[tuple[Prefix, str], NodeId] = {}  # a few hundred areas on 200,000 rows

    def area_id(prefix: Prefix, code: str) -> NodeId:
        nid = ids.get((prefix, code))
        if nid is None:
            nid = ids[(prefix, code)] = node_id(prefix, code)
        return nid

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
            aid = area_id(Prefix.CCG, code)
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
            sicbl, icb = area_id(Prefix.SICBL, s.ods), area_id(Prefix.ICB, i.ods)
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
        # a sub-ICB location is renamed with its ICB (NHS Mid and South Essex ICB - 06Q, then
        # NHS Essex ICB - 06Q): each vintage's name is kept with the days it held
        by_name: dict[str, set[date]] = defaultdict(set)
        for when, e in at.items():
            by_name[e.areas[aid][1]].add(when)
        attrs: dict[str, object] = {}
        if len(by_name) > 1:
            attrs["names"] = sorted(
                (
                    {"name": name, "from": _iso(p.start), "to": _iso(p.end)}
                    for name, days in by_name.items()
                    for p in spans(dates, days, life)
                ),
                key=lambda n: n["from"] or "",
            )
        b.graph.add_node(
            Node(
                aid,
                AREA_KIND[prefix_of(aid)],
                latest.areas[aid][1],
                life,
                prov,
                tuple(idents),
                attrs,
            )
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


def _regions(b: Builder, table: list[RegionRow]) -> None:
    """NHS England regions of CCGs (2021 lookup) and ICBs (2023 lookup, the LSOA lookups that
    give regions, the sub-ICB succession table); a region's GSS code holds between the vintages
    that show it (East of England and North West were recoded in April 2026)."""
    obs: dict[tuple[NodeId, NodeId], dict[date, Provenance]] = defaultdict(dict)
    seen: dict[str, dict[date, tuple[str, str, Provenance]]] = defaultdict(dict)
    rows: list[RegionRow] = []
    for fmt, geo in (("ccg_stp", "ccg"), ("sicbl_icb_nhser", "icb"), ("lsoa_icb", "icb")):
        for sf, lk in b.s.of(fmt):
            when = controls.effective(fmt, sf.vintage)
            for row in lk.rows:
                if "nhser" not in row.values:
                    continue
                r = row["nhser"]
                area = node_id(Prefix(geo), row[geo].ods)
                p = Provenance(lk.file, f"line {row.line}")
                rows.append((area, r.ods, r.code, r.name, when, p))
    for area, ods, gss, name, when, p in [*rows, *table]:
        seen[ods][when] = (gss, name, p)
        obs[(area, node_id(Prefix.NHSER, ods))][when] = p
    epochs = sorted({when for at in seen.values() for when in at})
    for ods, at in sorted(seen.items()):
        idents = [IdentifierAssignment(Identifier(Scheme.ODS, ods))]
        codes: dict[str, set[date]] = defaultdict(set)
        for when, (gss, _, _) in at.items():
            codes[gss].add(when)
        for gss, when_seen in sorted(codes.items()):
            idents += [
                IdentifierAssignment(Identifier(Scheme.GSS, gss), p)
                for p in spans(epochs, when_seen, ALWAYS)
            ]
        _, name, prov = at[max(at)]
        nid = node_id(Prefix.NHSER, ods)
        b.graph.add_node(Node(nid, Kind.NHS_REGION, name, ALWAYS, (prov,), tuple(idents)))
    obs = {k: v for k, v in obs.items() if k[0] in b.graph}
    b.observe(obs, epochs, Relation.IN_NHS_REGION)


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
        # (district, area) -> [people, children, LSOAs, LSOAs placed by inference]
        sums: dict[tuple[str, NodeId], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
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
            s[3] += lsoa in e.inferred
        period = Period(e.when, dates[i + 1] if i + 1 < len(dates) else None)
        how = f"LSOAs summed with {pop.file}"
        if e.based_on:
            how = f"LSOAs of {e.based_on} re-keyed by {e.file}, summed with {pop.file}"
        derived = (Provenance(e.file, how, Confidence.DERIVED),)
        for (lad, area), (people, children, n, guessed) in sorted(sums.items()):
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
            prov = derived
            if guessed or lad in e.decided:
                note = how + (f"; {guessed} of {n} LSOAs placed by inference" if guessed else "")
                confidence = Confidence.INFERRED if guessed else Confidence.DERIVED
                status = Status.DECIDED if lad in e.decided else Status.OBSERVED
                prov = (Provenance(e.file, note, confidence, status),)
            bid = node_id(Prefix.BLOCK, e.when.isoformat(), lad, local_part(area))
            attrs = {
                "population": people,
                "children": children if pop.children_ages else None,
                "children_ages": pop.children_ages,
                "lsoas": n,
                "vintage": e.file,
            }
            if guessed:
                attrs["inferred_lsoas"] = guessed
            # the area as this vintage names it: sub-ICB locations were renamed with their ICBs
            area_name = e.areas[area][1] if area in e.areas else b.graph.node(area).name
            name = f"{b.graph.node(la).name} in {area_name}"
            b.graph.add_node(Node(bid, Kind.POPULATION_BLOCK, name, period, prov, (), attrs))
            b.graph.add_edge(Edge(bid, la, Relation.BLOCK_IN_DISTRICT, period, prov))
            b.graph.add_edge(Edge(bid, area, Relation.BLOCK_IN_HEALTH_AREA, period, prov))


def _events(b: Builder, epochs: list[Epoch], from_tables: set[date]) -> None:
    """Health bodies that ended or began between two epochs, linked by where their LSOAs went
    (except on the dates whose events a succession table gives, quoted)."""

    for prev, cur in itertools.pairwise(epochs):
        if prev.lsoa_year != cur.lsoa_year or cur.when in from_tables:
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


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
