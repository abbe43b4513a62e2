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


def _masks(small: np.ndarray) -> list[np.ndarray]:
    """Binary images in which the document may stand out as one blob: its edges (scans, plain
    backgrounds), and its bright, low-saturation paper (photos on a textured or cluttered desk)."""
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 30, 90), np.ones((3, 3), np.uint8), iterations=2)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    paper = ((hsv[..., 1] < 70) & (hsv[..., 2] > 120)).astype(np.uint8) * 255
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    blobs = [
        cv2.morphologyEx(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel)
        for m in (paper, bright)
    ]
    return [edges, *reversed(blobs)]


def _quad_of(contour: np.ndarray) -> np.ndarray | None:
    """Four corners of a contour that is a document-shaped quadrilateral (aspect 1.25–1.9, filled)."""
    hull = cv2.convexHull(contour)
    area = cv2.contourArea(hull)
    quad = None
    for epsilon in (0.02, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, epsilon * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    if quad is None:
        rect = cv2.minAreaRect(hull)
        if area < 0.9 * rect[1][0] * rect[1][1]:
            return None
        quad = cv2.boxPoints(rect).astype(np.float32)
    quad = _order(quad)
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    aspect = max(width, height) / max(min(width, height), 1)
    if not 1.25 <= aspect <= 1.9 or cv2.contourArea(contour) < 0.85 * cv2.contourArea(quad):
        return None
    return quad


def find_quad(image: Image.Image) -> np.ndarray | None:
    """The document's four corners in ``image`` coordinates, or None if it fills the frame or is not found."""
    rgb = np.asarray(image)
    scale = min(_DETECT_SIZE / max(rgb.shape[:2]), 1.0)
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    frame = small.shape[0] * small.shape[1]
    for mask in _masks(small):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            area = cv2.contourArea(contour)
            if area < _MIN_AREA * frame:
                break
            if area > 0.93 * frame:
                continue  # the whole frame: a scan already cropped to the document, or a plain desk
            quad = _quad_of(contour)
            if quad is not None:
                return quad / scale
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
