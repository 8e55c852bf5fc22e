"""docker-compose.replicas.yml: more than one API replica polling one Neo4j, checked without Docker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from safeguarding.settings import Settings
from tests.test_deployment import compose_schema

FILE = Path(__file__).resolve().parents[1] / "docker-compose.replicas.yml"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    return data


def test_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed")
    validator = jsonschema.Draft202012Validator(compose_schema())
    assert [e.message for e in validator.iter_errors(compose)] == []


def test_more_than_one_replica_each_polling_the_version(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["deploy"]["replicas"] >= 2
    env = {k: str(v) for k, v in api["environment"].items() if "PASSWORD" not in k}
    settings = Settings.from_env(env)  # the replicas' settings are valid settings
    assert settings.store == "neo4j" and settings.poll_seconds > 0
    low, high = api["ports"][0].split(":")[1].split("-")
    assert int(high) - int(low) + 1 == api["deploy"]["replicas"]  # one host port per replica
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
