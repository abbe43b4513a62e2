"""Scans to documents to forms: load -> straighten -> orient -> read QR/MRZ/text -> classify ->
normalize and cross-check. One Document per page; ``prefill`` links and merges them into a form."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from knowledge.text import fold

from . import address, crosscheck, mrz, normalize, qr, straighten, tesseract
from .classify import classify
from .crosscheck import Reading
from .forms import FORMS
from .labels import LabelledValue, band_below, find_values
from .load import ScanError, load_pages, load_path
from .mrz import Mrz
from .mrz_reader import levelled_page, read_mrz, reparse
from .names import NameReading, every_word, is_syllable, mrz_name_spelled, read_name, spells_a_name
from .prefill import prefill
from .restore import restore_name, restore_place
from .schema import Document

__all__ = ["FORMS", "ScanError", "extract", "extract_bytes", "prefill", "read_page"]

QR_CONFIDENCE = 0.98
MRZ_CONFIDENCE = 0.97  # a field whose check digit (and the composite) passed
MRZ_UNCHECKED = 0.5
MARKS_GUESSED = 0.6  # an MRZ name no printed name confirms: its letters are checked, its marks guessed
OCR_SCALE = 0.95  # Tesseract word confidences run a little optimistic
DOUBTED_REREAD = 0.6  # a doubted word read again alone is kept when read at least this sure

# The fields each document type shows (contracts.md); others read by accident are dropped.
SHOWN: dict[str, set[str]] = {
    "cccd_2016_front": {"id_number", "full_name", "date_of_birth", "sex", "nationality", "place_of_origin",
                        "place_of_residence", "date_of_expiry"},
    "cccd_2021_front": {"id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
                        "place_of_origin", "place_of_residence", "date_of_expiry", "date_of_issue"},
    "cccd_2021_back": {"id_number", "date_of_birth", "sex", "nationality", "date_of_issue", "date_of_expiry", "mrz"},
    "cancuoc_2024_front": {"id_number", "full_name", "date_of_birth", "sex", "nationality"},
    "cancuoc_2024_back": {"id_number", "old_id_number", "full_name", "date_of_birth", "sex", "nationality",
                          "place_of_residence", "place_of_birth", "date_of_issue", "date_of_expiry", "mrz"},
    "passport": {"id_number", "full_name", "date_of_birth", "sex", "nationality", "passport_number",
                 "place_of_birth", "date_of_issue", "date_of_expiry", "mrz"},
}  # fmt: skip
SHOWN["unknown"] = set().union(*SHOWN.values())  # an unclassified page keeps whatever was read
# The fields each face prints under a label (the others come from its QR or MRZ).
_FRONT = {"id_number", "full_name", "date_of_birth", "sex", "nationality"}
PRINTED: dict[str, set[str]] = {
    "cccd_2016_front": _FRONT | {"place_of_origin", "place_of_residence", "date_of_expiry"},
    "cccd_2021_front": _FRONT | {"place_of_origin", "place_of_residence", "date_of_expiry"},
    "cccd_2021_back": {"date_of_issue"},
    "cancuoc_2024_front": _FRONT,
    "cancuoc_2024_back": {"place_of_residence", "place_of_birth", "date_of_issue", "date_of_expiry"},
    "passport": _FRONT | {"passport_number", "place_of_birth", "date_of_issue", "date_of_expiry"},
    "unknown": set(),
}


def extract(paths: Sequence[Path | str]) -> list[Document]:
    """One Document per page of every file; ScanError for a file that cannot be read."""
    documents = []
    for path in paths:
        for number, page in enumerate(load_path(path), start=1):
            documents.append(read_page(page, str(path), number))
    return documents


def extract_bytes(name: str, data: bytes) -> list[Document]:
    """``extract`` for an uploaded file's bytes."""
    return [read_page(page, name, number) for number, page in enumerate(load_pages(name, data), start=1)]


def _orient(image: Image.Image) -> tuple[Image.Image, list[qr.QrCode], Mrz | None, list[int] | None]:
    """Turn a landscape page upright: by the QR's orientation, else by where the MRZ reads (bottom).
    Pages with neither are settled by ``_read_text``."""
    codes = qr.decode(image)
    if codes:
        turn = -round(codes[0].orientation / 90) * 90
        if turn % 360:
            image = straighten.rotate(image, turn)
            codes = qr.decode(image)
        payload = qr.parse_payload(codes[0].text) if codes else None
        if payload and payload.size < 8:
            return image, codes, None, None  # the 2021 front: its QR is the only machine-readable part
        return image, codes, *read_mrz(image)
    for turn in (0, 180):
        candidate = straighten.rotate(image, turn)
        found, box = read_mrz(candidate)
        if found is not None:
            return candidate, codes, found, box
    return image, codes, None, None


def _upright(photo: Image.Image) -> tuple[Image.Image, list[qr.QrCode], Mrz | None, list[int] | None]:
    """The document found in the photo, straightened, turned landscape, levelled by its MRZ and upright
    (``_orient``). A page whose MRZ no longer reads once levelled (its last row brought against the
    page's edge) is read as it was."""
    page = straighten.landscape(straighten.straighten(photo))
    levelled = levelled_page(page)
    found = _orient(levelled)
    if levelled is not page and found[2] is None:
        return _orient(page)
    return found


def _read_text(image: Image.Image, upright: bool) -> tuple[Image.Image, list[tesseract.Line]]:
    """The printed lines; when the orientation is not known, the page is also read upside down
    if the first reading finds fewer than two labels, and the reading with more labels wins."""
    lines = tesseract.read_lines(image, lang="vie", psm=3)
    if upright or len(find_values(lines)) >= 2:
        return image, lines
    flipped = straighten.rotate(image, 180)
    flipped_lines = tesseract.read_lines(flipped, lang="vie", psm=3)
    if len(find_values(flipped_lines)) > len(find_values(lines)):
        return flipped, flipped_lines
    return image, lines


def read_page(image: Image.Image, file: str, page: int = 1) -> Document:
    """Read one page image into a Document (type, fields with source and confidence, warnings)."""
    image, codes, found_mrz, mrz_box = _upright(image)
    payload, qr_box = next(
        ((p, list(code.box)) for code in codes if (p := qr.parse_payload(code.text))), (None, None)
    )
    # The MRZ band is read already: OCR only the printed part above it (Tesseract time grows with area).
    printed = image.crop((0, 0, image.width, mrz_box[1])) if mrz_box else image
    printed, lines = _read_text(printed, upright=bool(codes) or found_mrz is not None)
    document_type = classify("\n".join(line.text for line in lines), found_mrz, payload)
    warnings: list[str] = []
    readings: dict[str, list[Reading]] = {}

    def add(name: str, reading: Reading) -> None:
        readings.setdefault(name, []).append(reading)

    if payload:
        warnings.extend(payload.warnings)
        for name, value in payload.fields().items():
            add(name, Reading(value, QR_CONFIDENCE, "qr", qr_box))
    if found_mrz and found_mrz.kind == "TD3":
        found_mrz = reparse(found_mrz, *_printed_numbers(lines))
    elif found_mrz and payload and payload.id_number:
        found_mrz = reparse(found_mrz, None, payload.id_number)
    if found_mrz:
        found_mrz = (
            mrz.with_name(found_mrz, payload.full_name)
            if payload and payload.full_name
            else mrz_name_spelled(mrz.with_fillers(found_mrz, is_syllable))
        )
    if found_mrz:
        if not found_mrz.valid:
            failed = ", ".join(name for name, ok in found_mrz.checks.items() if not ok)
            warnings.append(f"MRZ check digits failed: {failed}")
        for name, (value, ok) in _mrz_fields(found_mrz).items():
            add(name, Reading(value, MRZ_CONFIDENCE if ok else MRZ_UNCHECKED, "mrz", mrz_box))
    mrz_name = (
        found_mrz.full_name
        if found_mrz
        and found_mrz.checks.get("composite")
        and every_word(found_mrz.full_name.split(), is_syllable)
        else None
    )

    for name, reading in _printed_fields(lines, document_type, printed, mrz_name):
        add(name, reading)
    for name, reading in _lost_fields(printed, document_type, set(readings), mrz_name):
        add(name, reading)
    _marks_from_print(readings.get("full_name", []))
    _unchecked_mrz_yields_to_print(readings, warnings)
    _misspelled_mrz_name_yields_to_print(readings.get("full_name", []), warnings)

    fields = {}
    for name, values in readings.items():
        combined = crosscheck.combine(name, values) if name in SHOWN[document_type] else None
        if combined:
            fields[name] = combined.field()
            if combined.warning:
                warnings.append(combined.warning)
            warnings.extend(_uncertain_marks(name, combined.reading, values))
    warnings.extend(_guessed_marks(fields))
    warnings.extend(_consistency(fields, is_card=document_type != "passport"))
    _add_current_units(fields)
    return Document(file=file, page=page, document_type=document_type, fields=fields, warnings=warnings)


def _reread_id_number(image: Image.Image, box: list[int]) -> str | None:
    """The ID number read again alone, digits only, when the page reading lost or split a digit."""
    lines = tesseract.read_lines(tesseract.crop_line(image, box), lang="eng", psm=7, whitelist="0123456789")
    return normalize.id_number(" ".join(line.text for line in lines))


def _with_doubted_word(image: Image.Image, labelled: LabelledValue) -> str:
    """A place's text with the word before it that the page reading could not read ("#n" at no
    confidence for the "An" of "An Hòa"), when that word read alone is a confident syllable."""
    if labelled.doubted is None:
        return labelled.text
    try:
        lines = tesseract.read_lines(tesseract.crop_line(image, labelled.doubted.box), lang="vie", psm=8)
    except tesseract.TesseractError:
        return labelled.text
    words = [word for line in lines for word in line.words]
    if len(words) == 1 and words[0].confidence >= DOUBTED_REREAD and is_syllable(words[0].text.strip(",")):
        return f"{words[0].text} {labelled.text}"
    return labelled.text


def _printed_numbers(lines: list[tesseract.Line]) -> tuple[str | None, str | None]:
    """A passport's number and personal number (the ID) as printed on its data page."""
    values = find_values(lines)
    number, personal = values.get("passport_number"), values.get("id_number")
    return (
        normalize.passport_number(number.text) if number else None,
        normalize.id_number(personal.text) if personal else None,
    )


def _marks_from_print(readings: list[Reading]) -> None:
    """The MRZ spells a name without marks: take each word's marks from the printed name where the
    letters agree, so one misread printed letter does not cost the whole name its diacritics."""
    mrz_name = next((r for r in readings if r.source == "mrz"), None)
    printed = next((r for r in readings if r.source == "ocr"), None)
    if not mrz_name or not printed:
        return
    mrz_words, printed_words = mrz_name.value.split(), printed.value.split()
    if len(mrz_words) == len(printed_words):
        mrz_name.value = " ".join(
            p if fold(p) == fold(m) else m for m, p in zip(mrz_words, printed_words, strict=True)
        )


def _unchecked_mrz_yields_to_print(readings: dict[str, list[Reading]], warnings: list[str]) -> None:
    """An MRZ value outranks print because its check digits vouch for it: one whose check failed
    gives way to a printed reading that disagrees (a dropped first letter of a passport number)."""
    for name, values in readings.items():
        printed = [r for r in values if r.source == "ocr"]
        unchecked = [r for r in values if r.source == "mrz" and r.confidence == MRZ_UNCHECKED]
        for reading in unchecked:
            if printed and all(fold(str(r.value)) != fold(str(reading.value)) for r in printed):
                values.remove(reading)
                warnings.append(
                    f"{name}: the MRZ's {reading.value!r} fails its check digits; the printed "
                    f"{printed[0].value!r} is kept"
                )


def _misspelled_mrz_name_yields_to_print(readings: list[Reading], warnings: list[str]) -> None:
    """The MRZ's name line carries no check digit: when a word of it spells no name ("VU<<OC<MINH" for a
    lost QU of QUOC), or it lost the last words of a printed name to fillers ("TRAN<<<<" for TRẦN
    MAI HIỀN), and every word of the printed name that disagrees spells a name, the printed name is kept."""
    from_mrz = next((r for r in readings if r.source == "mrz"), None)
    printed = next((r for r in readings if r.source == "ocr"), None)
    if not from_mrz or not printed or fold(printed.value) == fold(from_mrz.value):
        return
    mrz_words, printed_words = fold(from_mrz.value).split(), fold(printed.value).split()
    misspelled = not every_word(from_mrz.value.split(), spells_a_name)
    cut_short = len(mrz_words) < len(printed_words) and printed_words[: len(mrz_words)] == mrz_words
    if (misspelled or cut_short) and every_word(printed.value.split(), spells_a_name):
        readings.remove(from_mrz)
        warnings.append(
            f"full_name: the MRZ's {from_mrz.value!r} "
            + ("holds a word that is no name" if misspelled else "lost words the print shows")
            + f"; the printed {printed.value!r} is kept"
        )


def _mrz_fields(found: Mrz) -> dict[str, tuple[object, bool]]:
    """Contract fields from an MRZ, each with whether its check digits passed."""
    composite = found.checks.get("composite", False)
    values: dict[str, tuple[object, bool]] = {
        "mrz": (found.text, found.valid),
        "date_of_birth": (found.birth_date, found.checks["birth_date"]),
        "sex": (found.sex, composite),
        "nationality": (found.nationality, composite),
        # Marks guessed (the printed text decides); a name with a word that is no syllable is misread.
        "full_name": (restore_name(found.full_name, keep_letters=True), composite)
        if found.full_name and every_word(found.full_name.split(), is_syllable)
        else (None, False),
        "date_of_expiry": (None if found.no_expiry else found.expiry_date, found.checks["expiry_date"]),
    }
    if found.kind == "TD1":
        values["id_number"] = (found.id_number, found.checks.get("id_number", False))
    else:
        values["passport_number"] = (found.document_number, found.checks["document_number"])
        personal = found.optional.rstrip("<")
        if len(personal) == 12 and personal.isdigit():
            values["id_number"] = (personal, found.checks.get("personal_number", False))
    return {name: value for name, value in values.items() if value[0] is not None or name == "date_of_expiry"}


def _printed(value: object, confidence: float, box, name: NameReading | None = None) -> Reading:
    """A printed value as a reading; a name read on its own passes on the words whose marks it doubts."""
    doubts = tuple(name.uncertain) if name else ()
    return Reading(value, confidence * OCR_SCALE, "ocr", list(box) if box else None, doubts=doubts)


def _printed_fields(
    lines: list[tesseract.Line], document_type: str, image: Image.Image, mrz_name: str | None
):
    """(field, reading) for each printed field found by its label (or, on a card front, by its
    form); the name is read again on its own (``ocr.names``)."""
    values = find_values(lines)
    yield from _labelled_fields(values, image, mrz_name)
    if "full_name" not in values and "full_name" in SHOWN[document_type]:
        # The page reading lost the name under its label: the band below the label is read alone.
        band = band_below(lines, "full_name")
        reading = read_name(image, list(band), None, mrz_name) if band else None
        if reading:
            yield "full_name", _printed(reading.value, reading.confidence, band, reading)
    if document_type.endswith("front"):
        for name, value, confidence, box in _unlabelled_front_fields(lines, values, image):
            yield name, _printed(value, confidence, box)


def _lost_fields(image: Image.Image, document_type: str, found: set[str], mrz_name: str | None):
    """The labelled fields the page shows that no source read (the page reading lost a label:
    "Quê quán:" beside the photo), from a second reading of the page as one block of text."""
    lost = PRINTED[document_type] - found
    if not lost:
        return
    values = find_values(tesseract.read_lines(image, lang="vie", psm=6))
    yield from _labelled_fields({name: v for name, v in values.items() if name in lost}, image, mrz_name)


def _labelled_fields(values: dict[str, LabelledValue], image: Image.Image, mrz_name: str | None):
    """(field, reading) for each labelled value; the name is read again on its own (``ocr.names``),
    its letters fixed by a checked MRZ if any."""
    for name, labelled in values.items():
        raw = labelled.text
        if name == "full_name" and (page := normalize.full_name(raw)):
            # An MRZ name that does not line up with the print (words lost to fillers) fixes no letters.
            reading = read_name(image, labelled.box, page.split(), mrz_name) or (
                read_name(image, labelled.box, page.split()) if mrz_name else None
            )
            if reading:
                yield name, _printed(reading.value, reading.confidence, labelled.box, reading)
                continue
        if name in ("date_of_birth", "date_of_issue"):
            value = normalize.iso_date(raw)
        elif name == "date_of_expiry":
            if normalize.no_expiry(raw) and not normalize.iso_date(raw):
                yield name, _printed(None, labelled.confidence, labelled.box)
                continue
            value = normalize.iso_date(raw)
        elif name == "sex":
            value = normalize.sex(raw)
        elif name == "nationality":
            value = normalize.nationality(raw)
        elif name == "full_name":
            value = restore_name(normalize.full_name(raw))
        elif name == "id_number":
            value = normalize.id_number(raw) or _reread_id_number(image, labelled.box)
        elif name == "passport_number":
            value = normalize.passport_number(raw)
        else:
            value = restore_place(normalize.place(_with_doubted_word(image, labelled)))
        if value is not None:
            yield name, _printed(value, labelled.confidence, labelled.box)


def _uncertain_marks(name: str, kept: Reading, readings: list[Reading]) -> list[str]:
    """A warning for each printed word whose marks could as well be others, naming every choice;
    none when a QR decided the value and the print reads it the same (the QR carries the marks)."""
    printed = [r for r in readings if r.source == "ocr"]
    if kept.source == "qr" and all(r.value == kept.value for r in printed):
        return []
    return [
        f"{name}: the marks of {chosen!r} are uncertain (or {' or '.join(map(repr, others))})"
        for reading in printed
        for chosen, others in reading.doubts
    ]


# A field found without its label (a misread label) is less certain.
UNLABELLED = 0.6


def _unlabelled_front_fields(lines: list[tesseract.Line], values: dict, image: Image.Image):
    """Fields a card front identifies by their form when the label was misread: the only 12-digit
    number is the ID (a run of 10 to 13 digits is read again alone); "Không thời hạn" or the only
    date besides the birth date is the expiry (the fronts print no other date)."""
    if "id_number" not in values:
        found = next(
            ((n, line.confidence, line.box) for line in lines if (n := normalize.id_number(line.text))), None
        )
        near = (
            w
            for line in lines
            for w in line.words
            if 10 <= len(normalize.digits(w.text)) <= 13 and w.text.isalnum()
        )
        if not found and (word := next(near, None)) and (number := _reread_id_number(image, list(word.box))):
            found = number, word.confidence, word.box
        if found:
            yield "id_number", found[0], found[1] * UNLABELLED, list(found[2])
    if "date_of_expiry" in values:
        return
    birth = values.get("date_of_birth")
    birth_date = normalize.iso_date(birth.text) if birth else None
    for line in lines:
        for word in line.words:
            day = normalize.iso_date(word.text)
            if day and day != birth_date and (birth_date is None or day > birth_date):
                yield "date_of_expiry", day, word.confidence * UNLABELLED, list(word.box)
                return
        if "khong thoi han" in fold(line.text):
            yield "date_of_expiry", None, line.confidence * UNLABELLED, list(line.box)
            return


def _guessed_marks(fields: dict) -> list[str]:
    """An MRZ spells a name without marks: kept with no printed name agreeing (the page reading lost
    it, or read another), its marks are the name dictionary's guess (ANH for a printed ÁNH), so its
    confidence is capped and a warning says so."""
    name = fields.get("full_name")
    if name is None or name.source != "mrz" or name.agreed:
        return []
    name.confidence = min(name.confidence, MARKS_GUESSED)
    return [f"full_name: {name.value!r} has the MRZ's letters; no printed name confirms its marks"]


def _consistency(fields: dict, is_card: bool) -> list[str]:
    def value(name: str):
        return fields[name].value if name in fields else None

    warnings = crosscheck.id_consistency(value("id_number"), value("sex"), value("date_of_birth"))
    expiry = fields.get("date_of_expiry")
    if is_card:
        warnings += crosscheck.expiry_consistency(
            value("date_of_birth"),
            value("date_of_expiry"),
            no_expiry=expiry is not None and expiry.value is None,
        )
    for name in ("sex", "date_of_birth"):
        if name in fields and any(name in w for w in warnings):
            fields[name].confidence = round(fields[name].confidence * 0.7, 3)
    return warnings


def _add_current_units(fields: dict) -> None:
    for name in address.ADDRESS_FIELDS:
        if name not in fields or not fields[name].value:
            continue
        converted = address.current_units(fields[name].value)
        if converted is None:
            continue
        text, ward_resolved = converted
        source = fields[name]
        fields[name + address.CURRENT_SUFFIX] = source.model_copy(
            update={
                "value": text,
                "confidence": round(source.confidence * (1.0 if ward_resolved else 0.8), 3),
            }
        )
