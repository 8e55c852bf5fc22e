"""Boundary-change impact of every shipped proposal on the bundled landscape.

"cold" is the first run on a fresh graph (the day-before view and its block index are built);
"apply" and "impact" are medians of N later runs (the day before's index is cached with its view;
the what-if is rebuilt every run). Target (issue 4): impact under 50 ms per proposal.
``python -m benchmarks.impact_bench [N]``.
"""

from __future__ import annotations

import sys
import time
from functools import partial

from benchmarks.table import ms, table, timed
from loaders.landscape import bundled
from queries.impact import apply, impact, shipped_proposals
from queries.proposal import load_proposal

TARGET = 0.050


def main(runs: int = 21) -> str:
    g = bundled.__wrapped__()  # a fresh graph: no cached views
    rows = []
    for name, path in shipped_proposals().items():
        proposal = load_proposal(path)
        t = time.perf_counter()
        impact(g, proposal)
        cold = time.perf_counter() - t
        applied = timed(partial(apply, g, proposal), runs)
        warm = timed(partial(impact, g, proposal), runs)
        rows.append(
            [
                name,
                len(proposal.operations),
                ms(cold),
                ms(applied),
                ms(warm),
                "yes" if warm < TARGET else "NO",
            ]
        )
    return table(
        f"Boundary-change impact (median of {runs} runs; target {TARGET * 1000:.0f} ms)",
        ["proposal", "ops", "cold", "apply", "impact", "< target"],
        rows,
    )


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 21))
