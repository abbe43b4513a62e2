"""The ``motcua`` command. Each package adds its own subcommands through ``register(subparsers)``.

Contract (contracts.md): with ``--json`` a subcommand prints one JSON document on standard output and
nothing else there; exit 0 on success, 2 on bad usage or bad input with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# Packages that contribute subcommands, in the order they appear in --help.
_COMMAND_MODULES = ("knowledge.cli", "assistant.cli", "ocr.cli", "eval.cli", "api.serve_cli")


class UsageError(Exception):
    """Bad usage or bad input: reported on one line, exit status 2."""


def read_json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for every non-blank line of a JSON Lines file; UsageError names a bad line."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{number}: not JSON: {exc.msg}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Motcua: helpdesk and form pre-fill for public administration service centers.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UsageError as exc:
        print(f"motcua: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
