"""What each document type carries: its QR payload, its MRZ, and the ground-truth fields it shows.

Ground truth follows contracts.md's DOC keys and formats and lists a field when the document shows it
anywhere: printed, in the QR code or in the MRZ (a back with a QR or MRZ also yields the holder's ID
number, birth date and sex).
"""

from __future__ import annotations

from datetime import date

from eval.docgen import mrz
from eval.docgen.identity import Card
from eval.docgen.kinds import DocumentType

NATIONALITY = "VNM"


def ddmmyyyy(day: date) -> str:
    return day.strftime("%d%m%Y")


def printed_date(day: date | None) -> str:
    """Dates as the cards print them; a card without expiry says so."""
    return "Không thời hạn" if day is None else day.strftime("%d/%m/%Y")


def printed_sex(card: Card) -> str:
    return "Nam" if card.person.sex == "M" else "Nữ"


def qr_payload(card: Card) -> str:
    """``id|old id|name|ddmmyyyy|Nam/Nữ|residence|issue ddmmyyyy``; the 2024 card adds the expiry."""
    person = card.person
    fields = [
        person.id_number,
        person.old_id_number or "",
        person.name,
        ddmmyyyy(person.date_of_birth),
        printed_sex(card),
        card.residence,
        ddmmyyyy(card.date_of_issue),
    ]
    if card.kind == "cancuoc_2024":
        fields.append(ddmmyyyy(card.date_of_expiry) if card.date_of_expiry else "")
    return "|".join(fields)


def mrz_lines(card: Card) -> list[str]:
    person = card.person
    given = f"{person.middle} {person.given}"
    if card.kind == "passport":
        assert card.passport_number and card.date_of_expiry
        return mrz.td3(
            card.passport_number,
            person.date_of_birth,
            person.sex,
            card.date_of_expiry,
            person.family,
            given,
            person.id_number,
        )
    return mrz.td1(
        person.id_number, person.date_of_birth, person.sex, card.date_of_expiry, person.family, given
    )


def truth_fields(card: Card, document_type: DocumentType) -> dict[str, str | None]:
    """The contract fields ``document_type`` shows for this card, in contract formats."""
    person = card.person
    holder = {
        "id_number": person.id_number,
        "date_of_birth": person.date_of_birth.isoformat(),
        "sex": person.sex,
        "nationality": NATIONALITY,
    }
    expiry = card.date_of_expiry.isoformat() if card.date_of_expiry else None
    issue = card.date_of_issue.isoformat()
    machine = "\n".join(mrz_lines(card)) if document_type != "cccd_2016_front" else ""
    old_id = {"old_id_number": person.old_id_number} if person.old_id_number else {}
    front = {
        **holder,
        "full_name": person.full_name,
        "place_of_origin": person.place_of_origin.format(prefixed=False),
        "place_of_residence": card.residence,
        "date_of_expiry": expiry,
    }
    match document_type:
        case "cccd_2016_front":
            return front
        case "cccd_2021_front":
            return {**front, **old_id, "date_of_issue": issue}
        case "cccd_2021_back":
            return {**holder, "date_of_issue": issue, "date_of_expiry": expiry, "mrz": machine}
        case "cancuoc_2024_front":
            return {**holder, "full_name": person.full_name}
        case "cancuoc_2024_back":
            return {
                **holder,
                **old_id,
                "full_name": person.full_name,
                "place_of_residence": card.residence,
                "place_of_birth": person.place_of_birth.format(prefixed=True),
                "date_of_issue": issue,
                "date_of_expiry": expiry,
                "mrz": machine,
            }
        case "passport":
            return {
                **holder,
                "full_name": person.full_name,
                "passport_number": card.passport_number,
                "place_of_birth": person.place_of_birth.province,
                "date_of_issue": issue,
                "date_of_expiry": expiry,
                "mrz": machine,
            }
    raise ValueError(f"unknown document type: {document_type}")
