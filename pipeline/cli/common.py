"""What every command shares: the ``--db`` option and turning errors into one clear line."""

from __future__ import annotations

import functools
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any

import click

from pipeline.forms.errors import FormError
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.normalize.typed import BadValue, typed_values
from pipeline.types import CannotRead

EXIT_UNREADABLE = 1
EXIT_USAGE = 2
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
        # why here: tourdesk --help imports every command module; these load SQLAlchemy
        from sqlalchemy.exc import DataError

        from pipeline.store.db import StoreUnavailable
        from pipeline.trips.trip import TripNotFound

        try:
            return fn(*args, **kwargs)
        except (CannotRead, StoreUnavailable, TripNotFound) as exc:
            fail(str(exc).strip("'\""))
        except DataError as exc:
            # PostgreSQL refuses a value its column cannot hold (a paragraph pasted into a name);
            # the transaction was rolled back, so nothing of the command was kept
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            fail(f"a value given does not fit the client file ({reason}); nothing was saved", EXIT_USAGE)
        except FormError as exc:
            fail(str(exc))

    return wrapper


EDIT_OPTIONS = [
    click.option("--surname-lat", help="Surname as in the foreign passport (Latin)."),
    click.option("--name-lat", help="First name as in the foreign passport (Latin)."),
    click.option("--surname-ru", help="Surname in Cyrillic."),
    click.option("--name-ru", help="First name in Cyrillic."),
    click.option("--patronymic", "patronymic_ru", help="Patronymic (Cyrillic)."),
    click.option("--gender", help="M or F (М or Ж)."),
    click.option("--birth-date", help="Date of birth, e.g. 15.03.1985."),
    click.option("--citizenship", help="Citizenship (RUS, Россия, ...)."),
    click.option("--card-last4", metavar="NNNN", help="Last four digits of the payment card (only these are kept)."),
]


def edit_options(fn):
    for option in reversed(EDIT_OPTIONS):
        fn = option(fn)
    return fn


def person_values(given: dict) -> dict:
    """The options a clerk gave, checked and written the canonical way (the desk's rules too:
    ``pipeline.normalize.typed``)."""
    try:
        out = typed_values(given)
    except BadValue as exc:
        option = "--patronymic" if exc.field == "patronymic_ru" else "--" + exc.field.replace("_", "-")
        fail(f"{option} {exc}", EXIT_USAGE)
    if given.get("card_last4"):
        out["card_last4"] = card_option(given["card_last4"])
    return out


def card_option(value: str) -> str:
    # why here: tourdesk --help imports every command module; the client finder loads SQLAlchemy
    from pipeline.clients.find import BadCard, card_last4

    try:
        last4, cut = card_last4(value)
    except BadCard as exc:
        fail(f"--card-last4: {exc}", EXIT_USAGE)
    if cut:
        click.echo(f"Only the last four digits of the card (…{last4}) are used; the full number is not kept.", err=True)
    return last4


def date_option(value: str, option: str, kind: str = "birth"):
    try:
        return parse_date(value, kind=kind)
    except BadDate:
        fail(f"{option} {value!r} is not a date", EXIT_USAGE)


def ask(flag: bool | None, question: str) -> bool:
    """The clerk's choice: the flag when given, else a question on the terminal (default yes)."""
    if flag is not None:
        return flag
    if sys.stdin.isatty():
        return click.confirm(question, default=True)
    return False


class Progress:
    """A one-line count on the terminal for work that lasts: shown on standard error only when it
    is a terminal, only after ``delay`` seconds (a short import prints nothing extra), redrawn at
    most ten times a second, and wiped when the work is done so the summary stands alone."""

    def __init__(self, enabled: bool | None = None, delay: float = 2.0, stream: Any = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.delay = delay
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def show(self, text: str, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.drawn_at < 0.1 and not final):
            return
        self.drawn_at, self.shown = now, True
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self.stream.write("\r" + text[:width] + "\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.done()
