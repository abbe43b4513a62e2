"""Find and read the MRZ in an upright document image: Tesseract ``eng`` with the MRZ alphabet only.

The zone is the bottom band of a card back or passport page. Its lines are found as wide dark bands
(text rows) in the lower part of the image, levelled when they lean (a turned scan), cropped together
and read with ``--psm 6``; the parser in ``ocr.mrz`` then repairs confusions by position and checks
every check digit.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageOps

from . import mrz
from .tesseract import MRZ_WHITELIST, read_lines, union

Blob = tuple[tuple[int, int, int, int], np.ndarray]  # a row's box and the outline points of its pieces

_BAND = 0.45  # the MRZ lies in the lowest 45% of the page
LEVEL_ENOUGH = 0.3  # degrees: over a 44-character line, a lean under this moves its ends < 3 px


def mrz_region(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box (x, y, w, h) of the MRZ text block in the bottom band, or None when there is none."""
    return _region(mrz_rows(image))


def _region(rows: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int] | None:
    if not rows:
        return None
    x, y, w, h = union(rows)
    pad = max(6, h // 10)
    return max(0, x - pad), max(0, y - pad), w + 2 * pad, h + 2 * pad


def mrz_rows(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """The boxes of the MRZ's text rows (2 or 3), top to bottom, or [] when there is no MRZ: MRZ
    lines are long rows of evenly spaced characters spanning most of the width of the bottom band."""
    return [box for box, _ in _mrz_blobs(image)]


def mrz_skew(image: Image.Image) -> float:
    """How far (degrees, counter-clockwise) the MRZ's rows lean: the median slope of a line fitted
    through the outline of each row. A slightly turned scan shifts a 30- or 44-character line by more
    than a line's height end to end, and Tesseract then loses its start or end."""
    return _skew(_mrz_blobs(image))


def levelled_page(image: Image.Image) -> Image.Image:
    """The page turned about its centre so that its MRZ's rows run level, the MRZ found at its bottom
    either way up; as it is without MRZ rows or with a lean under ``LEVEL_ENOUGH``. A photo whose
    outline was not found keeps the lean it was taken at, and the page reading then runs a line of
    print into the next (a place of birth ending in the issue date's label)."""
    for turned in (image, image.rotate(180)):
        blobs = _mrz_blobs(turned)
        if not blobs:
            continue
        angle = _skew(blobs)  # a direction: the same with the page either way up
        if abs(angle) < LEVEL_ENOUGH:
            return image
        return _turned(np.asarray(image.convert("RGB")), angle)
    return image


def _turned(rgb: np.ndarray, angle: float) -> Image.Image:
    """``rgb`` turned clockwise by ``angle`` degrees about its centre, on a canvas large enough to
    keep its corners, filled with the colour of its border."""
    height, width = rgb.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    size = int(round(width * cos + height * sin)), int(round(width * sin + height * cos))
    matrix[:, 2] += (size[0] - width) / 2, (size[1] - height) / 2
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    fill = tuple(int(v) for v in np.median(border, axis=0))
    turned = cv2.warpAffine(rgb, matrix, size, flags=cv2.INTER_CUBIC, borderValue=fill)
    return Image.fromarray(turned)


def _skew(blobs: list[Blob]) -> float:
    angles = []
    for _, points in blobs:
        vx, vy = cv2.fitLine(points, cv2.DIST_L2, 0, 0.01, 0.01).ravel()[:2]
        angles.append(-np.degrees(np.arctan2(vy, vx)) if vx else 0.0)
    angles = [a - 180 * round(a / 180) for a in angles]  # a direction, not a sense
    return float(np.median(angles)) if angles else 0.0


def _mrz_blobs(image: Image.Image) -> list[Blob]:
    """Each MRZ row's box (page coordinates) with the outline points of its pieces."""
    gray = np.asarray(image.convert("L"))
    top = int(gray.shape[0] * (1 - _BAND))
    band = gray[top:]
    width = band.shape[1]
    blackhat = cv2.morphologyEx(band, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 9)))
    _, binary = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    joined = cv2.morphologyEx(
        _off_the_edges(binary), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 30, 3))
    )
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    rows = []
    for box, points in _rows([(cv2.boundingRect(c), c) for c in contours]):
        x, y, w, h = box
        if w > 0.55 * width and 0.012 * gray.shape[0] < h < 0.12 * gray.shape[0]:
            rows.append(((x, y + top, w, h), (points + (0, top)).astype(np.float32)))
    rows = _bottom_block(rows)
    return rows if len(rows) >= 2 else []


def _off_the_edges(binary: np.ndarray) -> np.ndarray:
    """``binary`` without the marks that touch the band's sides or bottom: the desk showing at a card's
    rounded corners or past a loose outline. MRZ text keeps a margin from the edges; left in, such marks
    join into a full-width "row" under the last line and push the first line out of the block."""
    _, labels = cv2.connectedComponents(binary)
    edge = np.unique(np.concatenate([labels[:, 0], labels[:, -1], labels[-1, :]]))
    return np.where(np.isin(labels, edge[edge > 0]), 0, binary).astype(np.uint8)


def _rows(pieces: list[Blob]) -> list[Blob]:
    """Pieces of one text row (a faint or glared stretch splits it) joined into one box."""
    rows: list[Blob] = []
    for box, points in sorted(pieces, key=lambda p: p[0][1] + p[0][3] / 2):
        center = box[1] + box[3] / 2
        last = rows[-1][0] if rows else None
        if last and abs(center - (last[1] + last[3] / 2)) < min(box[3], last[3]) / 2:
            rows[-1] = (union([last, box]), np.concatenate([rows[-1][1], points]))
        else:
            rows.append((box, points))
    return rows


def _bottom_block(rows: list[Blob]) -> list[Blob]:
    """The MRZ: the lowest rows (at most 3) spaced as tightly as MRZ lines are; wide printed rows
    higher up (a passport's two-column labels) stay out of the block."""
    rows = sorted(rows, key=lambda r: r[0][1])
    block = rows[-1:]
    for row in reversed(rows[:-1]):
        gap = block[0][0][1] - (row[0][1] + row[0][3])
        if len(block) == 3 or gap > 1.2 * max(row[0][3], block[0][0][3]):
            break
        block.insert(0, row)
    return block


def read_mrz(image: Image.Image, birth_century: int | None = None) -> tuple[mrz.Mrz | None, list[int] | None]:
    """The parsed MRZ of an upright page and its box, or (None, None) when no MRZ is read. When the
    first reading (the block at once) fails a check digit or passes only once a character is added
    or removed, each line is read again on its own, and the better reading is kept; when neither
    passes every check, the two are merged line by line and character by character (``mrz.merge``)."""
    blobs = _mrz_blobs(image)
    if not blobs:
        return None, None
    region = _region([box for box, _ in blobs])
    gray, rows = _levelled(image.convert("L"), blobs)
    readings: list[mrz.Mrz] = []
    for read in (_block_text, _line_texts):
        texts = read(gray, rows)
        parsed = mrz.parse(texts, birth_century)
        # Every MRZ pads its lines with fillers: rows read without a single one are printed text
        # (a card front's heading, upside down, spans the bottom band as MRZ rows do).
        if parsed and any("<" in text for text in texts):
            readings.append(parsed)
        best = max(readings, key=trust, default=None)
        if (best is None and not any("<<" in text for text in texts)) or (
            best and best.valid and not best.repaired
        ):
            break  # no fillers read at all (a card front's text), or a reading that holds
    if len(readings) == 2 and not best.valid:
        other = readings[1] if best is readings[0] else readings[0]
        best = mrz.merge(best, other, birth_century) or best
    return best, (list(region) if best and region else None)


def _levelled(gray: Image.Image, blobs: list[Blob]) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """``gray`` turned about the MRZ's centre so that its rows run level, and the rows found again
    (a lean under ``LEVEL_ENOUGH`` degrees is left as it is)."""
    rows = [box for box, _ in blobs]
    angle = _skew(blobs)
    if abs(angle) < LEVEL_ENOUGH:
        return gray, rows
    x, y, w, h = union(rows)
    background = int(np.median(np.asarray(gray.crop((x, y, x + w, y + h)))))
    gray = gray.rotate(-angle, resample=Image.BICUBIC, center=(x + w / 2, y + h / 2), fillcolor=background)
    return gray, mrz_rows(gray) or rows


def _block_text(gray: Image.Image, rows: list[tuple[int, int, int, int]]) -> list[str]:
    x, y, w, h = union(rows)
    pad = max(6, h // 10)
    crop = gray.crop((max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad))
    return [line.text for line in read_lines(crop, lang="eng", psm=6, whitelist=MRZ_WHITELIST)]


def _line_texts(gray: Image.Image, rows: list[tuple[int, int, int, int]]) -> list[str]:
    """Each row read alone (``psm 7``) on a margin of the page's own background: a block read at
    once loses the start of a line that touches the page's edge or leans."""
    texts = []
    for x, y, w, h in rows:
        pad = h // 3
        crop = gray.crop((max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad))
        background = int(np.median(np.asarray(crop)))
        crop = ImageOps.expand(crop, border=pad, fill=background)
        texts.append(
            " ".join(line.text for line in read_lines(crop, lang="eng", psm=7, whitelist=MRZ_WHITELIST))
        )
    return texts


def reparse(found: mrz.Mrz, number: str | None, personal: str | None) -> mrz.Mrz:
    """A passport's MRZ parsed again with its printed number and personal number as candidates for
    those fields (a card's with the ID its QR carries): kept when every check digit passes with them
    (two sources agree; repairs that happen to pass the checks otherwise are less likely), or when
    trusted more than the first parse."""
    agrees = found.document_number == number and (personal is None or found.optional.startswith(personal))
    if found.valid and agrees:
        return found
    again = mrz.parse(found.raw, printed_number=number, printed_personal=personal)
    if (
        again
        and again.valid
        and (again.document_number == number or again.optional.startswith(personal or "-"))
    ):
        return again
    return again if again and trust(again) > trust(found) else found


def trust(parsed: mrz.Mrz) -> tuple[int, int, bool]:
    """How far a parse can be trusted, to compare readings: all checks passing, how many pass, and
    whether it needed no character added or removed."""
    return parsed.valid, sum(parsed.checks.values()), not parsed.repaired
