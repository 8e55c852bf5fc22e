"""The GraphQL API over HTTP on loopback: throughput and latency, beside a plain endpoint.

One uvicorn worker serves the real app (in a subprocess, so the client does not share its
interpreter) plus ``/bench/coverage``: a plain FastAPI endpoint returning the same coverage answer
as cached JSON bytes, the floor any GraphQL layer is measured against. A small keep-alive HTTP/1.1
client sends the requests: one connection in turn (latency, p50/p99), then several at once
(throughput). Each case is bounded in requests and seconds. Targets: p50 under 5 ms for coverage
and the nested partnership query; coverage at least a third of the plain endpoint's throughput (the
same answer). The all-partnerships row (about 1,400 fields) is for information.
``python -m benchmarks.api_bench [REQUESTS]``.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response

from benchmarks.table import table

HOST = "127.0.0.1"
CONNECTIONS = 4
SECONDS = 10.0  # at most this long per case and phase
P50_TARGET = 0.005
THROUGHPUT_RATIO = 3.0

COVERAGE = (
    '{ coverage(asOf: "2024-06-01") { compliant localAuthorityCount partnershipCount '
    "uncovered { code name } multiplyCovered { code name } } }"
)
NESTED = (
    '{ partnership(code: "cumbria-scp", asOf: "2024-06-01") { name form '
    "localAuthorities { code name policeForces { code populationShare } "
    "healthBodies { code name populationShare } } "
    "partners { role code name populationShare statutory named } } }"
)
ALL_PARTNERSHIPS = (
    '{ partnerships(asOf: "2024-06-01", first: 500) { nodes { name '
    "localAuthorities { code name } policeForces { code populationShare } "
    "healthBodies { code populationShare } } } }"
)


def bench_app() -> FastAPI:
    """The real app, plus the plain endpoint with the coverage answer cached as JSON bytes."""
    from api.app import create_app
    from api.config import ApiConfig
    from api.context import Context
    from api.schema import build_schema
    from loaders.landscape import bundled

    graph, settings = bundled(), ApiConfig()
    schema = build_schema(settings)

    def cached(query: str) -> bytes:
        result = schema.execute_sync(query, context_value=Context(graph, settings))
        return json.dumps({"data": result.data}, separators=(",", ":")).encode()

    coverage, nested = cached(COVERAGE), cached(NESTED)
    app = create_app(graph, settings)

    @app.get("/bench/coverage")
    async def plain_coverage() -> Response:
        return Response(coverage, media_type="application/json")

    @app.get("/bench/nested")
    async def plain_nested() -> Response:
        return Response(nested, media_type="application/json")

    return app


def request_bytes(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: keep-alive\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


class Connection:
    """A keep-alive HTTP/1.1 connection that sends one prepared request at a time."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection((HOST, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def send(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in lines
            if line.lower().startswith(b"content-length:")
        )
        while len(self.buffer) < length:
            self._read()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, body

    def _read(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


@dataclass
class Result:
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def sequential(port: int, request: bytes, n: int) -> Result:
    """``n`` requests in turn on one connection (at most SECONDS): latency."""
    conn = Connection(port)
    latencies: list[float] = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        status, _ = conn.send(request)
        latencies.append(time.perf_counter() - t)
        assert status == 200, status
        if time.perf_counter() - start > SECONDS:
            break
    elapsed = time.perf_counter() - start
    conn.close()
    return Result(len(latencies), elapsed, latencies)


def concurrent(port: int, request: bytes, n: int, connections: int = CONNECTIONS) -> Result:
    """``n`` requests spread over ``connections`` at once (at most SECONDS): throughput."""
    latencies: list[float] = []
    lock = threading.Lock()
    start = time.perf_counter()

    def worker(count: int) -> None:
        conn = Connection(port)
        mine = []
        for _ in range(count):
            t = time.perf_counter()
            conn.send(request)
            mine.append(time.perf_counter() - t)
            if time.perf_counter() - start > SECONDS:
                break
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [
        threading.Thread(target=worker, args=(n // connections,)) for _ in range(connections)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return Result(len(latencies), time.perf_counter() - start, latencies)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [
        sys.executable, "-m", "uvicorn", "benchmarks.api_bench:bench_app", "--factory",
        "--host", HOST, "--port", str(port), "--workers", "1",
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=root, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            Connection(port).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("the benchmark server exited") from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the benchmark server did not start within 60 s")


def graphql(query: str) -> bytes:
    return request_bytes("POST", "/graphql", json.dumps({"query": query}).encode())


def uncached_rows(runs: int = 200) -> list[list[object]]:
    """The same queries executed in process without the server's result cache (first-time cost)."""
    from api.config import ApiConfig
    from api.context import Context
    from api.schema import build_schema
    from loaders.landscape import bundled

    graph, settings = bundled(), ApiConfig()
    schema = build_schema(settings)
    rows: list[list[object]] = []
    for name, query in (("coverage", COVERAGE), ("nested partnership", NESTED)):
        schema.execute_sync(query, context_value=Context(graph, settings))  # views built once
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            schema.execute_sync(query, context_value=Context(graph, settings))
            times.append(time.perf_counter() - t)
        p50 = statistics.median(times)
        p99 = sorted(times)[int(0.99 * (len(times) - 1))]
        rows.append(
            [
                f"executed, no result cache: {name}",
                runs,
                "-",
                f"{p50 * 1000:.2f} ms",
                f"{p99 * 1000:.2f} ms",
                "-",
                "-",
                "in process, no HTTP",
            ]
        )
    return rows


def main(requests: int = 2000) -> str:
    # (name, request, targets that apply, the plain row it is compared with): each GraphQL query
    # beside a plain endpoint returning the same answer as cached JSON
    cases = [
        ("plain FastAPI, cached coverage JSON", request_bytes("GET", "/bench/coverage"), "", ""),
        ("GraphQL coverage", graphql(COVERAGE), "p50+rps", "coverage"),
        ("plain FastAPI, cached nested JSON", request_bytes("GET", "/bench/nested"), "", ""),
        ("GraphQL nested partnership (Cumbria)", graphql(NESTED), "p50+rps", "nested"),
        ("GraphQL all 137 partnerships, nested", graphql(ALL_PARTNERSHIPS), "", ""),
    ]
    port = free_port()
    server = start_server(port)
    rows = []
    try:
        plain: dict[str, float] = {}
        for name, request, targets, baseline in cases:
            conn = Connection(port)
            status, body = conn.send(request)  # warm: views and indexes built once
            conn.close()
            assert status == 200 and b'"errors"' not in body, body[:300]
            seq = sequential(port, request, requests)
            con = concurrent(port, request, requests)
            if name.startswith("plain"):
                plain[name.split()[3]] = con.rps  # "coverage" or "nested"
            ratio = plain[baseline] / con.rps if baseline else None
            p50 = statistics.median(seq.latencies)
            met = (not targets or p50 < P50_TARGET) and (
                "rps" not in targets or (ratio is not None and ratio <= THROUGHPUT_RATIO)
            )
            rows.append(
                [
                    name,
                    seq.requests + con.requests,
                    f"{seq.rps:.0f}",
                    f"{p50 * 1000:.2f} ms",
                    f"{seq.quantile(0.99) * 1000:.2f} ms",
                    f"{con.rps:.0f}",
                    f"{ratio:.2f}x" if ratio is not None else "-",
                    f"{targets}: {'met' if met else 'MISSED'}" if targets else "-",
                ]
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows.extend(uncached_rows())
    return table(
        f"GraphQL API on one uvicorn worker, loopback ({requests} requests per phase at most, "
        f"{SECONDS:.0f} s; {CONNECTIONS} connections for throughput; targets p50 < "
        f"{P50_TARGET * 1000:.0f} ms and plain/GraphQL <= {THROUGHPUT_RATIO:.0f}x; a repeated "
        "request is answered from the server's result cache, the last rows execute every time)",
        [
            "endpoint",
            "requests",
            "rps 1 conn",
            "p50",
            "p99",
            f"rps {CONNECTIONS} conns",
            "plain/this",
            "targets",
        ],
        rows,
    )


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
