"""The official April 2026 LSOA lookup, when a user has it, supersedes the derived 2026 blocks.

ONS's "LSOA (2021) to SICBL to ICB to NHSER to LAD (April 2026)" file is not in ../shared; this
test writes one, with a byte-order mark and the columns ONS uses, from the real 2024 LSOA lookup
(``lsoa21_sicbl24_icb24_en_ons.csv``), the real LSOA-district lookup and the shared succession
table, into a temporary data folder beside links to the other real files. Built from there, the
landscape must be the one built from the change tables: the same health bodies, codes, blocks,
populations, coverage and overlap; only the provenance differs (quoted from the official file).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from graph.model import Confidence
from graph.temporal import TemporalGraph, View
from loaders.catalogue import classify
from loaders.landscape import build_landscape
from ontology.vocabulary import HEALTH_BODIES, Kind, Relation
from queries.basis import basis
from queries.coverage import coverage
from queries.overlap import overlap
from tests.data import SHARED

OFFICIAL = "lsoa21_sicbl26_icb26_nhser26_lad26_en_lu.csv"
HEADER = [
    *("LSOA21CD", "LSOA21NM", "SICBL26CD", "SICBL26CDH", "SICBL26NM", "ICB26CD", "ICB26CDH"),
    *("ICB26NM", "NHSER26CD", "NHSER26CDH", "NHSER26NM", "LAD26CD", "LAD26NM", "ObjectId"),
]
DATES = [date(2026, 4, 1), date(2026, 11, 23), date(2027, 4, 1), date(2030, 1, 1)]


def rows(folder: str, name: str) -> list[dict[str, str]]:
    with (SHARED / folder / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def official_lookup() -> str:
    """The April 2026 lookup as ONS would publish it, from the real files."""
    lad = {r["lsoa21_code"]: r for r in rows("geography", "lsoa21_lad24_en_ons.csv")}
    table = {(r["sicbl24_cdh"], r["lad24_cd"]): r for r in rows("changes", "sicbl24_to_icb26.csv")}
    dfe = rows("geography", "la_dfe_old_new_codes.csv")
    live = {r["old_la_code"]: r["new_la_code"] for r in dfe if not r["date_of_termination"]}
    # a 2026 file carries the codes of May 2025 (Barnsley, Sheffield), as DfE records them
    recoded = {
        r["new_la_code"]: live[r["old_la_code"]]
        for r in dfe
        if r["date_of_termination"]
        and live.get(r["old_la_code"], r["new_la_code"]) != r["new_la_code"]
    }
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    for n, r in enumerate(rows("geography", "lsoa21_sicbl24_icb24_en_ons.csv"), start=1):
        d = lad[r["lsoa21_code"]]
        t = (
            table.get((r["sicbl24_code_nhs"], ""))
            or table[(r["sicbl24_code_nhs"], d["ltla24_code"])]
        )
        w.writerow(
            [
                r["lsoa21_code"],
                r["lsoa21_name"],
                *(t["sicbl26_cd"], t["sicbl26_cdh"], t["sicbl26_nm"]),
                *(t["icb26_cd"], t["icb26_cdh"], t["icb26_nm"]),
                *(t["nhser26_cd"], t["nhser26_cdh"], t["nhser26_nm"]),
                recoded.get(d["ltla24_code"], d["ltla24_code"]),
                d["ltla24_name"],
                n,
            ]
        )
    return out.getvalue()


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> TemporalGraph:
    data = tmp_path_factory.mktemp("data")
    (data / "geography").mkdir()
    for src in (SHARED / "geography").glob("*.csv"):
        (data / "geography" / src.name).symlink_to(src)
    (data / "changes").symlink_to(SHARED / "changes", target_is_directory=True)
    (data / "geography" / OFFICIAL).write_text("\ufeff" + official_lookup(), encoding="utf-8")
    return build_landscape(data)


def test_the_file_is_recognised_by_its_columns(official: TemporalGraph) -> None:
    assert classify(HEADER) == ("lsoa_icb", 2026)
    assert (OFFICIAL, 2026) in [tuple(s) for s in official.meta["sources"]]
    b = basis(official, date(2026, 6, 1))
    (health,) = [layer for layer in b.layers if layer.layer == "health"]
    assert (health.source, health.confidence, health.re_keys) == (OFFICIAL, "quoted", None)


def _health(view: View) -> tuple[object, ...]:
    nodes = {
        (
            n.id,
            n.kind,
            n.name,
            tuple(str(a.identifier) for a in n.identifiers if a.period.contains(view.when)),
        )
        for n in view.nodes(*HEALTH_BODIES, Kind.SUB_ICB_LOCATION, Kind.NHS_REGION)
    }
    edges = {
        (e.relation, e.source, e.target, str(e.period))
        for r in (Relation.PART_OF_ICB, Relation.IN_NHS_REGION)
        for e in view.edges(r)
    }
    blocks = {
        (
            b.id,
            b.attrs["population"],
            b.attrs["children"],
            b.attrs["lsoas"],
            str(b.period),
            tuple(view.targets(b.id, Relation.BLOCK_IN_DISTRICT)),
            tuple(view.targets(b.id, Relation.BLOCK_IN_HEALTH_AREA)),
        )
        for b in view.nodes(Kind.POPULATION_BLOCK)
    }
    return nodes, edges, blocks


@pytest.mark.parametrize("when", DATES, ids=str)
def test_the_two_routes_give_the_same_landscape(
    landscape: TemporalGraph, official: TemporalGraph, when: date
) -> None:
    assert _health(official.at(when)) == _health(landscape.at(when))
    assert coverage(official, when) == coverage(landscape, when)
    assert overlap(official, when) == overlap(landscape, when)


def test_the_same_change_events_and_the_official_file_quoted(
    landscape: TemporalGraph, official: TemporalGraph
) -> None:
    def events(g: TemporalGraph) -> set[tuple[str, str]]:
        return {(e.id, e.name) for e in g.all_nodes(Kind.CHANGE_EVENT)}

    assert events(official) == events(landscape)
    hart = "block:2026-04-01:E07000089:D9Y0V"
    assert landscape.node(hart).provenance[0].confidence is Confidence.INFERRED
    assert official.node(hart).provenance[0].source == OFFICIAL
    assert official.node(hart).provenance[0].confidence is Confidence.DERIVED  # summed, not guessed
    assert "inferred_lsoas" not in official.node(hart).attrs
