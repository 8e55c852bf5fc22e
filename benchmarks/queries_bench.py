"""The questions on the bundled landscape: coverage on every change date, overlap, partners;
reviews open on a date and the posts the rules require of every partnership.

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
from queries.reviews import ReviewFilter, find_reviews
from queries.rules import required_posts


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
    day = days[-1]
    opened = ReviewFilter(open_on=day)
    t = time.perf_counter()
    find_reviews(g, opened)
    cold_r = time.perf_counter() - t
    rows.append(
        ["reviews open on a date", ms(cold_r), ms(timed(lambda: find_reviews(g, opened), 20)), "-"]
    )
    ids = [n.id for n in g.at(day).nodes("SafeguardingPartnership")]
    t = time.perf_counter()
    for p in ids:
        required_posts(g, day, p)
    cold_p = (time.perf_counter() - t) / len(ids)
    warm_p = timed(lambda: [required_posts(g, day, p) for p in ids], 5) / len(ids)
    rows.append([f"required posts, {len(ids)} partnerships", ms(cold_p), ms(warm_p), "-"])
    return table("Questions (per date)", ["question", "cold", "warm", "target"], rows)


if __name__ == "__main__":
    print(main())
