"""Turn a rendered document into a scan or phone photo of it, at one of four degradation levels.

- clean: the document as rendered.
- mild: on a scanner bed, rotated up to 3 degrees, slightly blurred, JPEG quality about 70.
- moderate: a phone photo on a cluttered table: up to 10 degrees, perspective, uneven light, noise.
- hard: turned 90, 180 or 270 degrees, a glare spot, low resolution.

Every level but clean rounds the document's corners like a card's and reports where the corners of
its rectangle ended up, so a reader's finder can be tested.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from eval.docgen.canvas import font
from eval.docgen.kinds import LEVELS, Level


@dataclass
class Degraded:
    image: Image.Image
    corners: list[list[float]]  # the document's top-left, top-right, bottom-right, bottom-left
    jpeg_quality: int


def degrade(document: Image.Image, level: Level, rng: random.Random) -> Degraded:
    noise = np.random.default_rng(rng.getrandbits(64))
    doc = np.asarray(document.convert("RGB"))
    h, w = doc.shape[:2]
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    if level == "clean":
        return Degraded(document.convert("RGB"), source.tolist(), 88)
    if level == "mild":
        size = (round(w * 1.08), round(h * 1.1))
        bed = np.full((size[1], size[0], 3), rng.randint(232, 248), np.uint8)
        matrix = _rotation_about_centre(w, h, size, rng.uniform(-3, 3), 1.0)
        out, corners = _place(doc, matrix, bed)
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 0.9))
        return Degraded(Image.fromarray(out), corners, rng.randint(65, 75))
    if level == "moderate":
        size = (round(w * 1.4), round(h * 1.55))
        matrix = _rotation_about_centre(w, h, size, rng.uniform(-10, 10), rng.uniform(0.85, 0.95))
        jitter = np.float32([[rng.uniform(-0.04, 0.04) * w, rng.uniform(-0.04, 0.04) * h] for _ in range(4)])
        target = cv2.perspectiveTransform(source[None], matrix)[0] + jitter
        out, corners = _place(
            doc,
            cv2.getPerspectiveTransform(source, target),
            _clutter(size, rng),
            shadow=rng.uniform(0.3, 0.5),
        )
        out = _uneven_light(out, rng)
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.0))
        grain = noise.standard_normal(out.shape, dtype=np.float32) * rng.uniform(4, 9)
        out = np.clip(out + grain, 0, 255).astype(np.uint8)
        return Degraded(Image.fromarray(out), corners, rng.randint(70, 80))
    if level == "hard":
        turn = rng.choice([90, 180, 270])
        size = (round(w * 1.15), round(w * 1.15))
        table = np.full((size[1], size[0], 3), [rng.randint(90, 150) for _ in range(3)], np.uint8)
        matrix = _rotation_about_centre(w, h, size, turn + rng.uniform(-2, 2), 0.95)
        out, corners = _place(doc, matrix, table, shadow=0.3)
        out = _glare(out, corners, rng)
        factor = rng.uniform(0.52, 0.62)
        small = cv2.resize(out, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        return Degraded(
            Image.fromarray(small), [[x * factor, y * factor] for x, y in corners], rng.randint(60, 70)
        )
    raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")


def _rotation_about_centre(w: int, h: int, size: tuple[int, int], degrees: float, scale: float) -> np.ndarray:
    """A 3x3 homography: rotate the document about its centre and centre it on a ``size`` canvas."""
    affine = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, scale)
    affine[:, 2] += (size[0] / 2 - w / 2, size[1] / 2 - h / 2)
    return np.vstack([affine, [0, 0, 1]]).astype(np.float32)


def _place(
    doc: np.ndarray, matrix: np.ndarray, backdrop: np.ndarray, shadow: float = 0.0
) -> tuple[np.ndarray, list[list[float]]]:
    """Warp ``doc`` (its corners rounded like a card's) by ``matrix`` onto ``backdrop``, optionally
    over a soft shadow of the given darkness; returns the image and the document's corners."""
    size = (backdrop.shape[1], backdrop.shape[0])
    h, w = doc.shape[:2]
    outline = Image.new("L", (w, h), 0)
    ImageDraw.Draw(outline).rounded_rectangle([0, 0, w - 1, h - 1], radius=round(w * 0.035), fill=255)
    shape = np.asarray(outline, np.float32) / 255
    warped = cv2.warpPerspective(doc, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(shape, matrix, size, flags=cv2.INTER_LINEAR)[..., None]
    if shadow:
        offset = np.float32([[1, 0, w * 0.008], [0, 1, w * 0.012]])
        cast = cv2.GaussianBlur(cv2.warpAffine(mask, offset, size), (0, 0), w * 0.01)[..., None]
        backdrop = backdrop * (1 - shadow * cast)
    out = (warped * mask + backdrop * (1 - mask)).astype(np.uint8)
    corners = cv2.perspectiveTransform(np.float32([[[0, 0], [w, 0], [w, h], [0, h]]]), matrix)[0]
    return out, [[round(float(x), 1), round(float(y), 1)] for x, y in corners]


def _clutter(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A busy table top: a wood-like base with papers, pens, coins and stray printed words."""
    base = tuple(rng.randint(90, 170) for _ in range(3))
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 3):
        grain = rng.randint(-14, 14)
        draw.line([(0, y), (size[0], y + rng.randint(-6, 6))], fill=tuple(max(0, c + grain) for c in base))
    for _ in range(rng.randint(6, 12)):
        x, y = rng.randint(-100, size[0]), rng.randint(-100, size[1])
        colour = tuple(rng.randint(30, 255) for _ in range(3))
        shape = rng.choice(["paper", "pen", "coin"])
        if shape == "paper":
            draw.polygon(_rotated_rect(x, y, rng.randint(150, 400), rng.randint(100, 300), rng), fill=colour)
        elif shape == "pen":
            draw.line(
                [(x, y), (x + rng.randint(-250, 250), y + rng.randint(-250, 250))], fill=colour, width=10
            )
        else:
            r = rng.randint(18, 45)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour, outline=(40, 40, 40), width=2)
    for _ in range(rng.randint(3, 7)):
        word = "".join(rng.choice("ABCDEFGHKLMNOPRSTUVXY0123456789 ") for _ in range(rng.randint(4, 14)))
        face: ImageFont.FreeTypeFont = font(rng.randint(16, 34), bold=rng.random() < 0.5)
        draw.text((rng.randint(0, size[0]), rng.randint(0, size[1])), word, font=face, fill=(20, 20, 20))
    return np.asarray(image)


def _rotated_rect(x: float, y: float, w: float, h: float, rng: random.Random) -> list[tuple[float, float]]:
    angle = rng.uniform(0, math.pi)
    c, s = math.cos(angle), math.sin(angle)
    return [(x + px * c - py * s, y + px * s + py * c) for px, py in ((0, 0), (w, 0), (w, h), (0, h))]


def _uneven_light(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """A linear fall-off of light across the frame in a random direction."""
    h, w = image.shape[:2]
    angle = rng.uniform(0, math.tau)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (xs / w - 0.5) * math.cos(angle) + (ys / h - 0.5) * math.sin(angle)
    low, high = rng.uniform(0.6, 0.75), rng.uniform(1.0, 1.1)
    gain = low + (high - low) * (ramp - ramp.min()) / (ramp.max() - ramp.min())
    return np.clip(image * gain[..., None], 0, 255).astype(np.uint8)


def _glare(image: np.ndarray, corners: list[list[float]], rng: random.Random) -> np.ndarray:
    """A bright elliptical spot somewhere on the document, as from a lamp on its laminate."""
    h, w = image.shape[:2]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    u, v = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)
    cx = (1 - v) * ((1 - u) * x0 + u * x1) + v * ((1 - u) * x3 + u * x2)
    cy = (1 - v) * ((1 - u) * y0 + u * y1) + v * ((1 - u) * y3 + u * y2)
    sigma = rng.uniform(0.05, 0.09) * max(w, h)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    spot = np.exp(-(((xs - cx) / (1.6 * sigma)) ** 2 + ((ys - cy) / sigma) ** 2) / 2)
    return np.clip(image + spot[..., None] * rng.uniform(150, 220), 0, 255).astype(np.uint8)
