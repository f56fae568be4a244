"""The people who log in to the desk: add them, check a password, and what each role may do.

Passwords are kept as argon2 hashes only (argon2-cffi's defaults: a fresh salt per hash, the
parameters inside the hash, so stronger settings later still read older hashes).
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.store.desk_models import ROLES, DeskUser
from pipeline.store.models import ImportBatch

_HASHER = PasswordHasher()
#: a password shorter than this is refused: the desk may face the office network
MIN_PASSWORD = 8
ADMINISTRATOR = "administrator"
#: a hash to check a password against when the user does not exist, so that an unknown name
#: takes as long to refuse as a wrong password
_DUMMY = _HASHER.hash("not a password of anyone")


class UserError(ValueError):
    """A name, role or password that will not do; the message says why."""


class NotAllowed(PermissionError):
    """The user's role does not allow this; the message says who may."""


@dataclass(frozen=True)
class User:
    """Who is at the desk: what the pages and the rules need, no hash."""

    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMINISTRATOR


def add_user(session: Session, name: str, password: str, role: str = "clerk") -> User:
    """Add a user, or set a new password and role for one that exists."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise UserError("a user name is 1 to 100 characters")
    if role not in ROLES:
        raise UserError(f"role {role!r}: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password is at least {MIN_PASSWORD} characters")
    user = session.scalar(select(DeskUser).where(DeskUser.name == name))
    if user is None:
        user = DeskUser(name=name)
        session.add(user)
    user.password_hash, user.role, user.active = _HASHER.hash(password), role, True
    session.flush()
    return User(user.name, user.role)


def remove_user(session: Session, name: str) -> bool:
    """Stop a user logging in (kept, so the history still names them); False when unknown."""
    user = session.scalar(select(DeskUser).where(DeskUser.name == name))
    if user is None:
        return False
    user.active = False
    return True


def list_users(session: Session) -> list[User]:
    return [User(u.name, u.role) for u in session.scalars(select(DeskUser).where(DeskUser.active).order_by(DeskUser.name))]


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DeskUser).where(DeskUser.active)) or 0


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when the password is right, else None (the same time either way)."""
    user = session.scalar(select(DeskUser).where(DeskUser.name == " ".join(name.split()), DeskUser.active))
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return User(user.name, user.role)


def check_may_undo(session: Session, batch_id: int, user: User) -> None:
    """Only an administrator undoes someone else's import (or edit)."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or user.is_admin or batch.user_name in (None, user.name):
        return
    raise NotAllowed(f"batch {batch_id} was made by {batch.user_name}: only an administrator may undo it")


def check_may_forget(user: User) -> None:
    """Erasing a client cannot be undone: administrators only."""
    if not user.is_admin:
        raise NotAllowed("only an administrator may forget a client")
