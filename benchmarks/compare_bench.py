"""Options compared on the bundled landscape: the West Sussex council proposals (two options) and
the Essex ones (the council's three unitaries beside the hypothetical east-west split, on
different days). "cold" is the first run on a fresh graph; "compare" the median of N later runs
(each option applied and reported anew, the day before's index cached with its view).
``python -m benchmarks.compare_bench [N]``.
"""

from __future__ import annotations

import sys
import time
from functools import partial

from benchmarks.table import ms, table, timed
from loaders.landscape import bundled
from queries.compare import compare, to_csv
from queries.proposal import load_proposal
from queries.stacking import shipped_proposals

SETS = {
    "West Sussex: one unitary or two": (
        "lgr-2025-west-sussex-1-unitary-county",
        "lgr-2025-west-sussex-2-unitaries-districts",
    ),
    "Essex: three unitaries or an east-west split": (
        "lgr-2025-essex-3-unitaries-essex-cc",
        "hypothetical-essex-east-west",
    ),
}


def main(runs: int = 11) -> str:
    g = bundled.__wrapped__()  # a fresh graph: no cached views
    shipped = shipped_proposals()
    rows = []
    for label, names in SETS.items():
        options = [load_proposal(shipped[n]) for n in names]
        t = time.perf_counter()
        compare(g, options)
        cold = time.perf_counter() - t
        warm = timed(partial(compare, g, options), runs)
        c = compare(g, options)
        table_time = timed(partial(to_csv, c), runs)
        rows.append([label, len(options), ms(cold), ms(warm), ms(table_time)])
    return table(
        f"Options compared (median of {runs} runs)",
        ["options", "n", "cold", "compare", "table as CSV"],
        rows,
    )


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 11))
