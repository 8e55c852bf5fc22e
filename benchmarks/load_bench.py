"""Loopback load on one uvicorn worker: 1, 8 and 64 clients, a cheap query alone and beside
expensive ones. ``python -m benchmarks.load_bench [SECONDS]``.

The cheap query (one LA's name) is answered from the server's result cache; the expensive ones
are never the same twice (every partnership with its LAs, forces and health bodies on a date not
asked before, and an impact report of a proposal with a new effective date), so each is executed
in full. For each number of clients the table prints the cheap query's p50 and p99 alone, then
while a quarter as many clients (at least one) send expensive queries, and the expensive ones'
p50; every request must answer 200 (a failure is counted and printed). Each phase is bounded in
seconds.
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta

from benchmarks.api_bench import Connection, free_port, graphql, request_bytes, start_server
from benchmarks.table import table

CLIENTS = (1, 8, 64)
SECONDS = 5.0  # per phase
CHEAP = graphql('{ localAuthority(code: "E10000012", asOf: "2024-06-01") { name } }')
PARTNERSHIPS = (
    '{ partnerships(asOf: "%s", first: 500) { nodes { name localAuthorities { code name } '
    "policeForces { code populationShare } healthBodies { code populationShare } } } }"
)
IMPACT = (
    "query ($p: ProposalInput!) { impact(proposal: $p) { __typename ... on ImpactReport { "
    "after { compliant } needingArrangement { localAuthority { code } population } } } }"
)


def expensive_requests() -> Callable[[], bytes]:
    """A new expensive request at each call: no two the same, so none is answered from cache."""
    days = (date(2019, 4, 2) + timedelta(days=i) for i in itertools.count())
    effective = (date(2027, 4, 1) + timedelta(days=i) for i in itertools.count())
    lock = threading.Lock()
    turn = itertools.count()

    def make() -> bytes:
        with lock:
            n = next(turn)
            day, when = next(days), next(effective)
        if n % 2 == 0:
            return graphql(PARTNERSHIPS % day.isoformat())
        proposal = {
            "effective": when.isoformat(),
            "operations": [
                {"kind": "create_la", "name": "West Essex", "districts": ["E07000066", "E07000068"]}
            ],
        }
        body = json.dumps({"query": IMPACT, "variables": {"p": proposal}}).encode()
        return request_bytes("POST", "/graphql", body)

    return make


class Phase:
    """Clients sending requests until the phase's time is up; latencies and failures."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.latencies: dict[str, list[float]] = {"cheap": [], "expensive": []}
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def client(self, kind: str, request: Callable[[], bytes], until: float) -> None:
        mine: list[float] = []
        try:
            conn = Connection(self.port)
        except OSError as exc:
            with self.lock:
                self.failures.append(f"{kind}: cannot connect: {exc}")
            return
        try:
            while time.perf_counter() < until:
                body = request()
                t = time.perf_counter()
                status, answer = conn.send(body)
                mine.append(time.perf_counter() - t)
                if status != 200 or b'"errors"' in answer:
                    with self.lock:
                        self.failures.append(f"{kind}: {status} {answer[:200]!r}")
        except OSError as exc:
            with self.lock:
                self.failures.append(f"{kind}: {exc}")
        finally:
            conn.close()
            with self.lock:
                self.latencies[kind].extend(mine)

    def run(self, cheap: int, expensive: int, seconds: float) -> Phase:
        until = time.perf_counter() + seconds
        make = expensive_requests()
        threads = [
            threading.Thread(target=self.client, args=("cheap", lambda: CHEAP, until))
            for _ in range(cheap)
        ] + [
            threading.Thread(target=self.client, args=("expensive", make, until))
            for _ in range(expensive)
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return self


def quantile(values: list[float], q: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f} ms"


def main(seconds: float = SECONDS) -> str:
    port = free_port()
    server = start_server(port)
    rows = []
    failures: list[str] = []
    try:
        warm = Connection(port)
        assert warm.send(CHEAP)[0] == 200
        warm.close()
        for clients in CLIENTS:
            alone = Phase(port).run(clients, 0, seconds)
            heavy = max(1, clients // 4)
            mixed = Phase(port).run(clients, heavy, seconds)
            failures += alone.failures + mixed.failures
            cheap_alone, cheap_mixed = alone.latencies["cheap"], mixed.latencies["cheap"]
            slow = mixed.latencies["expensive"]
            rows.append(
                [
                    clients,
                    quantile(cheap_alone, 0.5),
                    quantile(cheap_alone, 0.99),
                    heavy,
                    quantile(cheap_mixed, 0.5),
                    quantile(cheap_mixed, 0.99),
                    f"{statistics.median(slow) * 1000:.0f} ms" if slow else "-",
                    len(cheap_alone) + len(cheap_mixed) + len(slow),
                    len(alone.failures) + len(mixed.failures),
                ]
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = table(
        f"Loopback load, one uvicorn worker ({seconds:.0f} s a phase): a cheap query (cached) "
        "alone, then beside expensive ones (never cached: all partnerships on a new date, or "
        "an impact report with a new effective date)",
        [
            "clients",
            "cheap p50 alone",
            "cheap p99 alone",
            "+ expensive clients",
            "cheap p50 mixed",
            "cheap p99 mixed",
            "expensive p50",
            "requests",
            "failures",
        ],
        rows,
    )
    if failures:
        text += "\nfailures:\n" + "\n".join(f"  {f}" for f in failures[:20])
    return text


if __name__ == "__main__":
    print(main(float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS))
