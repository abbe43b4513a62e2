"""Restore the diacritics Tesseract drops or misreads, where a dictionary can decide.

Names: a committed list of Vietnamese name syllables (ocr/data/name_syllables.txt). Places: the
names of every ward, district and province before and after the 2025 merger, from the mapping that
underthesea ships (read as a file, without importing the package). A word already in the dictionary
is kept; otherwise among the dictionary words with the same letters (diacritics folded) the one
closest to what Tesseract read wins, ties going to the most frequent.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from knowledge.text import clean, edit_distance, fold, has_vietnamese_marks

_DATA = Path(__file__).parent / "data"
_PREFIXES = ("thành phố", "tỉnh", "quận", "huyện", "thị xã", "thị trấn", "phường", "xã")


# The dictionaries fold the same names over and over (every ward record repeats its province).
folded = lru_cache(maxsize=65536)(fold)


def _distance(a: str, b: str) -> int:
    """Edit distance over the decomposed forms (so a wrong tone mark costs one)."""
    return edit_distance(unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b))


class Vocabulary:
    """Words with diacritics, indexed by their folded form."""

    def __init__(self, words: Counter[str], bare_by_count: bool = False):
        self.counts = words
        # A word read without any mark takes the commonest spelling of its letters, not the
        # nearest (names: an MRZ has no marks, and "DUC" is far likelier Đức than Dục).
        self.bare_by_count = bare_by_count
        self.by_fold: dict[str, list[str]] = {}
        for word in words:
            self.by_fold.setdefault(folded(word), []).append(word)

    def restore(self, word: str, extra_letter: bool = False) -> str:
        """``word`` spelled as the dictionary does; ``extra_letter``: also match a word one letter
        too long."""
        lower = word.lower()
        bare = self.bare_by_count and not has_vietnamese_marks(lower)
        if lower in self.counts and not bare:
            return word
        folded = fold(lower)
        candidates = self.by_fold.get(folded)
        if not candidates and extra_letter and len(folded) >= 3:
            # One letter too many: stacked marks read as an extra vowel ("HOẠÀI"), a doubled MRZ letter ("VOO").
            shorter = {folded[:i] + folded[i + 1 :] for i in range(len(folded))}
            candidates = [c for key in shorter for c in self.by_fold.get(key, [])]
        if not candidates:
            return word
        if bare:
            best = min(candidates, key=lambda c: (-self.counts[c], _distance(lower, c)))
        else:
            best = min(candidates, key=lambda c: (_distance(lower, c), -self.counts[c]))
        if word.isupper():
            return best.upper()
        return best.capitalize() if word[:1].isupper() else best


def _words(filename: str) -> list[str]:
    text = (_DATA / filename).read_text(encoding="utf-8")
    return [
        unicodedata.normalize("NFC", w)
        for line in text.splitlines()
        if not line.startswith("#")
        for w in line.split()
    ]


# How much commoner a syllable of common_names.txt is than another name syllable.
COMMON_WEIGHT = 10


@cache
def _names() -> tuple[Vocabulary, Vocabulary]:
    """Family names (the first word), and every name syllable, the common ones weighted."""
    family = _words("family_names.txt")
    every = Counter(family + _words("name_syllables.txt"))
    every.update({word: COMMON_WEIGHT for word in _words("common_names.txt")})
    return Vocabulary(Counter(family), bare_by_count=True), Vocabulary(every, bare_by_count=True)


def underthesea_file(*parts: str) -> Path | None:
    """A data file shipped inside the underthesea package, read without importing it (slow)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]).joinpath(*parts)
    return path if path.exists() else None


class Syllables:
    """Every spelling a name's syllable may have, by its letters (marks folded), with its kind:
    family names (for the first word) or name syllables (for the others) are names ("common" for
    the commonest middle and given names); any other Vietnamese syllable, from the word list
    underthesea ships (Viet74K), is a possible but less likely name ("syllable")."""

    def __init__(self, family: list[str], names: list[str], words: list[str], common: list[str]):
        self.kinds: list[dict[str, dict[str, str]]] = [{}, {}]  # [first word, other words]
        for position, named in ((0, family), (1, family + names)):
            for word in named:
                self.kinds[position].setdefault(folded(word), {})[word] = "name"
            for word in words:
                self.kinds[position].setdefault(folded(word), {}).setdefault(word, "syllable")
        for word in common:
            self.kinds[1].setdefault(folded(word), {})[word] = "common"

    def spellings(self, letters: str, first: bool) -> list[tuple[str, str]]:
        return list(self.kinds[0 if first else 1].get(letters, {}).items())

    def names_by_letters(self, first: bool) -> list[str]:
        """The letters (marks folded) of every family name (``first``) or name syllable."""
        return [
            key
            for key, spelled in self.kinds[0 if first else 1].items()
            if set(spelled.values()) - {"syllable"}
        ]


@cache
def vietnamese_syllables() -> frozenset[str]:
    """Every syllable of the Vietnamese word list underthesea ships (Viet74K), lower case, NFC;
    not its abbreviations ("TL", "ADN") nor lone consonants ("n"): a syllable has a vowel."""
    path = underthesea_file("corpus", "data", "Viet74K.txt")
    text = path.read_text(encoding="utf-8") if path else ""
    return frozenset(
        unicodedata.normalize("NFC", w.lower())
        for w in text.replace("-", " ").split()
        if w.isalpha() and not (len(w) > 1 and w.isupper()) and set(folded(w)) & set("aeiouy")
    )


@cache
def syllables() -> Syllables:
    return Syllables(
        _words("family_names.txt"),
        _words("name_syllables.txt"),
        sorted(vietnamese_syllables()),
        _words("common_names.txt"),
    )


@dataclass
class Places:
    syllables: Vocabulary
    provinces: dict[str, str]  # folded bare name -> name
    units: dict[str, dict[str, str]]  # folded province -> folded bare district/ward -> name


@cache
def admin_units() -> dict:
    """The mapping of every ward before the 1/7/2025 merger to its ward and province after it
    (underthesea's bundled mapping.json, from vietnamadminunits), or {} without the package."""
    path = underthesea_file("address", "data", "mapping.json")
    return json.loads(path.read_text(encoding="utf-8")) if path else {}


@cache
def _places() -> Places:
    """Place names from underthesea's mapping, by province so a ward's name is decided in its province."""
    records = admin_units().get("ward_mapping", [])
    syllables: Counter[str] = Counter(_words("address_words.txt"))
    provinces: dict[str, str] = {}
    units: dict[str, dict[str, str]] = {}
    for record in records:
        for province_key, unit_keys in (
            ("old_province", ("old_district", "old_ward")),
            ("new_province", ("new_ward",)),
        ):
            province = strip_prefix(record[province_key])
            provinces[folded(province)] = province
            inside = units.setdefault(folded(province), {})
            for key in unit_keys:
                if record.get(key):
                    inside.setdefault(folded(strip_prefix(record[key])), strip_prefix(record[key]))
                    syllables.update(record[key].lower().split())
    return Places(Vocabulary(syllables), provinces, units)


def strip_prefix(unit: str) -> str:
    lower = unit.lower()
    for prefix in _PREFIXES:
        if lower.startswith(prefix + " "):
            return unit[len(prefix) + 1 :]
    return unit


def restore_name(name: str | None, keep_letters: bool = False) -> str | None:
    """A full name in capitals with each syllable's marks restored where the dictionary decides; the
    first word is a family name ("NGUYÊN" there is "NGUYỄN"). A word one letter too long for any
    name loses it ("HOẠÀI"), unless ``keep_letters`` (an MRZ's letters: only marks are added)."""
    if not name:
        return name
    family, syllables = _names()
    first, *rest = name.split()
    extra = not keep_letters
    restored = [family.restore(first, extra), *(syllables.restore(word, extra) for word in rest)]
    return " ".join(restored).upper()


def _split_prefix(part: str) -> tuple[str, str]:
    """("Phường", "Phúc Xá") from "Phuong Phuc Xa": a unit prefix read exactly or without any marks
    (so the ward "Phương Liệt" is not taken for "Phường Liệt")."""
    for prefix in _PREFIXES:
        head = part[: len(prefix)]
        if part[len(prefix) : len(prefix) + 1] != " ":
            continue
        if head.lower() == prefix or (head.lower() == fold(head) and fold(head) == fold(prefix)):
            return prefix.capitalize(), part[len(prefix) + 1 :]
    return "", part


def _i_or_l(key: str) -> list[str]:
    """``key`` with one ``i`` read as ``l`` or the other way round (a capital I and a small l look
    alike: "Ia Ka" read "la Ka")."""
    swap = {"i": "l", "l": "i"}
    return [key[:k] + swap[c] + key[k + 1 :] for k, c in enumerate(key) if c in swap]


def _one_of(names: dict[str, str], keys: list[str]) -> str | None:
    found = {names[key] for key in keys if key in names}
    return found.pop() if len(found) == 1 else None


def restore_place(text: str | None) -> str | None:
    """An address with its units matched to known place names: the province first (the last part),
    then districts and wards within that province; other words syllable by syllable."""
    if not text:
        return text
    places = _places()
    read = [clean(part) for part in text.split(",") if clean(part)]
    parts = [_split_prefix(part) for part in read]
    if not parts:
        return None
    province_key = _province_key(parts, places)
    if province_key != fold(parts[-1][1]):
        parts[-1] = (parts[-1][0], places.provinces[province_key])
    inside = places.units.get(province_key, {})
    restored = []
    for index, (prefix, name) in enumerate(parts):
        key = fold(name)
        if index == len(parts) - 1 and key in places.provinces:
            known = places.provinces[key]
        else:
            known = inside.get(key) or _one_of(inside, _i_or_l(key))
            if prefix and known is None and (whole := inside.get(fold(read[index]))):
                # No unit after the prefix, but one with it: a name that begins like a prefix (Quan Hoa).
                prefix, known = "", whole
        if known is None:
            known = _street_restored(name, places.syllables)
        restored.append(f"{prefix} {known}" if prefix else known)
    return ", ".join(restored)


def _province_key(parts: list[tuple[str, str]], places: Places) -> str:
    """The folded province of an address: its last part, or the one province whose name that part
    begins when the line was cut short ("..., Hải Châu, Đà" for Đà Nẵng) and the unit before it
    lies in that province."""
    key = fold(parts[-1][1])
    if key in places.provinces or len(parts) < 2:
        return key
    before = fold(parts[-2][1])
    longer = [k for k in places.provinces if k.startswith(key + " ") and before in places.units.get(k, {})]
    return longer[0] if len(longer) == 1 else key


@cache
def _streets() -> dict[str, str]:
    """Common street names by their folded spelling."""
    lines = (_DATA / "street_names.txt").read_text(encoding="utf-8").splitlines()
    return {
        fold(line): unicodedata.normalize("NFC", line) for line in lines if line and not line.startswith("#")
    }


# Words that begin a part of an address below the ward: a hamlet, a street, a house ("Ấp Hạ", "Số 12").
_LEADING = ("số", "thôn", "xóm", "ấp", "bản", "buôn", "làng", "tổ", "khu", "khối", "cụm", "đội", "sóc", "phum",
            "ngõ", "ngách", "hẻm", "kiệt", "đường", "phố")  # fmt: skip


def _leading_word(word: str, next_word: str) -> str:
    """The word that begins an address part, spelled as such when its letters are those of a leading
    word and a number follows it ("To 5" for "Tổ 5") or it is no name syllable as read ("Áp" for
    "Ấp"), nor, read without marks, by its letters: streets named after people ("Tô Hiến Thành",
    "Duong Quang Ham") keep their family name."""
    _, names = _names()
    named = word.lower() in names.counts or (not has_vietnamese_marks(word) and names.by_fold.get(fold(word)))
    if named and not next_word.isdigit():
        return word
    found = [lead for lead in _LEADING if folded(lead) == fold(word)]
    return found[0].capitalize() if len(found) == 1 and word[:1].isupper() else word


def _street_restored(part: str, vocabulary: Vocabulary) -> str:
    """A part of an address that is no administrative unit ("Số 12 ngõ 5 Giải Phóng"): a known
    street name ending it is spelled as known; its first word, followed by others, may be a word
    that begins an address part (``_leading_word``); any other word read with marks that spells a
    Vietnamese syllable is kept ("Phóng" is no misread "Phong"); the rest word by word."""
    words = part.split()
    if len(words) > 1:
        words[0] = _leading_word(words[0], words[1])
    streets = _streets()
    for start in range(len(words) - 1):
        street = streets.get(fold(" ".join(words[start:])))
        if street:
            return " ".join([*(_word_restored(w, vocabulary) for w in words[:start]), street])
    return " ".join(_word_restored(word, vocabulary) for word in words)


def _word_restored(word: str, vocabulary: Vocabulary) -> str:
    if has_vietnamese_marks(word) and word.lower() in vietnamese_syllables():
        return word
    return vocabulary.restore(word)
