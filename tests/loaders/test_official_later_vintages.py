"""A later vintage of a supported lookup is recognised by its column family, not its year: an
LSOA lookup of April 2027 (written here from the real files, the Surrey districts replaced by the
two new councils under invented codes) supersedes the decided 2027 epoch, gives the councils their
official codes, and turns the decided facts it covers into observed ones."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from graph.model import Status
from graph.resolver import LOCAL_AUTHORITY, find
from graph.temporal import TemporalGraph
from loaders.catalogue import classify
from loaders.landscape import build_landscape
from queries.basis import basis
from queries.coverage import coverage
from queries.footprint import footprints
from tests.data import SHARED

VESTING = date(2027, 4, 1)
EAST, WEST = "la:surrey-2027-east-surrey-council", "la:surrey-2027-west-surrey-council"
FILE = "lsoa21_sicbl27_icb27_lad27_en_lu.csv"
HEADER = ["LSOA21CD", "SICBL27CD", "SICBL27CDH", "SICBL27NM", "ICB27CD", "ICB27CDH", "ICB27NM"]
HEADER += ["LAD27CD", "LAD27NM"]


def rows(folder: str, name: str) -> list[dict[str, str]]:
    with (SHARED / folder / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def lookup_2027() -> str:
    lad = {r["lsoa21_code"]: r for r in rows("geography", "lsoa21_lad24_en_ons.csv")}
    table = {(r["sicbl24_cdh"], r["lad24_cd"]): r for r in rows("changes", "sicbl24_to_icb26.csv")}
    council = {
        r["predecessor_gss"]: r["new_council"]
        for r in rows("changes", "structural_changes_decided.csv")
        if r["predecessor_type"] != "county"
    }
    codes = {
        "East Surrey Council": ("E06000901", "East Surrey"),
        "West Surrey Council": ("E06000902", "West Surrey"),
    }
    recoded = {"E08000016": "E08000038", "E08000019": "E08000039"}  # DfE, May 2025
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows("geography", "lsoa21_sicbl24_icb24_en_ons.csv"):
        d = lad[r["lsoa21_code"]]
        t = (
            table.get((r["sicbl24_code_nhs"], ""))
            or table[(r["sicbl24_code_nhs"], d["ltla24_code"])]
        )
        code, name = codes.get(council.get(d["ltla24_code"], ""), (None, None))
        code = code or recoded.get(d["ltla24_code"], d["ltla24_code"])
        w.writerow(
            [
                r["lsoa21_code"],
                t["sicbl26_cd"],
                t["sicbl26_cdh"],
                t["sicbl26_nm"],
                t["icb26_cd"],
                t["icb26_cdh"],
                t["icb26_nm"],
                code,
                name or d["ltla24_name"],
            ]
        )
    return out.getvalue()


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> TemporalGraph:
    data = tmp_path_factory.mktemp("data")
    (data / "geography").mkdir()
    for src in (SHARED / "geography").glob("*.csv"):
        (data / "geography" / src.name).symlink_to(src)
    (data / "changes").symlink_to(SHARED / "changes", target_is_directory=True)
    (data / "geography" / FILE).write_text(lookup_2027(), encoding="utf-8")
    return build_landscape(data)


def test_a_2027_lookup_supersedes_the_decided_epoch(
    landscape: TemporalGraph, later: TemporalGraph
) -> None:
    assert classify(HEADER) == ("lsoa_icb", 2027)
    assert find(later, "E06000901", VESTING, LOCAL_AUTHORITY).id == EAST
    assert find(later, "E06000902", VESTING, LOCAL_AUTHORITY).id == WEST
    fp, derived = footprints(later.at(VESTING)), footprints(landscape.at(VESTING))
    for nid in (EAST, WEST):
        assert fp.ref(nid).code.startswith("E06")
        assert fp.la_population(nid) == derived.la_population(nid)  # the same LSOAs
        blocks = later.at(VESTING).sources(nid, "blockInDistrict")
        assert all(
            p.source == FILE and p.status is Status.OBSERVED
            for b in blocks
            for p in later.node(b).provenance
        )
    health = next(x for x in basis(later, date(2027, 6, 1)).layers if x.layer == "health")
    assert (health.source, health.since) == (FILE, VESTING)
    assert [w.la.id for w in coverage(later, VESTING).awaiting_arrangement] == [EAST, WEST]
