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
