"""Pre-filled forms under staff review: read, edit (every change kept: who, when, old, new), change of
form, approve / reject, export. Contents and edit values are encrypted at rest; every read and change
is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.crypto import Cipher
from api.masking import mask_pii
from api.store import audit
from api.store.db import as_utc
from api.store.models import Draft, DraftEdit, Scan, User, utcnow
from ocr.schema import Document, PrefilledForm

# (form code, documents) -> the pre-filled form; ocr.pipeline.prefill in the service
Prefill = Callable[[str, list[Document]], PrefilledForm]

REVIEW, APPROVED, REJECTED, PURGED = "review", "approved", "rejected", "purged"
STAFF_SOURCE = "staff"


class DraftNotFound(LookupError):
    pass


class DraftStateError(Exception):
    """The draft is not in a state that allows this (e.g. editing an approved form)."""


class DraftField(BaseModel):
    value: Any
    confidence: float
    source: str
    agreed: bool
    edited_by: str | None = None


class DraftView(BaseModel):
    id: int
    status: str
    form: str | None
    fields: dict[str, DraftField]
    missing: list[str]
    warnings: list[str]
    documents: list[Document]
    scans: list[int] = []  # the uploads it was read from (GET /api/scans/{id}), in upload order
    reason: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None
    created_at: datetime
    updated_at: datetime


class EditView(BaseModel):
    field: str
    old: Any
    new: Any
    by: str | None
    at: datetime


def content_for(documents: list[Document], form: PrefilledForm | None) -> dict[str, Any]:
    """The JSON a draft stores (encrypted): what was read, and the form's items when a form is chosen."""
    return {
        "documents": [d.model_dump(mode="json") for d in documents],
        "fields": {k: v.model_dump(mode="json") for k, v in form.fields.items()} if form else {},
        "missing": list(form.missing) if form else [],
        "warnings": list(form.warnings) if form else [],
    }


def create(
    db: Session, cipher: Cipher, documents: list[Document], form: PrefilledForm | None, job_id: str | None
) -> Draft:
    draft = Draft(
        job_id=job_id,
        form=form.form if form else None,
        status=REVIEW,
        content=cipher.encrypt_json(content_for(documents, form)),
    )
    db.add(draft)
    db.flush()
    return draft


def _get(db: Session, draft_id: int) -> Draft:
    draft = db.get(Draft, draft_id)
    if draft is None:
        raise DraftNotFound(f"no draft {draft_id}")
    return draft


def _username(db: Session, user_id: int | None) -> str | None:
    return db.scalar(select(User.username).where(User.id == user_id)) if user_id else None


def _view(db: Session, cipher: Cipher, draft: Draft) -> DraftView:
    content = cipher.decrypt_json(draft.content) if draft.status != PURGED else {}
    return DraftView(
        id=draft.id,
        status=draft.status,
        form=draft.form,
        fields=content.get("fields", {}),
        missing=content.get("missing", []),
        warnings=content.get("warnings", []),
        documents=content.get("documents", []),
        scans=list(db.scalars(select(Scan.id).where(Scan.draft_id == draft.id).order_by(Scan.id))),
        reason=draft.reason,
        decided_by=_username(db, draft.decided_by),
        decided_at=as_utc(draft.decided_at),
        created_at=as_utc(draft.created_at),
        updated_at=as_utc(draft.updated_at),
    )


def read(db: Session, cipher: Cipher, draft_id: int, user_id: int) -> DraftView:
    draft = _get(db, draft_id)
    audit.record(db, user_id, "draft.read", "draft", draft_id)
    db.commit()
    return _view(db, cipher, draft)


def list_drafts(db: Session, status: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Summaries without personal data (no field values), newest first."""
    query = (
        select(Draft.id, Draft.status, Draft.form, Draft.created_at).order_by(Draft.id.desc()).limit(limit)
    )
    if status:
        query = query.where(Draft.status == status)
    return [
        {"id": i, "status": s, "form": f, "created_at": as_utc(c)} for i, s, f, c in db.execute(query).all()
    ]


def _editable(draft: Draft) -> None:
    if draft.status != REVIEW:
        raise DraftStateError(f"draft {draft.id} is {draft.status}; only a draft under review can change")


def edit(
    db: Session,
    cipher: Cipher,
    draft_id: int,
    user_id: int,
    values: dict[str, Any],
    form: str | None = None,
    prefill: Prefill | None = None,
) -> DraftView:
    """Apply staff values (and a change of form first, if asked) and commit before returning."""
    draft = _get(db, draft_id)
    _editable(draft)
    content = cipher.decrypt_json(draft.content)
    username = _username(db, user_id)
    if form is not None and form != draft.form:
        if prefill is None:
            raise DraftStateError("changing the form needs the pre-fill stage")
        documents = [Document.model_validate(d) for d in content["documents"]]
        staff_values = {
            k: f["value"] for k, f in content["fields"].items() if f.get("source") == STAFF_SOURCE
        }
        content = content_for(documents, prefill(form, documents))
        values = {**{k: v for k, v in staff_values.items() if k in content["fields"]}, **values}
        audit.record(db, user_id, "draft.form", "draft", draft_id, f"{draft.form} -> {form}")
        draft.form = form
    if values and draft.form is None:
        raise DraftStateError("choose a form before editing its items")
    for item, new in values.items():
        old = content["fields"].get(item, {}).get("value")
        if old == new and item in content["fields"]:
            continue
        content["fields"][item] = {
            "value": new,
            "confidence": 1.0,
            "source": STAFF_SOURCE,
            "agreed": True,
            "edited_by": username,
        }
        if item in content["missing"]:
            content["missing"].remove(item)
        db.add(
            DraftEdit(
                draft_id=draft_id,
                user_id=user_id,
                field=item,
                old_value=cipher.encrypt_json(old),
                new_value=cipher.encrypt_json(new),
            )
        )
        audit.record(db, user_id, "draft.edit", "draft", draft_id, f"field={item}")
    draft.content = cipher.encrypt_json(content)
    draft.updated_at = utcnow()
    db.commit()
    return _view(db, cipher, draft)


def history(db: Session, cipher: Cipher, draft_id: int, user_id: int) -> list[EditView]:
    _get(db, draft_id)
    rows = db.execute(
        select(DraftEdit, User.username)
        .outerjoin(User, User.id == DraftEdit.user_id)
        .where(DraftEdit.draft_id == draft_id)
        .order_by(DraftEdit.id)
    ).all()
    audit.record(db, user_id, "draft.history", "draft", draft_id)
    db.commit()
    return [
        EditView(
            field=e.field,
            old=cipher.decrypt_json(e.old_value) if e.old_value else None,
            new=cipher.decrypt_json(e.new_value) if e.new_value else None,
            by=name,
            at=as_utc(e.created_at),
        )
        for e, name in rows
    ]


def decide(
    db: Session, cipher: Cipher, draft_id: int, user_id: int, approve: bool, reason: str = ""
) -> DraftView:
    draft = _get(db, draft_id)
    _editable(draft)
    if approve and draft.form is None:
        raise DraftStateError("choose a form before approving")
    draft.status = APPROVED if approve else REJECTED
    draft.reason = mask_pii(reason)
    draft.decided_by = user_id
    draft.decided_at = draft.updated_at = utcnow()
    audit.record(db, user_id, "draft.approve" if approve else "draft.reject", "draft", draft_id)
    db.commit()
    return _view(db, cipher, draft)


def export(db: Session, cipher: Cipher, draft_id: int, user_id: int) -> dict[str, Any]:
    """The approved form: item -> value, with who approved it and when."""
    draft = _get(db, draft_id)
    if draft.status != APPROVED:
        raise DraftStateError(f"draft {draft_id} is {draft.status}; only an approved form can be exported")
    view = _view(db, cipher, draft)
    audit.record(db, user_id, "draft.export", "draft", draft_id)
    db.commit()
    return {
        "draft": view.id,
        "form": view.form,
        "approved_by": view.decided_by,
        "approved_at": view.decided_at.isoformat() if view.decided_at else None,
        "fields": {item: f.value for item, f in view.fields.items()},
    }
