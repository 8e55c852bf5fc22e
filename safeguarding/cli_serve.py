"""``safeguarding serve`` and ``safeguarding export-schema``: run the GraphQL API, write its SDL.

``serve`` reads the settings from the environment once (:meth:`Settings.from_env`), lets the
flags override host, port and store, loads the graph from the store (memory: the bundled
snapshot) and runs the app with uvicorn, one worker.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from safeguarding.cli_args import writable_file
from safeguarding.settings import STORE_KINDS, Settings, store_kind


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="serve the explorer (/) and the GraphQL API (GraphiQL at /graphql)"
    )
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port to listen on (default 8000)")
    p.add_argument(
        "--store",
        type=store_kind,
        default=None,
        help=f"graph store: {' or '.join(STORE_KINDS)} (default memory: the bundled snapshot)",
    )
    p.add_argument("--log-level", default="info", help="uvicorn log level (default info)")
    p.set_defaults(run=run_serve)

    e = sub.add_parser("export-schema", help="write the GraphQL schema (SDL) to schema.graphql")
    e.add_argument("--out", type=Path, default=None, help="file to write (default schema.graphql)")
    e.add_argument("--check", action="store_true", help="only say whether the file is current")
    e.set_defaults(run=run_export_schema)


def settings_from(args: argparse.Namespace, environ: Any = os.environ) -> Settings:
    """The settings of the environment, with the flags given on the command line on top."""
    settings = Settings.from_env(environ)
    flags = {k: getattr(args, k) for k in ("host", "port", "store")}
    return dataclasses.replace(settings, **{k: v for k, v in flags.items() if v is not None})


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from loaders.shipped import bundled_boundaries
    from queries.coverage import warm
    from safeguarding.poller import VersionPoller
    from safeguarding.stores import load_versioned, open_configured

    settings = settings_from(args)
    graph, version = load_versioned(settings)
    warm(graph)
    app = create_app(graph, settings.api_config(), version, bundled_boundaries())
    poller = None
    if settings.store == "neo4j" and settings.poll_seconds > 0:
        from graph.neo4j_store import Neo4jStore  # the driver, only with the Neo4j store

        store = open_configured(settings)
        assert isinstance(store, Neo4jStore)  # settings.store is "neo4j"
        poller = VersionPoller(store, app.state.landscape, settings.poll_seconds, warm)
        poller.start()
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)
    finally:
        if poller is not None:
            poller.stop()
            poller.store.close()
    return 0


def run_export_schema(args: argparse.Namespace) -> int:
    from api.schema import SCHEMA_FILE, sdl, write_schema

    path: Path = writable_file(args.out) if args.out else SCHEMA_FILE
    if args.check:
        current = path.is_file() and path.read_text(encoding="utf-8") == sdl()
        print(f"{path}: {'current' if current else 'differs from the code'}")
        return 0 if current else 1
    changed = write_schema(path)
    print(f"{path}: {'written' if changed else 'unchanged'}", file=sys.stderr)
    return 0
