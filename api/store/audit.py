"""The audit log: who read or changed which scan, draft or user, and when."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.store.models import AuditEntry


def record(
    db: Session, user_id: int | None, action: str, object_type: str, object_id: object, detail: str = ""
) -> None:
    """Add an entry to the session; it is committed with the change it describes."""
    db.add(
        AuditEntry(
            user_id=user_id, action=action, object_type=object_type, object_id=str(object_id), detail=detail
        )
    )


def entries(db: Session, limit: int = 100, object_type: str | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    return list(db.scalars(query))
