"""The ``safeguarding`` command.

Each command family lives in its own module with a ``register(subparsers)`` function that adds
its commands; this module only assembles them (a command named on the line imports its own
module alone, :data:`COMMANDS`: ``coverage`` never pays for the API, Neo4j or RDF) and turns a
:class:`SafeguardingError` into a one-line message and exit status 2 (no stack trace for a
user's mistake); so is a file the user named that cannot be read or written (an ``OSError``,
named with its path).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from graph.errors import SafeguardingError

# modules offering register(subparsers); a missing optional one is skipped
COMMAND_MODULES = (
    "safeguarding.cli_build",
    "safeguarding.cli_queries",
    "safeguarding.cli_diff",
    "safeguarding.cli_reviews",
    "safeguarding.cli_impact",
    "safeguarding.cli_compare",
    "safeguarding.cli_proposals",
    "safeguarding.cli_serve",
    "safeguarding.cli_export",
    "safeguarding.cli_neo4j",
    "safeguarding.cli_status",
)
COMMANDS = {
    "build": "safeguarding.cli_build",
    "history": "safeguarding.cli_build",
    "coverage": "safeguarding.cli_queries",
    "overlap": "safeguarding.cli_queries",
    "diff": "safeguarding.cli_diff",
    "reviews": "safeguarding.cli_reviews",
    "posts": "safeguarding.cli_reviews",
    "rules": "safeguarding.cli_reviews",
    "impact": "safeguarding.cli_impact",
    "compare": "safeguarding.cli_compare",
    "proposals": "safeguarding.cli_proposals",
    "serve": "safeguarding.cli_serve",
    "export-schema": "safeguarding.cli_serve",
    "export": "safeguarding.cli_export",
    "neo4j": "safeguarding.cli_neo4j",
    "status": "safeguarding.cli_status",
}
"""Each command and the module that registers it (a test holds this to what they register)."""


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, when ``argv`` names a command, of that one's module."""
    p = argparse.ArgumentParser(
        prog="safeguarding",
        description="England's safeguarding landscape: a temporal graph and its questions.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = next((a for a in argv or () if not a.startswith("-")), None)
    modules = (COMMANDS[named],) if named in COMMANDS else COMMAND_MODULES
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    try:
        result: int = args.run(args)
    except SafeguardingError as err:
        print(f"safeguarding {args.command}: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        sys.stderr.close()
        return 0
    except OSError as err:  # a file or folder the user named cannot be read or written
        where = f": {err.filename}" if err.filename else ""
        print(f"safeguarding {args.command}: {err.strerror or err}{where}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
