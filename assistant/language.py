"""Stage 2 of the helpdesk: which language the citizen wrote in — Vietnamese, English or Thai.

Rules decide first. Thai script means Thai. Otherwise every Latin word is evidence: a word with
Vietnamese marks, a well-formed unaccented Vietnamese syllable ("lam", "nguoi") or a phone abbreviation
("ko", "dc", "cccd") counts for Vietnamese; a word that cannot be a Vietnamese syllable ("passport",
"fee", "how") counts for English; English words that are also syllables ("the", "can", "so") count for
neither. Only a tie goes to langdetect (seeded, since it is random on short text), which knows nothing
of unaccented Vietnamese and so is asked last.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from assistant.schema import Language
from knowledge.text import fold, has_vietnamese_marks

DATA_DIR = Path(__file__).resolve().parent / "data"
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_WORD = re.compile(r"\w+")
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")

# A Vietnamese syllable with its marks dropped: onset, then rhyme. Orthography rules narrow it
# further: "k", "gh", "ngh" only before e/i/y; "c", "g", "ng" never before them.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_RHYME = (
    r"(?:"
    r"a(?:ch|nh|ng|[cmnpt]|[iouy])?"
    r"|e(?:ch|nh|ng|[cmnpt]|[ou])?"
    r"|i(?:ch|nh|[cmnpt]|[au])?"
    r"|o(?:ng|[cmnpt]|i|o(?:c|ng))?"
    r"|u(?:ng|[cmnpt]|[iu]|a(?:ng|[cnty])?|e(?:nh)?)?"
    r"|y(?:e(?:[mntu])?)?"
    r"|(?:ie|uo)(?:ng|[cmnptu]|i)?"
    r"|oa(?:ch|nh|ng|[cimnptyo])?"
    r"|oe(?:[cnto])?"
    r"|uy(?:ch|nh|e[nt]|[atu])?"
    r")"
)
_SYLLABLE = re.compile(_ONSET + _RHYME)
_BAD_SPELLING = re.compile(r"^(?:k[^eiyh]|gh[^eiy]|ngh[^eiy]|c[eiy]|g[ey]|ng[eiy])")


def detect_language(text: str) -> Language:
    """``vi``, ``en`` or ``th`` for a normalized question (see the module docstring for the rules)."""
    if _THAI.search(text):
        return "th"
    vietnamese = english = 0
    for word in _without_place_names(_WORD.findall(text)):
        lower = word.lower()
        if any(char.isdigit() for char in lower):
            continue  # a code or a number ("CT01", "B2"): neither
        if has_vietnamese_marks(lower):
            vietnamese += 1
        elif not lower.isascii():
            continue  # another script or alphabet: neither
        elif lower in abbreviations():
            vietnamese += 1
        elif lower in _english_overlap():
            continue
        elif is_vietnamese_syllable(lower):
            vietnamese += 1
        elif len(lower) > 1:
            english += 1
    if vietnamese != english:
        return "vi" if vietnamese > english else "en"
    return _undecided(text)


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (lower case) could be a Vietnamese syllable typed with or without marks."""
    bare = fold(word)
    return bool(_SYLLABLE.fullmatch(bare)) and not _BAD_SPELLING.match(bare)


def _without_place_names(words: list[str]) -> list[str]:
    """The words, less those naming a Vietnamese place: English questions name places too."""
    folded = [fold(word) for word in words]
    kept = list(words)
    for start, first in enumerate(folded):
        for name in _place_names().get(first, ()):
            if tuple(folded[start : start + len(name)]) == name:
                kept[start : start + len(name)] = [""] * len(name)
    return [word for word in kept if word]


def preload() -> None:
    """Load langdetect's language profiles now, not on the first question the rules cannot decide."""
    from langdetect.detector_factory import init_factory

    init_factory()


def _undecided(text: str) -> Language:
    """langdetect's guess, read for what it can tell: unaccented Vietnamese looks Romance or Malay to it."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        guess = detect(text)
    except LangDetectException:  # no letters at all: the helpdesk's own language
        return "vi"
    if guess in ("vi", "en", "th"):
        return guess
    return "vi" if _LATIN_LETTER.search(text) else "en"


@cache
def abbreviations() -> dict[str, str]:
    """Phone abbreviation (lower case) -> what it stands for ("ko" -> "không"), from the data file."""
    pairs = (line.split("\t") for line in _data_lines("language_abbreviations.tsv"))
    return {short: expansion for short, expansion in pairs}


@cache
def _english_overlap() -> frozenset[str]:
    return frozenset(word for line in _data_lines("language_english_overlap.txt") for word in line.split())


@cache
def _place_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Place names by their first word, longest first."""
    names = sorted(
        (tuple(line.split()) for line in _data_lines("language_place_names.txt")), key=len, reverse=True
    )
    return {first: tuple(n for n in names if n[0] == first) for first in {n[0] for n in names}}


def _data_lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
