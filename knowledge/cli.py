"""``motcua catalogue build|stats|show|validate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from knowledge.paths import BUNDLED_CATALOGUE


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("catalogue", help="the procedure catalogue: build, stats, show, validate")
    commands = parser.add_subparsers(dest="catalogue_command", required=True)

    build = commands.add_parser("build", help="rebuild the bundled catalogue from the shared sources")
    build.add_argument(
        "--shared", type=Path, help="the shared folder (default: ../shared beside the checkout)"
    )
    build.add_argument("--out", type=Path, default=BUNDLED_CATALOGUE, help="where to write the bundle")
    build.add_argument("--json", action="store_true", help="print the build report as JSON")
    build.set_defaults(handler=_build)

    stats = commands.add_parser("stats", help="counts: procedures, sources, field fill")
    _catalogue_option(stats)
    stats.set_defaults(handler=_stats)

    show = commands.add_parser("show", help="one procedure by code")
    show.add_argument("code", help="procedure code, e.g. 1.001456")
    _catalogue_option(show)
    show.set_defaults(handler=_show)

    validate = commands.add_parser("validate", help="check a bundle: schema, unique codes, order")
    validate.add_argument("file", nargs="?", type=Path, default=BUNDLED_CATALOGUE)
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(handler=_validate)


def _catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalogue", type=Path, default=BUNDLED_CATALOGUE, help="a bundle file")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _load(path: Path):
    from api.cli import UsageError
    from knowledge.catalogue import CatalogueError, default_catalogue, load_catalogue

    try:
        return default_catalogue() if path == BUNDLED_CATALOGUE else load_catalogue(path)
    except CatalogueError as exc:
        raise UsageError(str(exc)) from exc


def _build(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from knowledge.build import TooManyRejections, build_catalogue, catalogue_sources, write_bundle
    from knowledge.catalogue import load_catalogue
    from knowledge.paths import shared_dir

    shared = args.shared or shared_dir()
    if shared is None:
        raise UsageError("no shared sources found: pass --shared DIR (the folder holding data/catalogue)")
    crawl_file, portal_dir = catalogue_sources(shared)
    if not crawl_file.is_file() or not portal_dir.is_dir():
        raise UsageError(f"{shared} has no data/catalogue/crawl-2026/procedures.jsonl and portal-json/")
    try:
        result = build_catalogue(crawl_file, portal_dir)
    except TooManyRejections as exc:
        _print_rejections(exc.result.rejections)
        raise UsageError(f"build failed: {exc}") from exc
    _print_rejections(result.rejections)
    out = write_bundle(result.procedures, args.out)
    report = {
        "procedures": len(result.procedures),
        "source_records": result.source_records,
        "rejected": len(result.rejections),
        "rejections": [r.model_dump(mode="json") for r in result.rejections],
        "out": str(out),
        "bytes": out.stat().st_size,
        "fingerprint": load_catalogue(out).fingerprint,
    }
    if args.json:
        _print_json(report)
    else:
        print(
            f"{report['procedures']} procedures from {report['source_records']} source records, "
            f"{report['rejected']} rejected -> {out} ({report['bytes']:,} bytes)"
        )
    return 0


def _print_rejections(rejections) -> None:
    for r in rejections:
        print(f"rejected {r.source.value} {r.code}: {r.reason}", file=sys.stderr)


def _stats(args: argparse.Namespace) -> int:
    from knowledge.stats import catalogue_stats

    stats = catalogue_stats(_load(args.catalogue))
    if args.json:
        _print_json(stats)
        return 0
    print(f"{stats['procedures']} procedures  sources: {stats['sources']}")
    print("field fill:")
    for name, count in stats["fields"].items():
        print(f"  {name:<14} {count:>5}  {count / max(stats['procedures'], 1):6.1%}")
    for key in ("channels", "channel_times", "fees", "levels", "ministries"):
        print(f"{key}: {stats[key]}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from api.cli import UsageError

    procedure = _load(args.catalogue).get(args.code)
    if procedure is None:
        raise UsageError(f"unknown procedure code: {args.code}")
    if args.json:
        _print_json(procedure.model_dump(mode="json"))
        return 0
    print(f"{procedure.code}  {procedure.name}")
    print(f"  {', '.join(procedure.levels)} · {procedure.field} · {procedure.ministry}")
    for channel in procedure.channels:
        time = channel.time
        when = f"{time.value:g} {time.unit.value if time.unit else '(unit unknown)'}" if time.value else "?"
        fees = "; ".join(
            "free" if f.kind == "free" else (f"{f.amount_vnd:,} VND" if f.amount_vnd else "amount not stated")
            for f in channel.fees
        )
        print(f"  {channel.channel.value:<7} {when:<20} {fees}")
    for document in procedure.documents:
        forms = ", ".join(f.code or f.file_name for f in document.forms)
        print(f"  - {document.name[:100]}" + (f"  [{forms}]" if forms else ""))
    print(f"  source: {procedure.provenance.source.value}  {procedure.url}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from knowledge.catalogue import check_bundle

    report = check_bundle(args.file)
    if args.json:
        _print_json(report)
    else:
        status = "valid" if report["valid"] else "INVALID"
        print(f"{args.file}: {status}, {report['procedures']} procedures")
        for problem in report["problems"]:
            print(f"  {problem}")
    if not report["valid"]:
        raise UsageError(f"{args.file}: {len(report['problems'])} problem(s): {report['problems'][0]}")
    return 0


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
