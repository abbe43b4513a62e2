"""One layout per document face, with the labels each card generation prints (id-documents.md)."""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image

from eval.docgen import canvas
from eval.docgen.canvas import CARD_SIZE, PASSPORT_SIZE, RED, Sheet
from eval.docgen.content import mrz_lines, printed_date, printed_sex, qr_payload
from eval.docgen.identity import Card
from eval.docgen.kinds import DocumentType

SIGNER = "Trần Quốc Hưng"  # an invented signing officer


def _front(
    tint: tuple[int, int, int],
    rng: random.Random,
    emblem: tuple[int, int, int],
    photo: tuple[int, int, int, int],
) -> Sheet:
    """A card front's pre-printed layer: tinted background, emblem (x, y, radius) and photo box."""
    sheet = canvas.background(CARD_SIZE, tint, rng)
    canvas.emblem(sheet, *emblem)
    canvas.photo(sheet, photo)
    return sheet


def cccd_2016_front(card: Card, rng: random.Random) -> Image.Image:
    person = card.person
    sheet = _front((205, 225, 240), rng, (115, 110, 72), (35, 215, 195, 425))
    sheet.text(25, 460, "Có giá trị đến:", 17)
    sheet.value(25, 488, printed_date(card.date_of_expiry), 21)
    cx = 590
    sheet.centered(cx, 28, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold=True)
    sheet.centered(cx, 62, "Độc lập - Tự do - Hạnh phúc", 21, bold=True)
    sheet.centered(cx, 112, "CĂN CƯỚC CÔNG DÂN", 36, bold=True, fill=RED)
    x = 235
    sheet.inline(x, 178, "Số", person.id_number, size=32)
    sheet.text(x, 232, "Họ và tên:", 19)
    sheet.value(x + 20, 260, person.full_name, 28)
    sheet.inline(x, 310, "Ngày, tháng, năm sinh", printed_date(person.date_of_birth))
    right = sheet.inline(x, 350, "Giới tính", printed_sex(card))
    sheet.inline(max(right + 60, 560), 350, "Quốc tịch", "Việt Nam")
    y = sheet.stacked(x, 395, "Quê quán", person.place_of_origin.format(prefixed=False), width=740)
    sheet.stacked(x, y + 8, "Nơi thường trú", card.residence, width=740)
    return sheet.image


def cccd_2021_front(card: Card, rng: random.Random) -> Image.Image:
    person = card.person
    sheet = _front((215, 232, 238), rng, (110, 105, 68), (35, 205, 190, 410))
    sheet.text(22, 440, "Có giá trị đến:", 16)
    sheet.text(22, 462, "Date of expiry", 14)
    sheet.value(22, 488, printed_date(card.date_of_expiry), 21)
    canvas.qr_code(sheet, qr_payload(card), 815, 18, 168)
    cx = 510
    sheet.centered(cx, 22, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 22, bold=True)
    sheet.centered(cx, 52, "SOCIALIST REPUBLIC OF VIET NAM", 18, bold=True)
    sheet.centered(cx, 78, "Độc lập - Tự do - Hạnh phúc", 18, bold=True)
    sheet.centered(cx, 102, "Independence - Freedom - Happiness", 16)
    sheet.centered(cx, 130, "CĂN CƯỚC CÔNG DÂN", 32, bold=True, fill=RED)
    sheet.centered(cx, 170, "Citizen Identity Card", 19, bold=True)
    x = 225
    sheet.inline(x, 205, "Số / No.", person.id_number, size=30)
    sheet.text(x, 250, "Họ và tên / Full name:", 18)
    sheet.value(x + 20, 276, person.full_name, 27)
    sheet.inline(x, 322, "Ngày sinh / Date of birth", printed_date(person.date_of_birth))
    right = sheet.inline(x, 358, "Giới tính / Sex", printed_sex(card))
    sheet.inline(max(right + 40, 560), 358, "Quốc tịch / Nationality", "Việt Nam")
    y = sheet.stacked(
        x, 398, "Quê quán / Place of origin", person.place_of_origin.format(prefixed=False), 750
    )
    sheet.stacked(x, y + 6, "Nơi thường trú / Place of residence", card.residence, 750)
    return sheet.image


def cccd_2021_back(card: Card, rng: random.Random) -> Image.Image:
    sheet = canvas.background(CARD_SIZE, (222, 232, 236), rng)
    sheet.stacked(
        30, 26, "Đặc điểm nhân dạng / Personal identification", card.identifying_marks, 520, size=19
    )
    sheet.inline(30, 140, "Ngày, tháng, năm / Date, month, year", printed_date(card.date_of_issue), size=22)
    sheet.text(30, 190, "CỤC TRƯỞNG CỤC CẢNH SÁT", 17, bold=True)
    sheet.text(30, 212, "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 17, bold=True)
    sheet.text(30, 236, "DIRECTOR GENERAL OF THE POLICE DEPARTMENT", 13)
    sheet.text(30, 253, "FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER", 13)
    canvas.seal(sheet, 200, 320, 52)
    sheet.text(110, 375, SIGNER, 19, bold=True)
    canvas.chip(sheet, (460, 192, 565, 268))
    for x, label, english in (
        (600, "Ngón trỏ trái", "Left index finger"),
        (800, "Ngón trỏ phải", "Right index finger"),
    ):
        canvas.fingerprint(sheet, (x, 28, x + 180, 278), rng)
        sheet.centered(x + 90, 288, label, 16, bold=True)
        sheet.centered(x + 90, 308, english, 14)
    canvas.mrz_band(sheet, mrz_lines(card), 405, 40)
    return sheet.image


def cancuoc_2024_front(card: Card, rng: random.Random) -> Image.Image:
    person = card.person
    sheet = _front((232, 226, 214), rng, (105, 95, 64), (32, 185, 187, 390))
    canvas.chip(sheet, (55, 430, 165, 510))
    cx = 575
    sheet.centered(cx, 26, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold=True)
    sheet.centered(cx, 58, "SOCIALIST REPUBLIC OF VIET NAM", 19, bold=True)
    sheet.centered(cx, 92, "CĂN CƯỚC", 42, bold=True, fill=RED)
    sheet.centered(cx, 142, "IDENTITY CARD", 22, bold=True)
    x = 225
    sheet.text(x, 200, "Số định danh cá nhân / Personal identification number:", 18)
    sheet.value(x + 20, 228, person.id_number, 32)
    sheet.text(x, 290, "Họ, chữ đệm và tên khai sinh / Full name:", 18)
    sheet.value(x + 20, 318, person.full_name, 28)
    sheet.inline(x, 380, "Ngày, tháng, năm sinh / Date of birth", printed_date(person.date_of_birth))
    right = sheet.inline(x, 425, "Giới tính / Sex", printed_sex(card))
    sheet.inline(max(right + 40, 560), 425, "Quốc tịch / Nationality", "Việt Nam")
    return sheet.image


def cancuoc_2024_back(card: Card, rng: random.Random) -> Image.Image:
    person = card.person
    sheet = canvas.background(CARD_SIZE, (228, 224, 214), rng)
    x, width = 28, 700
    y = sheet.stacked(x, 22, "Nơi cư trú / Place of residence", card.residence, width, size=21)
    y = sheet.stacked(
        x, y + 6, "Nơi đăng ký khai sinh / Place of birth", person.place_of_birth.format(True), width, 21
    )
    sheet.inline(x, y + 8, "Ngày, tháng, năm cấp / Date of issue", printed_date(card.date_of_issue))
    sheet.inline(x, y + 46, "Ngày, tháng, năm hết hạn / Date of expiry", printed_date(card.date_of_expiry))
    canvas.qr_code(sheet, qr_payload(card), 790, 20, 190)
    sheet.centered(885, 250, "BỘ CÔNG AN", 22, bold=True)
    sheet.centered(885, 278, "MINISTRY OF PUBLIC SECURITY", 12)
    canvas.seal(sheet, 885, 345, 46)
    canvas.mrz_band(sheet, mrz_lines(card), 405, 40)
    return sheet.image


def passport(card: Card, rng: random.Random) -> Image.Image:
    person = card.person
    sheet = canvas.background(PASSPORT_SIZE, (222, 234, 226), rng)
    sheet.centered(500, 20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold=True)
    sheet.centered(500, 52, "SOCIALIST REPUBLIC OF VIET NAM", 19, bold=True)
    sheet.centered(500, 84, "HỘ CHIẾU / PASSPORT", 30, bold=True, fill=RED)
    canvas.photo(sheet, (35, 140, 255, 430))
    canvas.emblem(sheet, 145, 490, 40)
    left, middle, right = 285, 520, 730
    rows = [
        [
            (left, "Loại / Type", "P"),
            (middle, "Mã số / Code", "VNM"),
            (right, "Số hộ chiếu / Passport No.", card.passport_number),
        ],
        [(left, "Họ và tên / Full name", person.full_name)],
        [(left, "Quốc tịch / Nationality", "VIỆT NAM / VIETNAMESE")],
        [
            (left, "Ngày sinh / Date of birth", printed_date(person.date_of_birth)),
            (right - 110, "Nơi sinh / Place of birth", person.place_of_birth.province),
        ],
        [
            (left, "Giới tính / Sex", f"{printed_sex(card)} / {person.sex}"),
            (right - 110, "Số định danh / Personal No.", person.id_number),
        ],
        [
            (left, "Ngày cấp / Date of issue", printed_date(card.date_of_issue)),
            (right - 110, "Có giá trị đến / Date of expiry", printed_date(card.date_of_expiry)),
        ],
        [(left, "Nơi cấp / Place of issue", "Cục Quản lý xuất nhập cảnh")],
    ]
    y = 135
    for row in rows:
        for x, label, value in row:
            sheet.text(x, y, label, 15)
            sheet.value(x, y + 20, value, 23)
        y += 62
    canvas.mrz_band(sheet, mrz_lines(card), 582, 34)
    return sheet.image


RENDERERS: dict[DocumentType, Callable[[Card, random.Random], Image.Image]] = {
    "cccd_2016_front": cccd_2016_front,
    "cccd_2021_front": cccd_2021_front,
    "cccd_2021_back": cccd_2021_back,
    "cancuoc_2024_front": cancuoc_2024_front,
    "cancuoc_2024_back": cancuoc_2024_back,
    "passport": passport,
}
