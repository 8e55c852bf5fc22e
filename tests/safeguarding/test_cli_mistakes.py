"""Every user mistake on the command line: one line naming what and where, exit status 2.

Run through ``main`` in-process (what the ``safeguarding`` script calls); no traceback may reach
standard error.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from graph.codes import Scheme
from loaders.landscape import bundled
from safeguarding.cli import main
from tests.data import shared


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The error text of a command that must be refused with exit status 2, with no traceback."""
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse refuses a bad value before the command runs
        status = exit_.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    return err


def test_export_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "landscape.graphml"
    err = refused(["export", "--format", "graphml", "--out", str(target)], capsys)
    assert f"--out {target}: the folder {target.parent} does not exist" in err
    assert err.count("\n") == 1


def test_export_onto_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["export", "--format", "turtle", "--out", str(tmp_path)], capsys)
    assert "is a folder, not a file" in err


def test_build_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["build", "--out", str(tmp_path / "x" / "landscape.json.gz")], capsys)
    assert "does not exist" in err


def test_schema_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["export-schema", "--out", str(tmp_path / "x" / "schema.graphql")], capsys)
    assert "does not exist" in err


def test_neo4j_pull_into_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["neo4j", "pull", "--out", str(tmp_path / "x" / "s.json.gz")], capsys)
    assert "does not exist" in err  # refused before any connection is tried


def test_impossible_date_names_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["coverage", "--as-of", "2024-02-30"], capsys)
    assert "'2024-02-30' is not a real date: day is out of range for month" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["coverage", "--as-of", "2024-06-01", "--until", "2023-01-01"],
        ["diff", "--from", "2024-06-01", "--to", "2023-01-01"],
    ],
)
def test_reversed_ranges_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(argv, capsys)
    assert "2023-01-01 is before" in err and "2024-06-01" in err


def test_diff_before_the_data_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(["diff", "--from", "2010-01-01", "--to", "2020-01-01"], capsys)
    assert "before the data begins" in err


def test_diff_of_the_cumbria_reorganisation(capsys: pytest.CaptureFixture[str]) -> None:
    """The LAs removed and added on 2023-04-01 are the ones ltla21_utla21 and ltla23_utla23 show
    ending and beginning (the upper tier of England, read from the ONS files here)."""

    def upper(name: str, column: str) -> set[str]:
        with shared("geography", name).open(encoding="utf-8-sig") as f:
            return {r[column] for r in csv.DictReader(f) if r[column].startswith("E")}

    gone = upper("ltla21_utla21_ew_ons.csv", "utla21_code") - upper(
        "ltla23_utla23_ew_ons.csv", "utla23_code"
    )
    new = upper("ltla23_utla23_ew_ons.csv", "utla23_code") - upper(
        "ltla21_utla21_ew_ons.csv", "utla21_code"
    )
    assert main(["diff", "--from", "2023-03-31", "--to", "2023-04-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    g = bundled()
    upper_kinds = {
        "County",
        "UnitaryAuthority",
        "MetropolitanDistrict",
        "LondonBorough",
        "SuiGenerisAuthority",
    }

    def codes(rows: list[dict[str, str]]) -> set[str]:
        return {str(g.node(r["id"]).code(Scheme.GSS)) for r in rows if r["kind"] in upper_kinds}

    assert codes(data["entities_removed"]) == gone
    assert codes(data["entities_added"]) == new
    assert data["population_blocks_changed"] > 0  # the April 2023 sub-ICB vintage re-blocks


def test_history_has_a_date_option(capsys: pytest.CaptureFixture[str]) -> None:
    """06Q was NHS Mid Essex CCG, then a sub-ICB location of Mid and South Essex ICB (ccg21 and
    sicbl23 files): the hint says to give a date, and --as-of tells them apart."""
    err = refused(["history", "06Q"], capsys)
    assert "give a date or the scheme" in err
    with shared("geography", "ccg21_stp21_nhser21_en_ons.csv").open(encoding="utf-8-sig") as f:
        ccg = next(r["CCG21NM"] for r in csv.DictReader(f) if r["CCG21CDH"] == "06Q")
    with shared("geography", "sicbl23_icb23_nhser23_en_ons.csv").open(encoding="utf-8-sig") as f:
        sub_icb = next(r["SICBL23NM"] for r in csv.DictReader(f) if r["SICBL23CDH"] == "06Q")
    assert main(["history", "06Q", "--as-of", "2021-06-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == ccg
    assert main(["history", "06Q", "--as-of", date(2024, 6, 1).isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == sub_icb


def test_mistyped_code_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """E1000012 is Essex's E10000012 (ltla23_utla23) with a zero missing."""
    with shared("geography", "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as f:
        essex = next(r["utla23_name"] for r in csv.DictReader(f) if r["utla23_code"] == "E10000012")
    err = refused(["history", "E1000012"], capsys)
    assert f"did you mean E10000012 ({essex}" in err


def test_unreadable_proposal_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "proposals"
    folder.mkdir()
    err = refused(["impact", str(folder)], capsys)
    assert str(folder) in err


def test_push_of_a_missing_or_broken_snapshot_is_named_before_connecting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(["neo4j", "push", "--snapshot", str(tmp_path / "none.json.gz")], capsys)
    assert "no such file" in err and "Neo4j" not in err
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    err = refused(["neo4j", "push", "--snapshot", str(broken)], capsys)
    assert "broken.json.gz: not a snapshot" in err and "cannot reach" not in err
