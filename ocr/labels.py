"""Printed fields anchored on the cards' labels (Vietnamese and English), read from OCR'd lines.

A label is matched word by word on the diacritic-folded text, tolerating one OCR slip per longer
word. A field's value is the text after its label on the same line, up to the next label, or, when
the label ends its line, the following line(s) up to the next labelled line.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.text import fold

from .tesseract import Line, Word, union

# field -> label word sequences (folded). Order matters only for display.
LABELS: dict[str, tuple[tuple[str, ...], ...]] = {
    "id_number": (("so", "dinh", "danh", "ca", "nhan"), ("personal", "identification", "number")),
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
    "date_of_issue": (("ngay", "thang", "nam", "cap"), ("date", "of", "issue"), ("date", "month", "year")),
}
# Fields whose value may wrap onto a second printed line.
MULTILINE = {"place_of_origin", "place_of_residence", "place_of_birth"}
_SEPARATORS = set("/:;|.,-_")


@dataclass
class LabelledValue:
    field: str
    words: list[Word]

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


@dataclass
class _Match:
    field: str
    start: int  # index of the first word of the label
    end: int  # index after its last word


def _matches(tokens: list[str]) -> list[_Match]:
    found: list[_Match] = []
    i = 0
    while i < len(tokens):
        best: _Match | None = None
        for name, labels in LABELS.items():
            for label in labels:
                if (
                    i + len(label) <= len(tokens)
                    and all(_close(tokens[i + k], word) for k, word in enumerate(label))
                    and (best is None or len(label) > best.end - best.start)
                ):
                    best = _Match(name, i, i + len(label))
        if best:
            found.append(best)
            i = best.end
        else:
            i += 1
    return _merge_bilingual(found, tokens)


def _merge_bilingual(found: list[_Match], tokens: list[str]) -> list[_Match]:
    """``Họ và tên / Full name``: the Vietnamese and English labels of one field become one match."""
    merged: list[_Match] = []
    for match in found:
        gap = tokens[merged[-1].end : match.start] if merged else None
        if merged and merged[-1].field == match.field and all(not t for t in gap):
            merged[-1].end = match.end
        else:
            merged.append(match)
    return merged


def _value_words(words: list[Word], tokens: list[str]) -> list[Word]:
    while words and not tokens[0]:
        words, tokens = words[1:], tokens[1:]
    return [w for w in words if w.text not in _SEPARATORS]


def find_values(lines: list[Line]) -> dict[str, LabelledValue]:
    """The value of every labelled field found in ``lines`` (first occurrence wins)."""
    values: dict[str, LabelledValue] = {}
    parsed = []
    for line in lines:
        tokens = [_token(w.text) for w in line.words]
        parsed.append((line, tokens, _matches(tokens)))
    for index, (line, tokens, matches) in enumerate(parsed):
        for k, match in enumerate(matches):
            if match.field in values:
                continue
            stop = matches[k + 1].start if k + 1 < len(matches) else len(tokens)
            words = _value_words(line.words[match.end : stop], tokens[match.end : stop])
            if not words:  # the value is printed below its label
                words = _following(parsed, index, match.field)
            elif match.field in MULTILINE and k + 1 == len(matches):
                words += _following(parsed, index, match.field, continuation=True)
            if words:
                values[match.field] = LabelledValue(match.field, words)
    return values


def _following(parsed, index: int, field: str, continuation: bool = False) -> list[Word]:
    """Words of the lines after ``index`` that carry no label: one line, or two for addresses."""
    words: list[Word] = []
    limit = 1 if continuation else (2 if field in MULTILINE else 1)
    anchor = parsed[index][0].box
    for line, _tokens, matches in parsed[index + 1 : index + 1 + limit]:
        if matches:
            break
        box = line.box
        if box[1] - (anchor[1] + anchor[3]) > 2.5 * anchor[3]:
            break  # too far below: not this field's value
        words.extend(line.words)
        anchor = box
    return words
