"""Printed fields anchored on the cards' labels (Vietnamese and English), read from OCR'd lines.

A label is matched word by word on the diacritic-folded text, tolerating one OCR slip per longer
word. A field's value is the text after its label on the same line, up to the next label, or, when
the label ends its line, the following line(s) up to the next labelled line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from knowledge.text import fold

from .tesseract import Line, Word, union

# field -> label word sequences (folded). Order matters only for display.
LABELS: dict[str, tuple[tuple[str, ...], ...]] = {
    "id_number": (
        ("so", "dinh", "danh", "ca", "nhan"),
        ("so", "dinh", "danh"),
        ("personal", "identification", "number"),
        ("personal", "no"),
    ),
    "full_name": (("ho", "va", "ten"), ("ho", "chu", "dem", "va", "ten", "khai", "sinh"), ("full", "name")),
    "date_of_birth": (("ngay", "sinh"), ("ngay", "thang", "nam", "sinh"), ("date", "of", "birth")),
    "sex": (("gioi", "tinh"), ("sex",)),
    "nationality": (("quoc", "tich"), ("nationality",)),
    "place_of_origin": (("que", "quan"), ("place", "of", "origin")),
    "place_of_residence": (("noi", "thuong", "tru"), ("noi", "cu", "tru"), ("place", "of", "residence")),
    "place_of_birth": (("noi", "dang", "ky", "khai", "sinh"), ("noi", "sinh"), ("place", "of", "birth")),
    "date_of_expiry": (
        ("co", "gia", "tri", "den"),
        ("ngay", "thang", "nam", "het", "han"),
        ("date", "of", "expiry"),
    ),
    "date_of_issue": (
        ("ngay", "thang", "nam", "cap"),
        ("ngay", "cap"),
        ("date", "of", "issue"),
        ("ngay", "thang", "nam"),
        ("date", "month", "year"),
    ),
    "passport_number": (("so", "ho", "chieu"), ("passport", "no")),
    # Labels of things that are not contract fields: they end the value before them.
    "_other": (
        ("noi", "cap"),
        ("place", "of", "issue"),
        ("loai",),
        ("type",),
        ("ma", "so"),
        ("code",),
        ("dac", "diem", "nhan", "dang"),
        ("personal", "identification"),
    ),
}
# The words of the English labels: one read in lower case just after a label is the end of its
# English half (a Vietnamese value may hold a label word: "Chung cư ...").
ENGLISH = frozenset(
    [
        "birth",
        "code",
        "date",
        "expiry",
        "full",
        "identification",
        "issue",
        "month",
        "name",
        "nationality",
        "no",
        "number",
        "of",
        "origin",
        "passport",
        "personal",
        "place",
        "residence",
        "sex",
        "type",
        "year",
    ]
)
# Words after a label that are all less certain than this are specks, when a value is found below.
WEAK = 0.5
# Words after a label smaller than this share of its letters' height are specks; a lone character
# ("Š" read from a dot on the label's baseline) must be nearly as tall as the label's letters.
SPECK_WORD = 0.55
SPECK_CHAR = 0.8
# A word just before a value's first, which the page reading gave less confidence than this, at most
# this many letter heights away and at least this share of their height: a word of the value it
# could not read ("#n" for the "An" of "An Hòa"), worth reading again alone.
DOUBTED = 0.1
DOUBTED_GAP = 1.5
DOUBTED_HEIGHT = 0.7
# Fields whose value may wrap onto a second printed line.
MULTILINE = {"place_of_origin", "place_of_residence", "place_of_birth"}


@dataclass
class LabelledValue:
    field: str
    words: list[Word]
    doubted: Word | None = None  # a word just before the value the page reading could not read

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float:
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else 0.0

    @property
    def box(self) -> list[int] | None:
        return list(union([w.box for w in self.words])) if self.words else None


def _token(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(b) < 4 or abs(len(a) - len(b)) > 1:
        return False
    # one substitution, insertion or deletion
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(frozen=True)
class _Match:
    field: str
    start: int  # index of the first word of the label
    end: int  # index after its last word


def _matches(tokens: list[str]) -> tuple[_Match, ...]:
    """Labels found in a line's tokens, longest first at each position. Short one-word labels
    (``sex``, ``loại``) must match exactly: a fuzzy ``loai`` would also match ``lợi`` in addresses.
    Remembered: a page's lines and the runs of words under its labels are matched over and over
    (every label against every position: a fifth of a page's Python time)."""
    return _matches_of(tuple(tokens))


@lru_cache(maxsize=4096)
def _matches_of(key: tuple[str, ...]) -> tuple[_Match, ...]:
    tokens = list(key)
    found: list[_Match] = []
    i = 0
    while i < len(tokens):
        best: _Match | None = None
        best_words = 0  # label words matched
        for name, labels in LABELS.items():
            for label in labels:
                if len(label) <= best_words:
                    continue
                end, misread = _label_end(tokens, i, label)
                if end is not None and len(label) - misread > best_words:
                    best, best_words = _Match(name, i, end), len(label) - misread
        if best:
            best = replace(best, end=_english_part(tokens, best))
            floor = found[-1].end if found else 0
            found.append(replace(best, start=_misread_half_start(tokens, best, floor)))
            i = best.end
        else:
            i += 1
    return tuple(_merge_bilingual(found, tokens))


def _misread_half_start(tokens: list[str], match: _Match, floor: int) -> int:
    """Where a label found by its English half alone starts when the words before it end as a
    Vietnamese label of its field of three words or more does, at least two of them read, its first
    words misread (".”. ký khai sinh / Place of birth"): as many words before as that label has, not
    before ``floor`` (the line's start or the label before). The value's column starts there."""
    if tokens[match.start] not in ENGLISH:
        return match.start
    read = [i for i in range(floor, match.start) if tokens[i]]
    for label in LABELS[match.field]:
        if label[0] in ENGLISH or len(label) < 3:
            continue
        tail = [tokens[i] for i in read[-(len(label) - 1) :]]
        kept = next((k for k in range(len(tail), 1, -1) if tuple(tail[-k:]) == label[-k:]), 0)
        if kept and kept < len(label):
            return max(floor, read[-kept] - (len(label) - kept))
    return match.start


# A label of this many words or more is still found with one word after its first misread
# ("Họ, chữ đệm Su, tên khai sinh").
LONG_LABEL = 5


def _label_end(tokens: list[str], start: int, label: tuple[str, ...]) -> tuple[int | None, int]:
    """Where ``label`` ends if it starts at ``tokens[start]`` (else None), and how many of its words
    were misread. Its words, or two of them, may be read as one token ("Giớitính:", "Zemvà" for
    "đệm và"); between its words, a one-character token is skipped: a speck or a stroke of the
    background read as ``v`` or ``\\``. A Vietnamese label of three words or more is found with its
    first word misread when all the others read exactly ("ho thường trú:")."""
    same = _close if len(label) > 1 or len(label[0]) >= 7 else str.__eq__
    if len(label) > 1 and _close(tokens[start], "".join(label)):
        return start + 1, 0
    position, misread, k = start, 0, 0
    while k < len(label):
        word = label[k]
        while (
            k and position < len(tokens) and len(tokens[position]) <= 1 and not same(tokens[position], word)
        ):
            position += 1
        if position >= len(tokens):
            return None, misread
        token = tokens[position]
        if same(token, word):
            k, position = k + 1, position + 1
            continue
        if k + 1 < len(label) and _close(token, word + label[k + 1]):
            k, position = k + 2, position + 1
            continue
        if not k:
            rest = tokens[position + 1 : position + len(label)]
            if len(label) < 3 or word in ENGLISH or not token or rest != list(label[1:]):
                return None, misread
        elif misread or len(label) < LONG_LABEL or not token:
            return None, misread
        misread += 1
        k += 1
        if k < len(label) and same(token, label[k]):
            continue  # the word was lost, not misread ("Họ, chữ đệm . tên khai sinh")
        position += 1
    return position, misread


def _english_part(tokens: list[str], match: _Match) -> int:
    """Where a label ends once its other-language half is included even with one word misread
    (``Nơi sinh / Place of bắrthc``): a multi-word label of the same field right after it, all but
    one word matching."""
    start = match.end
    while start < len(tokens) and not tokens[start]:
        start += 1
    length = _half_label(tokens[start:], match.field)
    return start + length if length else match.end


def _half_label(tokens: list[str], field: str) -> int:
    """The number of words at the start of ``tokens`` that are a label of ``field`` of three words
    or more, all but one word matching, its first among them (``Date øf expiry``); else 0."""
    for label in LABELS[field]:
        window = tokens[: len(label)]
        if len(label) >= 3 and len(window) == len(label):
            hits = sum(_close(token, word) for token, word in zip(window, label, strict=True))
            if hits >= len(label) - 1 and _close(window[0], label[0]):
                return len(label)
    return 0


def _merge_bilingual(found: list[_Match], tokens: list[str]) -> list[_Match]:
    """``Họ và tên / Full name``: the Vietnamese and English labels of one field become one match."""
    merged: list[_Match] = []
    for match in found:
        gap = tokens[merged[-1].end : match.start] if merged else None
        if merged and merged[-1].field == match.field and all(not t for t in gap):
            merged[-1] = replace(merged[-1], end=match.end)
        else:
            merged.append(match)
    return merged


def _value_words(words: list[Word], tokens: list[str]) -> list[Word]:
    """Words with letters or digits that Tesseract is not unsure of (separators and specks of the
    background read as ``@``, ``'`` or a lone ``ấ`` are dropped). A word in capitals is kept however
    unsure: a name's stacked marks (``NGUYỄN``) can cost it all its confidence."""
    return [
        w
        for w, t in zip(words, tokens, strict=True)
        if t
        and (
            w.confidence >= (0.5 if len(t) == 1 else 0.1)
            or (len(t) > 1 and w.text.isalpha() and w.text.isupper())
        )
    ]


@dataclass
class _Parsed:
    line: Line
    tokens: list[str]
    matches: tuple[_Match, ...]


def find_values(lines: list[Line]) -> dict[str, LabelledValue]:
    """The value of every labelled field found in ``lines`` (first occurrence wins).

    Labels may sit side by side in columns (``Giới tính`` and ``Quốc tịch``; a passport's two
    columns); a value printed below a label is taken from the words under that label's column only.
    """
    parsed = []
    for line in lines:
        tokens = [_token(w.text) for w in line.words]
        parsed.append(_Parsed(line, tokens, _matches(tokens)))
    values: dict[str, LabelledValue] = {}
    for index, entry in enumerate(parsed):
        words = entry.line.words
        for k, match in enumerate(entry.matches):
            if match.field in values or match.field.startswith("_"):
                continue
            following = entry.matches[k + 1] if k + 1 < len(entry.matches) else None
            stop = following.start if following else len(words)
            label_box = union([w.box for w in words[match.start : match.end]])
            right = words[following.start].box[0] if following else 10**9
            span = (label_box[0], label_box[0] + label_box[2], right)
            height = _letter_height(words[match.start : match.end])
            value = _without_label_words(
                [
                    w
                    for w in _value_words(*_same_line_run(words, entry.tokens, match.end, stop))
                    if w.box[3] >= (SPECK_CHAR if len(_token(w.text)) == 1 else SPECK_WORD) * height
                ],
                match.field,
            )
            if not value or max(w.confidence for w in value) < WEAK:
                # Nothing after the label, or only specks Tesseract doubts: the value is below.
                lines_below = 2 if match.field in MULTILINE else 1
                value = _below(parsed, index, match.field, span, lines_below) or value
            elif match.field in MULTILINE:
                value += _below(parsed, index, match.field, span, 1, anchor=union([w.box for w in value]))
            value = _without_label_words(value, match.field)
            if value:
                values[match.field] = LabelledValue(match.field, value, _doubted_before(parsed, value[0]))
    return values


def _doubted_before(parsed: list[_Parsed], first: Word) -> Word | None:
    """The word just before ``first`` on its line when the page reading all but gave up on it
    (confidence under ``DOUBTED``) though it is as tall as ``first`` and a word's gap from it."""
    for entry in parsed:
        words = entry.line.words
        index = next((i for i, w in enumerate(words) if w is first), None)
        if index is None:
            continue
        if index == 0:
            return None
        word = words[index - 1]
        gap = first.box[0] - (word.box[0] + word.box[2])
        tall = word.box[3] >= DOUBTED_HEIGHT * first.box[3]
        if word.confidence < DOUBTED and tall and 0 <= gap <= DOUBTED_GAP * first.box[3]:
            return word
        return None
    return None


def _letter_height(words: list[Word]) -> int:
    """The height of a label's letters: the lower median of its words' heights (a word merged with
    a stroke of the background, or a tall slash, must not make the value's letters look like specks)."""
    heights = sorted(w.box[3] for w in words)
    return heights[(len(heights) - 1) // 2]


def _without_label_words(words: list[Word], field: str) -> list[Word]:
    """Drop the leftovers of a half-read label (``Place`` of ``Place of birth``) before the value,
    with a misread word just before one (``KN name.`` of ``Full name``). Labels are printed in
    mixed case, only their first words capitalized: a word in capitals is a value (the family name
    ``HỒ``), and so is a capitalized word that only a later word of a label spells (the ward ``Quan
    Hoa`` under ``Quê quán``, ``Cư xá ...`` under ``Nơi cư trú``)."""
    label_words = {word for label in LABELS[field] for word in label}
    first_words = {label[0] for label in LABELS[field]}

    def is_label_word(word: Word) -> bool:
        token = _token(word.text)
        return (
            token in label_words
            and not word.text.isupper()
            and (token in first_words or not word.text[:1].isupper())
        )

    if len(words) > 1 and words[1].text.islower() and _token(words[1].text) in label_words & ENGLISH:
        words = words[1:]
    while words and is_label_word(words[0]):
        words = words[1:]
    return words


def _same_line_run(words: list[Word], tokens: list[str], start: int, stop: int):
    """The words right after a label on its line, up to the next label or a column gap (Tesseract
    joins text of two columns into one line: the left column's label and the right one's value)."""
    end = start
    while end < stop:
        reference = words[end - 1].box if end > start else words[start - 1].box
        if words[end].box[0] - (reference[0] + reference[2]) > 3 * max(reference[3], 10):
            break
        end += 1
    return words[start:end], tokens[start:end]


def _straddles(word: Word, left: int, margin: int) -> bool:
    """A word starting left of a column but reaching well into it: a speck Tesseract joined to it."""
    return word.box[0] < left - margin and word.box[0] + word.box[2] > left + margin


def _column_run(words: list[Word], tokens: list[str], left: int, label_right: int, right: int):
    """The run of words that starts under the label (between its left and right edges) and goes on
    rightwards until the next column starts or a wide gap."""
    margin = 25
    start = next(
        (
            i
            for i, w in enumerate(words)
            if left - margin <= w.box[0] < label_right + margin or _straddles(w, left, margin)
        ),
        None,
    )
    if start is None:
        return [], []
    end = start + 1
    while end < len(words):
        previous, word = words[end - 1].box, words[end].box
        if word[0] >= right - margin or word[0] - (previous[0] + previous[2]) > 3 * max(previous[3], 10):
            break
        end += 1
    return words[start:end], tokens[start:end]


def _below(
    parsed: list[_Parsed],
    index: int,
    field: str,
    span: tuple[int, int, int],
    limit: int,
    anchor: tuple[int, int, int, int] | None = None,
) -> list[Word]:
    """Words of up to ``limit`` lines below line ``index`` in the label's column (``span``: label
    left, label right, next label's left): a line holding only the same field's label (a label
    printed on two lines) is skipped; another label ends the value."""
    left, label_right, right = span
    label_words = [w for w in parsed[index].line.words if left <= w.box[0] < right]
    label_height = _letter_height(label_words)
    anchor = anchor or union([w.box for w in label_words])
    runs = []
    middle = anchor[1] + anchor[3] / 2
    for k, entry in enumerate(parsed):
        words, tokens = _column_run(entry.line.words, entry.tokens, left, label_right, right)
        # A line ordered before the label's (a tall speck at its start lifted its box) may still
        # hold the value if its words in the column start below the label's middle; one ordered
        # after it (the speck lifted the label's line) is no value if they end above that middle
        # (a passport's type "P" over its name's label).
        if words and (
            (k > index and max(w.box[1] + w.box[3] for w in words) > middle)
            or (k < index and min(w.box[1] for w in words) > middle)
        ):
            runs.append((min(w.box[1] for w in words), words, tokens))
    taken: list[Word] = []
    for top, words, tokens in sorted(_without_ghosts(_without_specks(runs)), key=lambda run: run[0]):
        if top - (anchor[1] + anchor[3]) > 1.6 * anchor[3]:
            break  # too far below to be this label's value
        if max(w.box[3] for w in words) < 0.6 * label_height:
            continue  # specks of the background pattern, not text
        box = union([w.box for w in words])
        matches = _matches(tokens)
        if matches and not all(m.field == field for m in matches):
            break
        read = [t for t in tokens if t]
        if matches or (read and _half_label(read, field) == len(read)):
            anchor = box  # the label's other half on a line of its own ("Date øf expiry")
            continue
        kept = _value_words(words, tokens)
        if not kept:
            continue  # only specks Tesseract doubts: not a line of the value
        taken.extend(kept)
        anchor = box
        limit -= 1
        if limit == 0:
            break
    return taken


def _without_specks(runs: list[tuple[int, list[Word], list[str]]]) -> list[tuple[int, list[Word], list[str]]]:
    """The runs (top, words, tokens) less those of small marks read as a line of their own beside a
    line of much taller letters (a "2" read from a speck just above a name). A run holding a label
    is kept: it ends the value."""

    def height(words: list[Word]) -> int:
        return _letter_height(words)

    return [
        run
        for run in runs
        if _matches(run[2])
        or not any(
            height(other[1]) * 0.6 > max(w.box[3] for w in run[1])
            and abs(other[0] - run[0]) < height(other[1])
            for other in runs
        )
    ]


def _without_ghosts(runs: list[tuple[int, list[Word], list[str]]]) -> list[tuple[int, list[Word], list[str]]]:
    """The runs less those Tesseract read as a line of their own from marks or specks over another
    run's letters (``Lì`` from the marks over ``NGUYỄN``): every word lies over a word of a more
    confident run, overlapping it or in the band of its marks above it. A run holding a label is
    kept."""

    def over(word: Word, other: Word) -> bool:  # or in the band of its marks, half its height
        (x, y, w, h), (ox, oy, ow, oh) = word.box, other.box
        return x < ox + ow and ox < x + w and y < oy + oh and oy - oh / 2 < y + h

    def confidence(words: list[Word]) -> float:
        return sum(w.confidence for w in words) / len(words)

    return [
        run
        for run in runs
        if _matches(run[2])
        or not any(
            other is not run
            and confidence(other[1]) > confidence(run[1])
            and all(any(over(w, o) for o in other[1]) for w in run[1])
            for other in runs
        )
    ]


def band_below(lines: list[Line], field: str) -> tuple[int, int, int, int] | None:
    """The band (x, y, w, h) under ``field``'s label, between the label and the next labelled line
    and across the page's text: where its value is printed when the page reading lost it. Its
    middle three fifths: ``tesseract.crop_line`` pads a box by a third of its height."""
    parsed = [(line, _matches([_token(w.text) for w in line.words])) for line in lines]
    for index, (line, matches) in enumerate(parsed):
        match = next((m for m in matches if m.field == field), None)
        if match is None:
            continue
        label = union([w.box for w in line.words[match.start : match.end]])
        top = label[1] + label[3]
        bottom = next(
            (below.box[1] for below, found in parsed[index + 1 :] if found and below.box[1] > top), None
        )
        right = max(w.box[0] + w.box[2] for below in lines for w in below.words)
        if bottom is None or bottom - top < label[3]:
            return None
        height = bottom - top
        return label[0] - label[3], top + height // 5, right - label[0] + label[3], 3 * height // 5
    return None
