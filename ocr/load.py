"""Load an uploaded scan into page images, refusing anything unsafe or unreadable with a clear reason.

Accepts JPEG, PNG, TIFF (each frame a page), WebP and PDF (each page rendered). The type is decided
by the file's first bytes, never by its name. Image dimensions are checked from the header before
any pixel is decoded, so a decompression bomb is refused without allocating it.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # per page; a 600 dpi A4 page is about 35 Mpx
MAX_PAGES = 10
PDF_DPI = 200

_SIGNATURES = {
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG\r\n\x1a\n": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"%PDF-": "pdf",
}


class ScanError(ValueError):
    """A file that cannot be read as a scan; the message says why, in one line."""


def sniff(data: bytes) -> str | None:
    """The file type from its magic bytes: jpeg, png, tiff, webp, pdf, or None."""
    for magic, kind in _SIGNATURES.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def load_pages(name: str, data: bytes) -> list[Image.Image]:
    """Decode ``data`` (the bytes of file ``name``) into RGB page images, or raise ScanError."""
    if not data:
        raise ScanError(f"{name}: empty file (0 bytes)")
    if len(data) > MAX_FILE_BYTES:
        raise ScanError(
            f"{name}: file is {len(data) / 1e6:.1f} MB, above the {MAX_FILE_BYTES // 2**20} MB limit"
        )
    kind = sniff(data)
    if kind is None:
        raise ScanError(f"{name}: not a JPEG, PNG, TIFF, WebP or PDF file")
    if kind == "pdf":
        return _pdf_pages(name, data)
    return _image_pages(name, data, kind)


def load_path(path: Path | str) -> list[Image.Image]:
    """``load_pages`` for a file on disk, checking its size before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScanError(f"{path}: cannot read ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise ScanError(
            f"{path.name}: file is {size / 1e6:.1f} MB, above the {MAX_FILE_BYTES // 2**20} MB limit"
        )
    return load_pages(path.name, path.read_bytes())


def _check_pixels(name: str, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise ScanError(f"{name}: image has no pixels")
    if width * height > MAX_PIXELS:
        raise ScanError(
            f"{name}: image is {width}x{height} pixels, above the {MAX_PIXELS // 1_000_000} Mpx limit"
        )


def _image_pages(name: str, data: bytes, kind: str) -> list[Image.Image]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            _check_pixels(name, *image.size)
            frames = getattr(image, "n_frames", 1) if kind == "tiff" else 1
            if frames > MAX_PAGES:
                raise ScanError(f"{name}: {frames} pages, above the {MAX_PAGES}-page limit")
            pages = []
            for index in range(frames):
                image.seek(index)
                _check_pixels(name, *image.size)
                image.load()
                pages.append(ImageOps.exif_transpose(image.convert("RGB")))
            return pages
    except ScanError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ScanError(f"{name}: image is too large to decode safely") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ScanError(f"{name}: corrupt or truncated {kind.upper()} ({_reason(exc)})") from None


def _pdf_pages(name: str, data: bytes) -> list[Image.Image]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ScanError(f"{name}: corrupt PDF ({_reason(exc)})") from None
    try:
        if len(pdf) == 0:
            raise ScanError(f"{name}: PDF has no pages")
        if len(pdf) > MAX_PAGES:
            raise ScanError(f"{name}: {len(pdf)} pages, above the {MAX_PAGES}-page limit")
        pages = []
        for page in pdf:
            width, height = page.get_size()
            scale = PDF_DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            _check_pixels(name, int(width * scale), int(height * scale))
            pages.append(page.render(scale=scale).to_pil().convert("RGB"))
        return pages
    except pdfium.PdfiumError as exc:
        raise ScanError(f"{name}: corrupt PDF ({_reason(exc)})") from None
    finally:
        pdf.close()


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
