"""Logging in and out, and the interface language."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.desk.i18n import LANGUAGES
from pipeline.desk.security import COOKIE
from pipeline.desk.web import back, call, desk_of, page, posted, session_of, tr
from pipeline.store.users import authenticate


async def login_page(request: Request) -> Response:
    if not desk_of(request).config.login:
        return back("/")
    return page(request, "login.html")


async def login(request: Request) -> Response:
    form = await posted(request)
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    desk = desk_of(request)
    if desk.logins.blocked(name):
        return page(request, "login.html", status=429, name=name,
                    error=tr(request, "Too many wrong passwords for this name: try again in 10 minutes."))  # fmt: skip
    user = await call(request, authenticate, name, password)
    if user is None:
        desk.logins.failed(name)
        return page(request, "login.html", status=401, error=tr(request, "Wrong name or password."), name=name)
    desk.logins.succeeded(name)
    old = session_of(request)
    # a new session (and token) on login: a token seen before the login is worth nothing
    desk.sessions.end(old.token)
    fresh = desk.sessions.new(old.language)
    fresh.user = user
    response = back("/")
    response.set_cookie(COOKIE, fresh.token, httponly=True, samesite="strict", path="/")
    return response


async def logout(request: Request) -> Response:
    await posted(request)
    desk_of(request).sessions.end(session_of(request).token)
    response = back("/login" if desk_of(request).config.login else "/")
    response.delete_cookie(COOKIE, path="/")
    return response


async def language(request: Request) -> Response:
    form = await posted(request)
    wanted = str(form.get("language") or "")
    if wanted in LANGUAGES:
        session_of(request).language = wanted
    target = str(form.get("next") or "/")
    return back(target if target.startswith("/") and not target.startswith("//") else "/")


ROUTES = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/language", language, methods=["POST"]),
]
