"""Staff and admin accounts."""

from __future__ import annotations

import re

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.security import ROLES, USERNAME_PATTERN, Role, hash_password
from api.store import audit
from api.store.models import AuthToken, User


class UserError(ValueError):
    """Bad user data: unknown role, bad name, short password."""


class UserExists(UserError):
    pass


class UnknownUser(UserError):
    pass


def add_user(db: Session, username: str, password: str, role: Role, by: int | None = None) -> User:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
    if not re.fullmatch(USERNAME_PATTERN, username):
        raise UserError("a user name is 1 to 64 letters, digits or . _ @ -")
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise UserExists(f"user {username!r} already exists")
    try:
        user = User(username=username, password_hash=hash_password(password), role=role)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    db.add(user)
    db.flush()
    audit.record(db, by, "user.add", "user", user.id, f"role={role}")
    db.commit()
    return user


def get_user(db: Session, username: str) -> User:
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise UnknownUser(f"unknown user {username!r}")
    return user


def list_users(db: Session) -> list[User]:
    return list(db.scalars(select(User).order_by(User.username)))


def update_user(
    db: Session,
    username: str,
    *,
    password: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
    by: int | None = None,
) -> User:
    """Change a password, role or active flag; a change of password, role or a disable signs the user out."""
    user = get_user(db, username)
    changes = []
    if password is not None:
        try:
            user.password_hash = hash_password(password)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        changes.append("password")
    if role is not None:
        if role not in ROLES:
            raise UserError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        user.role = role
        changes.append(f"role={role}")
    if active is not None:
        user.active = active
        changes.append(f"active={active}")
    if changes:
        db.execute(delete(AuthToken).where(AuthToken.user_id == user.id))
        audit.record(db, by, "user.update", "user", user.id, ", ".join(changes))
    db.commit()
    return user
