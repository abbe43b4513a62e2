"""The synthetic document generator: consistent identities, valid MRZ and QR, contract-shaped truth,
and a committed sample that the generator still reproduces."""

from __future__ import annotations

import json
import math
import random
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import get_args

import pytest
import zxingcpp
from PIL import Image

import eval.docgen
from api.cli import main
from eval.docgen.canvas import CARD_SIZE
from eval.docgen.content import qr_payload, truth_fields
from eval.docgen.degrade import degrade
from eval.docgen.generate import card_for, generate
from eval.docgen.identity import ISSUE_WINDOWS, RENEWAL_AGES, add_years, card_expiry, id_number, make_card
from eval.docgen.kinds import CARD_KIND, DOCUMENT_TYPES
from eval.docgen.mrz import mrz_name, td1, td1_composite_check, td3, with_check
from knowledge.text import clean, fold
from ocr.schema import DocumentType as ContractDocumentType

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "docs"
SAMPLE_SEED = 2026  # tests/data/docs/README.md: how the sample was made
CONTRACT_KEYS = {
    "id_number",
    "old_id_number",
    "full_name",
    "date_of_birth",
    "date_of_issue",
    "date_of_expiry",
    "sex",
    "nationality",
    "place_of_origin",
    "place_of_residence",
    "place_of_birth",
    "passport_number",
    "mrz",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sample_records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.glob("*.json"))]


# --- MRZ composition -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "expected"),
    [("520727", 3), ("L898902C3", 6), ("740812", 2), ("120415", 9), ("D23145890", 7)],
)
def test_check_digits_match_the_icao_known_values(field, expected):
    assert with_check(field) == f"{field}{expected}"


def test_td1_reproduces_both_vietnamese_specimens():
    assert td1("001090123456", date(1990, 1, 1), "M", date(2030, 1, 1), "Nguyễn", "Văn A") == [
        "IDVNM0901234562001090123456<<3",
        "9001011M3001019VNM<<<<<<<<<<<4",
        "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
    ]
    assert td1("036165001234", date(1965, 5, 1), "F", None, "Lê", "Thị C") == [
        "IDVNM1650012348036165001234<<3",
        "6505013F9912315VNM<<<<<<<<<<<8",
        "LE<<THI<C<<<<<<<<<<<<<<<<<<<<<",
    ]


def test_td1_composite_check_agrees_with_the_icao_specimen():
    assert td1_composite_check("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<") == 6


def test_td3_reproduces_the_icao_specimen():
    lines = td3(
        "L898902C3", date(1974, 8, 12), "F", date(2012, 4, 15), "Eriksson", "Anna Maria", "ZE184226B", "UTO"
    )
    assert lines == [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]


def test_mrz_names_lose_their_diacritics_and_are_cut_to_the_line():
    assert mrz_name("Đặng", "Thị Thu Hằng", 30) == "DANG<<THI<THU<HANG<<<<<<<<<<<<"
    assert len(mrz_name("Nguyễn", "Hoàng Minh Thưởng Nguyên Khôi Lực", 30)) == 30


# --- identities ------------------------------------------------------------------------------


def test_id_number_encodes_province_sex_century_and_birth_year():
    assert id_number("001", "M", date(1990, 1, 1), 123456) == "001090123456"
    assert id_number("036", "F", date(1965, 5, 1), 1234) == "036165001234"
    assert id_number("079", "M", date(2004, 3, 9), 7) == "079204000007"
    assert id_number("048", "F", date(2010, 12, 31), 42) == "048310000042"


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (date(2001, 6, 1), date(2004, 1, 1)),  # a child's card runs to 14
        (date(2013, 6, 1), date(2030, 1, 1)),  # issued at 23: within two years of 25, so to 40
        (date(2021, 4, 15), date(2030, 1, 1)),  # at 31: to 40
        (date(2028, 6, 1), date(2050, 1, 1)),  # at 38: to 60
        (date(2048, 1, 2), None),  # at 58: no expiry
    ],
)
def test_card_expiry_follows_the_renewal_ages(issued, expected):
    assert card_expiry(date(1990, 1, 1), issued) == expected


def test_place_lists_name_every_unit_with_its_kind():
    places = json.loads(
        (Path(eval.docgen.__file__).parent / "data" / "places.json").read_text(encoding="utf-8")
    )
    codes = [p["code"] for p in places["provinces_before_2025"]]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"\d{3}", c) for c in codes)
    for province in places["provinces_before_2025"]:
        for district, wards in province["districts"].items():
            assert district.startswith(("Quận", "Huyện", "Thị xã", "Thành phố")), district
            assert wards and all(w.startswith(("Phường", "Xã", "Thị trấn")) for w in wards), district
    for province in places["provinces_from_2025"]:
        assert province["name"].startswith(("Tỉnh", "Thành phố"))
        assert province["wards"] and all(w.startswith(("Phường", "Xã")) for w in province["wards"])


@pytest.fixture(scope="module")
def many_cards():
    rng = random.Random(7)
    return [make_card(rng, kind) for kind in ISSUE_WINDOWS for _ in range(150)]


def test_every_id_number_agrees_with_sex_and_birth_year(many_cards):
    for card in many_cards:
        person = card.person
        number = person.id_number
        century = (person.date_of_birth.year - 1900) // 100
        assert re.fullmatch(r"\d{12}", number)
        assert number[:3] == person.birth_province_code
        assert int(number[3]) == 2 * century + (person.sex == "F")
        assert number[4:6] == f"{person.date_of_birth.year % 100:02d}"
        assert person.old_id_number is None or re.fullmatch(r"\d{9}", person.old_id_number)


def test_card_dates_are_consistent(many_cards):
    for card in many_cards:
        start, end = ISSUE_WINDOWS[card.kind]
        assert start <= card.date_of_issue <= end
        if card.kind == "passport":
            assert card.date_of_expiry > card.date_of_issue
            assert re.fullmatch(r"[A-Z]\d{7}", card.passport_number)
            continue
        born = card.person.date_of_birth
        assert card.date_of_issue >= add_years(born, 14)
        if card.date_of_expiry is None:
            assert card.date_of_issue >= add_years(born, 58)
        else:
            assert card.date_of_expiry in {add_years(born, age) for age in RENEWAL_AGES}
            assert card.date_of_expiry > card.date_of_issue


def test_addresses_use_two_tier_units_only_after_the_merger(many_cards):
    for card in many_cards:
        street_ward_district_province = card.residence.split(", ")
        if card.date_of_issue >= date(2025, 7, 1):
            street, ward, province = street_ward_district_province
            assert ward.startswith(("Phường", "Xã")) and province.startswith(("Tỉnh", "Thành phố"))
        else:
            assert len(street_ward_district_province) == 4, card.residence


def test_names_carry_vietnamese_diacritics_in_nfc(many_cards):
    names = [card.person.full_name for card in many_cards]
    assert all(name == clean(name) == name.upper() for name in names)
    assert sum(name != name.encode("ascii", "ignore").decode() for name in names) > len(names) * 0.8
    assert all(len(set(name.split()[1:])) == len(name.split()[1:]) for name in names)  # no "QUỐC QUỐC"


# --- generation ------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not(tmp_path):
    def run(seed: int, out: Path) -> dict[str, bytes]:
        generate(out, 1, seed, ["clean", "moderate"], ["cccd_2021_front", "cccd_2021_back"])
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}

    first, again, other = run(5, tmp_path / "a"), run(5, tmp_path / "b"), run(6, tmp_path / "c")
    assert len(first) == 8
    assert first == again
    assert first["cccd_2021_front_clean_0000.json"] != other["cccd_2021_front_clean_0000.json"]


def test_the_generator_makes_every_contract_document_type():
    assert set(DOCUMENT_TYPES) == set(get_args(ContractDocumentType)) - {"unknown"}


def test_the_committed_sample_is_what_the_generator_makes():
    records = sample_records()
    assert {r["document_type"] for r in records} == set(DOCUMENT_TYPES)
    assert {r["level"] for r in records} >= {"clean", "mild"}
    for record in records:
        kind = CARD_KIND[record["document_type"]]
        index = int(record["file"].rsplit("_", 1)[1].split(".")[0])
        card = card_for(SAMPLE_SEED, record["level"], index, kind)
        assert record["fields"] == truth_fields(card, record["document_type"]), record["file"]


def test_the_sample_stays_small():
    assert sum(p.stat().st_size for p in SAMPLE.iterdir()) < 3_000_000


def test_truth_follows_the_contract():
    for record in sample_records():
        fields = record["fields"]
        assert set(record) >= {"file", "document_type", "level", "card_id", "fields"}
        assert (SAMPLE / record["file"]).exists()
        assert set(fields) <= CONTRACT_KEYS, record["file"]
        assert re.fullmatch(r"\d{12}", fields["id_number"])
        assert fields["sex"] in {"M", "F"} and fields["nationality"] == "VNM"
        for key in ("date_of_birth", "date_of_issue"):
            assert key not in fields or ISO_DATE.fullmatch(fields[key])
        assert fields.get("date_of_expiry") is None or ISO_DATE.fullmatch(fields["date_of_expiry"])
        for key in ("full_name", "place_of_origin", "place_of_residence", "place_of_birth"):
            assert key not in fields or fields[key] == clean(fields[key])
        if "mrz" in fields:
            widths = {len(line) for line in fields["mrz"].split("\n")}
            assert widths == ({44} if record["document_type"] == "passport" else {30})


def test_front_and_back_of_one_card_share_a_card_id_and_a_holder():
    by_card: dict[str, list[dict]] = {}
    for record in sample_records():
        by_card.setdefault(record["card_id"], []).append(record)
    pairs = [faces for faces in by_card.values() if len(faces) == 2]
    assert pairs
    for front, back in pairs:
        assert front["fields"]["id_number"] == back["fields"]["id_number"]
        assert front["fields"]["date_of_birth"] == back["fields"]["date_of_birth"]


def test_document_corners_lie_inside_the_image():
    for record in sample_records():
        width, height = Image.open(SAMPLE / record["file"]).size
        for x, y in record["corners"]:
            assert -1 <= x <= width + 1 and -1 <= y <= height + 1, record["file"]


def _top_edge(corners: list[list[float]]) -> tuple[float, float]:
    """Angle (degrees, image y down) and length of the document's top edge."""
    (x0, y0), (x1, y1) = corners[0], corners[1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0)), math.hypot(x1 - x0, y1 - y0)


@pytest.mark.parametrize("seed", range(3))
def test_each_level_turns_and_shrinks_the_document_as_specified(seed):
    blank = Image.new("RGB", CARD_SIZE, "white")
    for level, (max_tilt, min_width, max_width) in {
        "clean": (0, 1000, 1000),
        "mild": (3, 990, 1010),
        "moderate": (10 + 4, 800, 1000),  # rotation plus up to 4% corner jitter
    }.items():
        angle, width = _top_edge(degrade(blank, level, random.Random(seed)).corners)
        assert abs(angle) <= max_tilt and min_width <= width <= max_width, level
    angle, width = _top_edge(degrade(blank, "hard", random.Random(seed)).corners)
    assert min(abs(abs(angle) - turn) for turn in (90, 180)) <= 2  # turned a quarter or half round
    assert width < 650  # low resolution: the card is barely 600 pixels wide


@pytest.mark.parametrize("document_type", ["cccd_2021_front", "cancuoc_2024_back"])
@pytest.mark.parametrize("level", ["clean", "mild"])
def test_qr_code_decodes_to_the_documented_payload(document_type, level):
    record = json.loads((SAMPLE / f"{document_type}_{level}_0000.json").read_text(encoding="utf-8"))
    card = card_for(SAMPLE_SEED, level, 0, CARD_KIND[document_type])
    [barcode] = zxingcpp.read_barcodes(Image.open(SAMPLE / record["file"]))
    fields = barcode.text.split("|")
    assert barcode.text == qr_payload(card)
    assert fields[0] == record["fields"]["id_number"]
    assert fields[2].upper() == record["fields"]["full_name"]
    assert fields[4] == ("Nam" if record["fields"]["sex"] == "M" else "Nữ")


def test_the_cli_refuses_unknown_levels_with_exit_2(tmp_path, capsys):
    assert main(["eval", "docgen", "--out", str(tmp_path), "--levels", "foggy"]) == 2
    assert "foggy" in capsys.readouterr().err


def test_the_cli_refuses_an_output_that_is_a_file_with_exit_2(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    assert main(["eval", "docgen", "--out", str(taken), "--count", "1"]) == 2
    assert "--out" in capsys.readouterr().err


def test_the_cli_writes_images_and_truth(tmp_path, capsys):
    code = main(["eval", "docgen", "--out", str(tmp_path), "--count", "1", "--types", "passport", "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["images"] == 4
    assert len(list(tmp_path.glob("passport_*.jpg"))) == len(list(tmp_path.glob("passport_*.json"))) == 4


@pytest.mark.parametrize("document_type", ["cccd_2016_front", "cancuoc_2024_front"])
def test_clean_faces_are_legible_to_tesseract(document_type):
    """The background must not get in the way: plain Tesseract reads the number and the name's letters
    (restoring the tone marks it drops is the reader's job)."""
    record = json.loads((SAMPLE / f"{document_type}_clean_0000.json").read_text(encoding="utf-8"))
    text = subprocess.run(
        ["tesseract", str(SAMPLE / record["file"]), "-", "-l", "vie"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert record["fields"]["id_number"] in text
    assert fold(record["fields"]["full_name"]) in fold(clean(text))
