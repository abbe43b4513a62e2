"""``motcua ask``: one question, or a JSON Lines batch answered with the models loaded once."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ask", help="ask the helpdesk about an administrative procedure")
    parser.add_argument("question", nargs="?", help="the question, in Vietnamese, English or Thai")
    parser.add_argument("--session", help="continue a conversation (follow-ups, picking a variant)")
    parser.add_argument(
        "--batch",
        type=Path,
        help='JSON Lines file of {"question": ..., "session": optional}; one answer per line',
    )
    parser.add_argument("--json", action="store_true", help="print the answer object(s) as JSON")
    parser.set_defaults(handler=run)


def read_batch(path: Path) -> list[dict]:
    """Every line of a batch file, checked before any model is loaded; UsageError names the bad line."""
    from api.cli import UsageError, read_json_lines
    from assistant.normalize import normalize

    items = []
    for number, item in read_json_lines(path):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise UsageError(f'{path}:{number}: expected {{"question": "...", "session": "optional"}}')
        session = item.get("session")
        if session is not None and not isinstance(session, str):
            raise UsageError(f"{path}:{number}: session must be a string")
        try:
            normalize(item["question"])
        except ValueError as exc:
            raise UsageError(f"{path}:{number}: {exc}") from exc
        items.append({"question": item["question"], "session": session})
    return items


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError

    if (args.question is None) == (args.batch is None):
        raise UsageError("give either a QUESTION or --batch FILE")
    if args.batch is not None:
        items = read_batch(args.batch)
    else:
        items = [{"question": args.question, "session": args.session}]
        from assistant.normalize import normalize

        try:
            normalize(args.question)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc

    from assistant.helpdesk import Helpdesk

    helpdesk = Helpdesk.load()
    for item in items:
        answer = helpdesk.ask(item["question"], item["session"])
        if args.json:
            print(answer.model_dump_json(), flush=True)
        else:
            print(f"[{answer.status} · {answer.language} · {answer.intent} · session {answer.session}]")
            print(answer.text)
            print()
    return 0
