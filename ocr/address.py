"""Addresses as printed, plus the administrative units in force after the 1/7/2025 merger.

Cards issued before the merger name districts (abolished) and provinces that were merged 63 -> 34.
The old-to-new mapping of every ward ships inside the underthesea package (a JSON file, from
vietnamadminunits); it is read here as a file, once. Importing underthesea's own converter would
import the whole package, torch included: 3-25 s before the first scan of a process.

Units are matched on their bare names (marks folded, prefixes such as "Phường" or "Quận" dropped),
so the short form printed on older cards ("Cẩm Bình, Cẩm Xuyên, Hà Tĩnh") resolves as well as the
full one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from knowledge.text import clean

from .restore import admin_units, folded, strip_prefix

ADDRESS_FIELDS = ("place_of_residence", "place_of_origin", "place_of_birth")
CURRENT_SUFFIX = "_current"  # e.g. place_of_residence_current: the same address in today's units


def _key(unit: str) -> str:
    return "".join(folded(strip_prefix(clean(unit))).split())


@dataclass
class _Gazetteer:
    provinces: dict[str, str] = field(default_factory=dict)  # bare old province -> its new name
    # (old province, bare district, bare ward) -> new wards ("" district: any district); default first
    wards: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)


@cache
def _gazetteer() -> _Gazetteer:
    gazetteer, data = _Gazetteer(), admin_units()
    if not data:
        return gazetteer
    for old_key, old in data["old_province_names"].items():
        new = data["province_names"][data["province_mapping"][old_key]]["name"]
        gazetteer.provinces[_key(old["name"])] = new
    for record in data["ward_mapping"]:
        province, ward = _key(record["old_province"]), _key(record["old_ward"])
        for district in (_key(record["old_district"]), ""):
            new_wards = gazetteer.wards.setdefault((province, district, ward), [])
            if record["new_ward"] not in new_wards:
                new_wards.insert(0 if record.get("is_default") else len(new_wards), record["new_ward"])
    return gazetteer


def current_units(address: str) -> tuple[str, bool] | None:
    """The address rewritten with today's ward and province, and whether the ward was resolved to
    one new ward (False: only the province, or an old ward divided among several new ones). None
    when not even the province is known."""
    parts = [clean(part) for part in address.split(",") if clean(part)]
    gazetteer = _gazetteer()
    province = _key(parts[-1]) if parts else ""
    new_province = gazetteer.provinces.get(province)
    if new_province is None:
        return None
    if len(parts) >= 3:
        street, district, ward = parts[:-3], _key(parts[-2]), _key(parts[-3])
    else:
        street, district, ward = [], "", _key(parts[0]) if len(parts) == 2 else ""
    new_wards = gazetteer.wards.get((province, district, ward)) or gazetteer.wards.get((province, "", ward))
    if not new_wards:
        return new_province, False
    return ", ".join([*street, new_wards[0], new_province]), len(new_wards) == 1
