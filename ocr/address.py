"""Addresses as printed, plus the administrative units in force after the 1/7/2025 merger.

Cards issued before the merger name districts (abolished) and provinces that were merged 63 -> 34.
underthesea's converter maps them offline from a mapping bundled in the package (no download, no
model). Its package import is slow (about 2–3 s, once per process), so it is imported on first use.
"""

from __future__ import annotations

from functools import cache

from knowledge.text import clean

ADDRESS_FIELDS = ("place_of_residence", "place_of_origin", "place_of_birth")
CURRENT_SUFFIX = "_current"  # e.g. place_of_residence_current: the same address in today's units


@cache
def _converter():
    from underthesea.address import convert_address

    return convert_address


def current_units(address: str) -> tuple[str, bool] | None:
    """The address rewritten with today's ward and province, and whether the ward was resolved too
    (False: only the province). None when not even the province is known."""
    from underthesea.address import ConversionStatus

    result = _converter()(address)
    if result.status == ConversionStatus.SUCCESS:
        return clean(result.converted), True
    if result.status == ConversionStatus.PARTIAL and result.new.province:
        return clean(result.converted or result.new.province), False
    return None
