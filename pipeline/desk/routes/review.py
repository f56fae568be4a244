"""The review queue: each open item with the buttons its kind takes."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.clients.review import ReviewError, item_view, open_items, resolve
from pipeline.desk.i18n import N_
from pipeline.desk.web import back, call, flash, page, posted, tr

#: the button of each decision
BUTTONS = {"accept": N_("Take the list's value"), "keep": N_("Keep the file's value"), "merge": N_("Merge"),
           "new": N_("A new client"), "reject": N_("Different people"), "done": N_("Done")}  # fmt: skip


#: the rows of the side-by-side table
SIDE_BY_SIDE = ("surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
                "citizenship", "passports", "internal_passports")  # fmt: skip


def _queue(session) -> list[dict[str, Any]]:
    # the same view as `tourdesk review show`: the clients side by side, the decisions it takes
    return [item_view(session, item) for item in open_items(session, limit=200)]


async def review_page(request: Request) -> Response:
    return page(request, "review.html", items=await call(request, _queue), buttons=BUTTONS, rows=SIDE_BY_SIDE)


async def decide(request: Request) -> Response:
    form = await posted(request)
    item_id = request.path_params["item_id"]
    decision = str(form.get("decision") or "")
    client = str(form.get("client_id") or "")
    try:
        outcome = await call(request, resolve, item_id, decision, int(client) if client.isdigit() else None)
    except ReviewError as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, tr(request, "Item %(id)s: %(outcome)s", id=item_id, outcome=outcome.outcome))
    return back("/review")


ROUTES = [
    Route("/review", review_page, methods=["GET"]),
    Route("/review/{item_id:int}", decide, methods=["POST"]),
]
