"""Stage 3 of the helpdesk: put the marks back on Vietnamese typed without them.

"lam lai can cuoc bi mat" -> "làm lại căn cước bị mất". Work in progress: for now only phone
abbreviations are expanded; the trained syllable model follows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"\w+|\W+")


@cache
def abbreviations() -> dict[str, str]:
    """Phone abbreviation (lower case) -> what it stands for, from ``data/diacritics_abbreviations.tsv``."""
    table: dict[str, str] = {}
    for line in (DATA_DIR / "diacritics_abbreviations.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            short, expansion = line.split("\t")
            table[short] = expansion
    return table


class DiacriticRestorer:
    @classmethod
    def load(cls) -> DiacriticRestorer:
        return cls()

    def restore(self, text: str) -> str:
        table = abbreviations()
        return "".join(table.get(token.lower(), token) for token in _TOKEN.findall(text))


@cache
def default_restorer() -> DiacriticRestorer:
    return DiacriticRestorer.load()
