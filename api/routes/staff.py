"""Staff routes: upload scans (an extraction job), follow the job, review and correct the pre-filled
draft, choose the form, approve or reject, export. Every read and change is audited in the store."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field, StringConstraints

from api import export_pdf
from api.deps import DbDep, RowId, ServicesDep, Staff
from api.jobs import JobInfo, UnknownJob, job_info
from api.scan_jobs import EXTRACT
from api.store import drafts, scans
from api.uploads import UploadRejected, check_count, check_file

router = APIRouter(prefix="/api", tags=["staff"])

NO_STORE = {"Cache-Control": "no-store"}


class ScansAccepted(BaseModel):
    job: JobInfo
    scans: list[int]


class FormList(BaseModel):
    forms: list[str]


def _pipeline(svc: ServicesDep):
    if svc.pipeline is None:
        raise HTTPException(503, "scan reading is not available on this server")
    return svc.pipeline


def _known_form(svc: ServicesDep, form: str | None) -> None:
    if form is not None and form not in _pipeline(svc).forms:
        raise HTTPException(422, f"unknown form {form!r}; known forms: {', '.join(_pipeline(svc).forms)}")


@router.get("/forms", response_model=FormList)
def forms(svc: ServicesDep, user: Staff) -> FormList:
    return FormList(forms=list(_pipeline(svc).forms))


@router.post("/scans", response_model=ScansAccepted, status_code=202)
def upload_scans(
    svc: ServicesDep,
    db: DbDep,
    user: Staff,
    files: Annotated[
        list[UploadFile], File(description="1-N scans of one applicant: JPEG, PNG, TIFF, WebP, PDF")
    ],
    form: Annotated[str | None, Form(max_length=16, description="the form to pre-fill, e.g. TK01")] = None,
) -> ScansAccepted:
    _pipeline(svc)
    _known_form(svc, form or None)
    limits = svc.settings
    try:
        check_count(len(files), limits.max_files)
        uploads = [
            check_file(i, f.file.read(limits.max_upload_bytes + 1), limits.max_upload_bytes)
            for i, f in enumerate(files)
        ]
    except UploadRejected as exc:
        raise HTTPException(exc.status, exc.message) from None
    scan_ids = scans.save(db, svc.cipher, uploads, user.id)
    db.commit()
    job_id = svc.jobs.submit(EXTRACT, {"scans": scan_ids, "form": form or None}, created_by=user.id)
    return ScansAccepted(job=svc.jobs.status(job_id), scans=scan_ids)


@router.get("/scans/{scan_id}")
def get_scan(scan_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> Response:
    try:
        upload = scans.load(db, svc.cipher, scan_id, user.id)
    except scans.ScanNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(upload.data, media_type=upload.media_type, headers=NO_STORE)


@router.get("/jobs/{job_id}", response_model=JobInfo)
def get_job(job_id: Annotated[str, PathParam(max_length=36)], db: DbDep, user: Staff) -> JobInfo:
    try:
        return job_info(db, job_id)
    except UnknownJob as exc:
        raise HTTPException(404, str(exc)) from None


class DraftSummary(BaseModel):
    id: int
    status: str
    form: str | None
    created_at: Any


ItemKey = Annotated[str, StringConstraints(min_length=1, max_length=64)]
ItemValue = Annotated[str, StringConstraints(max_length=2000)] | int | float | bool | None


class DraftPatch(BaseModel):
    fields: dict[ItemKey, ItemValue] = Field(default_factory=dict, max_length=200)
    form: str | None = Field(default=None, max_length=16)


class Decision(BaseModel):
    reason: str = Field(default="", max_length=2000)


def _draft_errors(call):
    try:
        return call()
    except drafts.DraftNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except drafts.DraftStateError as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/drafts", response_model=list[DraftSummary])
def list_drafts(
    db: DbDep,
    user: Staff,
    status: Annotated[str | None, Query(max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Any:
    return drafts.list_drafts(db, status, limit)


@router.get("/drafts/{draft_id}", response_model=drafts.DraftView)
def get_draft(draft_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> drafts.DraftView:
    return _draft_errors(lambda: drafts.read(db, svc.cipher, draft_id, user.id))


@router.patch("/drafts/{draft_id}", response_model=drafts.DraftView)
def patch_draft(
    draft_id: RowId, body: DraftPatch, svc: ServicesDep, db: DbDep, user: Staff
) -> drafts.DraftView:
    """Staff corrections, committed before the response; ``form`` re-fills the draft for another form."""
    if body.form is not None:
        _known_form(svc, body.form)
    prefill = svc.pipeline.prefill if svc.pipeline else None
    return _draft_errors(
        lambda: drafts.edit(db, svc.cipher, draft_id, user.id, body.fields, form=body.form, prefill=prefill)
    )


@router.get("/drafts/{draft_id}/history", response_model=list[drafts.EditView])
def draft_history(draft_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> list[drafts.EditView]:
    return _draft_errors(lambda: drafts.history(db, svc.cipher, draft_id, user.id))


@router.post("/drafts/{draft_id}/approve", response_model=drafts.DraftView)
def approve(draft_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> drafts.DraftView:
    return _draft_errors(lambda: drafts.decide(db, svc.cipher, draft_id, user.id, approve=True))


@router.post("/drafts/{draft_id}/reject", response_model=drafts.DraftView)
def reject(draft_id: RowId, body: Decision, svc: ServicesDep, db: DbDep, user: Staff) -> drafts.DraftView:
    return _draft_errors(
        lambda: drafts.decide(db, svc.cipher, draft_id, user.id, approve=False, reason=body.reason)
    )


@router.get("/drafts/{draft_id}/export.json")
def export_json(draft_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> Any:
    return _draft_errors(lambda: drafts.export(db, svc.cipher, draft_id, user.id))


@router.get("/drafts/{draft_id}/export.pdf", response_class=Response)
def export_pdf_file(draft_id: RowId, svc: ServicesDep, db: DbDep, user: Staff) -> Response:
    exported = _draft_errors(lambda: drafts.export(db, svc.cipher, draft_id, user.id))
    title, labels = _form_labels(exported["form"])
    headers = {
        **NO_STORE,
        "Content-Disposition": f'inline; filename="draft-{draft_id}-{exported["form"]}.pdf"',
    }
    return Response(export_pdf.render(exported, title, labels), media_type="application/pdf", headers=headers)


def _form_labels(form: str) -> tuple[str, dict[str, str]]:
    """The form's title and item labels for the printout (bare item numbers if it is not defined)."""
    try:
        from ocr.forms import definition

        spec = definition(form)
    except (ImportError, KeyError):
        return "", {}
    return spec.title, {item.item: item.label for item in spec.items}
