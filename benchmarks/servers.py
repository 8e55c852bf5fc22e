"""Servers on loopback for the benchmarks, each in its own process, and a small HTTP client.

:func:`start` runs the real ``safeguarding serve`` (the app as it is deployed: one uvicorn worker)
or the bare Starlette app of :mod:`benchmarks.bare_app` (one uvicorn worker returning stored JSON
bytes: the floor any GraphQL layer is measured against), waits for its first answer and reports
the CPU seconds and resident memory it took to get there. :class:`Connection` is a keep-alive
HTTP/1.1 client that sends one prepared request at a time; :func:`sequential` measures latency on
one connection, :func:`concurrent` throughput over several. Every loop is bounded in count and in
seconds; only 127.0.0.1 is ever addressed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def request_bytes(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: keep-alive\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def graphql(
    query: str, variables: dict[str, object] | None = None, path: str = "/graphql"
) -> bytes:
    """A POST of ``query`` (and ``variables``) to ``path``."""
    payload: dict[str, object] = {"query": query}
    if variables:
        payload["variables"] = variables
    return request_bytes("POST", path, json.dumps(payload).encode())


class Connection:
    """A keep-alive HTTP/1.1 connection that sends one prepared request at a time."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection((HOST, port), timeout=60)
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
    failures: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _timed(conn: Connection, request: bytes) -> tuple[float, bool]:
    """Seconds ``request`` took to answer on ``conn``, and whether it failed."""
    t = time.perf_counter()
    status, body = conn.send(request)
    return time.perf_counter() - t, status != 200 or b'"errors"' in body[:20]


def _send_all(port: int, requests: list[bytes], until: float) -> tuple[list[float], int]:
    """Each request's latency in turn on one connection (until ``until``), and the failures."""
    conn = Connection(port)
    times, bad = [], 0
    try:
        for request in requests:
            seconds, failed = _timed(conn, request)
            times.append(seconds)
            bad += failed
            if time.perf_counter() > until:
                break
    finally:
        conn.close()
    return times, bad


def side_by_side(
    ports: tuple[int, int],
    requests: tuple[list[bytes], list[bytes]],
    seconds: float,
    block: int = 25,
) -> tuple[Result, Result]:
    """Latency on two servers under the same conditions: one connection to each, ``block``
    requests to the first, then ``block`` to the second, in turn (stopping after ``seconds``).
    A machine whose speed drifts over seconds moves both alike; blocks, not single requests,
    because a server woken for each request costs both a wake-up that neither pays in use."""
    conns = (Connection(ports[0]), Connection(ports[1]))
    times: tuple[list[float], list[float]] = ([], [])
    bad = [0, 0]
    start = time.perf_counter()
    try:
        n = min(len(requests[0]), len(requests[1]))
        for at in range(0, n, block):
            for i in (0, 1):
                for request in requests[i][at : min(at + block, n)]:
                    seconds, failed = _timed(conns[i], request)
                    times[i].append(seconds)
                    bad[i] += failed
            if time.perf_counter() - start > seconds:
                break
    finally:
        for conn in conns:
            conn.close()
    elapsed = time.perf_counter() - start
    return (
        Result(len(times[0]), elapsed, times[0], bad[0]),
        Result(len(times[1]), elapsed, times[1], bad[1]),
    )


def sequential(port: int, requests: list[bytes], seconds: float) -> Result:
    """``requests`` in turn on one connection (stopping after ``seconds``): latency."""
    start = time.perf_counter()
    latencies, failures = _send_all(port, requests, start + seconds)
    return Result(len(latencies), time.perf_counter() - start, latencies, failures)


def concurrent(port: int, requests: list[bytes], seconds: float, connections: int) -> Result:
    """``requests`` shared out over ``connections`` at once (for at most ``seconds``)."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    start = time.perf_counter()

    def worker(mine: list[bytes]) -> None:
        times, bad = _send_all(port, mine, start + seconds)
        with lock:
            latencies.extend(times)
            failures[0] += bad

    threads = [
        threading.Thread(target=worker, args=(requests[i::connections],))
        for i in range(connections)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return Result(len(latencies), time.perf_counter() - start, latencies, failures[0])


@contextmanager
def one_core() -> Iterator[None]:
    """Run this process, and every server it starts meanwhile, on one CPU.

    On these virtual machines a request whose client and server sit on different CPUs pays a
    cross-CPU wake-up (about 0.1 ms), one on the same CPU does not, and the scheduler places
    each process as it likes: two servers measured alike could land in different modes and
    a ratio of their p50s move by 2x. On one CPU both pay only what their work costs.
    """
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` now (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Server:
    """A server process on ``port``, with what its start cost up to its first answer."""

    proc: subprocess.Popen[bytes]
    port: int
    first_answer_seconds: float
    first_answer_cpu: float
    first_answer_rss: int

    def rss(self) -> int:
        return rss_bytes(self.proc.pid)

    def wait_idle(self, seconds: float = 60.0, still: float = 0.5) -> float:
        """Wait (at most ``seconds``) until the server has used no CPU for ``still`` seconds:
        ``serve`` warms every stretch of time a second after it starts, on a core the
        measurements would share. Returns the seconds waited."""
        started = time.monotonic()
        last, quiet = cpu_seconds(self.proc.pid), time.monotonic()
        while time.monotonic() - started < seconds:
            time.sleep(0.1)
            now = cpu_seconds(self.proc.pid)
            if now - last > 0.02:
                last, quiet = now, time.monotonic()
            elif time.monotonic() - quiet >= still:
                break
        return time.monotonic() - started

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _command(kind: str, port: int) -> list[str]:
    if kind == "real":
        run = "import sys; from safeguarding.cli import main; sys.exit(main())"
        # warning: as the bare app, no line logged per request (serve's flag defaults to info)
        return [sys.executable, "-c", run, "serve", "--port", str(port), "--log-level", "warning"]
    return [
        sys.executable, "-m", "uvicorn", "benchmarks.bare_app:app", "--host", HOST,
        "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip


def start(kind: str, probe: bytes, env: dict[str, str] | None = None) -> Server:
    """Start the ``"real"`` or the ``"bare"`` server and wait (at most 60 s) for its answer to
    ``probe``; the CPU and memory are read the moment the first answer arrives."""
    port = free_port()
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "SAFEGUARDING_PORT": str(port), **(env or {})}
    t = time.perf_counter()
    proc = subprocess.Popen(_command(kind, port), cwd=ROOT, env=environ)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = Connection(port)
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the {kind} server exited") from None
            time.sleep(0.01)
            continue
        status, body = conn.send(probe)
        conn.close()
        seconds = time.perf_counter() - t
        if status != 200:
            proc.kill()
            raise RuntimeError(f"the {kind} server answered {status}: {body[:200]!r}")
        return Server(proc, port, seconds, cpu_seconds(proc.pid), rss_bytes(proc.pid))
    proc.kill()
    raise RuntimeError(f"the {kind} server did not answer within 60 s")
