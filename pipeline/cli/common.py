"""What every command shares: the ``--db`` option and turning errors into one clear line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

EXIT_UNREADABLE = 1
EXIT_SOME_REJECTED = 3


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.ensure_object(dict)["db"] = value
    return value


def db_option(fn: Callable) -> Callable:
    """``--db URL`` on any command (and on ``tourdesk`` itself); TOURDESK_DATABASE_URL otherwise."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember_db,
        help="Client store (SQLAlchemy URL). Default: TOURDESK_DATABASE_URL, else a private SQLite file.",
    )(fn)


def db_url() -> str | None:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, dict) and ctx.obj.get("db"):
            return ctx.obj["db"]
        ctx = ctx.parent
    return None


def fail(message: str, code: int = EXIT_UNREADABLE) -> None:
    click.echo(f"tourdesk: {message}", err=True)
    sys.exit(code)


def friendly_errors(fn: Callable) -> Callable:
    """Known failures reach the clerk as one line and an exit status, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from pipeline.store.db import StoreUnavailable
        from pipeline.trips.trip import TripNotFound
        from pipeline.types import CannotRead

        try:
            return fn(*args, **kwargs)
        except (CannotRead, StoreUnavailable, TripNotFound) as exc:
            fail(str(exc).strip("'\""))
        except _form_errors() as exc:
            fail(str(exc))

    return wrapper


def _form_errors() -> tuple[type[BaseException], ...]:
    try:
        from pipeline.forms.errors import FormError
    except ImportError:
        return ()
    return (FormError,)
