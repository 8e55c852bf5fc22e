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
    max_request_seconds: float = 10.0
