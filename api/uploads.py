"""Upload checks for ``POST /api/scans``: count, size and type limits, then a full decode so that a
corrupt, truncated or oversized file gets a clear 4xx before any job is queued."""

from __future__ import annotations

from dataclasses import dataclass

from api.store.scans import Upload
from ocr.load import ScanError, load_pages, sniff

MEDIA_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class UploadRejected(Exception):
    status: int  # 413 too large, 415 unsupported type, 422 unreadable
    message: str

    def __str__(self) -> str:
        return self.message


def check_count(count: int, max_files: int) -> None:
    if count == 0:
        raise UploadRejected(422, "send at least one file (field 'files')")
    if count > max_files:
        raise UploadRejected(413, f"{count} files; at most {max_files} per applicant")


def check_file(index: int, data: bytes, max_bytes: int) -> Upload:
    """Decode the file fully (CPU: call it off the event loop) and return it with its media type."""
    name = f"file {index + 1}"
    if not data:
        raise UploadRejected(422, f"{name}: empty file (0 bytes)")
    if len(data) > max_bytes:
        raise UploadRejected(
            413, f"{name}: {len(data) / 2**20:.1f} MiB, above the {max_bytes / 2**20:.0f} MiB limit"
        )
    kind = sniff(data)
    if kind is None:
        raise UploadRejected(415, f"{name}: not a JPEG, PNG, TIFF, WebP or PDF file")
    try:
        load_pages(name, data)
    except ScanError as exc:
        raise UploadRejected(422, str(exc)) from None
    return Upload(MEDIA_TYPES[kind], data)
