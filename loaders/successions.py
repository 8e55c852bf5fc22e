"""The health geography after the last LSOA lookup, from the succession tables.

Until an official LSOA lookup of the later vintage is in the data folder (it then supersedes
what is built here), the sub-ICB succession table (``sicbl24_to_icb26.csv``) re-keys the LSOAs of
the lookup of its earlier vintage: each LSOA goes to the later sub-ICB location and ICB of its
earlier one, and an LSOA of a closed sub-ICB location to the one its district goes to. Codes,
names and ICB links are quoted by the table; where each LSOA lies is derived, and inferred for the
LSOAs of a closed sub-ICB location split by district (D4U1Y, as the table says).

Change events come from the ICB succession table (``icb_successions_2026_ods.csv``), one per
predecessor-successor pair with its kind (merger, split, acquisition), quoted; and one per closed
sub-ICB location, naming where its districts went. They replace the events that LSOA flows would
give for that date (:func:`dates`), whichever route built the epoch.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from graph.ids import NodeId, Prefix, local_part, node_id
from graph.model import Confidence, Edge, Node, Period, Provenance
from loaders import controls
from loaders.builder import Builder, prov
from loaders.changes import SicblSuccession
from loaders.epoch import Epoch
from ontology.vocabulary import Kind, Relation


def dates(b: Builder) -> set[date]:
    """The dates whose health change events come from the ICB succession table."""
    return {s.date for s in b.changes.icb_successions} if b.changes else set()


def when(b: Builder) -> date | None:
    """The day the sub-ICB succession table describes (1 April of its later vintage)."""
    if b.changes is None or not b.changes.sicbl_successions:
        return None
    return controls.effective("sicbl_icb_nhser", b.changes.sicbl_years[1])


def epoch(b: Builder, epochs: list[Epoch]) -> Epoch | None:
    """The epoch the sub-ICB succession table makes (none if an official lookup of its date is
    in the data: it supersedes the table)."""
    day = when(b)
    if day is None or b.changes is None or any(e.when == day for e in epochs):
        return None
    table = b.changes
    file = table.files["sicbl_successions"]
    old_year = table.sicbl_years[0]
    sources = [e for e in epochs if e.when < day and e.health and e.when.year == old_year]
    quoted = [e for e in sources if e.confidence is Confidence.QUOTED and e.lsoa_year]
    if not quoted:
        b.problem(
            file,
            None,
            f"sicbl{old_year % 100:02d}_cd",
            str(old_year),
            f"no LSOA lookup of {old_year} to re-key: add one to the data folder",
        )
        return None
    prev = max(quoted, key=lambda e: e.when)
    rows: dict[tuple[str, str | None], SicblSuccession] = {}
    for r in table.sicbl_successions:
        rows[(r.old_ods, r.district)] = r
    e = Epoch(day, file, prev.lsoa_year, Confidence.QUOTED, {}, {}, based_on=prev.file)
    counts: dict[tuple[str, str | None], int] = defaultdict(int)
    missing: dict[tuple[str, str], int] = defaultdict(int)
    moved: dict[str, str] = {}
    for lsoa, (lad, area, _) in prev.where.items():
        ods = local_part(area)
        key: tuple[str, str | None] = (ods, None) if (ods, None) in rows else (ods, lad)
        row = rows.get(key)
        if row is None:
            missing[(ods, lad)] += 1
            continue
        counts[key] += 1
        sicbl, icb = node_id(Prefix.SICBL, row.new_ods), node_id(Prefix.ICB, row.icb_ods)
        if lad not in moved:  # each district's code on the day, worked out once
            moved[lad] = b.recode(lad, prev.when, day)
        e.where[lsoa] = (moved[lad], sicbl, icb)
        e.areas.setdefault(sicbl, (row.new_gss, row.new_name, row.line))
        e.areas.setdefault(icb, (row.icb_gss, row.icb_name, row.line))
        if row.confidence is Confidence.INFERRED:
            e.inferred.add(lsoa)
    yy = f"{old_year % 100:02d}"
    for (ods, lad), n in sorted(missing.items()):
        b.problem(
            file,
            None,
            f"sicbl{yy}_cdh, lad{yy}_cd",
            f"{ods} / {lad}",
            f"no row for this sub-ICB location (in this district): {n} LSOAs of {prev.file}",
        )
    for key, r in sorted(rows.items(), key=lambda kv: kv[1].line):
        given = prev.areas.get(node_id(Prefix.SICBL, r.old_ods))
        if given is None:
            b.problem(
                file, r.line, f"sicbl{yy}_cdh", r.old_ods, f"not a sub-ICB location of {prev.file}"
            )
        elif given[0] != r.old_gss:
            b.problem(
                file,
                r.line,
                f"sicbl{yy}_cd",
                r.old_gss,
                f"{prev.file} gives {r.old_ods} the code {given[0]}",
            )
        elif counts.get(key, 0) != r.lsoa_count:
            b.problem(
                file,
                r.line,
                "lsoa21_count",
                str(r.lsoa_count),
                f"{prev.file} puts {counts.get(key, 0)} LSOAs here",
            )
    return e


def regions(
    b: Builder, epochs: list[Epoch]
) -> list[tuple[NodeId, str, str, str, date, Provenance]]:
    """(ICB id, region ODS, GSS, name, date, provenance) of the table's later vintage, unless an
    official lookup of that date gives the regions itself."""
    day = when(b)
    if day is None or b.changes is None:
        return []
    ours = [e for e in epochs if e.when == day]
    if ours and ours[0].file != b.changes.files["sicbl_successions"]:
        return []
    file = b.changes.files["sicbl_successions"]
    return [
        (
            node_id(Prefix.ICB, r.icb_ods),
            r.region_ods,
            r.region_gss,
            r.region_name,
            day,
            Provenance(file, f"line {r.line}", Confidence.QUOTED),
        )
        for r in b.changes.sicbl_successions
    ]


def events(b: Builder) -> None:
    """One event per ICB succession pair, and one per closed sub-ICB location."""
    if b.changes is None:
        return
    g = b.graph
    for s in b.changes.icb_successions:
        old, new = node_id(Prefix.ICB, s.predecessor_ods), node_id(Prefix.ICB, s.successor_ods)
        where = prov(s.file, s.line, s.confidence)
        for nid, column in ((old, "predecessor_ods"), (new, "successor_ods")):
            if nid not in g:
                b.problem(s.file, s.line, column, local_part(nid), "no ICB has this code")
        if old not in g or new not in g:
            continue
        ends = g.node(old).period.end
        if s.kind != "acquisition" and ends != s.date:
            b.problem(
                s.file,
                s.line,
                "date",
                str(s.date),
                f"{g.node(old).name} ends on {ends} in the lookups, not on this date",
            )
        if not g.node(new).period.contains(s.date):
            b.problem(
                s.file,
                s.line,
                "successor_ods",
                s.successor_ods,
                f"{g.node(new).name} does not exist on {s.date}",
            )
        slug = f"{s.predecessor_ods}-{s.successor_ods}".lower()
        _event(
            b,
            s.date,
            s.kind,
            slug,
            f"{s.date}: {g.node(old).name} to {g.node(new).name} ({s.kind})",
            [old],
            [new],
            (where,),
        )
    day = when(b)
    closed: dict[str, list[SicblSuccession]] = defaultdict(list)
    for r in b.changes.sicbl_successions:
        if r.change == "closed_split":
            closed[r.old_ods].append(r)
    for ods, rows in sorted(closed.items()):
        old = node_id(Prefix.SICBL, ods)
        news = sorted({node_id(Prefix.SICBL, r.new_ods) for r in rows})
        if day is None or old not in g or any(n not in g for n in news):
            continue
        lines = ", ".join(str(r.line) for r in rows)
        inferred = any(r.confidence is Confidence.INFERRED for r in rows)
        confidence = Confidence.INFERRED if inferred else rows[0].confidence
        provs = (Provenance(rows[0].file, f"lines {lines}", confidence),)
        names = ", ".join(g.node(n).name for n in news)
        _event(
            b,
            day,
            "split",
            ods.lower(),
            f"{day}: {g.node(old).name} split to {names}",
            [old],
            news,
            provs,
        )


def _event(
    b: Builder,
    day: date,
    change: str,
    slug: str,
    name: str,
    before: list[NodeId],
    after: list[NodeId],
    provs: tuple[Provenance, ...],
) -> None:
    nid = node_id(Prefix.EVENT, day.isoformat(), change, slug)
    period = Period(day, day + timedelta(days=1))
    attrs = {"date": day.isoformat(), "change": change}
    b.graph.add_node(Node(nid, Kind.CHANGE_EVENT, name, period, provs, attrs=attrs))
    for relation, ends in (
        (Relation.ORIGINAL_ORGANIZATION, before),
        (Relation.RESULTING_ORGANIZATION, after),
    ):
        for end in ends:
            b.graph.add_edge(Edge(nid, end, relation, period, provs))
