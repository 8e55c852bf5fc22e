"""``safeguarding neo4j push|pull|status``: the landscape in a Neo4j database.

The server, user, password and database come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
NEO4J_DATABASE (see :mod:`safeguarding.settings`), read here, at the edge. A server that cannot
be reached, or refuses the credentials, is a one-line error and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from graph import snapshot
from graph.errors import SafeguardingError
from graph.neo4j_store import Neo4jStore
from loaders.landscape import bundled
from ontology.vocabulary import Kind
from safeguarding.cli_args import writable_file
from safeguarding.settings import Settings


def register(sub: Any) -> None:
    p = sub.add_parser(
        "neo4j",
        help="push the landscape to Neo4j, pull it back, or show what is there",
        description="Configured by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.",
    )
    cmds = p.add_subparsers(dest="neo4j_command", required=True, metavar="ACTION")

    push = cmds.add_parser("push", help="write the landscape (replaces what is there, atomically)")
    push.add_argument(
        "--snapshot", type=Path, default=None, help="snapshot file to push (default: bundled)"
    )
    push.add_argument("--batch-size", type=int, default=None, help="rows per transaction")
    push.set_defaults(run=run_push)

    pull = cmds.add_parser("pull", help="read the current landscape back into a snapshot file")
    pull.add_argument("--out", type=Path, required=True, help="snapshot file to write")
    pull.set_defaults(run=run_pull)

    status = cmds.add_parser("status", help="what the database holds: counts per kind and relation")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=run_status)


def _open(batch_size: int | None = None) -> Neo4jStore:
    # the driver logs what our one-line error already says; keep stderr to that line
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    s = Settings.from_env(os.environ)
    return Neo4jStore.connect(
        s.neo4j_uri,
        s.neo4j_user,
        s.neo4j_password,
        s.neo4j_database,
        batch_size=batch_size or s.neo4j_batch_size,
        connect_timeout=s.neo4j_connect_timeout,
    )


def _where(store: Neo4jStore) -> str:
    return f"Neo4j at {store.uri} (database {store.database})"


def run_push(args: argparse.Namespace) -> int:
    if args.snapshot and not args.snapshot.is_file():
        raise SafeguardingError(f"--snapshot {args.snapshot}: no such file")
    # read before connecting: a file that is no snapshot is named as such, not as a server error
    g = snapshot.load(args.snapshot) if args.snapshot else bundled()
    with _open(args.batch_size) as store:
        store.write(g)
        version = store.current_version()
        print(
            f"pushed {len(g)} nodes and {len(g.all_edges())} edges to {_where(store)}; "
            f"version {version} is current"
        )
    return 0


def run_pull(args: argparse.Namespace) -> int:
    writable_file(args.out)  # before connecting: a pull into a missing folder would be lost
    with _open() as store:
        g = store.read()
        where = _where(store)
    snapshot.save(g, args.out)
    print(f"pulled {len(g)} nodes and {len(g.all_edges())} edges from {where} into {args.out}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    with _open() as store:
        version = store.current_version()
        counts = store.summary()
        versions = store.versions()
        where = _where(store)
    leftover = {v: n for v, n in versions.items() if v != version}
    if args.json:
        json.dump(
            {
                "uri": store.uri,
                "database": store.database,
                "version": version,
                "counts": counts,
                "leftover_versions": leftover,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    if version is None:
        print(f"{where}: empty; run `safeguarding neo4j push`")
    else:
        kinds = {k.value for k in Kind}
        nodes = sum(n for name, n in counts.items() if name in kinds)
        edges = sum(n for name, n in counts.items() if name not in kinds)
        print(f"{where}: version {version} is current: {nodes} nodes, {edges} edges")
        width = max(len(k) for k in counts) if counts else 0
        for name, n in counts.items():
            print(f"  {name:<{width}}  {n:>6}")
    for v, n in sorted(leftover.items()):
        print(f"  version {v}: {n} nodes left by an interrupted push (deleted by the next push)")
    return 0
