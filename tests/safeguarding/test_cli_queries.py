"""``safeguarding coverage``: the answer as JSON, and a date before the data refused."""

from __future__ import annotations

import json

import pytest

from safeguarding.cli import main


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--as-of", "2024-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["compliant"], data["local_authority_count"], data["partnership_count"]) == (
        True,
        153,
        137,
    )
    assert data["uncovered"] == [] and data["multiply_covered"] == []
    assert main(["coverage", "--as-of", "2018-01-01"]) == 2
    assert "before the data begins" in capsys.readouterr().err
