"""The desk as an ASGI application: the routes of every area, the static files, and the
middleware of ``pipeline.desk.web`` and ``pipeline.desk.security``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from pipeline.desk.i18n import N_
from pipeline.desk.routes import routes
from pipeline.desk.security import HostCheck, SecurityHeaders
from pipeline.desk.web import HERE, Desk, DeskConfig, DeskSessions, page, tr


def create_app(config: DeskConfig) -> Starlette:
    """The desk as an ASGI application (``uvicorn`` serves it; tests call it directly)."""
    desk = Desk(config)

    async def error_page(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", None) or N_("Something went wrong.")
        if status == 404:
            detail = N_("There is no such page.")
        if "desk_session" not in request.scope:
            return HTMLResponse(str(detail), status_code=status)
        return page(request, "error.html", status=status, message=tr(request, str(detail)), flashes=[])

    app = Starlette(
        routes=[*routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")],
        exception_handlers={HTTPException: error_page},
    )
    app.state.desk = desk
    app.add_middleware(DeskSessions, desk=desk)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostCheck, hosts=desk.hosts)  # added last: runs first
    return app
