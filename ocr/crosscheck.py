"""Cross-check what different sources say: combine readings of a field, and check a card's own logic.

Sources of one field (QR, MRZ, printed text) that agree raise its confidence; sources that disagree
lower it and add a warning. The ID number's 4th digit (sex and century) and 5th–6th (birth year) must
match the printed sex and birth date, and a card's expiry must fall on a renewal birthday (25, 40, 60).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.text import fold

from .schema import ExtractedField

# Source preference when readings disagree: the QR carries the issuer's own data, the MRZ is
# check-digit protected, printed text is OCR.
SOURCE_RANK = {"qr": 0, "mrz": 1, "ocr": 2}
RENEWAL_AGES = (14, 25, 40, 60)

# Fields an MRZ only carries without diacritics: compare folded, but keep the value with marks.
_FOLDED_COMPARE = {"full_name", "place_of_residence", "place_of_origin", "place_of_birth"}


@dataclass
class Reading:
    """One source's reading of a field; ``document`` names the document type it came from."""

    value: object
    confidence: float
    source: str
    bbox: list[int] | None = None
    document: str = ""
    # The words whose marks could as well be others, each with its runners-up (a printed name's
    # tone marks): ("CẦN", ("CẤN", "CẨN")).
    doubts: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def unsure(self) -> bool:
        return bool(self.doubts)


@dataclass
class Combined:
    reading: Reading  # the value kept, with where it came from
    confidence: float
    agreed: bool
    warning: str | None

    def field(self) -> ExtractedField:
        r = self.reading
        return ExtractedField(
            value=r.value, confidence=self.confidence, source=r.source, bbox=r.bbox, agreed=self.agreed
        )


def _same(name: str, a: object, b: object) -> bool:
    if name in _FOLDED_COMPARE and isinstance(a, str) and isinstance(b, str):
        return " ".join(fold(a).split()) == " ".join(fold(b).split())
    return a == b


def combine(name: str, readings: list[Reading]) -> Combined | None:
    """One field from several readings: the preferred source's value, with confidence raised when
    another source agrees and lowered (plus a warning) when one disagrees. A reading's value may be
    None where None is a value (``date_of_expiry`` of a card without expiry)."""
    if not readings:
        return None
    ranked = sorted(readings, key=lambda r: (SOURCE_RANK[r.source], -r.confidence))
    best, others = ranked[0], ranked[1:]
    agreeing = [r for r in others if _same(name, best.value, r.value)]
    disagreeing = [r for r in others if not _same(name, best.value, r.value)]
    if best.source == "mrz" and name in _FOLDED_COMPARE:
        # The MRZ has no diacritics: keep the agreeing reading that has them.
        with_marks = [r for r in agreeing if r.source != "mrz"]
        if with_marks:
            best = Reading(with_marks[0].value, best.confidence, best.source, best.bbox, best.document)
    confidence = best.confidence
    if agreeing:
        confidence = 1 - (1 - confidence) * (1 - max(r.confidence for r in agreeing)) ** 0.5
    # The marks kept are no surer than the reading that was unsure of them: an MRZ vouches for a
    # name's letters only, the marks come from the print (a QR carries its own).
    marks_from = (best, *agreeing) if best.source == "mrz" else (best,)
    unsure = [r.confidence for r in marks_from if r.unsure and r.value == best.value]
    if unsure:
        confidence = min(confidence, *unsure)
    warning = None
    if disagreeing:
        confidence *= 0.6
        others_text = ", ".join(f"{r.document or r.source} {r.source} {r.value!r}" for r in disagreeing)
        warning = f"{name}: {best.source} reads {best.value!r} but {others_text}"
    return Combined(best, round(min(confidence, 0.999), 3), bool(agreeing), warning)


def id_consistency(id_number: str | None, sex: str | None, date_of_birth: str | None) -> list[str]:
    """Warnings where the ID's sex/century digit or birth year contradicts the printed sex or birth date."""
    if not id_number or len(id_number) != 12 or not id_number.isdigit():
        return []
    warnings = []
    code = int(id_number[3])
    id_sex = "M" if code % 2 == 0 else "F"
    century = 1900 + 100 * (code // 2)
    if sex and sex != id_sex:
        warnings.append(f"sex {sex} does not match the ID number's sex digit ({id_sex})")
    if date_of_birth:
        id_year = century + int(id_number[4:6])
        if int(date_of_birth[:4]) != id_year:
            warnings.append(f"birth year {date_of_birth[:4]} does not match the ID number ({id_year})")
    return warnings


def expiry_consistency(date_of_birth: str | None, date_of_expiry: str | None, no_expiry: bool) -> list[str]:
    """Warnings where a card's expiry is not a renewal birthday (14, 25, 40, 60) nor 'no expiry'."""
    if not date_of_birth or no_expiry or not date_of_expiry:
        return []
    if date_of_expiry[4:] == date_of_birth[4:]:
        age = int(date_of_expiry[:4]) - int(date_of_birth[:4])
        if age in RENEWAL_AGES:
            return []
    return [f"expiry {date_of_expiry} is not the holder's 14th, 25th, 40th or 60th birthday"]
