"""Small card images drawn in the tests (independent of the generator in eval/docgen)."""

from __future__ import annotations

import io

import segno
from PIL import Image, ImageDraw, ImageFont

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

QR_2021 = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Phường Phúc Xá, Quận Ba Đình, Hà Nội|15042021"
MRZ_2021 = [
    "IDVNM0901234562001090123456<<3",
    "9001011M3001019VNM<<<<<<<<<<<4",
    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<",
]


def _card(size=(1000, 631)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", size, (236, 242, 236))
    return image, ImageDraw.Draw(image)


def front_2021(with_qr: bool = True) -> Image.Image:
    """A 2021 chip card front: bilingual labels, values, and the QR top right."""
    image, draw = _card()
    font, bold = ImageFont.truetype(_FONT, 22), ImageFont.truetype(_BOLD, 26)
    draw.text((300, 30), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill="black")
    draw.text((300, 110), "CĂN CƯỚC CÔNG DÂN / Citizen Identity Card", font=bold, fill=(160, 20, 20))
    rows = [
        ("Số / No.: ", "001090123456"),
        ("Họ và tên / Full name:", ""),
        ("", "NGUYỄN VĂN AN"),
        ("Ngày sinh / Date of birth: ", "01/01/1990"),
        ("Giới tính / Sex: ", "Nam      Quốc tịch / Nationality: Việt Nam"),
        ("Quê quán / Place of origin:", ""),
        ("", "Phúc Xá, Ba Đình, Hà Nội"),
        ("Nơi thường trú / Place of residence: ", "Số 12 Phố Huế,"),
        ("", "Phường Phúc Xá, Quận Ba Đình, Hà Nội"),
    ]
    y = 170
    for label, value in rows:
        draw.text((300, y), label, font=font, fill="black")
        offset = draw.textlength(label, font=font) + 8 if label else 0
        draw.text((300 + offset, y), value, font=bold if not label else font, fill="black")
        y += 44
    draw.text((40, 560), "Có giá trị đến / Date of expiry: 01/01/2030", font=font, fill="black")
    draw.rectangle((40, 200, 260, 480), outline="gray", width=3)  # photo
    if with_qr:
        qr = segno.make(QR_2021, error="m")
        buffer = io.BytesIO()
        qr.save(buffer, kind="png", scale=4, border=3)
        image.paste(Image.open(buffer).convert("RGB"), (770, 15))
    return image


def back_2021() -> Image.Image:
    """A 2021 chip card back: issue date, and the 3-line TD1 MRZ at the bottom."""
    image, draw = _card()
    font = ImageFont.truetype(_FONT, 22)
    mono = ImageFont.truetype(_MONO, 40)
    draw.text((40, 40), "Đặc điểm nhân dạng / Personal identification:", font=font, fill="black")
    draw.text((40, 80), "Nốt ruồi C:1cm trên sau cánh mũi phải", font=font, fill="black")
    draw.text((40, 140), "Ngày, tháng, năm / Date, month, year: 15/04/2021", font=font, fill="black")
    draw.text((40, 180), "CỤC TRƯỞNG CỤC CẢNH SÁT", font=font, fill="black")
    for i, line in enumerate(MRZ_2021):
        draw.text((60, 420 + i * 60), line, font=mono, fill="black")
    return image


def on_background(card: Image.Image, angle: float = 8) -> Image.Image:
    """The card photographed on a dark desk, slightly rotated."""
    rotated = card.rotate(angle, expand=True, fillcolor=(40, 40, 45))
    canvas = Image.new("RGB", (rotated.width + 300, rotated.height + 240), (40, 40, 45))
    canvas.paste(rotated, (150, 120))
    return canvas


def encode(image: Image.Image, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, quality=92)
    return buffer.getvalue()
