"""The desk's pages, one module per area."""

from __future__ import annotations

from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    # why here: each area imports pipeline.desk.app, which asks for these routes when it builds
    from pipeline.desk.routes import auth, clients, home, imports, prints, review, trips

    return [*home.ROUTES, *auth.ROUTES, *imports.ROUTES, *trips.ROUTES, *prints.ROUTES, *clients.ROUTES,
            *review.ROUTES]  # fmt: skip
