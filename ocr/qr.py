"""The QR code of the 2021 chip card (front) and the 2024 card (back): decode it and parse its payload.

Payload (id-documents.md): ``ID|old ID or empty|full name|birth ddmmyyyy|Nam or Nữ|residence|issue
ddmmyyyy`` and, on newer cards, more fields after these. Each position is validated on its own; a
position that fails is dropped (with a warning) rather than trusted, and extra fields are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from PIL import Image

from knowledge.text import clean


@dataclass
class QrCode:
    text: str
    box: tuple[int, int, int, int]  # x, y, w, h in the image it was read from
    orientation: int  # degrees the code is rotated, as zxing reports it


@dataclass
class QrPayload:
    id_number: str | None = None
    old_id_number: str | None = None
    full_name: str | None = None
    date_of_birth: str | None = None
    sex: str | None = None
    place_of_residence: str | None = None
    date_of_issue: str | None = None
    date_of_expiry: str | None = None
    size: int = 0  # how many positions the payload has (7 on the 2021 card, 8 on the 2024 card)
    extra: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, str]:
        """The contract fields the payload carries (valid positions only). The card is issued to
        Vietnamese citizens only, so a card payload also says the nationality."""
        values = {name: getattr(self, name) for name, _ in _POSITIONS if getattr(self, name)}
        return {**values, "nationality": "VNM"}


def decode(image: Image.Image) -> list[QrCode]:
    """Every QR code zxing-cpp finds in ``image`` (any rotation)."""
    import zxingcpp

    gray = np.asarray(image.convert("L"))
    found = []
    for result in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode):
        if not result.valid or not result.text:
            continue
        pos = result.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        box = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        found.append(QrCode(text=result.text, box=box, orientation=int(result.orientation)))
    return found


def _ddmmyyyy(text: str) -> str | None:
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2])).isoformat()
    except ValueError:
        return None


def _sex(text: str) -> str | None:
    folded = clean(text).lower()
    return {"nam": "M", "nữ": "F", "nu": "F"}.get(folded)


# position -> (field, validator); a validator returns the normalized value or None if invalid.
_POSITIONS = (
    ("id_number", lambda t: t if re.fullmatch(r"\d{12}", t) else None),
    ("old_id_number", lambda t: t if re.fullmatch(r"\d{9}", t) else None),
    ("full_name", lambda t: None if re.search(r"\d", t) else clean(t).upper() or None),
    ("date_of_birth", _ddmmyyyy),
    ("sex", _sex),
    ("place_of_residence", lambda t: clean(t) or None),
    ("date_of_issue", _ddmmyyyy),
    ("date_of_expiry", _ddmmyyyy),  # 2024 card; empty when the card has no expiry
)


def parse_payload(text: str) -> QrPayload | None:
    """Parse a card QR payload; None when it is not one (no valid 12-digit ID in first position)."""
    parts = text.strip().split("|")
    if not re.fullmatch(r"\d{12}", parts[0].strip()):
        return None
    payload = QrPayload(size=len(parts), extra=parts[len(_POSITIONS) :])
    for (name, validate), raw in zip(_POSITIONS, parts, strict=False):
        raw = raw.strip()
        if not raw:
            continue
        value = validate(raw)
        if value is None:
            payload.warnings.append(f"QR field {name} is not valid: ignored")
        else:
            setattr(payload, name, value)
    return payload
