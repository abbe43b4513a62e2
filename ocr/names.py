"""A printed full name read a second time on its own crop, each syllable's marks chosen among the
spellings the dictionaries allow, scored by Tesseract's own alternatives for every character.

The page reading (``psm 3``) often drops or swaps a stacked mark (``NGUYÊN`` for ``NGUYỄN``,
``NHÂN`` for ``NHẪN``); one line read alone (``psm 7``) gets most of them right and reports, per
character, what else it might have been. A syllable is then chosen among: names (most likely), other
Vietnamese syllables, and what was read. An MRZ (passports) all but fixes the letters; the marks are
chosen. Where two spellings remain about as likely, the reading says so instead of guessing.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from PIL import Image

from knowledge.text import edit_distance, fold

from .mrz import Mrz, with_name
from .restore import Syllables, syllables
from .tesseract import Glyph, TesseractError, Word, crop_line, read_words_with_choices, union

# A character Tesseract gave no chance (its alternatives list it at 0 or not at all); the same
# letter with another tone mark keeps more: Tesseract is often sure of the wrong stacked mark (GẦM/GẤM).
# The page reading is no second opinion: the same engine on the same print (agreeing with it
# gained nothing on development scans).
FLOOR = 0.005
MARK_FLOOR = 0.1
# How likely a syllable of each kind is in a name, next to a common name syllable; family names
# are a much more closed set (the first word "NGUYÊN" is "NGUYỄN" misread, however sure Tesseract is).
PRIOR = {"common": 1.0, "name": 0.3, "syllable": 0.03, "read": FLOOR}
FAMILY_PRIOR = {"name": 1.0, "syllable": 0.001, "read": 0.0005}
MRZ_AGREES = math.log(20)  # the MRZ has the same letters (it has no check digit over the name)
UNSURE = math.log(4)  # the runner-up within this factor: the marks are uncertain
# A runner-up name that the image alone makes about as likely (it lost on how common it is): the
# marks are uncertain too (NGÂN/NGẦN).
UNSEEN = math.log(4)
UNSURE_FACTOR = 0.8
# The page reading's word boxes often leave out the marks stacked over a capital (the grave of
# ``Ề``): a word with a letter cut at the crop's top is read again from a crop reaching this many
# of the box's heights above it (not every crop: a taller one takes in the label above). Not with
# an MRZ: a passport prints the name just under its label, and a taller crop of it misread more
# marks than it restored (5 of 100 development passports lost, none gained; fronts: 4 gained).
MARKS_ABOVE = 2 / 3
# How much wider than the page reading's letters an MRZ's word it lost is taken to be (a margin).
LOST_WIDTH = 1.3


@dataclass
class NameReading:
    value: str  # capitals with diacritics
    confidence: float
    uncertain: list[tuple[str, tuple[str, ...]]]  # (chosen, runners-up) syllables about as likely


def read_name(
    image: Image.Image, box: list[int], page_words: list[str] | None, mrz_name: str | None = None
) -> NameReading | None:
    """The name printed in ``box`` of ``image``, or None when the second reading does not line up
    with the page reading (``page_words``: the name as the page reading spelled it). Without a page
    reading (it lost the name), a reading with a word that is no name is None; with an MRZ name
    (``mrz_name``), the words the page reading lost at the name's start or end are read too."""
    mrz_words = mrz_name.split() if mrz_name else None
    box, page_words = _widened(box, page_words, mrz_words)
    try:
        words = _read_words(image, box, taller=mrz_words is None)
    except TesseractError:
        return None
    if not words:
        return None
    unread = page_words is None
    if unread:
        page_words = mrz_words or [""] * len(words)
    if len(words) != len(page_words) and fold("".join(page_words)) == fold("".join(w.text for w in words)):
        words, page_words = _same_words(words, page_words)
    if len(words) != len(page_words) or (mrz_words and len(mrz_words) != len(words)):
        return None
    if (not unread or mrz_words) and any(
        edit_distance(fold(w.text), fold(p)) > 1 for w, p in zip(words, page_words, strict=True)
    ):
        return None  # the two readings do not spell the same name: the crop caught something else
    chosen, uncertain = [], []
    for index, word in enumerate(words):
        letters = fold(mrz_words[index]) if mrz_words else None
        choice = choose_syllable(word.glyphs, first=index == 0, letters=letters)
        if choice is None or (unread and not mrz_words and not is_name(choice[0], first=index == 0)):
            return None
        chosen.append(choice[0])
        if choice[1]:
            uncertain.append(choice)
    confidence = sum(word.confidence for word in words) / len(words)
    return NameReading(" ".join(chosen), confidence * (UNSURE_FACTOR if uncertain else 1.0), uncertain)


def _same_words(words: list[Word], page_words: list[str]) -> tuple[list[Word], list[str]]:
    """The same letters cut into words differently by the two readings: the page reading's words
    when each is a syllable (the crop reading split one: "TH ƯỞNG"), else the crop reading's (the
    page reading ran two together: "LÊPHƯƠNG")."""
    if every_word(page_words, is_syllable):
        regrouped = _regrouped(words, [len(fold(word)) for word in page_words])
        if regrouped:
            return regrouped, page_words
    return words, [w.text for w in words]


def _regrouped(words: list[Word], lengths: list[int]) -> list[Word] | None:
    """The glyphs of ``words`` cut into words of ``lengths`` letters (marks folded), or None when
    a cut would fall inside a glyph."""
    pieces = [(glyph, word) for word in words for glyph in word.glyphs]
    regrouped, start = [], 0
    for length in lengths:
        end, letters = start, 0
        while end < len(pieces) and letters < length:
            letters += len(fold(pieces[end][0].text))
            end += 1
        if letters != length:
            return None
        glyphs = [glyph for glyph, _ in pieces[start:end]]
        sources = list({id(word): word for _, word in pieces[start:end]}.values())
        regrouped.append(
            Word(
                "".join(g.text for g in glyphs),
                sum(w.confidence for w in sources) / len(sources),
                union([w.box for w in sources]),
                glyphs,
            )
        )
        start = end
    return regrouped if start == len(pieces) else None


def _widened(
    box: list[int], page_words: list[str] | None, mrz_words: list[str] | None
) -> tuple[list[int], list[str] | None]:
    """``box`` widened over the letters of the MRZ's name that the page reading lost at its start
    or end (a rule printed beside the first word hid it: "N VĂN TRUNG"), by the width the page
    reading's letters take; then there is no page reading to check the crop against (None)."""
    if not mrz_words or not page_words:
        return box, page_words
    mrz_text, read = " ".join(mrz_words).lower(), fold(" ".join(page_words))
    lost = len(mrz_text) - len(read)
    if lost <= 0 or not (mrz_text.endswith(read) or mrz_text.startswith(read)):
        return box, page_words
    x, y, w, h = box
    extra = int(lost * w / len(read) * LOST_WIDTH)
    if mrz_text.endswith(read):
        return [max(0, x - extra), y, w + min(x, extra), h], None
    return [x, y, w + extra, h], None


def _read_words(image: Image.Image, box: list[int], taller: bool = True) -> list[Word]:
    """The words of the name in ``box``, each with its glyphs; a word with a letter touching the
    crop's top edge (its marks cut off) is taken from a taller crop, if ``taller``, when that
    reads the same letters."""
    words = _letter_words(crop_line(image, box))
    if not taller or not any(_cut(word) for word in words):
        return words
    taller = _letter_words(crop_line(image, box, above=MARKS_ABOVE))
    if len(taller) != len(words) or any(
        fold(a.text) != fold(b.text) for a, b in zip(words, taller, strict=True)
    ):
        return words
    return [high if _cut(word) else word for word, high in zip(words, taller, strict=True)]


def _letter_words(crop: Image.Image) -> list[Word]:
    """The words of a crop read as one line; when that finds none (bits of the lines above and
    below can make Tesseract give up), the words across the crop's middle read as a block."""
    words = read_words_with_choices(crop, psm=7)
    if not words:
        middle = crop.height / 2
        words = [w for w in read_words_with_choices(crop, psm=6) if w.box[1] < middle < w.box[1] + w.box[3]]
    return [word for word in map(_letters_only, words) if word.glyphs]


def _cut(word: Word) -> bool:
    """Whether a letter of ``word`` touches the crop's top. Not when all do: then Tesseract gave
    every glyph the line's box (top 0, full height), which tells nothing of cut marks, and the taller
    crop, taking in the label above, lost marks the first reading had (KHÁNH read KHANH: 3 of 200
    clean/mild dev names on 2016/2024 fronts gained, none lost)."""
    at_top = [glyph.box is not None and glyph.box[1] <= 0 for glyph in word.glyphs]
    return any(at_top) and not all(at_top)


def choose_syllable(
    glyphs: list[Glyph], first: bool = False, letters: str | None = None
) -> tuple[str, tuple[str, ...]] | None:
    """The spelling (capitals) of one syllable of a name, and the other spellings of the same
    letters about as likely, best first (then the marks are uncertain: all are shown, the one the
    print shows may be any). ``letters``: the MRZ's letters for it (no marks)."""
    ranked = _ranked(glyphs, syllables(), first, letters)
    if not ranked:
        return None
    (best_score, best, _, best_seen), *rest = ranked
    runners = tuple(
        c
        for score, c, k, seen in rest
        if k != "read"
        and fold(c) == fold(best)
        and (best_score - score < UNSURE or (k != "syllable" and abs(best_seen - seen) < UNSEEN))
    )
    return best, runners


def _letters_only(word: Word) -> Word:
    """The word without the punctuation Tesseract read around it (``ẨN.``, ``'PHẠM``)."""
    glyphs = [g for g in word.glyphs if g.text.isalpha()]
    return Word("".join(g.text for g in glyphs), word.confidence, word.box, glyphs)


def _ranked(
    glyphs: list[Glyph], vocabulary: Syllables, first: bool, letters: str | None
) -> list[tuple[float, str, str, float]]:
    """(score, spelling in capitals, kind, what the image alone says) of every spelling the
    syllable may have, best first: spellings of the letters read (or of the letters read but one),
    and of the MRZ's letters."""
    read = "".join(g.text for g in glyphs).upper()
    folded = fold(read)
    keys = [folded, *(folded[:i] + folded[i + 1 :] for i in range(len(folded))), letters or ""]
    candidates: dict[str, str] = {read: "read"}
    for key in keys:
        for candidate, kind in vocabulary.spellings(key, first):
            candidates[candidate.upper()] = kind
    scored = []
    for candidate, kind in candidates.items():
        seen = _likelihood(candidate, glyphs)
        if seen is None:
            continue
        score = seen + math.log((FAMILY_PRIOR if first else PRIOR)[kind])
        score += MRZ_AGREES if letters and fold(candidate) == letters else 0.0
        scored.append((score, candidate, kind, seen))
    return sorted(scored, reverse=True)


def _likelihood(candidate: str, glyphs: list[Glyph]) -> float | None:
    """Log-likelihood that ``glyphs`` show ``candidate``; one extra glyph may be skipped."""
    if len(glyphs) == len(candidate):
        return sum(math.log(_chance(g, c)) for g, c in zip(glyphs, candidate, strict=True))
    if len(glyphs) == len(candidate) + 1:  # one glyph is spurious
        return max(
            math.log(_spurious(glyphs, i))
            + (_likelihood(candidate, glyphs[:i] + glyphs[i + 1 :]) or -math.inf)
            for i in range(len(glyphs))
        )
    return None


def _spurious(glyphs: list[Glyph], i: int) -> float:
    """How likely glyph ``i`` is none of the name's letters: a vowel (a stacked mark read as a letter
    of its own, ``HOẠÀI``) or a letter doubled (``VOO``) as likely as Tesseract doubts it; another
    letter read with confidence hardly ever (the ``H`` of ``THẨM``)."""
    doubt = 1 - max(glyphs[i].choices.values(), default=1.0)
    letter = fold(glyphs[i].text)
    neighbours = {fold(g.text) for g in glyphs[max(i - 1, 0) : i] + glyphs[i + 1 : i + 2]}
    return max(doubt if letter in "aeiouy" or letter in neighbours else doubt * doubt, FLOOR)


def _chance(glyph: Glyph, char: str) -> float:
    chance = max(glyph.choices.get(char, 0.0), glyph.choices.get(char.lower(), 0.0))
    if glyph.text.upper() == char and not glyph.choices:
        chance = 1.0
    read = glyph.text.upper()
    same_letter = _untoned(char) == _untoned(read) or (
        _untoned(read) == fold(read).upper() == fold(char).upper()
    )
    return max(chance, MARK_FLOOR if same_letter else FLOOR)


# Tone marks (grave, acute, tilde, hook, dot below): Ê, Ô, Ă, Ơ, Ư are letters of their own.
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _untoned(char: str) -> str:
    """The letter without its tone mark: ``Ẩ`` -> ``Â``, not ``A``. Tesseract often takes one tone
    for another or drops marks (``A`` for ``Ẩ``), but seldom sees a circumflex, breve or horn that
    is not printed (``Ắ`` or ``A`` for a glyph read ``Ẩ``)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", char).translate(_TONES))


def mrz_name_spelled(found: Mrz) -> Mrz:
    """``found`` with each word of its name that is no Vietnamese syllable ("TLEN", "VOO") replaced
    by the one name syllable a letter away ("TIEN", "VO": one letter changed or one too many), if
    there is exactly one: the name line carries no check digit."""
    words = found.full_name.split()
    if not words:
        return found
    spelled = [_spelled(word, first=index == 0) for index, word in enumerate(words)]
    return with_name(found, " ".join(spelled)) if spelled != words else found


def is_name(word: str, first: bool = False) -> bool:
    """Whether ``word`` (with its marks) is a family name (``first``) or a name syllable."""
    lower = word.lower()
    return any(s == lower and kind != "syllable" for s, kind in syllables().spellings(fold(word), first))


def spells_a_name(word: str, first: bool = False) -> bool:
    """Whether the letters of ``word`` (marks ignored) spell a family name (``first``) or a name syllable."""
    return any(kind != "syllable" for _, kind in syllables().spellings(fold(word), first))


def every_word(words: list[str], spells) -> bool:
    """Whether every word of a name passes ``spells(word, first=...)`` (``is_syllable``, ``spells_a_name``),
    the first as a family name."""
    return all(spells(word, first=index == 0) for index, word in enumerate(words))


def is_syllable(word: str, first: bool = False) -> bool:
    """Whether ``word`` (any marks or none) spells a Vietnamese syllable."""
    vocabulary = syllables()
    letters = fold(word)
    return bool(vocabulary.spellings(letters, first) or vocabulary.spellings(letters, False))


def _spelled(word: str, first: bool) -> str:
    if is_syllable(word, first):
        return word
    letters = fold(word)
    names = set(syllables().names_by_letters(first))
    changed = {
        letters[:i] + c + letters[i + 1 :] for i in range(len(letters)) for c in "abcdeghiklmnopqrstuvxy"
    }
    shorter = {letters[:i] + letters[i + 1 :] for i in range(len(letters))}
    near = (changed | shorter) & names
    return near.pop().upper() if len(near) == 1 else word
