"""Build the catalogue from the shared sources: one procedure per code, bad records reported.

The structured portal record is used where there is one, the parsed crawl otherwise; a structured
record's empty identity fields are completed from the crawl record of the same code. A record that
cannot be used becomes a Rejection (source, code, reason) and the build goes on, unless more than
``MAX_REJECTED_SHARE`` of the source records are rejected.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.crawl import iter_crawl_records, procedure_from_crawl
from knowledge.portal import iter_portal_files, load_portal_file
from knowledge.schema import Procedure, Rejection, Source
from knowledge.values import MalformedRecord

MAX_REJECTED_SHARE = 0.02
# Fields of a structured record that may be filled from the crawl when the record leaves them empty.
COMPLETABLE_FIELDS = ("levels", "field", "ministry", "applicants", "url")


@dataclass
class BuildResult:
    procedures: list[Procedure]
    rejections: list[Rejection] = field(default_factory=list)
    source_records: int = 0

    @property
    def rejected_share(self) -> float:
        return len(self.rejections) / self.source_records if self.source_records else 0.0


class TooManyRejections(Exception):
    """More than the allowed share of source records were rejected; the result says which."""

    def __init__(self, result: BuildResult, limit: float):
        self.result = result
        super().__init__(
            f"{len(result.rejections)} of {result.source_records} source records rejected "
            f"({result.rejected_share:.1%}, limit {limit:.0%})"
        )


def catalogue_sources(shared: Path) -> tuple[Path, Path]:
    """(crawl JSON Lines, portal JSON folder) under a shared directory."""
    base = Path(shared) / "data" / "catalogue"
    return base / "crawl-2026" / "procedures.jsonl", base / "portal-json"


def build_catalogue(
    crawl_file: Path, portal_dir: Path, max_rejected_share: float = MAX_REJECTED_SHARE
) -> BuildResult:
    """Import both sources and merge them by code; raise TooManyRejections past the limit."""
    result = BuildResult(procedures=[])
    crawl = _import(_crawl_records(crawl_file), Source.CRAWL, procedure_from_crawl, result)
    portal = _import(_portal_records(portal_dir), Source.PORTAL_JSON, _portal_procedure, result)
    result.procedures = [
        complete(portal[code], crawl.get(code)) if code in portal else crawl[code]
        for code in sorted(crawl.keys() | portal.keys(), key=code_order)
    ]
    if result.rejected_share > max_rejected_share:
        raise TooManyRejections(result, max_rejected_share)
    return result


def code_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def complete(structured: Procedure, crawled: Procedure | None) -> Procedure:
    """Fill a structured record's empty identity fields from the crawl, saying so in provenance."""
    if crawled is None:
        return structured
    filled = {
        name: getattr(crawled, name)
        for name in COMPLETABLE_FIELDS
        if not getattr(structured, name) and getattr(crawled, name)
    }
    if not filled:
        return structured
    provenance = structured.provenance.model_copy(update={"completed_fields": tuple(filled)})
    return structured.model_copy(update={**filled, "provenance": provenance})


def write_bundle(procedures: Iterable[Procedure], path: Path) -> Path:
    """Compact, deterministic gzip JSON Lines (no timestamp in the gzip header, code order kept)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(p.model_dump_json(exclude_defaults=True) + "\n" for p in procedures)
    path.write_bytes(gzip.compress(lines.encode("utf-8"), compresslevel=9, mtime=0))
    return path


# (code or location, record) pairs; the importer raises MalformedRecord for a bad record.
def _crawl_records(crawl_file: Path) -> Iterable[tuple[str, Any]]:
    for number, record in iter_crawl_records(crawl_file):
        code = record.get("ma_thu_tuc") if isinstance(record, dict) else None
        yield (str(code) if code else f"line {number}"), record


def _portal_records(portal_dir: Path) -> Iterable[tuple[str, Any]]:
    for path in iter_portal_files(portal_dir):
        yield path.stem, path


def _portal_procedure(path: Path) -> Procedure:
    procedure = load_portal_file(path)
    if procedure.code != path.stem:
        raise MalformedRecord(f"file {path.name} holds code {procedure.code}")
    return procedure


def _import(
    records: Iterable[tuple[str, Any]],
    source: Source,
    importer: Callable[[Any], Procedure],
    result: BuildResult,
) -> dict[str, Procedure]:
    procedures: dict[str, Procedure] = {}
    for code, record in records:
        result.source_records += 1
        try:
            if isinstance(record, MalformedRecord):  # the line could not even be decoded
                raise record
            procedure = importer(record)
            if procedure.code in procedures:
                raise MalformedRecord(f"duplicate code {procedure.code}")
        except MalformedRecord as exc:
            result.rejections.append(Rejection(source=source, code=code, reason=str(exc)))
            continue
        procedures[procedure.code] = procedure
    return procedures
