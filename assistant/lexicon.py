"""Everyday words -> catalogue wording: the query expansion that closes most of the vocabulary gap.

Citizens say "sổ đỏ", "mất căn cước", "driver's license", "ใบขับขี่"; the catalogue says "Giấy chứng
nhận quyền sử dụng đất", "Cấp lại thẻ căn cước", "giấy phép lái xe". ``assistant/data/lexicon.json``
maps phrases of each language to the catalogue's Vietnamese terms; ``Lexicon.expand`` returns the terms
a question's phrases map to, which retrieval appends to the query before BM25 and embedding.

Matching: Vietnamese on folded text (so "so do", "sổ đỏ" and "Sổ Đỏ" are the same) at word boundaries,
after phone abbreviations are spelled out; English lower-cased at word boundaries, contractions spelled
out and plurals made singular (``english_words``); Thai as substrings (Thai is written without spaces
between words) that begin and end at syllable edges.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.language import abbreviations
from knowledge.text import fold

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "lexicon.json"
_WORD = re.compile(r"\w+")
_THAI_PREPOSED = frozenset("เแโใไ")
# vowels written after, above or below a consonant, tone marks and the silencer: they close no syllable
_THAI_FOLLOWING = re.compile("[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
# English contractions spelled out, so that "I'm single" meets "i am single" and "can't" "cannot"
_CONTRACTIONS = (
    (re.compile(r"\b(can|won)['’]t\b"), lambda m: {"can": "can not", "won": "will not"}[m.group(1)]),
    (re.compile(r"\bcannot\b"), lambda m: "can not"),
    (re.compile(r"n['’]t\b"), lambda m: " not"),
    (
        re.compile(r"['’](m|re|ve|ll)\b"),
        lambda m: {"m": " am", "re": " are", "ve": " have", "ll": " will"}[m.group(1)],
    ),
)


def words(text: str) -> list[str]:
    """Folded words of a text (Vietnamese marks and case removed), abbreviations spelled out.

    The catalogue abbreviates some terms in procedure names ("BHXH", "TNLĐ, BNN", "TNHH") that
    citizens and the lexicon write in full, and citizens abbreviate others; spelling out on both sides
    lets "bảo hiểm xã hội một lần" meet "Giải quyết hưởng BHXH một lần".
    """
    table = _abbreviations()
    return [word for token in _WORD.findall(fold(text)) for word in table.get(token, (token,))]


@cache
def _abbreviations() -> dict[str, tuple[str, ...]]:
    data = json.loads(LEXICON_FILE.read_text("utf-8")).get("abbreviations", {})
    return {fold(short): tuple(_WORD.findall(fold(full))) for short, full in data.items()}


def spell_out(text: str) -> str:
    """The text with phone abbreviations ("cccd", "gplx", "dk") replaced by what they stand for."""
    table = abbreviations()
    return _WORD.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)


def english_words(text: str) -> list[str]:
    """Lower-case English words, contractions spelled out and plurals made singular ("residence cards"
    -> "residence card", "certificates" -> "certificate"), so that a phrase need not list its plural.

    The singular is a light rule (a final "s" dropped, "ies" -> "y"; not after "ss", "us", "is" or in
    words of three letters): crude for some words, but the same on the phrase's side and the question's.
    """
    text = text.lower()
    for pattern, spelled in _CONTRACTIONS:
        text = pattern.sub(spelled, text)
    return [_singular(word) for word in _WORD.findall(text)]


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    return word[:-3] + "y" if word.endswith("ies") and len(word) > 4 else word[:-1]


def _padded(tokens: list[str]) -> str:
    return " " + " ".join(tokens) + " "


def marked_words(text: str) -> list[str]:
    """Lower-case words of a text with their marks kept, abbreviations spelled out (unmarked)."""
    table = _abbreviations()
    return [
        word for token in _WORD.findall(spell_out(text).lower()) for word in table.get(fold(token), (token,))
    ]


def _compatible(said: str, phrase: str) -> bool:
    """Two words agree when equal, or when either was typed without marks (then only folds compare)."""
    return said == phrase or fold(said) == said or fold(phrase) == phrase


def _occurs(phrase: tuple[str, ...], said: list[str], folded: list[str]) -> bool:
    """Whether the phrase's words occur in a row in the question, marks agreeing where both have them.

    "bảo tự lo" folds to the same words as "báo tử", "để con" as "đẻ con": a question typed with marks
    tells them apart, so its marks must match the phrase's; bare words match on their folds.
    """
    target = [fold(word) for word in phrase]
    n = len(target)
    return any(
        folded[i : i + n] == target and all(map(_compatible, said[i : i + n], phrase))
        for i in range(len(folded) - n + 1)
    )


@dataclass(frozen=True)
class _Entry:
    phrases: tuple[str, ...]  # in matching form: padded folded words, or Thai substrings
    means: str
    marked: tuple[tuple[str, ...], ...] = ()  # Vietnamese phrases' words with their marks


class Lexicon:
    def __init__(self, entries: dict[str, list[_Entry]], stopwords: frozenset[str]):
        self._entries = entries
        self.stopwords = stopwords  # folded Vietnamese question words that carry no topic
        # Vietnamese and English phrases match whole words, so a question need only try the phrases
        # that begin with one of its words (a few dozen of the ~2,700 Vietnamese ones)
        self._by_first_word = {
            language: _by_first_word(entries.get(language, [])) for language in ("vi", "en")
        }

    @classmethod
    def from_json(cls, data: dict) -> Lexicon:
        entries: dict[str, list[_Entry]] = {}
        for language in ("vi", "en", "th"):
            entries[language] = [
                _Entry(
                    tuple(_phrase_key(say, language) for say in item["say"]),
                    item["means"],
                    tuple(tuple(marked_words(say)) for say in item["say"]) if language == "vi" else (),
                )
                for item in data.get(language, [])
            ]
        stopwords = frozenset(" ".join(words(s)) for s in data.get("stopwords", {}).get("vi", []))
        return cls(entries, stopwords)

    @classmethod
    def load(cls, path: Path = LEXICON_FILE) -> Lexicon:
        return cls.from_json(json.loads(path.read_text("utf-8")))

    def catalogue_terms(self) -> set[str]:
        """Every catalogue term a phrase of any language maps to."""
        return {entry.means for entries in self._entries.values() for entry in entries}

    def expand(self, text: str, language: str) -> tuple[str, ...]:
        """The catalogue terms the question's everyday phrases map to, in lexicon order, once each."""
        return tuple(self.matches(text, language))

    def matches(self, text: str, language: str) -> dict[str, int]:
        """``expand`` with, for each term, the length of the longest phrase that found it.

        A longer phrase is a more specific clue: "mất giấy chứng nhận hộ kinh doanh" says more than the
        "hộ kinh doanh" inside it. Lengths are in words (characters for Thai).
        """
        found: dict[str, int] = {}
        if language == "vi":
            said = marked_words(text)
            folded = [fold(word) for word in said]
            haystack = _padded(folded)
            for entry, number in self._phrases_starting("vi", folded):
                key, marked = entry.phrases[number], entry.marked[number]
                if key in haystack and _occurs(marked, said, folded):
                    found[entry.means] = max(found.get(entry.means, 0), len(marked))
            return found
        if language == "en":
            said = english_words(text)
            haystack = _padded(said)
            phrases = [(entry, entry.phrases[number]) for entry, number in self._phrases_starting("en", said)]
        else:  # Thai: substrings, no word boundaries to look phrases up by
            haystack = text.lower()
            phrases = [
                (entry, phrase) for entry in self._entries.get(language, ()) for phrase in entry.phrases
            ]
        found_in = _at_syllable_edges if language == "th" else str.__contains__
        for entry, phrase in phrases:
            if found_in(haystack, phrase):
                length = len(phrase) if language == "th" else len(phrase.split())
                found[entry.means] = max(found.get(entry.means, 0), length)
        return found

    def _phrases_starting(self, language: str, said: list[str]) -> list[tuple[_Entry, int]]:
        """(entry, phrase number) of the phrases that begin with one of the words said, in lexicon order."""
        index = self._by_first_word[language]
        spots = sorted({spot for word in set(said) for spot in index.get(word, ())})
        return [(self._entries[language][entry], number) for entry, number in spots]

    def run(self, text: str, language: str) -> dict[str, tuple[str, ...]]:
        """Pipeline-stage form of ``expand``."""
        return {"terms": self.expand(text, language)}


def _at_syllable_edges(text: str, phrase: str) -> bool:
    """Whether a Thai phrase occurs in the text beginning and ending where syllables do.

    Thai has no spaces between words, so phrases are looked for as substrings; but a substring may
    start inside a syllable ("ปิดร้าน", to close a shop, inside "เปิดร้าน", to open one: the vowel "เ" is
    written before the consonant it follows) or end inside one ("ตาย", dead, in "ตายาย", grandparents:
    the "ย" takes the next vowel). A syllable never starts right after a preposed vowel, nor ends right
    before a vowel or tone mark written after, above or below its consonant.
    """
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if not (start and text[start - 1] in _THAI_PREPOSED) and not (
            end < len(text) and _THAI_FOLLOWING.match(text, end)
        ):
            return True
        start = text.find(phrase, start + 1)
    return False


def _by_first_word(entries: list[_Entry]) -> dict[str, list[tuple[int, int]]]:
    """(entry, phrase number) of each whole-word phrase key, by the key's first word."""
    index: dict[str, list[tuple[int, int]]] = {}
    for row, entry in enumerate(entries):
        for number, key in enumerate(entry.phrases):
            if key.split():
                index.setdefault(key.split()[0], []).append((row, number))
    return index


def _phrase_key(phrase: str, language: str) -> str:
    if language == "th":
        return phrase.lower()
    if language == "vi":
        return _padded(words(phrase))
    return _padded(english_words(phrase))


@cache
def default_lexicon() -> Lexicon:
    return Lexicon.load()
