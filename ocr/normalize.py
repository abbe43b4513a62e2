"""Normalize values read by OCR to the contract's formats (contracts.md, "Scans")."""

from __future__ import annotations

import re
from datetime import date

from knowledge.text import clean, fold

# Digits Tesseract reads as letters in numeric fields.
_TO_DIGIT = str.maketrans("OoQDUIlLi|SsBZzGgT", "000001111155822667")


def digits(text: str) -> str:
    """``text`` with confusable letters repaired to digits and everything else but digits dropped."""
    return re.sub(r"\D", "", text.translate(_TO_DIGIT))


def id_number(text: str) -> str | None:
    """A 12-digit personal ID (or None): a run of 12 digits (confusable letters repaired) in ``text``."""
    for token in re.findall(r"(?<![\w/.])[0-9OoQDIlSBZGT]{12}(?![\w/.])", text):
        value = digits(token)
        if len(value) == 12:
            return value
    return None


def iso_date(text: str) -> str | None:
    """An ISO date from a printed dd/mm/yyyy (any separator, OCR slips in digits repaired)."""
    match = re.search(
        r"([0-9OoIlSBZG]{1,2})\s*[/.\-,]\s*([0-9OoIlSBZG]{1,2})\s*[/.\-,]\s*([0-9OoIlSBZG]{4})", text
    )
    if match:
        dd, mm, yyyy = (int(digits(part) or 0) for part in match.groups())
    else:
        only = digits(text)
        if len(only) != 8:
            return None
        dd, mm, yyyy = int(only[:2]), int(only[2:4]), int(only[4:])
    try:
        return date(yyyy, mm, dd).isoformat()
    except ValueError:
        return None


def no_expiry(text: str) -> bool:
    """True for "Không thời hạn" (no expiry), however the marks were read."""
    folded = fold(text)
    return "thoi han" in folded or "khong" in folded


def sex(text: str) -> str | None:
    """M or F from "Nam" / "Nữ" (also read doubled, "NữỮ"), "Male" / "Female" or the ICAO letter."""
    folded = fold(text)
    if re.search(r"\b(nu+|female|f)\b", folded):
        return "F"
    if re.search(r"\b(nam|male|m)\b", folded):
        return "M"
    return None


def nationality(text: str) -> str | None:
    folded = fold(text).replace(" ", "")
    if "vietnam" in folded or "vnm" in folded:
        return "VNM"
    return None


def full_name(text: str) -> str | None:
    """Capitals with diacritics, NFC, single spaces; digits and punctuation dropped."""
    letters = re.sub(r"[^\w\s]|[\d_]", " ", clean(text))
    value = clean(letters).upper()
    return value or None


def place(text: str) -> str | None:
    """An address or place as printed: NFC, single spaces, no stray leading/trailing punctuation,
    and no number of 9 digits or more at the end (the next column's ID number run into the line)."""
    value = re.sub(r"\s+\d{9,}$", "", clean(text)).strip(" :;.,-_|")
    return value or None


_TO_LETTER = str.maketrans("0125864", "OIZSBGA")


def passport_number(text: str) -> str | None:
    """A passport number as printed: capitals and digits. A Vietnamese one is a letter and 7 digits,
    so its look-alike characters are repaired by position (``C0407340``, not ``CO4O734O``)."""
    compact = re.sub(r"[^A-Z0-9]", "", text.upper())
    if len(compact) == 8 and compact[1:].translate(_TO_DIGIT).isdigit():
        return compact[0].translate(_TO_LETTER) + compact[1:].translate(_TO_DIGIT)
    return compact if 6 <= len(compact) <= 9 else None
