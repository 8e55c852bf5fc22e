"""``safeguarding build --out FILE`` killed with SIGKILL at several points (starting, building,
writing the snapshot): the file is then either as it was or a whole, valid snapshot, and nothing
left behind stops the next write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph import snapshot
from loaders.landscape import BUNDLED, bundled

ROOT = Path(__file__).resolve().parents[2]
BEFORE = b"the previous good graph"


def start_build(out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "safeguarding.cli", "build", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_when(build: subprocess.Popen[bytes], ready: object) -> None:
    """SIGKILL ``build`` once ``ready()`` is true (or it has ended by itself)."""
    deadline = time.monotonic() + 300
    while build.poll() is None and not ready() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.005)
    if build.poll() is None:
        os.kill(build.pid, signal.SIGKILL)
    build.wait(timeout=60)


def test_a_build_killed_anywhere_leaves_the_old_file_or_a_whole_one(tmp_path: Path) -> None:
    out = tmp_path / "landscape.json.gz"
    points = {
        "starting": lambda started: time.monotonic() - started > 0.3,
        "building": lambda started: time.monotonic() - started > 3.0,
        # the dangerous moment: the temporary file of the new snapshot has appeared
        "writing": lambda started: any(p.name.endswith(".tmp") for p in tmp_path.iterdir()),
    }
    for name, ready in points.items():
        out.write_bytes(BEFORE)
        started = time.monotonic()
        build = start_build(out)
        kill_when(build, lambda ready=ready, started=started: ready(started))
        data = out.read_bytes()
        assert data == BEFORE or snapshot.loads(data), f"killed while {name}: a broken file"
        if name == "writing":  # the kill came while the new snapshot was being written
            assert data == BEFORE or data == BUNDLED.read_bytes()
    # whatever a kill left beside it (a temporary file of its own name) does not stop the next
    # write: the build itself never reads the folder it writes to
    out.write_bytes(BEFORE)
    snapshot.save(bundled(), out)
    assert out.read_bytes() == BUNDLED.read_bytes()
