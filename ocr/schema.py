"""Documents read from scans and pre-filled forms (see contracts.md, "Scans")."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

DocumentType = Literal[
    "cccd_2016_front",
    "cccd_2021_front",
    "cccd_2021_back",
    "cancuoc_2024_front",
    "cancuoc_2024_back",
    "passport",
    "unknown",
]
FieldSource = Literal["qr", "mrz", "ocr"]


class ExtractedField(BaseModel):
    value: Any
    confidence: float
    source: FieldSource
    bbox: list[int] | None = None  # [x, y, w, h] in the straightened page image
    agreed: bool = False  # another source on the same document read the same value


class Document(BaseModel):
    file: str
    page: int = 1
    document_type: DocumentType
    fields: dict[str, ExtractedField] = {}
    warnings: list[str] = []


class FilledItem(BaseModel):
    value: Any
    confidence: float
    source: str  # "<document_type>.<field>/<qr|mrz|ocr>", e.g. "cccd_2021_front.full_name/qr"
    agreed: bool


class PrefilledForm(BaseModel):
    form: str
    fields: dict[str, FilledItem] = {}
    missing: list[str] = []
    warnings: list[str] = []
