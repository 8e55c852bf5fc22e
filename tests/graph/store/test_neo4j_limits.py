"""Neo4j without a Neo4j server: the connect timeout is honoured against a port that accepts and
never answers, no credential written into an address is ever printed, and the compose
healthcheck passes the password to cypher-shell through its environment, not a command line."""

from __future__ import annotations

import os
import shlex
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.errors import StoreError, StoreUnavailable
from graph.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[3]
SECRET = "hunter22-secret"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never sends a byte."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for s in [*held, server]:
        s.close()


def test_the_connect_timeout_is_honoured(silent_port: int) -> None:
    outcome: list[BaseException] = []

    def connect() -> None:
        try:
            Neo4jStore.connect(f"bolt://127.0.0.1:{silent_port}", "neo4j", "x", connect_timeout=1)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(timeout=20)  # before: about 61 s whatever the setting
    assert not thread.is_alive(), "still connecting long after the 1 s timeout"
    [error] = outcome
    assert isinstance(error, StoreUnavailable)
    assert str(error) == (
        f"cannot reach Neo4j at bolt://127.0.0.1:{silent_port}: it took the connection but gave "
        "no Bolt handshake in time (is it Neo4j?)"
    )


def test_a_password_in_the_address_is_refused_without_showing_it() -> None:
    with pytest.raises(StoreError) as err:
        Neo4jStore.connect(f"bolt://neo4j:{SECRET}@127.0.0.1:1", "neo4j", "x", connect_timeout=1)
    assert SECRET not in str(err.value)
    assert str(err.value) == (
        "'bolt://***@127.0.0.1:1': the address must not hold a user or password; "
        "give them in NEO4J_USER and NEO4J_PASSWORD"
    )


@pytest.mark.parametrize(
    "uri", [f"bolt://neo4j:{SECRET}@127.0.0.1:1", f"bolt://neo4j:{SECRET}@127.0.0.1:notaport"]
)
@pytest.mark.parametrize("command", [["neo4j", "status"], ["neo4j", "push"]])
def test_no_command_prints_a_password_from_the_address(uri: str, command: list[str]) -> None:
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_PASSWORD": "other", "NEO4J_CONNECT_TIMEOUT": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "safeguarding.cli", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert SECRET not in done.stdout + done.stderr
    assert "bolt://***@127.0.0.1" in done.stderr and "Traceback" not in done.stderr


def test_settings_never_show_a_password_from_the_address() -> None:
    from safeguarding.settings import Settings

    assert SECRET not in repr(Settings(neo4j_uri=f"bolt://neo4j:{SECRET}@db:7687"))


def healthcheck() -> str:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    kind, command = compose["services"]["neo4j"]["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    return str(command).replace("$$", "$")  # as compose hands it to the container's shell


def test_the_healthcheck_puts_no_password_on_a_command_line(tmp_path: Path) -> None:
    command = healthcheck()
    assert "-p" not in shlex.split(command) and "--password" not in command
    # run it with a stand-in cypher-shell that records what it was given
    record = tmp_path / "record"
    fake = tmp_path / "cypher-shell"
    fake.write_text(f'#!/bin/sh\necho "$@" > {record}.args\nenv > {record}.env\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "NEO4J_AUTH": f"neo4j/{SECRET}"}
    done = subprocess.run(["sh", "-c", command], env=env, timeout=30, check=False)
    assert done.returncode == 0
    assert SECRET not in Path(f"{record}.args").read_text()
    seen = dict(
        line.split("=", 1) for line in Path(f"{record}.env").read_text().splitlines() if "=" in line
    )
    assert (seen["NEO4J_USERNAME"], seen["NEO4J_PASSWORD"]) == ("neo4j", SECRET)
