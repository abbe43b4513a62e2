"""Composing machine-readable zones (ICAO 9303): TD1 for the chip and 2024 cards, TD3 for passports.

Reading and repairing an MRZ is the reader's job (``ocr.mrz``); its check digit is reused here.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from ocr.mrz import check_digit

NO_EXPIRY = "991231"


def mrz_name(family: str, given: str, width: int) -> str:
    """``SURNAME<<GIVEN<NAMES`` without diacritics (Đ -> D), padded or cut to ``width``."""
    text = f"{_latin(family)}<<{_latin(given).replace(' ', '<')}"
    return _pad(text, width)


def yymmdd(day: date | None) -> str:
    return NO_EXPIRY if day is None else day.strftime("%y%m%d")


def with_check(field: str) -> str:
    return f"{field}{check_digit(field)}"


def td1(
    id_number: str, date_of_birth: date, sex: str, date_of_expiry: date | None, family: str, given: str
) -> list[str]:
    """The Vietnamese card MRZ: the 12-digit number follows the 9-digit document number on line 1."""
    line1 = "IDVNM" + with_check(id_number[-9:]) + with_check(id_number + "<<")
    line2 = with_check(yymmdd(date_of_birth)) + sex + with_check(yymmdd(date_of_expiry)) + "VNM" + "<" * 11
    return [line1, line2 + str(td1_composite_check(line1, line2)), mrz_name(family, given, 30)]


def td1_composite_check(line1: str, line2: str) -> int:
    """TD1's last digit: over line 1 positions 6-30 and line 2 positions 1-7, 9-15 and 19-29."""
    return check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])


def td3(
    passport_number: str,
    date_of_birth: date,
    sex: str,
    date_of_expiry: date,
    family: str,
    given: str,
    personal_number: str,
    country: str = "VNM",
) -> list[str]:
    """The passport data page MRZ; the 12-digit ID sits in the personal-number field."""
    line1 = _pad(f"P<{country}" + mrz_name(family, given, 39), 44)
    document = with_check(_pad(passport_number, 9))
    born = with_check(yymmdd(date_of_birth))
    expires = with_check(yymmdd(date_of_expiry))
    personal = with_check(_pad(personal_number, 14))
    composite = document + born + expires + personal
    return [line1, document + country + born + sex + expires + personal + str(check_digit(composite))]


def _latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.upper().replace("Đ", "D").replace("đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pad(text: str, width: int) -> str:
    return text[:width].ljust(width, "<")
