"""Building the 2019-2025 graph from the official files, and loading the bundled snapshot.

Each is run in a fresh process so that its peak resident memory is its own.
Targets (issue 2): build under 10 s and 1 GiB; snapshot load under 1 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.table import table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

_CHILD = """
import json, resource, sys, time
t = time.perf_counter()
if sys.argv[1] == "build":
    from loaders.landscape import build_landscape
    from pathlib import Path
    g = build_landscape(Path(sys.argv[2]))
else:
    from graph.snapshot import load
    from loaders.landscape import BUNDLED
    g = load(BUNDLED)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "nodes": len(g), "edges": len(g.all_edges())}))
"""


def measure(what: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, what, str(SHARED)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> str:
    rows = []
    for what, label, target in (
        ("build", "build from ../shared/data", "10 s, 1 GiB"),
        ("load", "load bundled snapshot", "1 s"),
    ):
        r = measure(what)
        rows.append(
            [
                label,
                f"{r['seconds']:.2f} s",
                f"{r['peak'] / 2**20:.0f} MiB",
                f"{int(r['nodes'])} / {int(r['edges'])}",
                target,
            ]
        )
    return table(
        "Landscape", ["what", "time", "peak RSS (process)", "nodes / edges", "target"], rows
    )


if __name__ == "__main__":
    print(main())
