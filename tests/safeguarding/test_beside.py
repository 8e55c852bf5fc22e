"""A build step in a process of its own: its answer or its error comes back, and it never
outlives a killed parent by more than the step itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.errors import LoadError, SafeguardingError
from loaders.boundaries import build_boundaries
from safeguarding.beside import Beside

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return status != "Z"  # a zombie has ended; only its parent (init here) has yet to reap it


def test_a_refused_step_raises_its_load_error_with_every_problem(tmp_path: Path) -> None:
    with Beside(build_boundaries, tmp_path) as step, pytest.raises(LoadError) as refused:
        step.result()
    assert [p.message for p in refused.value.problems] == ["no .geojson files"]
    assert refused.value.problems[0].file == str(tmp_path)


def test_a_step_that_dies_unheard_is_an_error() -> None:
    with Beside(os._exit, 3) as step, pytest.raises(SafeguardingError, match="exit code 3"):
        step.result()


def test_a_step_left_early_is_ended() -> None:
    with Beside(time.sleep, 30) as step:
        pid = step.pid
        assert pid is not None and _alive(pid)
    assert not _alive(pid)  # ended and reaped on leaving, not left running 30 s


def test_a_killed_parent_leaves_no_process_or_file_once_the_step_ends(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from safeguarding.beside import Beside\n"
        "with Beside(time.sleep, 1.0) as step:\n"
        "    print(step.pid, flush=True)\n"
        "    time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp_path)},  # where a step would leave a file
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    parent.stdout.close()
    deadline = time.monotonic() + 20
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
    assert list(tmp_path.iterdir()) == []
