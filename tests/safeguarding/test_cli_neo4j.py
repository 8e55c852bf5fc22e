"""``safeguarding neo4j push|pull|status``: on the scripted stand-in, and failing cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph import snapshot
from graph.neo4j_store import Neo4jStore
from graph.temporal import TemporalGraph
from safeguarding.cli import main
from tests.data import ROOT

UNREACHABLE = "bolt://127.0.0.1:1"  # loopback, a port nothing listens on

Scripted = Callable[..., tuple[Neo4jStore, Any]]


@pytest.fixture
def scripted_connect(scripted: Scripted, monkeypatch: pytest.MonkeyPatch) -> Neo4jStore:
    """Every ``Neo4jStore.connect`` gives a store on one scripted stand-in."""
    store, _ = scripted()
    monkeypatch.setattr(Neo4jStore, "connect", classmethod(lambda cls, *a, **k: store))
    return store


def test_push_status_and_pull_round_trip(
    scripted_connect: Neo4jStore,
    tiny_shire: TemporalGraph,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["neo4j", "status"]) == 0
    assert "empty; run `safeguarding neo4j push`" in capsys.readouterr().out

    snapshot.save(tiny_shire, tmp_path / "tiny.json.gz")
    assert main(["neo4j", "push", "--snapshot", str(tmp_path / "tiny.json.gz")]) == 0
    out = capsys.readouterr().out
    assert out == (
        "pushed 16 nodes and 21 edges to Neo4j at bolt://fake:7687 (database neo4j); "
        "version 1 is current\n"
    )

    assert main(["neo4j", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "Neo4j at bolt://fake:7687 (database neo4j): version 1 is current: 16 nodes, 21 edges"
    )
    assert ["hasMember", "5"] in [line.split() for line in lines[1:]]

    assert main(["neo4j", "pull", "--out", str(tmp_path / "back.json.gz")]) == 0
    assert "pulled 16 nodes and 21 edges" in capsys.readouterr().out
    back = snapshot.load(tmp_path / "back.json.gz")
    assert snapshot.to_data(back) == snapshot.to_data(tiny_shire)


def test_status_on_an_unreachable_server_is_one_line_and_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", UNREACHABLE)
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "2")
    assert main(["neo4j", "status"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"safeguarding neo4j: cannot reach Neo4j at {UNREACHABLE}: connection refused\n"


def test_the_command_itself_prints_no_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "SAFEGUARDING_"))}
    env |= {"NEO4J_URI": UNREACHABLE, "NEO4J_CONNECT_TIMEOUT": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "safeguarding.cli", "neo4j", "status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"safeguarding neo4j: cannot reach Neo4j at {UNREACHABLE}: connection refused"
    ]


def test_an_invalid_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_BATCH_SIZE", "many")
    assert main(["neo4j", "status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("safeguarding neo4j: NEO4J_BATCH_SIZE='many' is not valid: expected")
    assert err.count("\n") == 1
