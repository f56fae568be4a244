"""Clients: search by surname (Latin or Cyrillic, any scheme, a beginning), the client card
with documents, trips, extra information and history, and forgetting a client."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.clients.edit import ClientNotFound, get_client
from pipeline.clients.find import client_history, client_record, client_trips, find_clients
from pipeline.crm.forget import forget_client
from pipeline.desk.web import back, call, flash, page, posted, tr, user_of
from pipeline.forms.info import show_info
from pipeline.store.users import NotAllowed, check_may_forget


async def clients_page(request: Request) -> Response:
    return page(request, "clients.html", found=None, surname="")


def _search(session, surname: str) -> list[dict[str, Any]]:
    return [client_record(c) for c in find_clients(session, surname, limit=50)]


async def search(request: Request) -> Response:
    # a POST: a surname is personal data and stays out of the address bar and the logs
    form = await posted(request)
    surname = " ".join(str(form.get("surname") or "").split())
    found = await call(request, _search, surname) if surname else []
    return page(request, "clients.html", found=found, surname=surname)


def _card(session, client_id: int) -> dict[str, Any]:
    client = get_client(session, client_id)
    return {
        "record": client_record(client),
        "regular": client.is_regular,
        "documents": [(d.kind, d.series, d.number, d.expiry, d.is_current) for d in client.documents],
        "trips": client_trips(session, client_id),
        "info": show_info(session, client_id),
        "history": client_history(session, client_id),
    }


async def card(request: Request) -> Response:
    client_id = request.path_params["client_id"]
    try:
        data = await call(request, _card, client_id)
    except ClientNotFound:
        return page(request, "error.html", status=404, message=tr(request, "There is no such client."))
    return page(request, "client.html", client_id=client_id, **data)


def _forget(session, client_id: int, user) -> Any:
    check_may_forget(user)
    return forget_client(session, client_id)


async def forget(request: Request) -> Response:
    await posted(request)
    client_id = request.path_params["client_id"]
    try:
        await call(request, _forget, client_id, user_of(request))
    except NotAllowed:
        flash(request, tr(request, "Only an administrator may forget a client."), "error")
    except ClientNotFound:
        flash(request, tr(request, "There is no such client."), "error")
    else:
        flash(request, tr(request, "The client's personal data is erased."))
    return back(f"/clients/{client_id}")


ROUTES = [
    Route("/clients", clients_page, methods=["GET"]),
    Route("/clients", search, methods=["POST"]),
    Route("/clients/{client_id:int}", card, methods=["GET"]),
    Route("/clients/{client_id:int}/forget", forget, methods=["POST"]),
]
