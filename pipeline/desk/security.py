"""What keeps the desk's data at the desk: the Host check, sessions, CSRF tokens, headers.

- A request whose Host header is not the address the desk serves is refused: a page on a
  foreign site that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
- Every POST carries the session's CSRF token (and, when the browser sends one, an Origin of
  the desk itself); a form from anywhere else is refused.
- Sessions live in the server's memory behind a random HttpOnly, SameSite=Strict cookie: the
  cookie holds no data, and a restart logs everyone out.
"""

from __future__ import annotations

import hmac
import secrets
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from pipeline.store.users import User

COOKIE = "tourdesk_session"
#: a session nobody used for this long is forgotten (seconds)
IDLE_LIMIT = 12 * 3600
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


WILDCARD = frozenset({"0.0.0.0", "::"})


def machine_names() -> set[str]:
    """This machine's own names and addresses, as a browser on the office network writes them."""
    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        try:
            names |= {info[4][0] for info in socket.getaddrinfo(name, None)}
        except OSError:  # a name the resolver does not know: the others still serve
            continue
    return {n.lower() for n in names if n}


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Host header values the desk answers to: the address it serves, and on the loopback
    address the other spellings of this machine (a browser may open ``localhost``); listening
    on every address (0.0.0.0), this machine's own names and addresses. Any other name is a
    foreign site's, pointed at this machine (DNS rebinding)."""
    names = {host}
    if host in LOOPBACK or host in WILDCARD:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if host in WILDCARD:
        names = (names - WILDCARD) | machine_names()
    # an IPv6 address is written in brackets in a Host header
    names |= {f"[{n}]" for n in names if ":" in n and not n.startswith("[")}
    return frozenset({f"{n}:{port}" for n in names} | ({*names} if port == 80 else set()))


class HostCheck:
    """Refuse any request whose Host header is not one the desk serves (DNS rebinding)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "").lower()
            if host not in self.hosts:
                response = PlainTextResponse("Unknown host: this desk answers only at its own address.", 421)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


#: a page may load only the desk's own script and style sheet, post only to the desk, and
#: never be framed by another site
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
)


class SecurityHeaders:
    """Headers on every answer: the CSP above, no sniffing, no referrer, and pages (which show
    passports) never kept in a cache."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    # same-origin, not no-referrer: with no-referrer a browser posts "Origin: null"
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"SAMEORIGIN"),
                ]
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class DeskSession:
    """One browser's session: who is logged in, the CSRF token, the language, work in hand."""

    token: str
    csrf: str
    user: User | None = None
    language: str = "ru"
    #: pasted or uploaded lists between preview and import: id -> (name, bytes)
    drafts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    #: print runs: id -> folder and files
    prints: dict[str, Any] = field(default_factory=dict)
    #: short notes for the next page: (kind, text), kind ok | error
    flashes: list[tuple[str, str]] = field(default_factory=list)
    last_seen: float = field(default_factory=time.monotonic)


class Sessions:
    """The sessions of this desk process, by cookie token."""

    def __init__(self) -> None:
        self._by_token: dict[str, DeskSession] = {}
        self._lock = threading.Lock()

    def get(self, token: str | None) -> DeskSession | None:
        now = time.monotonic()
        with self._lock:
            for stale in [t for t, s in self._by_token.items() if now - s.last_seen > IDLE_LIMIT]:
                self._drop(stale)
            found = self._by_token.get(token or "")
            if found is not None:
                found.last_seen = now
            return found

    def new(self, language: str = "ru") -> DeskSession:
        session = DeskSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32), language=language)
        with self._lock:
            self._by_token[session.token] = session
        return session

    def end(self, token: str) -> None:
        with self._lock:
            self._drop(token)

    def _drop(self, token: str) -> None:
        session = self._by_token.pop(token, None)
        if session is not None:
            for job in session.prints.values():
                job.discard()


#: wrong passwords for one name before its logins pause, and for how long (seconds)
LOGIN_TRIES, LOGIN_PAUSE = 5, 600


class LoginThrottle:
    """After LOGIN_TRIES wrong passwords for a name within LOGIN_PAUSE, that name's logins wait
    out the pause: guessing a clerk's password from the office network takes years, not a day."""

    def __init__(self) -> None:
        self._failed: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str, now: float) -> list[float]:
        key = " ".join(name.casefold().split())
        times = [t for t in self._failed.get(key, []) if now - t < LOGIN_PAUSE]
        self._failed[key] = times
        return times

    def blocked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name, time.monotonic())) >= LOGIN_TRIES

    def failed(self, name: str) -> None:
        with self._lock:
            self._recent(name, time.monotonic()).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failed.pop(" ".join(name.casefold().split()), None)


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given), expected)


def origin_ok(origin: str | None, hosts: frozenset[str]) -> bool:
    """A POST from a browser names its page's origin; it must be the desk itself."""
    if not origin or origin == "null":
        return True  # none sent, or hidden by a privacy setting: the CSRF token decides
    scheme, _, rest = origin.partition("://")
    return scheme in ("http", "https") and rest.lower() in hosts
