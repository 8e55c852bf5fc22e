"""What a process costs: ``serve`` to its first answer beside a bare Starlette app, and the
``safeguarding coverage --json`` process beside a DuckDB script answering from the CSVs.

Each is started afresh ``repeats`` times, the project's and its floor alternately; the table gives
the medians. ``serve``: seconds, CPU seconds and resident memory at its first answer (read from
``/proc`` the moment it arrives). The command line: wall seconds, CPU seconds and peak resident
memory of the whole process (``wait4``). Both run as they do after a first start: the project's
modules compiled to bytecode first (Python writes it on first import, except where
``PYTHONDONTWRITEBYTECODE`` is set, as on these machines: there every start compiled the
project's 120-odd modules again, about 0.15 s). Targets (issue 13): ``serve`` under 1 s of CPU and
90 MiB; ``coverage --json`` within 1.5x the DuckDB script's process (CPU and wall).
``python -m benchmarks.process_bench [--quick]``.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.servers import ROOT, graphql, start
from benchmarks.table import table

DATA = ROOT.parent / "shared" / "data"
DAY = "2024-06-01"
COVERAGE = '{ coverage(asOf: "' + DAY + '") { compliant localAuthorityCount partnershipCount } }'
CLI = "import sys; from safeguarding.cli import main; sys.exit(main())"


# A small launcher forks and execs the command and reports its wall time and rusage: a child
# forked by this (large) process would count this process's pages in its peak RSS.
_LAUNCH = """
import json, os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
code = os.waitstatus_to_exitcode(status)
print(json.dumps([code, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024]), file=sys.stderr)
"""


def run_process(cmd: list[str]) -> tuple[float, float, int, bytes]:
    """Wall seconds, CPU seconds, peak RSS bytes and standard output of ``cmd``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCH, *cmd], cwd=ROOT, env=env, capture_output=True
    )
    code, wall, cpu, rss = json.loads(done.stderr.decode().strip().splitlines()[-1])
    if code != 0:
        raise RuntimeError(f"{cmd[:3]} exited {code}: {done.stderr[-500:]!r}")
    return wall, cpu, rss, done.stdout


def _mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def serve_rows(repeats: int) -> list[list[object]]:
    samples: dict[str, list[tuple[float, float, int]]] = {"real": [], "bare": []}
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "coverage.json").write_bytes(b'{"data":{}}')
        for _ in range(repeats):
            for kind, probe in (
                ("bare", graphql(COVERAGE, path="/bare/coverage")),
                ("real", graphql(COVERAGE)),
            ):
                server = start(kind, probe, {"BENCH_ANSWERS": folder})
                samples[kind].append(
                    (server.first_answer_seconds, server.first_answer_cpu, server.first_answer_rss)
                )
                server.stop()
    rows: list[list[object]] = []
    for kind, label in (("bare", "bare Starlette app on uvicorn"), ("real", "safeguarding serve")):
        seconds, cpu, rss = (statistics.median(x) for x in zip(*samples[kind], strict=True))
        target = "-"
        if kind == "real":
            bare_cpu = statistics.median(s[1] for s in samples["bare"])
            bare_rss = statistics.median(s[2] for s in samples["bare"])
            met = cpu < 1.0 and rss < 90 * 2**20
            target = (
                f"< 1 s CPU, < 90 MiB: {'met' if met else 'MISSED'} "
                f"({cpu / bare_cpu:.1f}x, {rss / bare_rss:.1f}x bare)"
            )
        rows.append(
            [f"to first answer: {label}", f"{seconds:.2f} s", f"{cpu:.2f} s", _mib(rss), target]
        )
    return rows


def cli_rows(repeats: int) -> list[list[object]]:
    if importlib.util.find_spec("duckdb") is None:
        return [["coverage --json beside DuckDB: skipped, duckdb is not installed (pip install "
                 "-e '.[bench]')", "-", "-", "-", "-"]]  # fmt: skip
    commands = {
        "duckdb": [sys.executable, "-m", "benchmarks.coverage_duckdb", str(DATA), DAY],
        "cli": [sys.executable, "-c", CLI, "coverage", "--as-of", DAY, "--json"],
    }
    samples: dict[str, list[tuple[float, float, int]]] = {"duckdb": [], "cli": []}
    answers: dict[str, dict[str, object]] = {}
    for _ in range(repeats):
        for kind, cmd in commands.items():
            wall, cpu, rss, out = run_process(cmd)
            samples[kind].append((wall, cpu, rss))
            answers[kind] = json.loads(out)
    med = {k: [statistics.median(x) for x in zip(*v, strict=True)] for k, v in samples.items()}
    same = all(
        answers["cli"][k] == answers["duckdb"][k]
        for k in ("local_authority_count", "partnership_count")
    ) and [a["code"] for a in answers["cli"]["uncovered"]] == [  # type: ignore[attr-defined]
        a["code"]
        for a in answers["duckdb"]["uncovered"]  # type: ignore[attr-defined]
    ]
    cpu_ratio = med["cli"][1] / med["duckdb"][1]
    wall_ratio = med["cli"][0] / med["duckdb"][0]
    met = cpu_ratio <= 1.5 and wall_ratio <= 1.5
    return [
        [f"process: DuckDB script from the CSVs (counts {'agree' if same else 'DIFFER'})",
         f"{med['duckdb'][0]:.2f} s", f"{med['duckdb'][1]:.2f} s", _mib(med["duckdb"][2]), "-"],
        ["process: safeguarding coverage --json", f"{med['cli'][0]:.2f} s",
         f"{med['cli'][1]:.2f} s", _mib(med["cli"][2]),
         f"<= 1.5x DuckDB: {'met' if met else 'MISSED'} (CPU {cpu_ratio:.2f}x, wall "
         f"{wall_ratio:.2f}x)"],
    ]  # fmt: skip


PACKAGES = ("api", "benchmarks", "graph", "loaders", "ontology", "queries", "safeguarding")


def compile_project() -> None:
    """Write the bytecode of the project's modules (into their ``__pycache__``, ignored by git)."""
    for package in PACKAGES:
        if not compileall.compile_dir(ROOT / package, quiet=2):
            raise RuntimeError(f"{package}: a module did not compile")


def main(quick: bool = False) -> str:
    repeats = 1 if quick else 3
    compile_project()
    return table(
        f"Processes, started afresh (median of {repeats}, alternating with their floor)",
        ["process", "wall", "CPU", "RSS", "target"],
        serve_rows(repeats) + cli_rows(repeats),
    )


if __name__ == "__main__":
    print(main("--quick" in sys.argv))
