"""``safeguarding status`` and the basis in the CLI's JSON answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding.cli import main


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(list(argv)) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_status_says_how_current_the_bundled_landscape_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _json(capsys, "status", "--json")
    assert data["evidence_until"] == "2027-04-01"
    assert data["last_decided_change"]["id"] == "surrey-2027"  # type: ignore[index]
    assert main(["status"]) == 0
    text = capsys.readouterr().out
    assert "health            last vintage 2026-04-01 sicbl24_to_icb26.csv" in text
    assert "change surrey-2027 (decided) from 2027-04-01" in text


def test_status_of_another_snapshot_and_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "old.json.gz"
    bad.write_bytes(b"not a snapshot")
    assert main(["status", "--snapshot", str(bad)]) == 2
    assert "old.json.gz: not a snapshot" in capsys.readouterr().err


def test_coverage_and_overlap_json_carry_their_basis(capsys: pytest.CaptureFixture[str]) -> None:
    coverage = _json(capsys, "coverage", "--as-of", "2030-01-01", "--json")
    basis = coverage["basis"]
    assert basis["past_evidence"] is True and basis["status"] == "projection"  # type: ignore[index]
    names = [w["name"] for w in coverage["awaiting_arrangement"]]  # type: ignore[union-attr]
    assert names == ["East Surrey Council", "West Surrey Council"]
    overlap = _json(capsys, "overlap", "--as-of", "2026-11-23", "--json")
    assert overlap["basis"]["status"] == "observed"  # type: ignore[index]


def test_impact_json_of_a_stacked_proposal_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "first.yaml").write_text(
        "name: first\neffective: 2028-04-01\noperations:\n"
        "  - {kind: create_la, name: West Essex, districts: [E07000066, E07000068]}\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.yaml"
    second.write_text(
        "name: second\neffective: 2028-04-01\nafter: [first, icb-2026-04-01]\noperations:\n"
        "  - {kind: create_partnership, name: West Essex SCP, las: [new-west-essex]}\n",
        encoding="utf-8",
    )
    report = _json(capsys, "impact", str(second), "--json")
    assert report["stacked_on"] == ["first"]
    assert report["comes_after"] == ["icb-2026-04-01"]
    assert report["basis"]["status"] == "projection"  # type: ignore[index]
