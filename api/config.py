"""What the API is given to run with: its limits and the name of the store it serves from.

The roof (:class:`safeguarding.settings.Settings`, read from the environment once) makes one with
:meth:`~safeguarding.settings.Settings.api_config`; nothing in the API reads the environment. The
defaults here are the settings' defaults.

>>> ApiConfig().max_page_size, ApiConfig(max_depth=5).max_depth
(500, 5)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """Limits a request must stay within, and the store named by ``/health``."""

    store: str = "memory"
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_page_size: int = 500
    max_body_bytes: int = 100_000
    sparql_timeout: float = 10.0
    """Seconds a SPARQL query may run before it is stopped and refused."""
    sparql_max_rows: int = 10_000
    """Solutions (or triples) a SPARQL answer may have; more is refused, never cut."""
    cors_origins: tuple[str, ...] = ()
    """Browser origins allowed to call the API (CORS); empty: CORS off, no header sent."""
    max_request_seconds: float = 10.0
    """Seconds one request may run before the API stops starting new fields and refuses it."""
    max_fields: int = 50_000
    """Fields one request may resolve (its budget of work); past it the rest is refused."""
    max_answer_bytes: int = 4_000_000
    """Bytes of JSON one answer may take; a larger one is refused, not sent."""
    result_cache_bytes: int = 64 * 1024 * 1024
    """Bytes of encoded answers the result cache keeps (least recently used forgotten first)."""
    document_cache_bytes: int = 16 * 1024 * 1024
    """Bytes of parsed and validated documents kept, by query text."""
    worker_threads: int = 1
    """Threads executing requests off the event loop (cached answers never wait for them). One
    by default: executing is pure Python, so under the GIL a second thread adds no throughput,
    only one more contender for the interpreter beside the event loop (measured: a cached
    query's p50 beside 8 wide clients 2-3x its p50 alone with two threads, about 1x with one)."""
    worker_queue: int = 32
    """Requests that may wait for a worker thread; more are refused with 503 and Retry-After."""
