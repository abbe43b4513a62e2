"""Tesseract calls: words with their boxes and confidences, grouped into text lines.

Each call starts a Tesseract process (about 0.1–0.3 s), so callers crop the region they need and
pick a page segmentation mode (``psm``) that suits it instead of reading whole pages repeatedly.
Debian's data has only LSTM models, hence ``--oem 1``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytesseract
from PIL import Image

from knowledge.text import nfc

# One thread per Tesseract process: on a 2-core box its OpenMP threads only contend with each other.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

MRZ_WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


class TesseractError(RuntimeError):
    """Tesseract is missing or failed on an image."""


@dataclass
class Word:
    text: str
    confidence: float  # 0..1
    box: tuple[int, int, int, int]  # x, y, w, h


@dataclass
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> tuple[int, int, int, int]:
        return union([w.box for w in self.words])

    @property
    def confidence(self) -> float:
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else 0.0


def union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def _config(psm: int, whitelist: str | None) -> str:
    config = f"--oem 1 --psm {psm}"
    if whitelist:
        config += f" -c tessedit_char_whitelist={whitelist}"
    return config


def read_lines(
    image: Image.Image, lang: str = "vie", psm: int = 6, whitelist: str | None = None
) -> list[Line]:
    """The text lines Tesseract finds in ``image``, top to bottom, words left to right."""
    try:
        data = pytesseract.image_to_data(
            image.convert("L"), lang=lang, config=_config(psm, whitelist), output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        raise TesseractError(f"tesseract failed: {exc}") from None
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = nfc(text.strip())
        if not text or float(data["conf"][i]) < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        lines.setdefault(key, []).append(Word(text, float(data["conf"][i]) / 100, box))
    ordered = [Line(words) for words in lines.values()]
    ordered.sort(key=lambda line: (line.box[1], line.box[0]))
    return ordered
