"""``safeguarding impact``: a shipped proposal as a table and as JSON, and a broken one refused."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.errors import ProposalError
from queries.impact import shipped_proposals


def _command(*argv: str) -> int:
    import argparse

    from safeguarding import cli_impact

    parser = argparse.ArgumentParser()
    cli_impact.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["impact", *argv])
    result: int = args.run(args)
    return result


def test_command_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _command("2023-cumbria-north-yorkshire-somerset") == 0
    table = capsys.readouterr().out
    assert "LAs needing a new arrangement: 4" in table and "Westmorland and Furness" in table
    assert _command(str(shipped_proposals()["hypothetical-essex-east-west"]), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hypothetical"] is True and data["effective"] == "2027-04-01"
    assert sorted(n["la"]["name"] for n in data["needing_arrangement"]) == [
        "East Essex",
        "West Essex",
    ]


def test_command_refuses_a_broken_proposal_naming_operation_and_field(tmp_path: Any) -> None:
    from graph.errors import SafeguardingError

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "effective: 2027-04-01\noperations:\n  - kind: merge_las\n    las: [E10000012, X1]\n"
        "    name: Greater Essex\n"
    )
    with pytest.raises(ProposalError, match=r"operation #1 merge_las, field las\[1\]: unknown"):
        _command(str(bad))
    with pytest.raises(SafeguardingError, match="no shipped proposal"):
        _command("2031-atlantis")
