"""Machine-readable zones (ICAO 9303): check digits, and reading TD1 (cards) and TD3 (passports)."""

from __future__ import annotations

_WEIGHTS = (7, 3, 1)


def _char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"not an MRZ character: {char!r}")


def check_digit(field: str) -> int:
    """The ICAO 9303 check digit of ``field``: values weighted 7, 3, 1 repeating, summed modulo 10."""
    return sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10
