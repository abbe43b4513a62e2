"""The "extract" job: read the uploaded scans of one applicant and open a draft for staff review.

Runs on the job queue's threads; OCR runs in the worker processes through ``ctx.compute``. The
handler only sees scan ids (never bytes or names in the job row) and decrypts the files itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from api.crypto import Cipher
from api.jobs import Handler, JobContext, JobFailed
from api.store import drafts, scans
from api.store.models import Scan
from ocr.schema import Document

EXTRACT = "extract"

# (display name, file bytes) -> documents, one per page; must be a picklable top-level function
Extract = Callable[[str, bytes], list[Document]]


@dataclass(frozen=True)
class ScanPipeline:
    """The OCR stages the service uses, injectable for tests."""

    extract: Extract
    prefill: drafts.Prefill
    forms: tuple[str, ...]
    scan_error: type[Exception]


def default_pipeline() -> ScanPipeline:
    from ocr.load import ScanError
    from ocr.pipeline import FORMS, extract_bytes, prefill

    return ScanPipeline(extract=extract_bytes, prefill=prefill, forms=tuple(FORMS), scan_error=ScanError)


def extract_handler(sessions: sessionmaker[Session], cipher: Cipher, pipeline: ScanPipeline) -> Handler:
    def run(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
        scan_ids: list[int] = payload["scans"]
        form: str | None = payload.get("form")
        documents: list[Document] = []
        for done, scan_id in enumerate(scan_ids):
            with sessions() as db:
                try:
                    upload = scans.load(db, cipher, scan_id, user_id=None)
                except scans.ScanNotFound as exc:
                    raise JobFailed(str(exc)) from None
            try:
                documents.extend(ctx.compute(pipeline.extract, f"scan-{scan_id}", upload.data))
            except pipeline.scan_error as exc:
                raise JobFailed(f"scan {scan_id}: {exc}") from None
            ctx.progress((done + 1) / (len(scan_ids) + 1))
        prefilled = ctx.compute(pipeline.prefill, form, documents) if form else None
        with sessions() as db:
            draft = drafts.create(db, cipher, documents, prefilled, job_id=ctx.job_id)
            db.execute(update(Scan).where(Scan.id.in_(scan_ids)).values(draft_id=draft.id))
            db.commit()
            return {"draft": draft.id}

    return run
