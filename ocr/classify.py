"""Which document a page is: from the MRZ's shape, the QR payload, and the printed labels' words."""

from __future__ import annotations

from knowledge.text import fold

from .mrz import Mrz
from .qr import QrPayload
from .schema import DocumentType

# Folded phrases that only one card generation or side prints.
_KEYWORDS: tuple[tuple[DocumentType, tuple[str, ...]], ...] = (
    ("passport", ("ho chieu", "passport", "noi cap", "place of issue")),
    (
        "cancuoc_2024_back",
        ("noi dang ky khai sinh", "place of birth", "noi cu tru", "ngay het han", "bo cong an"),
    ),
    ("cccd_2021_back", ("dac diem nhan dang", "personal identification", "date, month, year")),
    ("cccd_2021_front", ("citizen identity card", "place of origin", "que quan", "date of birth")),
    ("cancuoc_2024_front", ("identity card", "so dinh danh ca nhan", "chu dem va ten khai sinh")),
    ("cccd_2016_front", ("can cuoc cong dan", "que quan", "noi thuong tru", "ho va ten")),
)


def keyword_scores(text: str) -> dict[DocumentType, int]:
    folded = fold(text)
    return {kind: sum(phrase in folded for phrase in phrases) for kind, phrases in _KEYWORDS}


def classify(text: str, mrz: Mrz | None, qr: QrPayload | None) -> DocumentType:
    """The document type. Machine-readable evidence decides first: a TD3 MRZ is a passport; a TD1 MRZ is
    a card back (2024 if it also has a QR or the 2024 back's labels); a QR alone is a 2021 front (the
    2024 payload has an expiry position too). Otherwise the printed labels decide."""
    scores = keyword_scores(text)
    if mrz is not None and mrz.kind == "TD3":
        return "passport"
    if mrz is not None:
        if qr is not None or scores["cancuoc_2024_back"] > scores["cccd_2021_back"]:
            return "cancuoc_2024_back"
        return "cccd_2021_back"
    if qr is not None:
        return "cancuoc_2024_back" if qr.size >= 8 else "cccd_2021_front"
    if scores["passport"]:
        return "passport"
    # English labels exist on the 2021 front but not on the 2016 front.
    if scores["cccd_2021_front"] >= 3:
        return "cccd_2021_front"
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] > 0 else "unknown"
