"""Settings from the environment: the defaults, every variable, the masked password, and an
invalid value named with its variable."""

from __future__ import annotations

import pytest

from graph.errors import SafeguardingError
from safeguarding.settings import ENVIRONMENT, Settings


def test_the_defaults() -> None:
    s = Settings.from_env({})
    assert s == Settings()
    assert (s.host, s.port, s.store) == ("127.0.0.1", 8000, "memory")
    assert (s.neo4j_uri, s.neo4j_user, s.neo4j_password, s.neo4j_database) == (
        "bolt://localhost:7687",
        "neo4j",
        "",
        "neo4j",
    )
    assert (s.max_depth, s.max_aliases, s.max_tokens, s.max_page_size, s.max_body_bytes) == (
        12,
        30,
        2000,
        500,
        100_000,
    )


def test_every_variable_is_read() -> None:
    env = {
        "SAFEGUARDING_HOST": "0.0.0.0",
        "SAFEGUARDING_PORT": "8080",
        "SAFEGUARDING_STORE": "neo4j",
        "NEO4J_URI": "neo4j+s://graph.example.org:7687",
        "NEO4J_USER": "reader",
        "NEO4J_PASSWORD": " spaces kept ",
        "NEO4J_DATABASE": "landscape",
        "NEO4J_BATCH_SIZE": "250",
        "NEO4J_CONNECT_TIMEOUT": "2.5",
        "SAFEGUARDING_MAX_DEPTH": "8",
        "SAFEGUARDING_MAX_ALIASES": "10",
        "SAFEGUARDING_MAX_TOKENS": "900",
        "SAFEGUARDING_MAX_PAGE_SIZE": "50",
        "SAFEGUARDING_MAX_BODY_BYTES": "4096",
        "SAFEGUARDING_CORS_ORIGINS": "https://tools.example.gov.uk",
        "SAFEGUARDING_POLL_SECONDS": "30",
        "SAFEGUARDING_SPARQL_TIMEOUT": "4.5",
        "SAFEGUARDING_SPARQL_MAX_ROWS": "200",
        "SAFEGUARDING_MAX_SECONDS": "2.5",
        "SAFEGUARDING_MAX_FIELDS": "9000",
        "SAFEGUARDING_MAX_ANSWER_BYTES": "200000",
        "SAFEGUARDING_RESULT_CACHE_BYTES": "1048576",
        "SAFEGUARDING_DOCUMENT_CACHE_BYTES": "65536",
        "SAFEGUARDING_WORKERS": "3",
        "SAFEGUARDING_WORKER_QUEUE": "5",
        "SAFEGUARDING_LOG_LEVEL": "INFO",
    }
    assert set(env) == set(ENVIRONMENT.values())
    s = Settings.from_env(env)
    assert s == Settings(
        host="0.0.0.0",
        port=8080,
        store="neo4j",
        neo4j_uri="neo4j+s://graph.example.org:7687",
        neo4j_user="reader",
        neo4j_password=" spaces kept ",
        neo4j_database="landscape",
        neo4j_batch_size=250,
        neo4j_connect_timeout=2.5,
        max_depth=8,
        max_aliases=10,
        max_tokens=900,
        max_page_size=50,
        max_body_bytes=4096,
        cors_origins=("https://tools.example.gov.uk",),
        poll_seconds=30.0,
        sparql_timeout=4.5,
        sparql_max_rows=200,
        max_request_seconds=2.5,
        max_fields=9000,
        max_answer_bytes=200_000,
        result_cache_bytes=1_048_576,
        document_cache_bytes=65_536,
        worker_threads=3,
        worker_queue=5,
        log_level="info",
    )


def test_the_password_is_masked_in_repr() -> None:
    s = Settings.from_env({"NEO4J_PASSWORD": "correct-horse"})
    assert "correct-horse" not in repr(s) and "neo4j_password='********'" in repr(s)
    assert "neo4j_password=''" in repr(Settings())


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("SAFEGUARDING_PORT", "http", "a whole number from 1 to 65535"),
        ("SAFEGUARDING_PORT", "70000", "a whole number from 1 to 65535"),
        ("SAFEGUARDING_STORE", "postgres", "memory or neo4j"),
        ("NEO4J_URI", "localhost:7687", "an address like bolt://localhost:7687"),
        ("NEO4J_URI", "http://localhost:7474", "an address like bolt://localhost:7687"),
        ("NEO4J_CONNECT_TIMEOUT", "soon", "a number of seconds"),
        ("SAFEGUARDING_MAX_DEPTH", "0", "a whole number from 1 to 1000"),
        ("SAFEGUARDING_MAX_PAGE_SIZE", "-5", "a whole number from 1 to"),
    ],
)
def test_an_invalid_value_names_the_variable_and_the_value(
    variable: str, value: str, expected: str
) -> None:
    with pytest.raises(SafeguardingError) as info:
        Settings.from_env({variable: value})
    message = str(info.value)
    assert message.startswith(f"{variable}=")
    assert value in message and expected in message


def test_empty_means_default() -> None:
    assert Settings.from_env({"SAFEGUARDING_PORT": "", "SAFEGUARDING_STORE": " "}) == Settings()


def test_settings_made_in_code_are_checked_too() -> None:
    with pytest.raises(SafeguardingError, match="port=0 is not valid"):
        Settings(port=0)
