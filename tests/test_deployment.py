"""docker-compose.yml and the Dockerfile, checked without a Docker engine.

The compose file is validated against the Compose Specification's JSON schema, as shipped in the
``check-jsonschema`` package (a dev dependency); where the ``docker compose`` plugin is installed,
``docker compose config`` checks it too.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
from importlib import resources
from typing import Any

import jsonschema  # with check-jsonschema, a dev dependency
import pytest
import yaml

from tests.data import ROOT

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def compose_schema() -> dict[str, Any]:
    """The Compose Specification's schema, as check-jsonschema (a dev dependency) ships it."""
    schemas = resources.files("check_jsonschema") / "builtin_schemas" / "vendor"
    schema: dict[str, Any] = json.loads((schemas / "compose-spec.json").read_text("utf-8"))
    return schema


def test_the_compose_file_follows_the_compose_specification(compose: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        compose_schema(), format_checker=jsonschema.FormatChecker()
    )
    problems = [
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(compose)
    ]
    assert problems == []


def test_the_schema_check_catches_a_mistake(compose: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(compose))
    broken["services"]["api"]["depends_on"]["neo4j"]["condition"] = "healthy"
    assert not jsonschema.Draft202012Validator(compose_schema()).is_valid(broken)


def test_every_dollar_is_an_interpolation_or_escaped() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    for line in text.splitlines():
        rest = re.sub(r"\$\$|\$\{[A-Z_][A-Z0-9_]*(?::?[-?][^}]*)?\}", "", line.split(" #")[0])
        assert "$" not in rest, line


def test_neo4j_5_with_the_password_required_a_healthcheck_and_a_volume(
    compose: dict[str, Any],
) -> None:
    neo4j = compose["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5(\.\d+)*(-community)?", neo4j["image"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert "neo4j-data:/data" in neo4j["volumes"] and "neo4j-data" in compose["volumes"]
    assert {p.rsplit(":", 1)[-1] for p in neo4j["ports"]} == {"7474", "7687"}


def test_the_api_waits_for_neo4j_and_serves_from_it(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["command"] == [
        "safeguarding", "serve", "--host", "0.0.0.0", "--port", "8000", "--store", "neo4j",
    ]  # fmt: skip
    env = api["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert env["SAFEGUARDING_STORE"] == "neo4j"
    assert "http://localhost:8000/health" in " ".join(api["healthcheck"]["test"])


def test_the_image_installs_the_project_and_serves() -> None:
    lines = [
        line.strip()
        for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "FROM python:3.11-slim"
    assert any(line.startswith("RUN pip install /tmp/src") for line in lines)
    assert any(line.startswith("USER ") and "root" not in line for line in lines)
    assert lines[-1].startswith('CMD ["safeguarding", "serve", "--host", "0.0.0.0"')


def test_the_build_context_keeps_what_the_package_needs() -> None:
    patterns = [
        p.strip()
        for p in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if p.strip() and not p.startswith("#")
    ]

    def ignored(path: str) -> bool:
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(
            fnmatch.fnmatch(pre, p.removeprefix("**/")) for p in patterns for pre in prefixes
        )

    needed = [
        "pyproject.toml",
        "README.md",
        "loaders/bundle/landscape.json.gz",
        "queries/coverage.cypher",
        "graph/cypher/store_write_nodes.cypher",
        "graph/neo4j_store.py",
        "ontology/vocabulary.py",
    ]
    assert [path for path in needed if ignored(path)] == []
    assert all(ignored(p) for p in (".venv/bin/python", ".git/HEAD", "tests/test_deployment.py"))


def docker_compose() -> list[str] | None:
    """The ``docker compose`` plugin or the ``docker-compose`` program, if either works."""
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) is None:
            continue
        probe = subprocess.run(
            [*command, "version"], capture_output=True, text=True, timeout=30, check=False
        )
        if probe.returncode == 0:
            return command
    return None


def test_docker_compose_config_accepts_it() -> None:
    command = docker_compose()
    if command is None:
        pytest.skip("neither the docker compose plugin nor docker-compose is installed")
    env = dict(os.environ, NEO4J_PASSWORD="test-password")
    done = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
