"""The desk's pages, one module per area."""

from __future__ import annotations

from starlette.routing import BaseRoute

from pipeline.desk.routes import auth, clients, home, imports, prints, review, trips


def routes() -> list[BaseRoute]:
    return [*home.ROUTES, *auth.ROUTES, *imports.ROUTES, *trips.ROUTES, *prints.ROUTES, *clients.ROUTES,
            *review.ROUTES]  # fmt: skip
