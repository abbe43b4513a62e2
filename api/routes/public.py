"""Public routes: health, the procedure catalogue, chat and feedback (rate-limited per client)."""

from __future__ import annotations

import logging
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from api.deps import MAX_ROW_ID, DbDep, ServicesDep, public_rate_limit
from api.masking import mask_pii
from api.store import conversations
from assistant.schema import Answer
from knowledge.schema import Procedure

log = logging.getLogger(__name__)
router = APIRouter()
limited = [Depends(public_rate_limit)]


class Health(BaseModel):
    status: str  # ok | degraded
    database: str
    helpdesk: str  # loading | ready | unavailable
    helpdesk_error: str = ""  # why it is unavailable
    scans: str  # ready | unavailable
    procedures: int
    catalogue_fingerprint: str


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz(svc: ServicesDep, db: DbDep) -> Any:
    try:
        db.execute(text("SELECT 1"))
        database = "ok"
    except Exception as exc:  # report, don't crash: the probe is for operators
        log.error("health check: database unreachable (%s)", type(exc).__name__)
        database = "unreachable"
    health = Health(
        status="ok" if database == "ok" and svc.helpdesk.state == "ready" else "degraded",
        database=database,
        helpdesk=svc.helpdesk.state,
        helpdesk_error=svc.helpdesk.error,
        scans="ready" if svc.pipeline else "unavailable",
        procedures=len(svc.catalogue.procedures),
        catalogue_fingerprint=str(getattr(svc.catalogue, "fingerprint", "")),
    )
    return JSONResponse(health.model_dump(), status_code=200 if database == "ok" else 503)


class ProcedureSummary(BaseModel):
    code: str
    name: str
    field: str
    levels: list[str]
    fully_online: bool | None
    url: str


class ProcedureList(BaseModel):
    query: str
    count: int
    procedures: list[ProcedureSummary]


def _summary(p: Procedure) -> ProcedureSummary:
    return ProcedureSummary(
        code=p.code, name=p.name, field=p.field, levels=list(p.levels), fully_online=p.fully_online, url=p.url
    )


@router.get("/api/procedures", response_model=ProcedureList, dependencies=limited, tags=["catalogue"])
def list_procedures(
    svc: ServicesDep,
    q: Annotated[
        str, Query(max_length=500, description="words of the name, with or without marks, or a code")
    ] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> ProcedureList:
    if q.strip():
        found = svc.procedure_index.search(q, limit=offset + limit)[offset:]
    else:
        found = list(svc.catalogue.procedures)[offset : offset + limit]
    return ProcedureList(query=q, count=len(found), procedures=[_summary(p) for p in found])


@router.get("/api/procedures/{code}", response_model=Procedure, dependencies=limited, tags=["catalogue"])
def get_procedure(code: Annotated[str, Path(max_length=32)], svc: ServicesDep) -> Procedure:
    try:
        procedure = svc.catalogue.get(code)
    except KeyError:
        procedure = None
    if procedure is None:
        raise HTTPException(404, f"unknown procedure code {code!r}")
    return procedure


class ChatRequest(BaseModel):
    message: str = Field(max_length=100_000)
    session: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


class ChatReply(Answer):
    """The answer object (contracts.md) plus the id to rate it with POST /api/feedback."""

    answer_id: int


@router.post("/api/chat", response_model=ChatReply, dependencies=limited, tags=["chat"])
def chat(body: ChatRequest, svc: ServicesDep, db: DbDep) -> ChatReply:
    from assistant.normalize import EmptyQuestion, QuestionTooLong

    slot = svc.helpdesk
    if slot.state != "ready":
        message = (
            "the helpdesk is starting, retry in a few seconds"
            if slot.state == "loading"
            else "the helpdesk is unavailable; please ask the staff"
        )
        raise HTTPException(503, message, headers={"Retry-After": "5"})
    session = body.session or uuid.uuid4().hex
    try:
        with slot.turns:
            answer = slot.helpdesk.ask(body.message, session)
    except (QuestionTooLong, EmptyQuestion) as exc:
        raise HTTPException(422, str(exc)) from None
    answer_id = conversations.record_turn(db, body.message, answer)
    log.info("chat %s: %s -> %s", session[:8], mask_pii(body.message[:200]), answer.status)
    return ChatReply(**answer.model_dump(), answer_id=answer_id)


class FeedbackRequest(BaseModel):
    answer_id: int = Field(ge=1, le=MAX_ROW_ID)
    rating: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=2000)


class FeedbackCreated(BaseModel):
    id: int


@router.post(
    "/api/feedback", response_model=FeedbackCreated, status_code=201, dependencies=limited, tags=["chat"]
)
def feedback(body: FeedbackRequest, db: DbDep) -> FeedbackCreated:
    try:
        return FeedbackCreated(id=conversations.add_feedback(db, body.answer_id, body.rating, body.comment))
    except conversations.UnknownAnswer as exc:
        raise HTTPException(404, str(exc)) from None
