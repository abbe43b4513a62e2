"""Forms are filled from linked documents: every item with value, source, confidence, agreement."""

from __future__ import annotations

import pytest

from ocr.forms import FORMS, definition
from ocr.prefill import link, prefill
from ocr.schema import Document, ExtractedField


def field(value, source="ocr", confidence=0.9, agreed=False) -> ExtractedField:
    return ExtractedField(value=value, confidence=confidence, source=source, agreed=agreed)


FRONT = Document(
    file="front.jpg",
    document_type="cccd_2021_front",
    fields={
        "id_number": field("001090123456", "qr", 0.98, agreed=True),
        "full_name": field("NGUYỄN VĂN AN", "qr", 0.98, agreed=True),
        "date_of_birth": field("1990-01-01", "qr", 0.98),
        "sex": field("M", "qr", 0.98),
        "place_of_residence": field("Số 12 Phố Huế, Phường Phúc Xá, Quận Ba Đình, Hà Nội", "qr", 0.98),
    },
)
BACK = Document(
    file="back.jpg",
    document_type="cccd_2021_back",
    fields={
        "id_number": field("001090123456", "mrz", 0.97),
        "date_of_birth": field("1990-01-01", "mrz", 0.97),
        "date_of_issue": field("2021-04-15", "ocr", 0.9),
    },
)
MOTHER = Document(
    file="mother.jpg",
    document_type="cancuoc_2024_front",
    fields={
        "id_number": field("001165001234"),
        "full_name": field("LÊ THỊ CÚC"),
        "date_of_birth": field("1965-05-01"),
        "sex": field("F"),
    },
)


def test_forms_are_declared_as_data():
    assert set(FORMS) == {"TK01", "CT01", "KHAI_SINH"}
    items = {item.item: item for item in definition("TK01").items}
    assert items["4"].sources == ["id_number"] and items["3a"].format == "date"


def test_front_and_back_of_one_card_are_linked_by_id_number():
    people = link([FRONT, BACK, MOTHER])
    assert [len(p.documents) for p in people] == [2, 1]
    merged = people[0].fields["date_of_birth"]
    assert merged.agreed and merged.confidence > 0.98  # QR on the front and MRZ on the back agree


def test_tk01_items_with_value_source_confidence_agreement_and_missing():
    form = prefill("TK01", [FRONT, BACK])
    assert (
        form.fields["1"].value == "NGUYỄN VĂN AN"
        and form.fields["1"].source == "cccd_2021_front.full_name/qr"
    )
    assert form.fields["2"].value == "Nam"
    assert form.fields["3a"].value == "01/01/1990" and form.fields["3a"].agreed
    assert form.fields["4"].value == "001090123456"
    assert form.fields["8"].value.startswith("Số 12 Phố Huế")
    assert {"3b", "5", "7", "14a"} <= set(form.missing)
    assert all(0 < item.confidence <= 1 for item in form.fields.values())


def test_a_disagreement_between_documents_is_warned():
    back = BACK.model_copy(deep=True)
    back.fields["date_of_birth"] = field("1990-01-07", "mrz", 0.97)
    form = prefill("CT01", [FRONT, back])
    assert form.fields["2"].value == "01/01/1990" and not form.fields["2"].agreed
    assert any("date_of_birth" in w for w in form.warnings)


def test_birth_registration_takes_the_mother_by_sex():
    form = prefill("KHAI_SINH", [FRONT, BACK, MOTHER])
    assert form.fields["nguoi_yeu_cau.ho_ten"].value == "NGUYỄN VĂN AN"
    assert form.fields["me.ho_ten"].value == "LÊ THỊ CÚC" and form.fields["me.nam_sinh"].value == "1965"
    assert form.fields["cha.ho_ten"].value == "NGUYỄN VĂN AN"
    assert "con.ho_ten" in form.missing


def test_unknown_form_is_refused():
    with pytest.raises(KeyError, match="unknown form"):
        prefill("XX99", [FRONT])


def test_tk01_from_a_scanned_2021_front_and_back(sample):
    pair = [t for t in sample if t["level"] == "clean" and t["document_type"].startswith("cccd_2021")]
    from ocr.pipeline import extract

    truth = next(t for t in pair if t["document_type"] == "cccd_2021_front")["fields"]
    form = prefill("TK01", extract([t["path"] for t in pair]))
    assert form.fields["4"].value == truth["id_number"] and form.fields["4"].agreed
    assert form.fields["1"].value == truth["full_name"]
    day, month, year = form.fields["3a"].value.split("/")
    assert f"{year}-{month}-{day}" == truth["date_of_birth"]
