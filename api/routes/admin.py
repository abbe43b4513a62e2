"""Admin routes: analytics, user management, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from api.deps import Admin, DbDep
from api.security import USERNAME_PATTERN, Role
from api.store import analytics, audit, users
from api.store.db import as_utc

router = APIRouter(prefix="/api", tags=["admin"])


@router.get("/analytics", response_model=analytics.Analytics)
def get_analytics(
    db: DbDep, user: Admin, days: Annotated[int, Query(ge=1, le=3660)] = 30
) -> analytics.Analytics:
    return analytics.compute(db, days)


class UserOut(BaseModel):
    username: str
    role: Role
    active: bool
    created_at: datetime


class NewUser(BaseModel):
    username: str = Field(min_length=1, max_length=64, pattern=USERNAME_PATTERN)
    password: str = Field(min_length=1, max_length=1024)
    role: Role = "staff"


class UserChange(BaseModel):
    password: str | None = Field(default=None, min_length=1, max_length=1024)
    role: Role | None = None
    active: bool | None = None


def _out(user) -> UserOut:
    return UserOut(
        username=user.username, role=user.role, active=user.active, created_at=as_utc(user.created_at)
    )


@router.get("/users", response_model=list[UserOut])
def list_users(db: DbDep, user: Admin) -> list[UserOut]:
    return [_out(u) for u in users.list_users(db)]


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: NewUser, db: DbDep, user: Admin) -> UserOut:
    try:
        return _out(users.add_user(db, body.username, body.password, body.role, by=user.id))
    except users.UserExists as exc:
        raise HTTPException(409, str(exc)) from None
    except users.UserError as exc:
        raise HTTPException(422, str(exc)) from None


@router.patch("/users/{username}", response_model=UserOut)
def change_user(username: str, body: UserChange, db: DbDep, user: Admin) -> UserOut:
    try:
        changed = users.update_user(
            db, username, password=body.password, role=body.role, active=body.active, by=user.id
        )
    except users.UnknownUser as exc:
        raise HTTPException(404, str(exc)) from None
    except users.UserError as exc:
        raise HTTPException(422, str(exc)) from None
    return _out(changed)


class AuditOut(BaseModel):
    at: datetime
    user_id: int | None
    action: str
    object_type: str
    object_id: str
    detail: str


@router.get("/audit", response_model=list[AuditOut])
def audit_log(
    db: DbDep,
    user: Admin,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    object_type: Annotated[str | None, Query(max_length=16)] = None,
) -> list[AuditOut]:
    return [
        AuditOut(
            at=as_utc(e.created_at),
            user_id=e.user_id,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            detail=e.detail,
        )
        for e in audit.entries(db, limit, object_type)
    ]
