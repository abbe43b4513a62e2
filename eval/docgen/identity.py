"""Invented Vietnamese people and the cards issued to them, consistent the way real ones are.

The 12-digit number encodes the birth province, sex/century and birth year; issue and expiry dates
follow the renewal ages; addresses use pre-2025 units (ward, district, province) on cards issued
before the 1/7/2025 merger and the two-tier units (ward or commune, province) after it. Everything is
drawn from a ``random.Random`` so one seed always yields the same people.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Literal

from eval.docgen.kinds import CardKind
from knowledge.text import nfc

Sex = Literal["M", "F"]

# The generator's "today", fixed so the output depends on the seed alone.
TODAY = date(2026, 11, 1)
RENEWAL_AGES = (14, 25, 40, 60)
MERGER = date(2025, 7, 1)
# Issue windows of each card generation (the 2016 card until the chip card, and so on).
ISSUE_WINDOWS: dict[CardKind, tuple[date, date]] = {
    "cccd_2016": (date(2016, 1, 1), date(2020, 12, 31)),
    "cccd_2021": (date(2021, 1, 1), date(2024, 6, 30)),
    "cancuoc_2024": (date(2024, 7, 1), TODAY),
    "passport": (date(2016, 1, 1), TODAY),
}
_UNIT_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Phường", "Quận", "Huyện", "Tỉnh", "Xã")
_IDENTIFYING_MARKS = (
    "Nốt ruồi C:1cm trên sau cánh mũi phải",
    "Nốt ruồi C:1,5cm dưới sau mép trái",
    "Sẹo chấm C:2cm dưới trước đầu mày trái",
    "Sẹo chấm C:1cm trên trước đuôi mắt phải",
    "Nốt ruồi C:3cm dưới sau đuôi mắt trái",
)


@dataclass(frozen=True)
class Place:
    """An administrative location: ``district`` is None for the two-tier units after the merger."""

    ward: str
    district: str | None
    province: str
    province_kind: str  # "Tỉnh" or "Thành phố"

    def format(self, prefixed: bool) -> str:
        """``Phường X, Quận Y, Thành phố Z`` (prefixed) or ``X, Y, Z`` as the older cards print it."""
        parts = [self.ward, self.district] if self.district else [self.ward]
        if prefixed:
            return ", ".join([*parts, f"{self.province_kind} {self.province}"])
        return ", ".join([*(_bare(p) for p in parts), self.province])


@dataclass(frozen=True)
class Person:
    family: str
    middle: str
    given: str
    sex: Sex
    date_of_birth: date
    birth_province_code: str
    place_of_birth: Place
    place_of_origin: Place
    id_number: str
    old_id_number: str | None

    @property
    def name(self) -> str:
        """As the QR code writes it: ``Nguyễn Văn An``."""
        return " ".join(p for p in (self.family, self.middle, self.given) if p)

    @property
    def full_name(self) -> str:
        """As printed and in the contract: capitals with diacritics, NFC."""
        return nfc(self.name.upper())


@dataclass(frozen=True)
class Card:
    """One issued document: a card (front and back share it) or a passport."""

    kind: CardKind
    person: Person
    date_of_issue: date
    date_of_expiry: date | None  # None: "Không thời hạn"
    residence: str
    passport_number: str | None = None
    identifying_marks: str = ""


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def card_expiry(date_of_birth: date, date_of_issue: date) -> date | None:
    """The next renewal birthday (14, 25, 40, 60), or None from 58 on.

    A card issued within two years before a renewal age stays valid until the following one.
    """
    for age in RENEWAL_AGES:
        renewal = add_years(date_of_birth, age)
        if renewal > add_years(date_of_issue, 2):
            return renewal
    return None


def id_number(province_code: str, sex: Sex, date_of_birth: date, sequence: int) -> str:
    """Province of birth registration + sex/century digit + two-digit birth year + 6-digit sequence."""
    century = (date_of_birth.year - 1900) // 100
    digit = 2 * century + (0 if sex == "M" else 1)
    return f"{province_code}{digit}{date_of_birth.year % 100:02d}{sequence:06d}"


def make_card(rng: random.Random, kind: CardKind) -> Card:
    """A new person holding a ``kind`` document, with every date and number consistent."""
    start, end = ISSUE_WINDOWS[kind]
    issued = _random_day(rng, start, end)
    youngest = 1 if kind == "passport" else 14
    age_at_issue = rng.choice([rng.randint(youngest, 24), rng.randint(25, 59), rng.randint(60, 85)])
    born = add_years(issued, -age_at_issue) - timedelta(days=rng.randint(0, 364))
    person = _make_person(rng, born)
    if kind == "passport":
        years = 10 if age_at_issue >= 14 else 5
        return Card(
            kind=kind,
            person=person,
            date_of_issue=issued,
            date_of_expiry=add_years(issued, years) - timedelta(days=1),
            residence=_residence(rng, issued, person),
            passport_number=rng.choice("CCP") + f"{rng.randint(0, 9_999_999):07d}",
        )
    return Card(
        kind=kind,
        person=person,
        date_of_issue=issued,
        date_of_expiry=card_expiry(born, issued),
        residence=_residence(rng, issued, person),
        identifying_marks=rng.choice(_IDENTIFYING_MARKS),
    )


def _make_person(rng: random.Random, born: date) -> Person:
    names = _data("names.json")
    sex: Sex = rng.choice(["M", "F"])
    family = rng.choices([f for f, _ in names["family"]], weights=[w for _, w in names["family"]])[0]
    middle = [rng.choice(names["middle"][sex])]
    if rng.random() < 0.25:
        middle.append(_draw_unlike(rng, names["second_middle"][sex], middle))
    given = _draw_unlike(rng, names["given"][sex], middle)
    province = rng.choice(_data("places.json")["provinces_before_2025"])
    birth_place = _place_in(rng, province)
    origin = birth_place if rng.random() < 0.6 else _place_in(rng, _any_old_province(rng))
    has_cmnd = born.year < 2002 and rng.random() < 0.6
    return Person(
        family=family,
        middle=" ".join(middle),
        given=given,
        sex=sex,
        date_of_birth=born,
        birth_province_code=province["code"],
        place_of_birth=birth_place,
        place_of_origin=origin,
        id_number=id_number(province["code"], sex, born, rng.randint(0, 999_999)),
        old_id_number=f"{rng.randint(0, 3)}{rng.randint(0, 99_999_999):08d}" if has_cmnd else None,
    )


def _draw_unlike(rng: random.Random, choices: list[str], taken: list[str]) -> str:
    """A name part that repeats none already in the name (no "Quốc Quốc")."""
    return rng.choice([c for c in choices if c not in taken])


def _residence(rng: random.Random, issued: date, person: Person) -> str:
    """The printed residence: pre-merger units and older cards' bare names, or the two-tier units."""
    if issued >= MERGER:
        province = rng.choice(_data("places.json")["provinces_from_2025"])
        kind, name = _split_unit(province["name"])
        place = Place(rng.choice(province["wards"]), None, name, kind)
        prefixed = True
    else:
        old = _data("places.json")["provinces_before_2025"]
        home = next(p for p in old if p["code"] == person.birth_province_code)
        place = _place_in(rng, home if rng.random() < 0.6 else rng.choice(old))
        prefixed = issued >= ISSUE_WINDOWS["cancuoc_2024"][0]
    return f"{_street(rng, place)}, {place.format(prefixed)}"


def _street(rng: random.Random, place: Place) -> str:
    """A hamlet in a commune (``Ấp`` in the south, ``Thôn`` or ``Xóm`` elsewhere), else a street."""
    places = _data("places.json")
    if place.ward.startswith("Xã"):
        if place.province in places["south"]:
            return f"Ấp {rng.choice(places['villages'])}"
        return rng.choice([f"Thôn {rng.choice(places['villages'])}", f"Xóm {rng.randint(1, 15)}"])
    number, street = rng.randint(1, 299), rng.choice(places["streets"])
    return rng.choice(
        [
            f"Số {number} {street}",
            f"Số {number} ngõ {rng.randint(2, 180)} {street}",
            f"Tổ {rng.randint(1, 40)}",
        ]
    )


def _place_in(rng: random.Random, province: dict) -> Place:
    district = rng.choice(sorted(province["districts"]))
    return Place(rng.choice(province["districts"][district]), district, province["name"], province["kind"])


def _any_old_province(rng: random.Random) -> dict:
    return rng.choice(_data("places.json")["provinces_before_2025"])


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _split_unit(name: str) -> tuple[str, str]:
    """``"Thành phố Hà Nội"`` -> ``("Thành phố", "Hà Nội")``."""
    for prefix in _UNIT_PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    raise ValueError(f"no unit prefix in {name!r}")


def _bare(unit: str) -> str:
    """Drop the unit word older cards omit, keeping it for numbered units (``Phường 5``, ``Quận 1``)."""
    kind, name = _split_unit(unit)
    return unit if name.split()[0].isdigit() else name


@cache
def _data(name: str) -> dict:
    return json.loads(resources.files("eval.docgen").joinpath("data", name).read_text(encoding="utf-8"))
