"""What every page of the desk uses: configuration, sessions and logins, templates, forms.

The routes (one module per area in ``pipeline.desk.routes``) only read a form, call the plain
functions the command line calls, and render a template. Store work runs in a worker thread
(``call``, ``work``), inside one transaction and under the user's name, so a slow print never
stalls another clerk's page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from pipeline.desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, ddmmyyyy, translations
from pipeline.desk.security import (
    COOKIE,
    LOOPBACK,
    DeskSession,
    LoginThrottle,
    Sessions,
    allowed_hosts,
    origin_ok,
    same_token,
)
from pipeline.store.actor import acting_as
from pipeline.store.db import session_scope
from pipeline.store.users import ADMINISTRATOR, User

log = logging.getLogger("tourdesk.desk")
HERE = Path(__file__).resolve().parent
T = TypeVar("T")

#: the largest request body (an uploaded list): a partner's list is rarely above 1 MB
MAX_UPLOAD = 10 * 1024 * 1024
#: the longest pasted text
MAX_PASTE = 2 * 1024 * 1024
#: what an uploaded list may be, by its name's ending (the readers Tourdesk has)
UPLOAD_TYPES = (".csv", ".tsv", ".txt", ".tab", ".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".doc", ".rtf", ".pdf")
#: paths open without logging in
PUBLIC = ("/login", "/static/", "/language")


class DeskRefused(Exception):
    """The desk will not start as asked (another machine may reach it but no user exists)."""


@dataclass(frozen=True)
class DeskConfig:
    db_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    #: a login is needed (users exist, or the desk serves other machines)
    login: bool = False
    #: who the local desk acts as when nobody logs in (the system login)
    local_user: str = "desk"
    #: where print runs are written (a private folder)
    work_dir: Path | None = None


def local_only(host: str) -> bool:
    return host in LOOPBACK


class Desk:
    """What the routes share: the configuration, the sessions and the templates."""

    def __init__(self, config: DeskConfig) -> None:
        self.config = config
        self.sessions = Sessions()
        self.logins = LoginThrottle()
        self.hosts = allowed_hosts(config.host, config.port)
        self.envs = {lang: self._env(lang) for lang in LANGUAGES}

    def _env(self, language: str) -> Environment:
        env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
        env.filters["date"] = ddmmyyyy
        env.globals["language"] = language
        return env


def desk_of(request: Request) -> Desk:
    return request.app.state.desk


def session_of(request: Request) -> DeskSession:
    return request.scope["desk_session"]


def user_of(request: Request) -> User:
    session = session_of(request)
    if session.user is not None:
        return session.user
    # nobody logs in to a desk that only this machine reaches: its user runs it
    return User(desk_of(request).config.local_user, ADMINISTRATOR)


def tr(request: Request, message: str, **values: Any) -> str:
    """``message`` in the session's language, with ``%(name)s`` values filled in."""
    text = translations(session_of(request).language).gettext(message)
    return text % values if values else text


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    desk, session = desk_of(request), session_of(request)
    flashes = context.pop("flashes", None)
    if flashes is None:
        flashes, session.flashes = session.flashes, []
    html = desk.envs[session.language].get_template(template).render(
        request=request,
        csrf=session.csrf,
        user=session.user or (None if desk.config.login else user_of(request)),
        login=desk.config.login,
        flashes=flashes,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def flash(request: Request, text: str, kind: str = "ok") -> None:
    session_of(request).flashes.append((kind, text))


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def posted(request: Request, *, files: int = 0) -> FormData:
    """The posted form, once its CSRF token (and Origin) are the desk's own; 403 otherwise."""
    desk, session = desk_of(request), session_of(request)
    if not origin_ok(request.headers.get("origin"), desk.hosts):
        raise HTTPException(403, N_("This form did not come from the desk."))
    try:
        form = await request.form(max_files=files, max_fields=200, max_part_size=MAX_PASTE)
    except HTTPException:
        raise
    except Exception:  # a malformed body is the sender's fault, not a crash
        raise HTTPException(400, N_("The form could not be read.")) from None
    if not same_token(form.get("csrf"), session.csrf):  # type: ignore[arg-type]
        raise HTTPException(403, N_("The form has expired or did not come from the desk: reload the page."))
    return form


def run(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(store_session, *args)`` in one transaction, recorded under the user's name.

    Called through ``starlette.concurrency.run_in_threadpool`` by the routes (``call``).
    """
    desk = desk_of(request)
    with acting_as(user_of(request).name), session_scope(desk.config.db_url) as store:
        return fn(store, *args, **kwargs)


async def call(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await run_in_threadpool(run, request, fn, *args, **kwargs)


async def work(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args)`` (it opens the store itself) in a worker thread, under the user's name."""
    name = user_of(request).name

    def as_user() -> T:
        with acting_as(name):
            return fn(*args, **kwargs)

    return await run_in_threadpool(as_user)


class DeskSessions:
    """Finds the browser's session (a new one when it has none) and asks for a login where the
    desk needs one; refuses an oversized body before it is read."""

    def __init__(self, app: ASGIApp, desk: Desk) -> None:
        self.app = app
        self.desk = desk

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_UPLOAD:
            await _too_large(self.desk, request)(scope, receive, send)
            return
        if scope["path"].startswith("/static/"):
            # the style sheet and the script are the same for everyone: no session for them
            await self.app(scope, receive, send)
            return
        token = request.cookies.get(COOKIE)
        session = self.desk.sessions.get(token)
        fresh = session is None
        if session is None:
            session = self.desk.sessions.new(DEFAULT_LANGUAGE)
        scope["desk_session"] = session
        path = scope["path"]
        if self.desk.config.login and session.user is None and not path.startswith(PUBLIC):
            response: ASGIApp = RedirectResponse("/login", status_code=303)
            await _with_cookie(response, session, fresh)(scope, receive, send)
            return
        started, begun = False, time.perf_counter()

        async def tracking(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # the server's own time for the answer, for the benchmarks and the browser's tools
                spent = f"app;dur={(time.perf_counter() - begun) * 1000:.1f}".encode()
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", spent)]}
            await send(message)

        try:
            await _with_cookie(self.app, session, fresh)(scope, receive, tracking)
        except Exception as exc:
            # caught here, not by the server: its log would print the message, and a message
            # may quote a tourist's data; the type and the path (ids only) are enough
            log.error("desk: %s on %s %s", type(exc).__name__, scope.get("method"), path)
            if not started:
                message = translations(session.language).gettext("Something went wrong.")
                response = page(Request(scope), "error.html", status=500, message=message, flashes=[])
                await response(scope, receive, send)


def _with_cookie(app: ASGIApp, session: DeskSession, fresh: bool) -> ASGIApp:
    if not fresh:
        return app

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                cookie = SimpleCookie()
                cookie[COOKIE] = session.token
                morsel = cookie[COOKIE]
                morsel["path"], morsel["httponly"], morsel["samesite"] = "/", True, "Strict"
                header = cookie.output(header="").strip().encode("latin-1")
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", header)]}
            await send(message)

        await app(scope, receive, send_cookie)

    return wrapped


def _too_large(desk: Desk, request: Request) -> Response:
    session = desk.sessions.get(request.cookies.get(COOKIE))
    language = session.language if session else DEFAULT_LANGUAGE
    text = translations(language).gettext(
        "The file is too large: the desk takes lists up to %(mb)s MB. Split the list, or save it as CSV."
    ) % {"mb": MAX_UPLOAD // (1024 * 1024)}
    return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>Tourdesk</title><p>{text}</p>", 413)
