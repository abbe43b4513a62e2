"""Passwords (argon2id), session tokens and roles. No HTTP here: api/deps.py wires it into routes."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.store.db import as_utc
from api.store.models import AuthToken, User, utcnow

Role = Literal["staff", "admin"]
ROLES: tuple[Role, ...] = ("staff", "admin")
_RANK = {"staff": 1, "admin": 2}
MIN_PASSWORD = 10
USERNAME_PATTERN = r"^[A-Za-z0-9_.@-]{1,64}$"

_hasher = PasswordHasher()


class AuthError(Exception):
    """Wrong credentials, unknown or expired token."""


@dataclass(frozen=True)
class Principal:
    """The signed-in user a request acts for."""

    id: int
    username: str
    role: Role

    def has_role(self, role: Role) -> bool:
        """Admins may do everything staff may."""
        return _RANK[self.role] >= _RANK[role]


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(db: Session, username: str, password: str, hours: float) -> tuple[str, Principal, datetime]:
    """A new session token for valid credentials of an active user; AuthError otherwise."""
    user = db.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not verify_password(user.password_hash, password):
        raise AuthError("wrong user name or password")
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=hours)
    db.add(AuthToken(token_hash=_digest(token), user_id=user.id, expires_at=expires))
    db.commit()
    return token, Principal(user.id, user.username, user.role), expires


def authenticate(db: Session, token: str) -> Principal:
    row = db.get(AuthToken, _digest(token))
    if row is None or as_utc(row.expires_at) <= utcnow():
        raise AuthError("not signed in or session expired")
    user = db.get(User, row.user_id)
    if user is None or not user.active:
        raise AuthError("account disabled")
    return Principal(user.id, user.username, user.role)


def sign_out(db: Session, token: str) -> None:
    db.execute(delete(AuthToken).where(AuthToken.token_hash == _digest(token)))
    db.commit()
