"""Which document a page is, from every piece of evidence at once: the MRZ's shape and check digits,
the QR payload, and the printed label phrases of each card generation and side.

Each piece of evidence adds to the types that carry it and takes from those that cannot, so one
weak signal (a misread phrase, an MRZ whose check digits fail) does not decide alone. A page whose
best type is not clearly ahead is ``unknown``: staff are asked rather than shown a wrong form.
"""

from __future__ import annotations

import re

from knowledge.text import edit_distance, fold

from .mrz import Mrz
from .qr import QrPayload
from .schema import DocumentType

F2016, F2021, B2021 = "cccd_2016_front", "cccd_2021_front", "cccd_2021_back"
F2024, B2024, PASSPORT = "cancuoc_2024_front", "cancuoc_2024_back", "passport"
TYPES: tuple[DocumentType, ...] = (F2016, F2021, B2021, F2024, B2024, PASSPORT)

# Folded label phrases and the types that print them (id-documents.md). Longer phrases are matched
# first and consume their words, so "personal identification number" (2024 front) is not also
# "personal identification" (2021 back), nor "citizen identity card" also "identity card".
PHRASES: dict[str, frozenset[str]] = {
    phrase: frozenset(types)
    for phrase, types in (
        ("doc lap tu do hanh phuc", (F2016, F2021)),
        ("independence freedom happiness", (F2021,)),
        ("socialist republic of viet nam", (F2021, F2024, PASSPORT)),
        ("can cuoc cong dan", (F2016, F2021)),
        ("citizen identity card", (F2021,)),
        ("can cuoc", (F2024,)),
        ("identity card", (F2024,)),
        ("so dinh danh ca nhan", (F2024,)),
        ("personal identification number", (F2024,)),
        ("ho chu dem va ten khai sinh", (F2024,)),
        ("ho va ten", (F2016, F2021, PASSPORT)),
        ("full name", (F2021, F2024, PASSPORT)),
        ("ngay thang nam sinh", (F2016, F2024)),
        ("ngay sinh", (F2021, PASSPORT)),
        ("date of birth", (F2021, F2024, PASSPORT)),
        ("que quan", (F2016, F2021)),
        ("place of origin", (F2021,)),
        ("noi thuong tru", (F2016, F2021)),
        ("place of residence", (F2021, B2024)),
        ("co gia tri den", (F2016, F2021, PASSPORT)),
        ("date of expiry", (F2021, B2024, PASSPORT)),
        ("khong thoi han", (F2016, F2021, B2024)),
        ("dac diem nhan dang", (B2021,)),
        ("personal identification", (B2021,)),
        ("ngay thang nam", (B2021,)),
        ("date month year", (B2021,)),
        ("ngon tro trai", (B2021,)),
        ("ngon tro phai", (B2021,)),
        ("left index finger", (B2021,)),
        ("right index finger", (B2021,)),
        ("cuc canh sat quan ly hanh chinh", (B2021,)),
        ("noi cu tru", (B2024,)),
        ("noi dang ky khai sinh", (B2024,)),
        ("place of birth", (B2024, PASSPORT)),
        ("ngay thang nam cap", (B2024,)),
        ("ngay thang nam het han", (B2024,)),
        ("date of issue", (B2024, PASSPORT)),
        ("bo cong an", (B2024,)),
        ("ho chieu", (PASSPORT,)),
        ("passport", (PASSPORT,)),
        ("ma so code", (PASSPORT,)),
        ("ngay cap", (PASSPORT,)),
        ("noi sinh", (PASSPORT,)),
        ("noi cap", (PASSPORT,)),
        ("place of issue", (PASSPORT,)),
        ("personal no", (PASSPORT,)),
    )
}
_LONGEST_FIRST = sorted(PHRASES, key=len, reverse=True)

TYPES_WITH_QR = frozenset({F2021, B2024})
PHRASE_WEIGHT = 1.0  # a phrase read: for the types that print it, against those that do not
CODE_WEIGHT = 4.0  # a QR payload or an MRZ whose check digits all pass
UNCHECKED_WEIGHT = 2.0  # an MRZ read with some check digit failing
NO_QR_WEIGHT = 1.0  # no card QR read: a QR decodes reliably, but glare can hide it
# The best type needs a score and a lead over the next type of at least these, and the two
# together at least CONVINCING: a narrow lead needs more evidence.
MIN_SCORE, MIN_LEAD, CONVINCING = 2.0, 1.0, 4.0


def _same_word(read: str, printed: str) -> bool:
    """Equal, or one OCR slip apart for a word of four letters or more."""
    if read == printed:
        return True
    return len(printed) >= 4 and abs(len(read) - len(printed)) <= 1 and edit_distance(read, printed) <= 1


def phrases_in(text: str) -> list[str]:
    """The label phrases in ``text`` (folded, punctuation ignored, one slip per longer word), longest
    first, each word of the text used by one phrase at most."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    used = [False] * len(words)
    found = []
    for phrase in _LONGEST_FIRST:
        wanted = phrase.split()
        for start in range(len(words) - len(wanted) + 1):
            span = range(start, start + len(wanted))
            if not any(used[i] for i in span) and all(
                _same_word(words[i], word) for i, word in zip(span, wanted, strict=True)
            ):
                found.append(phrase)
                for i in span:
                    used[i] = True
                break
    return found


def scores(text: str, mrz: Mrz | None, qr: QrPayload | None) -> dict[DocumentType, float]:
    """Each document type's score from the page's label phrases, MRZ and QR payload."""
    score: dict[DocumentType, float] = dict.fromkeys(TYPES, 0.0)

    def support(types: frozenset[str], weight: float) -> None:
        for kind in TYPES:
            score[kind] += weight if kind in types else -weight

    def against(types: frozenset[str], weight: float) -> None:
        for kind in types:
            score[kind] -= weight

    for phrase in phrases_in(text):
        support(PHRASES[phrase], PHRASE_WEIGHT)
    if qr is not None:
        # The 2021 front's payload has 7 positions; the 2024 back's adds the expiry (8 or more).
        support(frozenset({B2024} if qr.size >= 8 else {F2021}), CODE_WEIGHT)
    else:
        against(TYPES_WITH_QR, NO_QR_WEIGHT)
    if mrz is not None:
        weight = CODE_WEIGHT if mrz.valid else UNCHECKED_WEIGHT
        support(frozenset({PASSPORT} if mrz.kind == "TD3" else {B2021, B2024}), weight)
    return score


def classify(text: str, mrz: Mrz | None, qr: QrPayload | None) -> DocumentType:
    """The document type, or ``unknown`` when no type is convincingly ahead of the others."""
    ranked = sorted(scores(text, mrz, qr).items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, runner_up) = ranked[0], ranked[1]
    lead = top - runner_up
    return best if top >= MIN_SCORE and lead >= MIN_LEAD and top + lead >= CONVINCING else "unknown"
