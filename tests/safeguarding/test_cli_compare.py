"""``safeguarding compare`` (table, JSON, CSV; refusals are one line and exit status 2) and
``safeguarding proposals`` (the shipped council proposals are current)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from safeguarding.cli import main

WS1, WS2 = "lgr-2025-west-sussex-1-unitary-county", "lgr-2025-west-sussex-2-unitaries-districts"


def test_a_table_of_two_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", WS1, WS2]) == 0
    out = capsys.readouterr().out
    assert "Options compared: 2" in out and "Coastal West Sussex: 464,802" in out
    assert "NEW COUNCILS" in out and "COTERMINOSITY" in out


def test_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", WS1, WS2, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [len(o["councils"]) for o in data["options"]] == [1, 2]
    rows = {(r["section"], r["measure"]): r["values"] for r in data["rows"]}
    assert rows[("new councils", "councils")] == ["1", "2"]
    assert main(["compare", WS1, WS2, "--csv"]) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0][:2] == ["section", "measure"] and len(table[0]) == 4
    assert ["partners", "ICBs in all", "1", "1"] in table


def test_mistakes_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["compare", WS1]) == 2
    assert capsys.readouterr().err.strip() == (
        "safeguarding compare: give at least two proposals to compare"
    )
    assert main(["compare", WS1, "lgr-2025-norfolk-1-unitary-county"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("safeguarding compare: operation compare, field proposals[1]: ")
    assert len(err.strip().splitlines()) == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("effective: 2028-04-01\nsteps: []\noperations: []\n", encoding="utf-8")
    assert main(["compare", WS1, str(bad)]) == 2
    assert "field steps: give exactly one of operations, steps" in capsys.readouterr().err


def test_the_shipped_council_proposals_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["proposals", "--check"]) == 0
    assert main(["proposals"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and all(line.endswith(": current") for line in lines)


def test_proposals_written_elsewhere_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["proposals", "--check", "--out", str(tmp_path)]) == 1
    assert "run with --write" in capsys.readouterr().err
    assert main(["proposals", "--write", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("lgr-2025-*.yaml"))) == 7
    assert main(["proposals", "--check", "--out", str(tmp_path)]) == 0
    assert main(["proposals", "--data", str(tmp_path)]) == 2
    assert "no table of council proposals" in capsys.readouterr().err


def test_an_impossible_step_date_in_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "steps.yaml"
    bad.write_text(
        "steps:\n  - effective: 2027-05-06\n    operations:\n"
        "      - {kind: merge_las, las: [E06000033, E06000034], name: South Essex}\n"
        "  - effective: 2028-02-30\n    operations:\n"
        "      - {kind: recode, entity: E10000012, code: E10000099}\n",
        encoding="utf-8",
    )
    assert main(["impact", str(bad)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "safeguarding impact: operation step 2, field effective: '2028-02-30' is not a date "
        "(YYYY-MM-DD): day is out of range for month"
    )
