"""``motcua scan extract FILE... --json`` and ``motcua scan prefill --form FORM FILE... --json``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scan", help="read identity documents from scans and pre-fill forms")
    commands = parser.add_subparsers(dest="scan_command", required=True)

    extract = commands.add_parser("extract", help="read each page of each file into a document")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--json", action="store_true", help="print {'documents': [...]} as JSON")
    extract.set_defaults(handler=_extract)

    prefill = commands.add_parser("prefill", help="pre-fill a form from the documents in the files")
    prefill.add_argument("--form", required=True, help="form code, e.g. TK01, CT01, KHAI_SINH")
    prefill.add_argument("files", nargs="+", type=Path, metavar="FILE")
    prefill.add_argument("--json", action="store_true", help="print the pre-filled form as JSON")
    prefill.set_defaults(handler=_prefill)


def _documents(files: list[Path]):
    from api.cli import UsageError
    from ocr.load import ScanError
    from ocr.pipeline import extract

    try:
        return extract(files)
    except ScanError as exc:
        raise UsageError(str(exc)) from None


def _extract(args: argparse.Namespace) -> int:
    documents = _documents(args.files)
    if args.json:
        print(json.dumps({"documents": [d.model_dump() for d in documents]}, ensure_ascii=False))
        return 0
    for doc in documents:
        print(f"{doc.file} page {doc.page}: {doc.document_type}")
        for name, field in doc.fields.items():
            print(f"  {name}: {field.value!r} ({field.source}, {field.confidence:.2f})")
        for warning in doc.warnings:
            print(f"  ! {warning}")
    return 0


def _prefill(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from ocr.forms import FORMS
    from ocr.pipeline import prefill

    if args.form not in FORMS:
        raise UsageError(f"unknown form {args.form!r}; available: {', '.join(FORMS)}")
    form = prefill(args.form, _documents(args.files))
    if args.json:
        print(json.dumps(form.model_dump(), ensure_ascii=False))
        return 0
    for item, filled in form.fields.items():
        print(
            f"{item}: {filled.value!r} ({filled.source}, {filled.confidence:.2f}{', agreed' if filled.agreed else ''})"
        )
    print("missing:", ", ".join(form.missing))
    for warning in form.warnings:
        print(f"! {warning}")
    return 0
