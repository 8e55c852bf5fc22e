"""The one typed configuration object, read from the environment at the edge (CLI, app start).

Nothing below the edge reads the environment: the CLI and ``serve`` call :meth:`Settings.from_env`
once and pass the values on. The Neo4j password never shows in ``repr``:

>>> s = Settings.from_env({"SAFEGUARDING_STORE": "neo4j", "NEO4J_PASSWORD": "s3cret-pass"})
>>> s.store, s.neo4j_uri, s.max_depth
('neo4j', 'bolt://localhost:7687', 12)
>>> "s3cret" in repr(s)
False
>>> Settings.from_env({"SAFEGUARDING_PORT": "eighty"})
Traceback (most recent call last):
...
graph.errors.SafeguardingError: SAFEGUARDING_PORT='eighty' is not valid: expected a whole ...

Variables (unset or empty means the default):

==============================  ==========================  =====================
variable                        field                       default
==============================  ==========================  =====================
SAFEGUARDING_HOST               host                        127.0.0.1
SAFEGUARDING_PORT               port                        8000
SAFEGUARDING_STORE              store (memory or neo4j)     memory
NEO4J_URI                       neo4j_uri                   bolt://localhost:7687
NEO4J_USER                      neo4j_user                  neo4j
NEO4J_PASSWORD                  neo4j_password              (empty)
NEO4J_DATABASE                  neo4j_database              neo4j
NEO4J_BATCH_SIZE                neo4j_batch_size            1000
NEO4J_CONNECT_TIMEOUT           neo4j_connect_timeout (s)   5
SAFEGUARDING_MAX_DEPTH          max_depth                   12
SAFEGUARDING_MAX_ALIASES        max_aliases                 30
SAFEGUARDING_MAX_TOKENS         max_tokens                  2000
SAFEGUARDING_MAX_PAGE_SIZE      max_page_size               500
SAFEGUARDING_MAX_BODY_BYTES     max_body_bytes              100000
SAFEGUARDING_SPARQL_TIMEOUT     sparql_timeout (s)          10
SAFEGUARDING_SPARQL_MAX_ROWS    sparql_max_rows             10000
SAFEGUARDING_CORS_ORIGINS       cors_origins                (none: CORS off)
SAFEGUARDING_POLL_SECONDS       poll_seconds (neo4j)        0 (off)
SAFEGUARDING_MAX_SECONDS        max_request_seconds (s)     10
SAFEGUARDING_MAX_FIELDS         max_fields                  50000
SAFEGUARDING_MAX_ANSWER_BYTES   max_answer_bytes            4000000
SAFEGUARDING_RESULT_CACHE_BYTES result_cache_bytes          67108864 (64 MiB)
SAFEGUARDING_DOCUMENT_CACHE_BYTES document_cache_bytes      16777216 (16 MiB)
SAFEGUARDING_WORKERS            worker_threads              1
SAFEGUARDING_WORKER_QUEUE       worker_queue                32
SAFEGUARDING_LOG_LEVEL          log_level                   warning
==============================  ==========================  =====================

``SAFEGUARDING_MAX_FIELDS`` and ``SAFEGUARDING_MAX_ANSWER_BYTES`` are a request's budget of work
and of answer: past either the request is refused with a message saying so. The two cache
bounds are in bytes (encoded answers; parsed documents, measured), so no client can grow the
server past them; ``/health`` reports their use and hit rates. Requests that must execute run on
``SAFEGUARDING_WORKERS`` threads off the event loop, at most ``SAFEGUARDING_WORKER_QUEUE`` more
waiting (beyond that: 503 with ``Retry-After``); one thread by default, as execution holds
the GIL (more threads add no throughput, only contention with the event loop).
``SAFEGUARDING_LOG_LEVEL`` is uvicorn's (``critical``, ``error``, ``warning``, ``info``,
``debug``, ``trace``); requests are logged one a line only at ``info`` and below.

``SAFEGUARDING_CORS_ORIGINS`` is a comma-separated allow-list of browser origins
(``https://tools.example.gov.uk,http://localhost:3000``) that may call the API from their pages;
each must be a bare origin (scheme, host, optional port; no path, no ``*``):

>>> Settings.from_env({"SAFEGUARDING_CORS_ORIGINS": "https://a.example, http://localhost:3000"}
...                   ).cors_origins
('https://a.example', 'http://localhost:3000')
>>> Settings.from_env({"SAFEGUARDING_CORS_ORIGINS": "https://a.example/tools"})
Traceback (most recent call last):
...
graph.errors.SafeguardingError: SAFEGUARDING_CORS_ORIGINS='https://a.example/tools' is not ...

``SAFEGUARDING_POLL_SECONDS`` (with the Neo4j store): how often ``serve`` asks Neo4j for the
current landscape version, and swaps in a newly pushed one without a restart; 0 = never.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast, get_args
from urllib.parse import urlsplit

from api.config import ApiConfig
from graph.errors import SafeguardingError
from graph.store import NEO4J_SCHEMES, StoreKind, shown_uri

STORE_KINDS: tuple[str, ...] = get_args(StoreKind)
_API = ApiConfig()  # the API's own defaults are the settings' defaults


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the API listens, which graph store it uses, and the limits it enforces."""

    host: str = "127.0.0.1"
    port: int = 8000
    store: StoreKind = "memory"
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = field(default="", repr=False)
    neo4j_database: str = "neo4j"
    neo4j_batch_size: int = 1000
    neo4j_connect_timeout: float = 5.0
    max_depth: int = _API.max_depth
    max_aliases: int = _API.max_aliases
    max_tokens: int = _API.max_tokens
    max_page_size: int = _API.max_page_size
    max_body_bytes: int = _API.max_body_bytes
    sparql_timeout: float = _API.sparql_timeout
    sparql_max_rows: int = _API.sparql_max_rows
    cors_origins: tuple[str, ...] = ()
    poll_seconds: float = 0.0
    max_request_seconds: float = _API.max_request_seconds
    max_fields: int = _API.max_fields
    max_answer_bytes: int = _API.max_answer_bytes
    result_cache_bytes: int = _API.result_cache_bytes
    document_cache_bytes: int = _API.document_cache_bytes
    worker_threads: int = _API.worker_threads
    worker_queue: int = _API.worker_queue
    log_level: str = "warning"

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _check(f.name, f.name, getattr(self, f.name))

    def api_config(self) -> ApiConfig:
        """What the API is given: its limits and the store's name."""
        return ApiConfig(
            store=self.store,
            max_depth=self.max_depth,
            max_aliases=self.max_aliases,
            max_tokens=self.max_tokens,
            max_page_size=self.max_page_size,
            max_body_bytes=self.max_body_bytes,
            sparql_timeout=self.sparql_timeout,
            sparql_max_rows=self.sparql_max_rows,
            cors_origins=self.cors_origins,
            max_request_seconds=self.max_request_seconds,
            max_fields=self.max_fields,
            max_answer_bytes=self.max_answer_bytes,
            result_cache_bytes=self.result_cache_bytes,
            document_cache_bytes=self.document_cache_bytes,
            worker_threads=self.worker_threads,
            worker_queue=self.worker_queue,
        )

    def __repr__(self) -> str:
        shown = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "neo4j_password":
                value = "********" if value else ""
            elif f.name == "neo4j_uri":
                value = shown_uri(value)
            shown.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read the settings from ``environ`` (pass ``os.environ``); unset or empty = default.

        Raises :class:`SafeguardingError` naming the variable and its value when one is invalid.
        """
        values: dict[str, object] = {}
        for name, variable in ENVIRONMENT.items():
            raw = environ.get(variable, "")
            if name != "neo4j_password":  # a password is taken as it is
                raw = raw.strip()
                if not raw:
                    continue
            values[name] = _parse(variable, name, raw)
        return cls(**values)  # type: ignore[arg-type]


ENVIRONMENT: dict[str, str] = {
    "host": "SAFEGUARDING_HOST",
    "port": "SAFEGUARDING_PORT",
    "store": "SAFEGUARDING_STORE",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_password": "NEO4J_PASSWORD",
    "neo4j_database": "NEO4J_DATABASE",
    "neo4j_batch_size": "NEO4J_BATCH_SIZE",
    "neo4j_connect_timeout": "NEO4J_CONNECT_TIMEOUT",
    "max_depth": "SAFEGUARDING_MAX_DEPTH",
    "max_aliases": "SAFEGUARDING_MAX_ALIASES",
    "max_tokens": "SAFEGUARDING_MAX_TOKENS",
    "max_page_size": "SAFEGUARDING_MAX_PAGE_SIZE",
    "max_body_bytes": "SAFEGUARDING_MAX_BODY_BYTES",
    "sparql_timeout": "SAFEGUARDING_SPARQL_TIMEOUT",
    "sparql_max_rows": "SAFEGUARDING_SPARQL_MAX_ROWS",
    "cors_origins": "SAFEGUARDING_CORS_ORIGINS",
    "poll_seconds": "SAFEGUARDING_POLL_SECONDS",
    "max_request_seconds": "SAFEGUARDING_MAX_SECONDS",
    "max_fields": "SAFEGUARDING_MAX_FIELDS",
    "max_answer_bytes": "SAFEGUARDING_MAX_ANSWER_BYTES",
    "result_cache_bytes": "SAFEGUARDING_RESULT_CACHE_BYTES",
    "document_cache_bytes": "SAFEGUARDING_DOCUMENT_CACHE_BYTES",
    "worker_threads": "SAFEGUARDING_WORKERS",
    "worker_queue": "SAFEGUARDING_WORKER_QUEUE",
    "log_level": "SAFEGUARDING_LOG_LEVEL",
}
"""Each field and the environment variable it is read from."""

# field -> (lowest, highest) for the whole numbers
_INT_RANGES: dict[str, tuple[int, int]] = {
    "port": (1, 65535),
    "neo4j_batch_size": (1, 100_000),
    "max_depth": (1, 1000),
    "max_aliases": (1, 10_000),
    "max_tokens": (1, 1_000_000),
    "max_page_size": (1, 1_000_000),
    "max_body_bytes": (1, 1_000_000_000),
    "sparql_max_rows": (1, 10_000_000),
    "max_fields": (1, 100_000_000),
    "max_answer_bytes": (1_000, 1_000_000_000),
    "result_cache_bytes": (0, 64 * 1024**3),
    "document_cache_bytes": (0, 64 * 1024**3),
    "worker_threads": (1, 64),
    "worker_queue": (0, 100_000),
}


def _invalid(label: str, value: object, expected: str) -> SafeguardingError:
    return SafeguardingError(f"{label}={value!r} is not valid: expected {expected}")


def _parse(variable: str, name: str, raw: str) -> object:
    """Turn the text of ``variable`` into the type of field ``name``, or refuse it."""
    value: object = raw
    if name in _INT_RANGES:
        lo, hi = _INT_RANGES[name]
        try:
            value = int(raw)
        except ValueError:
            raise _invalid(variable, raw, f"a whole number from {lo} to {hi}") from None
    elif name in ("neo4j_connect_timeout", "sparql_timeout", "max_request_seconds"):
        try:
            value = float(raw)
        except ValueError:
            raise _invalid(variable, raw, "a number of seconds above 0 and at most 600") from None
    elif name == "poll_seconds":
        try:
            value = float(raw)
        except ValueError:
            raise _invalid(variable, raw, _POLL) from None
    elif name == "log_level":
        value = raw.lower()
    elif name == "cors_origins":
        value = tuple(o.strip() for o in raw.split(",") if o.strip())
        for origin in value:  # name the one bad origin, not the whole list
            if not _ORIGIN.fullmatch(origin):
                raise _invalid(variable, origin, _ORIGIN_HELP)
    _check(variable, name, value)
    return value


def _check(label: str, name: str, value: object) -> None:
    """Refuse a value of field ``name`` that is out of range; ``label`` names it in the message."""
    check = _CHECKS.get(name)
    if check is not None:
        check(label, value)


def _check_int(label: str, name: str, value: object) -> None:
    lo, hi = _INT_RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _invalid(label, value, f"a whole number from {lo} to {hi}")


def _check_timeout(label: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 600:
        raise _invalid(label, value, "a number of seconds above 0 and at most 600")


_POLL = "a number of seconds: 0 (never) or from 1 to 86400"
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?")
_ORIGIN_HELP = "a comma-separated list of origins like https://tools.example.gov.uk (no path)"


def _check_poll(label: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(label, value, _POLL)
    if not (value == 0 or 1 <= value <= 86400):
        raise _invalid(label, value, _POLL)


def _check_origins(label: str, value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(o, str) and _ORIGIN.fullmatch(o) for o in value
    ):
        raise _invalid(label, value, _ORIGIN_HELP)


LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def _check_log_level(label: str, value: object) -> None:
    if value not in LOG_LEVELS:
        raise _invalid(label, value, " or ".join(LOG_LEVELS))


def _check_store(label: str, value: object) -> None:
    if value not in STORE_KINDS:
        raise _invalid(label, value, " or ".join(STORE_KINDS))


def _check_uri(label: str, value: object) -> None:
    expected = f"an address like bolt://localhost:7687 (schemes: {', '.join(NEO4J_SCHEMES)})"
    if not isinstance(value, str):
        raise _invalid(label, value, expected)
    shown = shown_uri(value)  # a password written into the address is never echoed
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise _invalid(label, shown, expected) from None
    if parts.scheme not in NEO4J_SCHEMES or not parts.hostname:
        raise _invalid(label, shown, expected)


def _check_text(label: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(label, value, "a non-empty text")


def _int_check(name: str) -> Callable[[str, object], None]:
    return lambda label, value: _check_int(label, name, value)


_CHECKS: dict[str, Callable[[str, object], None]] = {
    "host": _check_text,
    "store": _check_store,
    "neo4j_uri": _check_uri,
    "neo4j_user": _check_text,
    "neo4j_database": _check_text,
    "neo4j_connect_timeout": _check_timeout,
    "sparql_timeout": _check_timeout,
    "poll_seconds": _check_poll,
    "cors_origins": _check_origins,
    "max_request_seconds": _check_timeout,
    "log_level": _check_log_level,
    **{name: _int_check(name) for name in _INT_RANGES},
}


def store_kind(value: str) -> StoreKind:
    """``value`` as a :data:`StoreKind`, for a command-line flag.

    >>> store_kind("neo4j")
    'neo4j'
    """
    _check_store("store", value)
    return cast(StoreKind, value)
