"""``safeguarding export --format csv``: one table per kind on a date, read back with pandas.

The answers are checked against the official files: the LA count of ltla23_utla23 (153 upper-tier
areas in England), Essex's three ICBs of 2024 (lsoa21_sicbl24_icb24 with Census 2021 people),
and the children's age band the population files give (0-15 from the census in April 2024).
"""

from __future__ import annotations

import csv
import zipfile
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from queries.tables import TABLES, dtypes
from safeguarding.cli import main
from tests.data import review_rows, shared


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv") / "landscape-2024-06-01"
    assert main(["export", "--format", "csv", "--as-of", "2024-06-01", "--out", str(out)]) == 0
    return out


def test_one_file_per_table(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)


def test_local_authorities_dtypes_and_count(folder: Path) -> None:
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as f:
        england = {r["utla23_code"] for r in csv.DictReader(f) if r["utla23_code"].startswith("E")}
    df = pd.read_csv(folder / "local-authorities.csv", dtype=dtypes("local-authorities"))
    assert set(df["code"]) == england
    assert df["population"].dtype == "int64"
    assert df["children"].dtype == "int64"
    assert df["partnership_count"].dtype == "int64"
    assert df["dfe_code"].dtype == "string"  # a code, not a number: 881 stays "881"
    assert set(df["children_ages"]) == {"0-15"}
    assert df["population_base"].str.contains("pop_lsoa21_census2021_en_ons.csv").all()
    plain = pd.read_csv(folder / "local-authorities.csv")  # no dtype given: numbers inferred
    assert plain["population"].dtype == "int64" and plain["children"].dtype == "int64"


def test_shares_of_essex_match_the_lookup(folder: Path) -> None:
    """Essex's people in each ICB on 2024-06-01: LSOA 2021 people (census file) summed by the
    ICB of lsoa21_sicbl24_icb24, for the LSOAs whose LAD24 is one of Essex's districts."""
    with shared("geography", "lad24_csp24_pfa24_ew_ons.csv").open(encoding="utf-8-sig") as f:
        essex_districts = {
            r["ltla24_code"]
            for r in csv.DictReader(f)
            if r["ltla24_code"].startswith("E07") and r["pfa24_name"] == "Essex"
        }
    with shared("geography", "pop_lsoa21_census2021_en_ons.csv").open(encoding="utf-8-sig") as f:
        people = {r["lsoa21_code"]: int(r["total_population"]) for r in csv.DictReader(f)}
    with shared("geography", "lsoa21_lad24_en_ons.csv").open(encoding="utf-8-sig") as f:
        lad_of = {r["lsoa21_code"]: r["ltla24_code"] for r in csv.DictReader(f)}
    by_icb: dict[str, int] = defaultdict(int)
    with shared("geography", "lsoa21_sicbl24_icb24_en_ons.csv").open(encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if lad_of.get(r["lsoa21_code"]) in essex_districts:
                by_icb[r["icb24_code"]] += people[r["lsoa21_code"]]
    assert len(by_icb) == 3
    df = pd.read_csv(folder / "local-authority-shares.csv", dtype=dtypes("local-authority-shares"))
    essex = df[(df["local_authority_code"] == "E10000012") & (df["family"] == "health")]
    assert dict(zip(essex["body_code"], essex["population"], strict=True)) == dict(by_icb)
    assert essex["share"].dtype == "float64" and essex["sliver"].dtype == "bool"
    assert essex["share"].sum() == pytest.approx(1.0)
    assert set(essex["share_of"]) == {"the local authority's people"}


def test_partnerships_and_reviews(folder: Path) -> None:
    df = pd.read_csv(folder / "partnerships.csv", dtype=dtypes("partnerships"))
    members = df["members"].str.split(";").explode()
    assert members.is_unique  # each LA in exactly one partnership on 2024-06-01
    assert df["member_count"].dtype == "int64"
    reviews = pd.read_csv(folder / "reviews.csv", dtype=dtypes("reviews"))
    rows = review_rows()  # every review recorded, with its openness on the table's date
    assert len(reviews) == len(rows) == 53
    assert dict(zip(reviews["id"], reviews["published"].fillna(""), strict=True)) == {
        f"review:{r['id']}": r["published"] for r in rows
    }
    southport = reviews.set_index("id").loc["review:lancashire-cspr-southport", "open_on_date"]
    assert southport == "not_open"  # on 2024-06-01 it was not yet commissioned


def test_zip(tmp_path: Path) -> None:
    out = tmp_path / "landscape.zip"
    assert main(["export", "--format", "csv", "--as-of", "2020-06-01", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == sorted(f"{t}.csv" for t in TABLES)
        with z.open("local-authorities.csv") as f:
            df = pd.read_csv(f)
    assert set(df["children_ages"]) == {"0-17"}  # mid-2020 estimates before April 2024


def test_csv_needs_a_date_and_a_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "x")]) == 2
    assert "needs --as-of" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--as-of", "2024-06-01"]) == 2
    assert "needs --out" in capsys.readouterr().err


def test_graphml_is_typed_and_labelled(tmp_path: Path) -> None:
    out = tmp_path / "landscape.graphml"
    assert main(["export", "--format", "graphml", "--out", str(out)]) == 0
    g = nx.read_graphml(out)
    assert g.nodes["la:ESS"]["label"] == "Essex County Council"
    block = next(n for n, d in g.nodes(data=True) if d["kind"] == "PopulationBlock")
    assert isinstance(g.nodes[block]["population"], int)
    text = out.read_text(encoding="utf-8")
    assert 'attr.name="population" attr.type="long"' in text
    assert 'attr.name="members_complete" attr.type="boolean"' in text
    assert all(d.get("label") for _, d in g.nodes(data=True))
