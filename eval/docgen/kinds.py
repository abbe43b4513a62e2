"""The document types and degradation levels the generator makes."""

from __future__ import annotations

from typing import Literal, get_args

from ocr.schema import DocumentType  # the generator makes every type but "unknown"

CardKind = Literal["cccd_2016", "cccd_2021", "cancuoc_2024", "passport"]
# The card behind each face: a front and a back of one card show the same holder.
CARD_KIND: dict[DocumentType, CardKind] = {
    "cccd_2016_front": "cccd_2016",
    "cccd_2021_front": "cccd_2021",
    "cccd_2021_back": "cccd_2021",
    "cancuoc_2024_front": "cancuoc_2024",
    "cancuoc_2024_back": "cancuoc_2024",
    "passport": "passport",
}
DOCUMENT_TYPES: tuple[DocumentType, ...] = tuple(CARD_KIND)
Level = Literal["clean", "mild", "moderate", "hard"]
LEVELS: tuple[Level, ...] = get_args(Level)
