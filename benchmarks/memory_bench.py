"""The server's memory under client input never seen before: 10,000 requests, each with a new
(date, sliver threshold) pair for overlap or a new date for coverage.

A fresh ``safeguarding serve`` (one uvicorn worker, its own process) is asked one question to warm
it; its resident memory is read, then the requests are sent over four connections, and it is read
again, with ``/health``'s cache figures. Target (issue 13): growth at most 64 MiB.
``python -m benchmarks.memory_bench [--quick]``.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta

from benchmarks.api_bench import OVERLAP
from benchmarks.servers import Connection, concurrent, graphql, request_bytes, start
from benchmarks.table import table

REQUESTS = 10_000
SECONDS = 240.0  # at most
TARGET = 64 * 2**20
# asOf echoes the date, so each answer is kept under its own date (api.request_key): every request
# is a new entry for the result cache to bound
COVERAGE = (
    '{ coverage(asOf: "%s") { asOf compliant localAuthorityCount partnershipCount '
    "uncovered { code name } multiplyCovered { code name } } }"
)


def requests(n: int) -> list[bytes]:
    """Half overlap with a new threshold and date each, half coverage with a new date each
    (echoed, so that no two share an entry of the result cache)."""
    out = []
    start_day = date(2019, 9, 29)
    for i in range(n):
        day = (start_day + timedelta(days=i % 3000)).isoformat()
        if i % 2:
            out.append(
                graphql(COVERAGE % (start_day + timedelta(days=3000 + i // 2 % 900)).isoformat())
            )
        else:
            threshold = f"{0.001 + i * 1e-6:.6f}"  # never the same twice
            out.append(graphql(OVERLAP % (day, threshold)))
    return out


def main(quick: bool = False) -> str:
    n = 1_000 if quick else REQUESTS
    server = start("real", graphql(COVERAGE % "2024-06-01"))
    try:
        server.wait_idle()  # the start-up warm-up done first: it is no client's doing
        before = server.rss()
        t = time.perf_counter()
        result = concurrent(server.port, requests(n), SECONDS, 4)
        seconds = time.perf_counter() - t
        after = server.rss()
        conn = Connection(server.port)
        status, body = conn.send(request_bytes("GET", "/health"))
        conn.close()
        health = json.loads(body) if status == 200 else {}
    finally:
        server.stop()
    growth = after - before
    caches = health.get("caches", health.get("cache", "-"))
    rows = [
        [
            f"{result.requests:,} of {n:,} requests in {seconds:.0f} s",
            f"{before / 2**20:.0f} MiB",
            f"{after / 2**20:.0f} MiB",
            f"{growth / 2**20:+.0f} MiB",
            result.failures,
            f"<= 64 MiB: {'met' if growth <= TARGET and result.requests == n else 'MISSED'}",
        ]
    ]
    text = table(
        "Server memory over requests with distinct dates and sliver thresholds (overlap and "
        "coverage alternately; 4 connections)",
        ["run", "RSS before", "RSS after", "growth", "failures", "target"],
        rows,
    )
    return text + f"/health caches after the run: {json.dumps(caches)[:600]}\n"


if __name__ == "__main__":
    print(main("--quick" in sys.argv))
