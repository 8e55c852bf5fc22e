"""Run every benchmark and print its table: ``python -m benchmarks``."""

from __future__ import annotations

import importlib

MODULES = (
    "benchmarks.landscape_bench",
    "benchmarks.queries_bench",
    "benchmarks.engines_bench",
    "benchmarks.impact_bench",
    "benchmarks.compare_bench",
    "benchmarks.api_bench",
    "benchmarks.explorer_bench",
    "benchmarks.load_bench",
)

if __name__ == "__main__":
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        print(module.main())
