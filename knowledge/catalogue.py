"""The catalogue as the product reads it: the bundled gzip JSON Lines file, loaded once.

Other packages key their caches on ``Catalogue.fingerprint`` (the sha256 of the file), so a rebuilt
catalogue invalidates indexes built from an older one.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from knowledge.paths import BUNDLED_CATALOGUE
from knowledge.schema import Procedure

_PROCEDURES = TypeAdapter(list[Procedure])


class CatalogueError(Exception):
    """The catalogue file is missing or not a valid bundle; the message says where."""


class Catalogue:
    """Procedures in code order, looked up by code."""

    def __init__(self, procedures: Iterable[Procedure], fingerprint: str = "", path: Path | None = None):
        self.procedures: list[Procedure] = list(procedures)
        self.fingerprint = fingerprint
        self.path = path
        self._by_code = {p.code: p for p in self.procedures}

    def get(self, code: str) -> Procedure | None:
        return self._by_code.get(code.strip())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._by_code

    def __len__(self) -> int:
        return len(self.procedures)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)


def read_bundle(path: Path) -> tuple[list[Procedure], bytes]:
    """The procedures of a bundle and its raw bytes; CatalogueError on any unreadable line."""
    try:
        raw = Path(path).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(f"no catalogue at {path} (run `motcua catalogue build`)") from exc
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path} is not a gzip UTF-8 catalogue: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        # One validation over the whole file is about twice as fast as one per line.
        procedures = _PROCEDURES.validate_json("[" + ",".join(lines) + "]")
    except ValidationError as exc:
        first = exc.errors()[0]
        index, *where = first["loc"] or ("?",)
        raise CatalogueError(
            f"{path}: record {index}: invalid {'.'.join(map(str, where)) or 'record'}: {first['msg']}"
        ) from exc
    return procedures, raw


def load_catalogue(path: Path | str = BUNDLED_CATALOGUE) -> Catalogue:
    path = Path(path)
    procedures, raw = read_bundle(path)
    return Catalogue(procedures, fingerprint=hashlib.sha256(raw).hexdigest(), path=path)


@functools.cache
def default_catalogue() -> Catalogue:
    """The bundled catalogue, loaded once per process."""
    return load_catalogue(BUNDLED_CATALOGUE)


def check_bundle(path: Path | str) -> dict:
    """What ``motcua catalogue validate`` reports: schema, unique codes, code order."""
    path = Path(path)
    problems: list[str] = []
    procedures: list[Procedure] = []
    fingerprint = ""
    try:
        procedures, raw = read_bundle(path)
        fingerprint = hashlib.sha256(raw).hexdigest()
    except CatalogueError as exc:
        problems.append(str(exc))
    codes = [p.code for p in procedures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1}) if len(set(codes)) < len(codes) else []
    problems += [f"duplicate code {code}" for code in duplicates]
    order = [tuple(int(part) for part in c.split(".")) for c in codes]
    if order != sorted(order):
        problems.append("records are not in code order")
    if not procedures and not problems:
        problems.append("no procedures")
    return {
        "file": str(path),
        "procedures": len(procedures),
        "valid": not problems,
        "problems": problems,
        "fingerprint": fingerprint,
    }
