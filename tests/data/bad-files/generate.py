"""Generate the bad-file corpus that ``POST /api/scans`` must refuse with a clear 4xx.

    python tests/data/bad-files/generate.py OUT_DIR

Files are made here rather than committed (some are large or deliberately hostile). ``generate(out)``
writes them and returns ``{file name: expected HTTP status}``: 413 too large, 415 not an image or PDF,
422 an image or PDF that cannot be read safely.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

MAX_UPLOAD_BYTES = 15 * 1024 * 1024  # api.settings.Settings.max_upload_bytes


def _image(kind: str, size=(64, 48), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind, **options)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_declaring(width: int, height: int, bit_depth: int = 8, colour: int = 2, rows: int = 4) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` but whose data holds only a few rows."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    row = b"\x00" + b"\x00" * max(1, width * 3 // 8 if bit_depth == 1 else width * 3)
    body = zlib.compress(row * rows, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_declaring(width: int, height: int) -> bytes:
    """A JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    jpeg = bytearray(_image("JPEG"))
    sof = jpeg.index(b"\xff\xc0")
    jpeg[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(jpeg)


def _pdf(pages: int, size=(595, 842)) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(*size)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def _tiff_frames(count: int) -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("L", (32, 32), i * 5) for i in range(count)]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _bad_crc_png() -> bytes:
    png = bytearray(_image("PNG"))
    idat = png.index(b"IDAT")
    png[idat + 6] ^= 0xFF  # flip a byte of compressed data: zlib / CRC errors
    return bytes(png)


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# name -> (expected status, maker)
CORPUS: dict[str, tuple[int, Callable[[], bytes]]] = {
    "empty.jpg": (422, lambda: b""),
    "empty.pdf": (422, lambda: b""),
    "truncated.jpg": (422, lambda: _half(_image("JPEG", (640, 480)))),
    "jpeg-soi-only.jpg": (422, lambda: b"\xff\xd8\xff\xe0"),
    "jpeg-soi-eoi.jpg": (422, lambda: b"\xff\xd8\xff\xd9"),
    "jpeg-giant-dimensions.jpg": (422, lambda: _jpeg_declaring(65000, 65000)),
    "jpeg-then-html.jpg": (422, lambda: b"\xff\xd8\xff\xe0" + b"<html><body>not an image</body></html>" * 20),
    "truncated.png": (422, lambda: _half(_image("PNG", (640, 480)))),
    "png-bomb.png": (422, lambda: _png_declaring(100_000, 100_000, bit_depth=1, colour=0)),
    "png-bomb-rgb.png": (422, lambda: _png_declaring(30_000, 30_000)),
    "png-zero-width.png": (422, lambda: _png_declaring(0, 10)),
    "png-corrupt-data.png": (422, _bad_crc_png),
    "png-signature-only.png": (422, lambda: b"\x89PNG\r\n\x1a\n"),
    "pdf-300-pages.pdf": (422, lambda: _pdf(300)),
    "pdf-no-pages.pdf": (422, lambda: _pdf(0)),
    "truncated.pdf": (422, lambda: _half(_pdf(3))),
    "pdf-header-only.pdf": (422, lambda: b"%PDF-1.7\n"),
    "pdf-garbage.pdf": (422, lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40),
    "tiff-50-pages.tif": (422, lambda: _tiff_frames(50)),
    "tiff-header-only.tif": (422, lambda: b"II*\x00\x08\x00\x00\x00"),
    "truncated.tif": (422, lambda: _half(_image("TIFF", (320, 240)))),
    "webp-header-only.webp": (422, lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 "),
    "truncated.webp": (422, lambda: _half(_image("WEBP", (320, 240)))),
    "html-renamed.jpg": (415, lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "text-renamed.png": (415, lambda: "Họ và tên: NGUYỄN VĂN AN\n".encode()),
    "utf16-text.pdf": (415, lambda: "%PDF not really".encode("utf-16")),
    "random-bytes.jpg": (415, lambda: bytes((i * 7919 + 13) % 251 for i in range(4096))),
    "gif-image.gif": (415, lambda: _image("GIF")),
    "bmp-image.jpg": (415, lambda: _image("BMP")),
    "svg-image.png": (
        415,
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
    ),
    "zip-renamed.pdf": (415, lambda: b"PK\x03\x04" + b"\x00" * 100),
    "windows-exe.jpg": (415, lambda: b"MZ\x90\x00" + b"\x00" * 200),
    "elf-binary.png": (415, lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
    "too-large.jpg": (413, lambda: b"\xff\xd8\xff\xe0" + b"\x00" * MAX_UPLOAD_BYTES),
}


def generate(out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    for name, (_, make) in CORPUS.items():
        (out / name).write_bytes(make())
    return {name: status for name, (status, _) in CORPUS.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUT_DIR")
    expected = generate(Path(sys.argv[1]))
    print(f"wrote {len(expected)} bad files to {sys.argv[1]}")
