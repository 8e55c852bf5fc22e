"""The explorer's feeds: what a day of the map costs to plan and to send.

For 2024-06-01, per family of footprints: the rows the explorer merges in the browser (how each
footprint is drawn) against the GeoJSON a GIS user downloads, raw and gzipped, and the time to
make each (cold: the first request for that stretch of time). Run as
``python -m benchmarks.explorer_bench``.
"""

from __future__ import annotations

import gzip
import json
import time
from datetime import date

from benchmarks.table import ms, table
from loaders.landscape import bundled, bundled_boundaries
from queries.drawing import FAMILIES, Plan
from queries.whatif import state

DAY = date(2024, 6, 1)


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def size(value: object) -> tuple[int, int]:
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    return len(raw), len(gzip.compress(raw, 6, mtime=0))


def main() -> str:
    g, topology = bundled(), bundled_boundaries()
    view = g.at(DAY)
    t = time.perf_counter()
    s = state(view)
    state_time = time.perf_counter() - t
    out = []
    for family in FAMILIES:
        plan = Plan(s, topology)  # cold, apart from the state
        t = time.perf_counter()
        rows = plan.rows(family)
        rows_time = time.perf_counter() - t
        t = time.perf_counter()
        geo = plan.collection(family)
        geo_time = time.perf_counter() - t
        _, r_gz = size(rows)
        g_raw, g_gz = size(geo)
        drawn = sum(1 for r in rows if r["drawn"])
        counts = f"{drawn}/{len(rows)}"
        out.append([family, counts, ms(rows_time), kb(r_gz), ms(geo_time), kb(g_raw), kb(g_gz)])
    layer = topology.topojson("lad-2024-05")
    _, layer_gz = size(layer)
    return table(
        f"Explorer feeds on {DAY} (the day's state read in {ms(state_time)}; "
        f"the district layer as TopoJSON: {kb(layer_gz)} gzipped, fetched once)",
        ["family", "drawn", "rows", "rows gz", "GeoJSON", "GeoJSON raw", "GeoJSON gz"],
        out,
    )


if __name__ == "__main__":
    print(main())
