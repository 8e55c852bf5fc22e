"""Run every benchmark and print its table: ``python -m benchmarks [--quick]``.

Every figure that depends on the machine's load is a ratio to a floor measured beside it in the
same run (a bare endpoint, a DuckDB script, Oxigraph), with medians of repeats; ``--quick`` runs
each with its smallest setting (fewer repeats, dates and requests) to check that all of them work.
The whole run prints how long it took.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time

MODULES = (
    "benchmarks.landscape_bench",
    "benchmarks.queries_bench",
    "benchmarks.engines_bench",
    "benchmarks.impact_bench",
    "benchmarks.compare_bench",
    "benchmarks.api_bench",
    "benchmarks.memory_bench",
    "benchmarks.process_bench",
    "benchmarks.load_bench",
    "benchmarks.explorer_bench",
)


def run(quick: bool) -> None:
    started = time.perf_counter()
    for name in MODULES:
        module = importlib.import_module(name)
        t = time.perf_counter()
        takes_quick = "quick" in inspect.signature(module.main).parameters
        print(module.main(quick) if takes_quick else module.main(), flush=True)
        print(f"({name}: {time.perf_counter() - t:.0f} s)\n", flush=True)
    print(f"All benchmarks in {time.perf_counter() - started:.0f} s{' (--quick)' if quick else ''}")


if __name__ == "__main__":
    run("--quick" in sys.argv)
