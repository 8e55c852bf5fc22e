"""Loopback load on one uvicorn worker (``safeguarding serve`` in its own process): 1, 8 and 64
clients, a cheap query alone and beside expensive ones. ``python -m benchmarks.load_bench
[--quick]``.

The cheap query (one LA's name) is answered from the server's result cache; the expensive ones
are never the same twice (every partnership with its LAs, forces and health bodies on a date not
asked before, and an impact report of a proposal with a new effective date), so each is executed
in full. For each number of clients the table prints the cheap query's p50 and p99 alone, then
while a quarter as many clients (at least one) send expensive queries, and the expensive ones'
p50; a last row puts one cheap client beside 8 sending the wide query alone. Every request must
answer 200: a 5xx is counted apart from other failures (a 503 is the pool refusing work it has no
room for), and the first few are printed. Each phase is bounded in
seconds. Targets (issue 13): no 5xx; the cheap query's p50 beside the expensive clients within 3x
its p50 alone.
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

from benchmarks.servers import Connection, graphql, request_bytes, start
from benchmarks.table import table

CLIENTS = (1, 8, 64)
# (cheap clients, expensive clients, expensive ones all wide): a quarter as many expensive
# clients at each load, and the case of one cheap client beside 8 wide ones
PHASES = (*((c, max(1, c // 4), False) for c in CLIENTS), (1, 8, True))
SECONDS = 5.0  # per phase
CHEAP = graphql('{ localAuthority(code: "E10000012", asOf: "2024-06-01") { name } }')
# the alias named asOf keeps the date in the result cache's key (api.request_key): without it a
# new date in a stretch already asked about would be a hit, and the query not expensive at all
PARTNERSHIPS = (
    '{ asOf: __typename partnerships(asOf: "%s", first: 500) { nodes { name '
    "localAuthorities { code name } policeForces { code populationShare } "
    "healthBodies { code populationShare } } } }"
)
IMPACT = (
    "query ($p: ProposalInput!) { impact(proposal: $p) { __typename ... on ImpactReport { "
    "after { compliant } needingArrangement { localAuthority { code } population } } } }"
)


class Expensive:
    """New expensive requests for a whole run: no two the same across its phases, so none is
    answered from the cache (dates go on from one phase to the next)."""

    def __init__(self) -> None:
        self.days = (date(2019, 4, 2) + timedelta(days=i) for i in itertools.count())
        self.effective = (date(2027, 4, 1) + timedelta(days=i) for i in itertools.count())
        self.lock = threading.Lock()
        self.turn = itertools.count()

    def maker(self, wide_only: bool) -> Callable[[], bytes]:
        """Wide queries and impact reports in turn, or wide queries alone."""

        def make() -> bytes:
            with self.lock:
                n = next(self.turn)
                day, when = next(self.days), next(self.effective)
            if wide_only or n % 2 == 0:
                return graphql(PARTNERSHIPS % day.isoformat())
            operation = {"kind": "create_la", "name": "West Essex",
                         "districts": ["E07000066", "E07000068"]}  # fmt: skip
            proposal = {"effective": when.isoformat(), "operations": [operation]}
            body = json.dumps({"query": IMPACT, "variables": {"p": proposal}}).encode()
            return request_bytes("POST", "/graphql", body)

        return make


class Phase:
    """Clients sending requests until the phase's time is up; latencies and failures."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.latencies: dict[str, list[float]] = {"cheap": [], "expensive": []}
        self.failures: list[str] = []
        self.server_errors = 0
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
                        self.server_errors += status >= 500
        except OSError as exc:
            with self.lock:
                self.failures.append(f"{kind}: {exc}")
        finally:
            conn.close()
            with self.lock:
                self.latencies[kind].extend(mine)

    def run(
        self, cheap: int, expensive: int, seconds: float, make: Callable[[], bytes] | None = None
    ) -> Phase:
        until = time.perf_counter() + seconds
        assert make is not None or not expensive
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


def _p50(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def main(quick: bool = False) -> str:
    seconds = 2.0 if quick else SECONDS
    server = start("real", CHEAP)
    expensive = Expensive()
    port = server.port
    rows = []
    failures: list[str] = []
    try:
        server.wait_idle()  # the start-up warm-up done first: it is no client's doing
        for clients, heavy, wide_only in PHASES:
            alone = Phase(port).run(clients, 0, seconds)
            mixed = Phase(port).run(clients, heavy, seconds, expensive.maker(wide_only))
            failures += alone.failures + mixed.failures
            cheap_alone, cheap_mixed = alone.latencies["cheap"], mixed.latencies["cheap"]
            slow = mixed.latencies["expensive"]
            ratio = _p50(cheap_mixed) / _p50(cheap_alone) if cheap_alone else 0.0
            errors = alone.server_errors + mixed.server_errors
            met = errors == 0 and 0 < ratio <= 3
            rows.append(
                [
                    clients,
                    quantile(cheap_alone, 0.5),
                    quantile(cheap_alone, 0.99),
                    f"{heavy} {'wide' if wide_only else 'mixed'}",
                    quantile(cheap_mixed, 0.5),
                    quantile(cheap_mixed, 0.99),
                    f"{ratio:.1f}x",
                    f"{statistics.median(slow) * 1000:.0f} ms" if slow else "-",
                    len(cheap_alone) + len(cheap_mixed) + len(slow),
                    errors,
                    len(alone.failures) + len(mixed.failures) - errors,
                    f"no 5xx, <= 3x: {'met' if met else 'MISSED'}",
                ]
            )
        health = Connection(port)
        health_status = health.send(request_bytes("GET", "/health"))[0]
        health.close()
    finally:
        server.stop()
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
            "mixed / alone p50",
            "expensive p50",
            "requests",
            "5xx",
            "other failures",
            "target",
        ],
        rows,
    )
    text += f"/health after the runs: {health_status}\n"
    if failures:
        text += "failures (first 5):\n" + "\n".join(f"  {f}" for f in failures[:5]) + "\n"
    return text


if __name__ == "__main__":
    print(main("--quick" in sys.argv))
