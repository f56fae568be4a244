"""Who is making a change: every batch and dictionary change records the acting user's name.

The desk sets the logged-in user for the length of a request; the command line acts as the
operating-system login. A context variable, so that the functions that write keep their
signatures and no caller can forget to pass the name along.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ACTOR: ContextVar[str | None] = ContextVar("tourdesk_actor", default=None)


def current_actor() -> str:
    """The user a change is recorded under: the desk's user, else the system login."""
    name = _ACTOR.get()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in a bare container: still a change someone made
        return "unknown"


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Record every change made inside the block under ``name``."""
    token = _ACTOR.set(name)
    try:
        yield
    finally:
        _ACTOR.reset(token)
