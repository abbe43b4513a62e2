"""Uploaded scans, encrypted at rest, and the retention purge of scans and drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.crypto import Cipher
from api.store import audit
from api.store.models import Draft, DraftEdit, Scan, utcnow


class ScanNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Upload:
    """A file that passed the upload checks (api/uploads.py)."""

    media_type: str
    data: bytes


def save(db: Session, cipher: Cipher, uploads: list[Upload], user_id: int | None) -> list[int]:
    rows = [
        Scan(media_type=u.media_type, size=len(u.data), content=cipher.encrypt(u.data), uploaded_by=user_id)
        for u in uploads
    ]
    db.add_all(rows)
    db.flush()
    for row in rows:
        audit.record(db, user_id, "scan.upload", "scan", row.id, f"{row.media_type}, {row.size} bytes")
    return [row.id for row in rows]


def load(db: Session, cipher: Cipher, scan_id: int, user_id: int | None) -> Upload:
    """The decrypted file; a staff read (user_id) is audited, the worker's (None) is not."""
    scan = db.get(Scan, scan_id)
    if scan is None or scan.content is None:
        raise ScanNotFound(f"no scan {scan_id} (unknown or purged after the retention period)")
    if user_id is not None:
        audit.record(db, user_id, "scan.read", "scan", scan_id)
        db.commit()
    return Upload(scan.media_type, cipher.decrypt(scan.content))


@dataclass(frozen=True)
class PurgeReport:
    scans: int
    drafts: int


def purge(db: Session, retention_days: int) -> PurgeReport:
    """Erase scan bytes and draft contents (with their edit values) older than the retention period."""
    cutoff = utcnow() - timedelta(days=retention_days)
    now = utcnow()
    scans = db.execute(
        update(Scan)
        .where(Scan.created_at < cutoff, Scan.content.is_not(None))
        .values(content=None, purged_at=now)
    ).rowcount
    draft_ids = list(db.scalars(select(Draft.id).where(Draft.created_at < cutoff, Draft.status != "purged")))
    if draft_ids:
        db.execute(
            update(Draft).where(Draft.id.in_(draft_ids)).values(content=b"", status="purged", updated_at=now)
        )
        db.execute(
            update(DraftEdit).where(DraftEdit.draft_id.in_(draft_ids)).values(old_value=b"", new_value=b"")
        )
    if scans or draft_ids:
        audit.record(db, None, "retention.purge", "system", "-", f"scans={scans}, drafts={len(draft_ids)}")
    db.commit()
    return PurgeReport(scans=scans, drafts=len(draft_ids))
