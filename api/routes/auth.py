"""Staff and admin sign-in: a session cookie (HttpOnly, SameSite=Strict) and the same token for
``Authorization: Bearer`` clients."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from api.deps import SESSION_COOKIE, DbDep, ServicesDep, login_rate_limit, principal, request_token
from api.security import USERNAME_PATTERN, AuthError, Principal, Role, sign_in, sign_out

router = APIRouter(prefix="/api/auth", tags=["auth"])


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=64, pattern=USERNAME_PATTERN)
    password: str = Field(min_length=1, max_length=1024)


class SignedIn(BaseModel):
    username: str
    role: Role
    token: str
    expires_at: datetime


class Me(BaseModel):
    username: str
    role: Role


@router.post("/login", response_model=SignedIn, dependencies=[Depends(login_rate_limit)])
def login(body: Credentials, response: Response, svc: ServicesDep, db: DbDep) -> SignedIn:
    try:
        token, user, expires = sign_in(db, body.username, body.password, svc.settings.session_hours)
    except AuthError as exc:
        raise HTTPException(401, str(exc)) from None
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(svc.settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=not svc.settings.development,
        path="/",
    )
    return SignedIn(username=user.username, role=user.role, token=token, expires_at=expires)


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response, db: DbDep) -> Response:
    token = request_token(request)
    if token:
        sign_out(db, token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=Me)
def me(user: Annotated[Principal, Depends(principal)]) -> Me:
    return Me(username=user.username, role=user.role)
