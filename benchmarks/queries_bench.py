"""The questions on the bundled landscape: coverage on every change date, overlap, partners.

"cold" is the first question about a stretch of time (the view and its footprint index are built);
"warm" is any later question about it (answered from the per-view cache).
Targets (issue 4): coverage under 1 ms, overlap under 20 ms.
"""

from __future__ import annotations

import time

from benchmarks.table import ms, table, timed
from loaders.landscape import bundled
from queries.coverage import change_days, coverage
from queries.overlap import overlap


def main() -> str:
    g = bundled.__wrapped__()  # a fresh graph: no cached views
    days = change_days(g)
    rows = []
    t = time.perf_counter()
    for d in days:
        coverage(g, d)
    cold = (time.perf_counter() - t) / len(days)
    warm = timed(lambda: [coverage(g, d) for d in days], 20) / len(days)
    rows.append([f"coverage, {len(days)} change dates", ms(cold), ms(warm), "1 ms"])
    t = time.perf_counter()
    for d in days:
        overlap(g, d)
    cold_o = (time.perf_counter() - t) / len(days)
    warm_o = timed(lambda: [overlap(g, d) for d in days], 20) / len(days)
    rows.append([f"overlap, {len(days)} change dates", ms(cold_o), ms(warm_o), "20 ms"])
    return table("Questions (per date)", ["question", "cold", "warm", "target"], rows)


if __name__ == "__main__":
    print(main())
