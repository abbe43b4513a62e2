"""Drawing primitives shared by the card and passport layouts: fonts, security background, emblem,
photo placeholder, QR code, fingerprint boxes, labelled fields and the MRZ band."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: full Vietnamese coverage
CARD_SIZE = (1000, round(1000 * 54 / 85.6))  # ID-1, 85.6 x 54 mm
PASSPORT_SIZE = (1000, round(1000 * 88 / 125))  # TD3 data page, 125 x 88 mm
INK = (22, 22, 30)
LABEL = (45, 45, 55)
RED = (196, 28, 36)


@cache
def font(size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    path = FONT_DIR / f"{name}{'-Bold' if bold else ''}.ttf"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install the Debian package fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


@dataclass
class Sheet:
    """A document face being drawn. The holder's data is printed ``shift`` pixels off the pre-printed
    layer (labels, headings), as personalisation printers do, so positions vary from card to card."""

    image: Image.Image
    shift: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        self.draw = ImageDraw.Draw(self.image)

    @property
    def width(self) -> int:
        return self.image.width

    def text(
        self, x: float, y: float, text: str, size: int, bold: bool = False, fill=INK, anchor="la"
    ) -> float:
        """Draw one line; returns its right edge."""
        face = font(size, bold)
        self.draw.text((x, y), text, font=face, fill=fill, anchor=anchor)
        return self.draw.textbbox((x, y), text, font=face, anchor=anchor)[2]

    def value(self, x: float, y: float, text: str, size: int, anchor="la") -> float:
        """Personalised data: bold, and off by the sheet's shift; returns its right edge."""
        return self.text(x + self.shift[0], y + self.shift[1], text, size, bold=True, anchor=anchor)

    def centered(self, cx: float, y: float, text: str, size: int, bold: bool = False, fill=INK) -> None:
        self.text(cx, y, text, size, bold, fill, anchor="ma")

    def inline(
        self, x: float, y: float, label: str, value: str, size: int = 22, label_size: int = 18
    ) -> float:
        """``Label: VALUE`` on one line (value bold, baselines aligned); returns the right edge."""
        baseline = y + size
        right = self.text(x, baseline, f"{label}: ", label_size, fill=LABEL, anchor="ls")
        return self.value(right + 8, baseline, value, size, anchor="ls")

    def stacked(
        self, x: float, y: float, label: str, value: str, width: float, size: int = 22, label_size: int = 18
    ) -> float:
        """Label on one line, the value wrapped beneath it; returns the y below the block."""
        self.text(x, y, f"{label}:", label_size, fill=LABEL)
        return self.wrapped(x, y + label_size + 8, value, width, size)

    def wrapped(self, x: float, y: float, text: str, width: float, size: int) -> float:
        """A word-wrapped value, its font shrunk until it fits in three lines; returns the y below."""
        while True:
            lines = _wrap(text, font(size, bold=True), width)
            if len(lines) <= 3 or size <= 14:
                break
            size -= 2
        for line in lines:
            self.value(x, y, line, size)
            y += round(size * 1.3)
        return y


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def background(size: tuple[int, int], tint: tuple[int, int, int], rng: random.Random) -> Sheet:
    """A pale tinted gradient with guilloche waves, faint enough that the text stays legible."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = 0.9 + 0.1 * y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(255 - (255 - c) * shade) for c in tint))
    wave = tuple(round(c * 0.93) for c in tint)
    period, phase = rng.uniform(160, 260), rng.uniform(0, math.tau)
    for k in range(0, height + 60, 14):
        points = [
            (x, k + 18 * math.sin(math.tau * x / period + phase + k / 40) * math.cos(x / 210 + k / 90))
            for x in range(0, width + 10, 8)
        ]
        draw.line(points, fill=wave, width=1)
    draw.rounded_rectangle([1, 1, width - 2, height - 2], radius=28, outline=(170, 175, 180), width=2)
    return Sheet(image, shift=(rng.uniform(-3, 3), rng.uniform(-4, 4)))


def emblem(sheet: Sheet, cx: float, cy: float, radius: float) -> None:
    """The national emblem, reduced to a red disc, a gold star and a gold ring."""
    sheet.draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=(205, 40, 40))
    sheet.draw.ellipse(
        [cx - radius, cy - radius, cx + radius, cy + radius],
        outline=(222, 180, 60),
        width=max(3, round(radius / 8)),
    )
    star = [
        (
            cx + (radius * 0.55 if i % 2 == 0 else radius * 0.22) * math.sin(math.pi * i / 5),
            cy - (radius * 0.55 if i % 2 == 0 else radius * 0.22) * math.cos(math.pi * i / 5),
        )
        for i in range(10)
    ]
    sheet.draw.polygon(star, fill=(245, 205, 60))


def photo(sheet: Sheet, box: tuple[int, int, int, int]) -> None:
    """A plain grey head-and-shoulders silhouette standing in for the holder's photo."""
    x0, y0, x1, y1 = box
    sheet.draw.rectangle(box, fill=(222, 224, 228), outline=(150, 150, 155), width=2)
    w, h = x1 - x0, y1 - y0
    sheet.draw.ellipse([x0 + w * 0.3, y0 + h * 0.15, x0 + w * 0.7, y0 + h * 0.55], fill=(150, 152, 158))
    sheet.draw.chord(
        [x0 + w * 0.08, y0 + h * 0.6, x1 - w * 0.08, y1 + h * 0.35], 180, 360, fill=(150, 152, 158)
    )


def chip(sheet: Sheet, box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    sheet.draw.rounded_rectangle(box, radius=10, fill=(214, 182, 96), outline=(160, 130, 60), width=2)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    sheet.draw.line([(x0, my), (x1, my)], fill=(160, 130, 60), width=2)
    sheet.draw.line([(mx, y0), (mx, y1)], fill=(160, 130, 60), width=2)


def qr_code(sheet: Sheet, payload: str, x: int, y: int, size: int) -> None:
    """A real QR code (UTF-8 bytes, level M) with a 2-module quiet zone, about ``size`` pixels wide."""
    code = segno.make(payload, error="m", micro=False, encoding="utf-8")
    dark = np.pad(np.array(code.matrix, dtype=bool), 2)
    scale = max(1, size // dark.shape[0])
    pixels = np.where(dark, 0, 255).astype(np.uint8).repeat(scale, axis=0).repeat(scale, axis=1)
    sheet.image.paste(Image.fromarray(pixels).convert("RGB"), (x, y))


def fingerprint(sheet: Sheet, box: tuple[int, int, int, int], rng: random.Random) -> None:
    """A framed box of ridge-like ellipses."""
    x0, y0, x1, y1 = box
    sheet.draw.rectangle(box, fill=(250, 250, 250), outline=(120, 120, 125), width=2)
    cx, cy = (x0 + x1) / 2 + rng.uniform(-8, 8), (y0 + y1) / 2 + rng.uniform(-8, 8)
    for r in range(8, round(min(x1 - x0, y1 - y0) * 0.42), 7):
        sheet.draw.ellipse([cx - r * 0.8, cy - r, cx + r * 0.8, cy + r], outline=(120, 120, 125), width=2)


def seal(sheet: Sheet, cx: float, cy: float, radius: float) -> None:
    """A pale red stamp ring with a signature scribble over it."""
    overlay = Image.new("RGBA", sheet.image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for inset, width in ((0, 4), (12, 2)):
        r = radius - inset
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(210, 60, 60, 110), width=width)
    sheet.image.paste(Image.alpha_composite(sheet.image.convert("RGBA"), overlay).convert("RGB"))
    scribble = [(cx - radius * 0.8 + i * radius * 0.12, cy + 18 * math.sin(i * 1.3) - i) for i in range(16)]
    sheet.draw.line(scribble, fill=(40, 50, 110), width=3)


def mrz_band(sheet: Sheet, lines: list[str], top: int, size: int) -> None:
    """The machine-readable zone in a monospace face on a plain band, centred."""
    sheet.draw.rectangle([2, top, sheet.width - 3, sheet.image.height - 3], fill=(246, 246, 244))
    face = font(size, mono=True)
    step = round(size * 1.45)
    x = (sheet.width - face.getlength(lines[0])) / 2
    for i, line in enumerate(lines):
        sheet.draw.text((x, top + 22 + i * step), line, font=face, fill=INK)
