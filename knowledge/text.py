"""Text helpers shared by every package: Unicode NFC, whitespace, Vietnamese diacritic folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Compose to NFC: the catalogue mixes precomposed and decomposed tone marks."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC with runs of white space folded to one space and the ends trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str) -> str:
    """Lower-case and strip every diacritic ("Đăng ký" -> "dang ky").

    Citizens type without marks, so lexical matching compares folded forms. đ/Đ is not a combining
    mark in Unicode and is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def has_vietnamese_marks(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (so it was not typed bare)."""
    return fold(text) != text.lower()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions of one character each."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
