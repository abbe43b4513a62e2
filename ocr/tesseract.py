"""Tesseract calls: words with their boxes and confidences, grouped into text lines.

Each call starts a Tesseract process (about 0.1–0.3 s), so callers crop the region they need and
pick a page segmentation mode (``psm``) that suits it instead of reading whole pages repeatedly.
Debian's data has only LSTM models, hence ``--oem 1``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytesseract
from PIL import Image

from knowledge.text import fold, nfc

# One thread per Tesseract process: on a 2-core box its OpenMP threads only contend with each other.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

MRZ_WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


class TesseractError(RuntimeError):
    """Tesseract is missing or failed on an image."""


@dataclass
class Glyph:
    """One recognised character, the LSTM's alternatives for it (character -> 0..1), and its box
    (x, y, w, h) in the image read."""

    text: str
    choices: dict[str, float]
    box: tuple[int, int, int, int] | None = None


@dataclass
class Word:
    text: str
    confidence: float  # 0..1
    box: tuple[int, int, int, int]  # x, y, w, h
    glyphs: list[Glyph] = field(default_factory=list)  # only from ``read_words_with_choices``


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


def _gray(image: Image.Image) -> Image.Image:
    """``image`` in grey levels, handed to Tesseract as an uncompressed PGM file: pytesseract writes a
    PNG otherwise, whose compression took ~50 ms a page (the same pixels either way)."""
    gray = image.convert("L")
    gray.format = "PPM"
    return gray


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
            _gray(image), lang=lang, config=_config(psm, whitelist), output_type=pytesseract.Output.DICT
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


def crop_line(
    image: Image.Image, box: tuple[int, int, int, int] | list[int], above: float = 1 / 3
) -> Image.Image:
    """The region ``box`` (x, y, w, h) of ``image`` with a margin of a third of its height (``above``
    times it on top): a line to read alone."""
    x, y, w, h = box
    pad = max(h // 3, 4)
    return image.crop((max(0, x - pad), max(0, y - max(int(h * above), pad)), x + w + pad, y + h + pad))


def _title(element: ET.Element, key: str) -> list[str]:
    """The values of one property of an hOCR ``title`` ("bbox 1 2 3 4; x_wconf 90")."""
    for part in element.get("title", "").split(";"):
        name, _, values = part.strip().partition(" ")
        if name == key:
            return values.split()
    return []


def read_words_with_choices(image: Image.Image, lang: str = "vie", psm: int = 7) -> list[Word]:
    """The words of a small crop (one line), each with its characters and the LSTM's alternatives
    for every character: enough to choose between spellings a dictionary allows (``NGÂN``/``NGẦN``)."""
    config = _config(psm, None) + " -c lstm_choice_mode=2 -c hocr_char_boxes=1"
    try:
        hocr = pytesseract.image_to_pdf_or_hocr(_gray(image), lang=lang, extension="hocr", config=config)
        root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", hocr))
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError, ET.ParseError) as exc:
        raise TesseractError(f"tesseract failed: {exc}") from None
    words = []
    for span in root.iter():
        if span.get("class") != "ocrx_word":
            continue
        glyphs: list[Glyph] = []
        for child in span:
            if child.get("id", "").startswith("lstm_choices") and glyphs:
                choices = {}
                for choice in child:
                    text, values = nfc(choice.text or ""), _title(choice, "x_confs")
                    if text and values:
                        choices[text] = max(choices.get(text, 0.0), float(values[0]) / 100)
                _add_choices(glyphs, choices)
            elif (corners := _title(child, "x_bboxes")) and child.text:
                x0, y0, x1, y1 = (int(v) for v in corners)
                glyphs.append(Glyph(nfc(child.text), {}, (x0, y0, x1 - x0, y1 - y0)))
        text = "".join(g.text for g in glyphs)
        box = [int(v) for v in _title(span, "bbox")]
        if text.strip() and len(box) == 4:
            confidence = float((_title(span, "x_wconf") or ["0"])[0]) / 100
            words.append(Word(text, confidence, (box[0], box[1], box[2] - box[0], box[3] - box[1]), glyphs))
    return words


def _add_choices(glyphs: list[Glyph], choices: dict[str, float]) -> None:
    """Give the last glyph its alternatives; but the glyph before it with marks, listed with more
    chance than the last glyph's own letter (``Ẩ:0.99`` for the ``N`` of ``ẤN``, ``Ề:0.99`` over
    ``N:0.95`` for that of ``HIỀN``: the LSTM spends more steps on a stacked vowel than on one
    letter), belongs to the glyph before."""
    last = glyphs[-1]
    before = fold(glyphs[-2].text) if len(glyphs) > 1 else None
    own = max((v for text, v in choices.items() if fold(text) == fold(last.text)), default=0.0)
    marked = {
        text
        for text in choices
        if before and fold(text) == before != fold(last.text) and text != before.upper()
    }
    moved = max((choices[text] for text in marked), default=0.0) > own
    for text, value in choices.items():
        owner = glyphs[-2] if moved and text in marked else last
        owner.choices[text] = max(owner.choices.get(text, 0.0), value)
