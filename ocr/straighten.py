"""Find the document in a photo, correct its perspective, and turn it upright.

The card (ID-1, 85.6 x 54 mm) or passport page is looked for as every document-shaped
quadrilateral region at once: the inside of a ring of edges (which clutter touching the card does
not break) and bright or unsaturated blobs. A candidate whose four sides all lie on edges of the
photo is an outline; the largest such wins (print inside the card has edges too, but smaller).
Its sides are then settled outwards onto the document's own edges (a region's contour runs inside
them, and along a passport's MRZ where the print comes close to the edge). It is warped to a rectangle of its own measured aspect, landscape. Orientation (0/90/180/270) is
settled by the caller's evidence (QR, MRZ, label text).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

ID1_ASPECT = 85.6 / 54
WORK_WIDTH = 1000  # width of the straightened image: card text is ~20 px high at this size
_DETECT_SIZE = 800
_TRIM = 10  # pixels of the outline's margin left out of the page (its rounded corners show the desk)
_MIN_AREA = 0.12  # the document covers at least this share of the photo
_MAX_AREA = 0.93  # a larger region is the whole frame: a scan cropped to the document, or a plain desk
_SUPPORTED = 0.5  # an outline with at least this share of every side on an edge is the document's


def _order(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
        dtype=np.float32,
    )


@dataclass(frozen=True)
class Outline:
    """A candidate document outline in a photo."""

    quad: np.ndarray  # corners TL, TR, BR, BL in the photo's coordinates
    support: float  # the smallest share of any side that lies on an edge of the photo
    area: float  # share of the photo it covers


def _masks(small: np.ndarray) -> list[tuple[np.ndarray, int]]:
    """Binary images in which the document may stand out as one region, each with the contour
    retrieval mode that finds it: the inside of its outline in the edge map (a ring of edges that
    clutter touching the card does not break), and its bright, low-saturation paper as a blob
    (photos on a textured desk, where the outline is broken)."""
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 30, 90), np.ones((3, 3), np.uint8), iterations=2)
    hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
    paper = ((hsv[..., 1] < 70) & (hsv[..., 2] > 120)).astype(np.uint8) * 255
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    blobs = [
        cv2.morphologyEx(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel)
        for m in (bright, paper)
    ]
    return [(edges, cv2.RETR_LIST), *((blob, cv2.RETR_EXTERNAL) for blob in blobs)]


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


_SAMPLES = np.linspace(0.1, 0.9, 60)[:, None]  # along a side, clear of the card's rounded corners
_SHIFTS = np.arange(-6, 7)  # pixels a side may move to settle on an edge


def _on_edges(edges: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """Share of the segment's points that lie on an edge pixel (points outside the photo do not)."""
    points = np.rint(start + (end - start) * _SAMPLES).astype(int)
    x, y = points[:, 0], points[:, 1]
    inside = (x >= 0) & (x < edges.shape[1]) & (y >= 0) & (y < edges.shape[0])
    return float(np.count_nonzero(edges[y[inside], x[inside]])) / len(points)


def _support(edges: np.ndarray, quad: np.ndarray) -> float:
    """The smallest share of any side of ``quad`` that lies on edges, each side free to move a few
    pixels along its normal (a region's contour runs a little inside or outside the card's edge)."""
    shares = []
    for start, end in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        direction = end - start
        normal = np.array([-direction[1], direction[0]]) / max(float(np.linalg.norm(direction)), 1e-6)
        shares.append(max(_on_edges(edges, start + k * normal, end + k * normal) for k in _SHIFTS))
    return min(shares)


_REACH = 0.05  # of the short side: how far beyond a region's contour its side may settle
_NEAR = 3  # pixels outwards that a side crosses whatever lies there (the blur at its edge)
_PALE = 0.9  # a line at least this bright (of the region's median) is the document's paper
_EDGE = 0.15  # a line with this share on edges runs along an edge (its blur or its dilation)


def _settle(edges: np.ndarray, gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """``quad`` with each side moved outwards onto the document's own edge. A region's contour runs
    a few pixels inside the edge it follows, and where print comes close to the edge (a passport's
    MRZ) it follows the print, at the print's slant: so each end of each side moves out, on its
    own, to the outermost edge line reached crossing only edges or the document's pale paper (the
    MRZ band on a scanner bed), not the desk, and no farther than ``_REACH`` of the short side."""
    tl, tr, br, bl = quad
    short = min(np.linalg.norm(tr - tl), np.linalg.norm(bl - tl))
    interior = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(interior, np.rint(quad).astype(np.int32), 1)
    pale = _PALE * float(np.median(gray[interior > 0]))
    shifts = np.arange(max(_NEAR, int(_REACH * short)) + 1)
    lines = []
    for start, end in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        direction = end - start
        outward = np.array([direction[1], -direction[0]]) / max(float(np.linalg.norm(direction)), 1e-6)
        first, last = _outermost_edge(edges, gray, (start, end), outward * shifts[:, None], pale)
        lines.append((start + first * outward, end + last * outward - start - first * outward))
    return np.array([_meet(lines[i - 1], lines[i]) for i in range(4)], dtype=np.float32)


def _outermost_edge(
    edges: np.ndarray, gray: np.ndarray, side: tuple[np.ndarray, np.ndarray], moves: np.ndarray, pale: float
) -> tuple[float, float]:
    """How far to move each end of ``side`` (``moves``: the offsets tried, one pixel apart, innermost
    first) to put it on the outermost edge line reachable over edges or pale paper (``_settle``)."""
    n = len(moves)
    starts, ends = side[0] + moves, side[1] + moves
    points = starts[:, None, None] + (ends[None, :, None] - starts[:, None, None]) * _SAMPLES[None]
    x, y = np.rint(points[..., 0]).astype(int), np.rint(points[..., 1]).astype(int)
    inside = (x >= 0) & (x < gray.shape[1]) & (y >= 0) & (y < gray.shape[0])
    x, y = np.where(inside, x, 0), np.where(inside, y, 0)
    share = (inside & (edges[y, x] > 0)).mean(axis=2)
    brightness = np.where(inside, gray[y, x], 0).mean(axis=2)
    near = np.maximum.outer(np.arange(n), np.arange(n)) <= _NEAR
    passable = near | (share >= _EDGE) | (brightness >= pale)
    reached = np.zeros((n, n), bool)
    for i in range(n):
        for j in range(n):
            came = (
                i == j == 0
                or (i and reached[i - 1, j])
                or (j and reached[i, j - 1])
                or (i and j and reached[i - 1, j - 1])
            )
            reached[i, j] = passable[i, j] and bool(came)
    supported = reached & (share >= _SUPPORTED)
    if not supported.any():
        return 0.0, 0.0
    i, j = np.unravel_index(
        np.argmax(np.where(supported, np.add.outer(np.arange(n), np.arange(n)), -1)), (n, n)
    )
    depth = 0  # the edge line is as thick as its blur: its inner side, clear of the desk
    while i - depth - 1 >= 0 and j - depth - 1 >= 0 and supported[i - depth - 1, j - depth - 1]:
        depth += 1
    return i - depth, j - depth


def _meet(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Where two lines, each a point and a direction, cross."""
    (p, d), (q, e) = first, second
    t = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / (d[0] * e[1] - d[1] * e[0])
    return p + t * d


def find_outlines(image: Image.Image) -> list[Outline]:
    """Candidate outlines of the document, best first: those whose four sides all lie on edges of
    the photo, the larger first (a card's print has edges too, but only its outline is that large);
    then the rest by how much of their sides is supported. The whole frame is no candidate. Each
    outline's sides are settled on the document's edges (``_settle``)."""
    rgb = np.asarray(image.convert("RGB"))
    scale = min(_DETECT_SIZE / max(rgb.shape[:2]), 1.0)
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    frame = small.shape[0] * small.shape[1]
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 30, 90), np.ones((3, 3), np.uint8))
    outlines = []
    for mask, mode in _masks(small):
        contours, _ = cv2.findContours(mask, mode, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            area = cv2.contourArea(contour) / frame
            if not _MIN_AREA <= area <= _MAX_AREA:
                continue
            quad = _quad_of(contour)
            if quad is not None:
                outlines.append(Outline(_settle(edges, gray, quad) / scale, _support(edges, quad), area))
    return sorted(
        outlines,
        key=lambda o: (o.support >= _SUPPORTED, o.area if o.support >= _SUPPORTED else o.support),
        reverse=True,
    )


# A side within this share of the frame's width or height of a border runs along it.
_BORDER = 0.02


def _sides_on_border(quad: np.ndarray, width: int, height: int) -> int:
    """How many sides of ``quad`` run along a border of the frame (both their ends near it)."""
    x_near, y_near = _BORDER * width, _BORDER * height
    near = [
        lambda p: p[1] <= y_near,
        lambda p: p[0] >= width - 1 - x_near,
        lambda p: p[1] >= height - 1 - y_near,
        lambda p: p[0] <= x_near,
    ]
    sides = list(zip(quad, np.roll(quad, -1, axis=0), strict=True))
    return sum(any(on(a) and on(b) for on in near) for a, b in sides)


def find_quad(image: Image.Image) -> np.ndarray | None:
    """The document's four corners in ``image`` coordinates, or None if it fills the frame or is not
    found. An outline not on edges all round that runs along three borders of the frame is a part
    of a page that fills it (a scan cropped to a passport page: the region above its pale MRZ band)."""
    outlines = find_outlines(image)
    if not outlines:
        return None
    best = outlines[0]
    if best.support < _SUPPORTED and _sides_on_border(best.quad, *image.size) >= 3:
        return None
    return best.quad


def warp(image: Image.Image, quad: np.ndarray) -> Image.Image:
    """The quadrilateral ``quad`` warped to an upright-or-sideways rectangle of its measured aspect,
    less a thin strip along the outline, where the desk shows through a pixel or two and would
    read as a dark rule."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    aspect = max(width, height) / max(min(width, height), 1)
    long_side = WORK_WIDTH
    short_side = int(round(long_side / aspect))
    out_w, out_h = (long_side, short_side) if width >= height else (short_side, long_side)
    low, high_x, high_y = -_TRIM, out_w - 1 + _TRIM, out_h - 1 + _TRIM
    target = np.array([[low, low], [high_x, low], [high_x, high_y], [low, high_y]], dtype=np.float32)
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
