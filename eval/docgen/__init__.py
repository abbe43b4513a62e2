"""``motcua eval docgen``: synthetic Vietnamese identity documents with ground truth.

Writes ``<type>_<level>_<index>.jpg`` and a ``.json`` beside it:
``{"file", "document_type", "level", "card_id", "fields", "corners"}`` where ``fields`` uses
contracts.md's DOC keys and formats, ``card_id`` links a front and a back of one card, and
``corners`` are the document's corners (TL, TR, BR, BL) in the image.

Fields each type shows (printed, in its QR code or in its MRZ):

| type | fields |
|---|---|
| cccd_2016_front | id_number, full_name, date_of_birth, sex, nationality, place_of_origin, place_of_residence, date_of_expiry |
| cccd_2021_front | as 2016, plus from the QR: date_of_issue and old_id_number (when the holder had one) |
| cccd_2021_back | date_of_issue, mrz, and from the MRZ: id_number, date_of_birth, sex, nationality, date_of_expiry |
| cancuoc_2024_front | id_number, full_name, date_of_birth, sex, nationality |
| cancuoc_2024_back | place_of_residence, place_of_birth, date_of_issue, date_of_expiry, mrz; id_number, date_of_birth, sex, nationality (MRZ); full_name, old_id_number (QR) |
| passport | passport_number, full_name, date_of_birth, sex, nationality, place_of_birth, id_number, date_of_issue, date_of_expiry, mrz |
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eval.docgen.kinds import DOCUMENT_TYPES, LEVELS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    parser.add_argument("--count", type=int, default=10, help="documents per type and level (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed always gives the same set")
    parser.add_argument("--levels", default=",".join(LEVELS), help="comma-separated degradation levels")
    parser.add_argument("--types", default=",".join(DOCUMENT_TYPES), help="comma-separated document types")
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")


def run(args: argparse.Namespace) -> int:
    from api.cli import UsageError
    from eval.docgen.generate import generate

    levels = _choices(args.levels, LEVELS, "level")
    types = _choices(args.types, DOCUMENT_TYPES, "document type")
    if args.count < 1:
        raise UsageError("--count must be at least 1")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write to --out {args.out}: {exc.strerror or exc}") from exc
    started = time.perf_counter()
    records = generate(args.out, args.count, args.seed, levels, types)
    seconds = time.perf_counter() - started
    summary = {"out": str(args.out), "images": len(records), "seconds": round(seconds, 2), "seed": args.seed}
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"wrote {len(records)} images with ground truth to {args.out} in {seconds:.1f} s", file=sys.stderr
        )
    return 0


def _choices(text: str, allowed: tuple[str, ...], what: str) -> list:
    from api.cli import UsageError

    chosen = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in allowed]
    if unknown or not chosen:
        raise UsageError(
            f"unknown {what} {', '.join(unknown) or '(none given)'}; choose from {', '.join(allowed)}"
        )
    return chosen
