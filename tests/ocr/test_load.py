"""Loading refuses every unsafe or unreadable file with a clear ScanError, and never crashes."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from cards import encode, front_2021
from PIL import Image

from ocr import load
from ocr.load import ScanError, load_pages


def test_jpeg_png_tiff_webp_pages_are_rgb_images():
    card = front_2021(with_qr=False).resize((400, 252))
    for fmt in ("JPEG", "PNG", "TIFF", "WEBP"):
        pages = load_pages(f"card.{fmt.lower()}", encode(card, fmt))
        assert len(pages) == 1 and pages[0].mode == "RGB" and pages[0].size == (400, 252)


def test_multi_page_tiff_gives_one_image_per_page():
    buffer = io.BytesIO()
    pages = [Image.new("RGB", (50, 40), c) for c in ("white", "gray", "black")]
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:])
    assert len(load_pages("scan.tiff", buffer.getvalue())) == 3


def _pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(200, 120)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_pdf_pages_are_rendered():
    pages = load_pages("scan.pdf", _pdf(2))
    assert len(pages) == 2 and pages[0].width == round(200 * load.PDF_DPI / 72)


def test_300_page_pdf_is_refused_before_rendering():
    with pytest.raises(ScanError, match="300 pages, above the 10-page limit"):
        load_pages("big.pdf", _pdf(300))


def test_empty_file_is_refused():
    with pytest.raises(ScanError, match="empty file"):
        load_pages("empty.jpg", b"")


def test_truncated_jpeg_is_refused():
    data = encode(front_2021(with_qr=False))
    with pytest.raises(ScanError, match="corrupt or truncated JPEG"):
        load_pages("cut.jpg", data[: len(data) // 2])


def test_html_renamed_jpg_is_refused_by_content_not_name():
    with pytest.raises(ScanError, match="not a JPEG, PNG, TIFF, WebP or PDF"):
        load_pages("photo.jpg", b"<!DOCTYPE html><html><body>hello</body></html>")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a huge size but carries almost no data: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_png_bomb_is_refused_from_its_header():
    with pytest.raises(ScanError, match="9000x9000 pixels, above the 40 Mpx limit"):
        load_pages("bomb.png", _png_header(9_000, 9_000))
    with pytest.raises(ScanError, match="too large to decode safely"):
        load_pages("bomb.png", _png_header(100_000, 100_000))


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.jpg"
    with path.open("wb") as handle:
        handle.truncate(load.MAX_FILE_BYTES + 1)
    with pytest.raises(ScanError, match="above the 20 MB limit"):
        load.load_path(path)


def test_corrupt_pdf_is_refused():
    with pytest.raises(ScanError, match="corrupt PDF"):
        load_pages("bad.pdf", b"%PDF-1.7\n garbage that is no PDF at all")
