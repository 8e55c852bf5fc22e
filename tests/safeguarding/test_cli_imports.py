"""A command imports what it needs, when it needs it: ``coverage --json`` loads the shipped
snapshot and answers without the API, the stores, RDF or SHACL (they cost most of a second and
a hundred MB before the first answer). Checked in a fresh interpreter by what is in
``sys.modules`` once the command has answered, so a new top-level import anywhere on the way
fails here."""

from __future__ import annotations

import json
import subprocess
import sys

from safeguarding.cli import COMMAND_MODULES, COMMANDS, parser

HEAVY = ("neo4j", "rdflib", "pyshacl", "fastapi", "strawberry", "pyoxigraph", "playwright",
         "uvicorn", "starlette", "graphql", "pandas", "yaml", "loaders.landscape", "api")  # fmt: skip

PROBE = """
import contextlib, io, json, sys
from safeguarding.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["coverage", "--as-of", "2024-06-01", "--json"])
print(json.dumps({"status": status, "answer": json.loads(out.getvalue()),
                  "modules": sorted(sys.modules)}))
"""


def test_coverage_json_imports_nothing_heavy() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert found["status"] == 0
    assert found["answer"]["local_authority_count"] == 153  # it answered, from the snapshot
    loaded = [m for m in found["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []


def test_every_command_is_found_in_the_module_that_registers_it() -> None:
    every = next(a for a in parser()._actions if a.dest == "command")
    assert sorted(every.choices) == sorted(COMMANDS)
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)
    for command, module in COMMANDS.items():
        alone = next(a for a in parser([command])._actions if a.dest == "command")
        assert command in alone.choices, (command, module)
