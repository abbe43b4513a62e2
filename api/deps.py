"""FastAPI dependencies: services, database session, signed-in user with role, rate limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from sqlalchemy.orm import Session

from api.security import AuthError, Principal, Role, authenticate
from api.services import Services

SESSION_COOKIE = "motcua_session"
MAX_ROW_ID = 2**31 - 1  # INTEGER primary keys (PostgreSQL int4)

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]


def services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(services)]


def db_session(svc: ServicesDep) -> Iterator[Session]:
    with svc.sessions() as db:
        yield db


DbDep = Annotated[Session, Depends(db_session)]


def request_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE)


def principal(request: Request, db: DbDep) -> Principal:
    token = request_token(request)
    if not token:
        raise HTTPException(401, "sign in first", headers={"WWW-Authenticate": "Bearer"})
    try:
        return authenticate(db, token)
    except AuthError as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from None


def require(role: Role):
    def check(user: Annotated[Principal, Depends(principal)]) -> Principal:
        if not user.has_role(role):
            raise HTTPException(403, f"this needs the {role} role")
        return user

    return check


Staff = Annotated[Principal, Depends(require("staff"))]
Admin = Annotated[Principal, Depends(require("admin"))]


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limited(limiter_name: str):
    def check(request: Request, svc: ServicesDep) -> None:
        wait = getattr(svc, limiter_name).allow(client_key(request))
        if wait > 0:
            raise HTTPException(
                429,
                "too many requests: slow down and retry shortly",
                headers={"Retry-After": str(int(wait) + 1)},
            )

    return check


public_rate_limit = _limited("public_limiter")
login_rate_limit = _limited("login_limiter")
