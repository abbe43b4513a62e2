"""The OCR evaluation's key-fields section: ID number, name, birth date and sex are scored on the
pages whose QR decoded or MRZ read, where issue #4 asks for them to be exact."""

from eval.ocr import key_fields_report, machine_read
from ocr.schema import Document, ExtractedField

MRZ = "IDVNM0123456789<<<<<<<<<<<<<<\n8001014M4001014VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<"


def _document(**sources: str) -> Document:
    return Document(
        file="x.jpg",
        document_type="cccd_2021_back",
        fields={
            name: ExtractedField(value=value, confidence=0.9, source=src)
            for name, (value, src) in sources.items()
        },
    )


def test_a_page_with_a_field_from_its_qr_was_machine_read():
    assert machine_read(_document(id_number=("001080012345", "qr")), truth_mrz=None)


def test_an_mrz_counts_only_when_read_exactly():
    assert machine_read(_document(mrz=(MRZ, "mrz")), truth_mrz=MRZ)
    assert not machine_read(_document(mrz=(MRZ.replace("NGUYEN", "NGUVEN"), "mrz")), truth_mrz=MRZ)


def test_a_page_read_from_print_alone_was_not_machine_read():
    assert not machine_read(_document(id_number=("001080012345", "ocr")), truth_mrz=None)
    assert not machine_read(_document(id_number=("001080012345", "ocr")), truth_mrz=MRZ)


def test_key_fields_are_rated_by_level_on_machine_read_images():
    hits = {
        ("clean", "images"): [True, True],
        ("clean", "id_number"): [True, True],
        ("clean", "full_name"): [True, False],
        ("mild", "images"): [True],
        ("mild", "sex"): [True],
    }
    report = key_fields_report(hits)
    assert report["clean"] == {
        "images": 2,
        "id_number": {"n": 2, "exact": 1.0},
        "full_name": {"n": 2, "exact": 0.5},
    }
    assert report["mild"] == {"images": 1, "sex": {"n": 1, "exact": 1.0}}
