"""Building the landscape from the official files, and loading the bundled snapshot.

The build is the whole ``safeguarding build`` process (the landscape and the boundary
topologies, written to a temporary folder: the shipped files are left alone), run afresh
``repeats`` times: the medians of its wall and CPU seconds and its peak memory. The snapshot load
is timed in a fresh process too, so that its peak resident memory is its own.
Targets: build under 4 s (issue 13; was under 10 s and 1 GiB in issue 2); snapshot load under 1 s.
``python -m benchmarks.landscape_bench [--quick]``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.process_bench import CLI, run_process
from benchmarks.servers import ROOT
from benchmarks.table import table

DATA = ROOT.parent / "shared" / "data"

_LOAD = """
import json, resource, time
t = time.perf_counter()
from graph.snapshot import load
from loaders.landscape import BUNDLED
g = load(BUNDLED)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "nodes": len(g), "edges": len(g.all_edges())}))
"""


def build(repeats: int) -> list[object]:
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for _ in range(repeats):
            cmd = [sys.executable, "-c", CLI, "build", "--data", str(DATA),
                   "--out", str(out / "landscape.json.gz"),
                   "--boundaries-out", str(out / "boundaries.json.gz")]  # fmt: skip
            wall, cpu, rss, _ = run_process(cmd)
            samples.append((wall, cpu, rss))
        same = (out / "landscape.json.gz").read_bytes() == (
            ROOT / "loaders" / "bundle" / "landscape.json.gz"
        ).read_bytes()
    wall, cpu, rss = (statistics.median(x) for x in zip(*samples, strict=True))
    return [
        f"safeguarding build (median of {repeats}; snapshot "
        f"{'equals' if same else 'DIFFERS from'} the shipped one)",
        f"{wall:.2f} s",
        f"{cpu:.2f} s",
        f"{rss / 2**20:.0f} MiB",
        "-",
        f"< 4 s: {'met' if wall < 4 else 'MISSED'}",
    ]


def load() -> list[object]:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD], cwd=ROOT, check=True, capture_output=True, text=True
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        "load the bundled snapshot",
        f"{r['seconds']:.2f} s",
        "-",
        f"{r['peak'] / 2**20:.0f} MiB",
        f"{int(r['nodes'])} / {int(r['edges'])}",
        f"< 1 s: {'met' if r['seconds'] < 1 else 'MISSED'}",
    ]


def main(quick: bool = False) -> str:
    return table(
        "Landscape",
        ["what", "wall", "CPU", "peak RSS (process)", "nodes / edges", "target"],
        [build(1 if quick else 3), load()],
    )


if __name__ == "__main__":
    print(main("--quick" in sys.argv))
