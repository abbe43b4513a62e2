"""Find the document in a photo, correct its perspective, and turn it upright.

The card (ID-1, 85.6 x 54 mm) or passport page is located as the largest four-cornered contour that
covers a fair share of the photo; it is warped to a rectangle of its own measured aspect, landscape.
Orientation (0/90/180/270) is settled by the caller's evidence (QR, MRZ) or Tesseract OSD.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

ID1_ASPECT = 85.6 / 54
WORK_WIDTH = 1000  # width of the straightened image: card text is ~20 px high at this size
_DETECT_SIZE = 800
_MIN_AREA = 0.12  # the document covers at least this share of the photo


def _order(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
        dtype=np.float32,
    )


def find_quad(image: Image.Image) -> np.ndarray | None:
    """The document's four corners in ``image`` coordinates, or None if it fills the frame or is not found."""
    rgb = np.asarray(image)
    scale = _DETECT_SIZE / max(rgb.shape[:2])
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    scale = min(scale, 1.0)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    edges = cv2.Canny(gray, 30, 90)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    frame = gray.shape[0] * gray.shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        area = cv2.contourArea(contour)
        if area < _MIN_AREA * frame:
            break
        if area > 0.93 * frame:
            return None  # already cropped to the document
        hull = cv2.convexHull(contour)
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
        else:
            rect = cv2.minAreaRect(hull)
            if area < 0.85 * rect[1][0] * rect[1][1]:
                continue
            quad = cv2.boxPoints(rect).astype(np.float32)
        return _order(quad / scale)
    return None


def warp(image: Image.Image, quad: np.ndarray) -> Image.Image:
    """The quadrilateral ``quad`` warped to an upright-or-sideways rectangle of its measured aspect."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    aspect = max(width, height) / max(min(width, height), 1)
    long_side = WORK_WIDTH
    short_side = int(round(long_side / aspect))
    out_w, out_h = (long_side, short_side) if width >= height else (short_side, long_side)
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    warped = cv2.warpPerspective(np.asarray(image), matrix, (out_w, out_h), flags=cv2.INTER_CUBIC)
    return Image.fromarray(warped)


def resize_for_ocr(image: Image.Image) -> Image.Image:
    """Scale so the long side is WORK_WIDTH (upscaling small photos helps Tesseract)."""
    long_side = max(image.size)
    if abs(long_side - WORK_WIDTH) < 50:
        return image
    factor = WORK_WIDTH / long_side
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)


def straighten(image: Image.Image) -> Image.Image:
    """The document cropped, perspective-corrected and scaled for OCR (orientation not yet fixed)."""
    quad = find_quad(image)
    return warp(image, quad) if quad is not None else resize_for_ocr(image)


def landscape(image: Image.Image) -> Image.Image:
    """Cards and passport data pages are landscape: a portrait page is turned a quarter (upright or
    upside down is settled later)."""
    return rotate(image, 90) if image.height > image.width else image


def rotate(image: Image.Image, degrees: int) -> Image.Image:
    """Rotate clockwise by a multiple of 90 degrees."""
    return image.rotate(-degrees, expand=True) if degrees % 360 else image
