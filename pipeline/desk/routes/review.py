"""The review queue: each open item with the buttons its kind takes."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.clients.review import DECISIONS, ReviewError, open_items, resolve
from pipeline.desk.i18n import N_
from pipeline.desk.web import back, call, flash, page, posted, tr

#: the button of each decision
BUTTONS = {"accept": N_("Take the list's value"), "keep": N_("Keep the file's value"), "merge": N_("Merge"),
           "new": N_("A new client"), "reject": N_("Different people"), "done": N_("Done")}  # fmt: skip


def _queue(session) -> list[dict[str, Any]]:
    return [
        {"id": i.id, "kind": i.kind, "client_id": i.client_id, "other_client_id": i.other_client_id,
         "score": i.score, "reason": i.reason, "field": i.field, "stored": i.stored_value,
         "incoming": i.incoming_value, "record": i.incoming or {}, "created": i.created_at,
         "decisions": DECISIONS.get(i.kind, ())}  # fmt: skip
        for i in open_items(session, limit=200)
    ]


async def review_page(request: Request) -> Response:
    return page(request, "review.html", items=await call(request, _queue), buttons=BUTTONS)


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
