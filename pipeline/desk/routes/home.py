"""The first page: the trips, what waits for review, the latest imports (with Undo)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.clients.review import open_items
from pipeline.clients.undo import UndoRefused, recent_batches, undo_batch
from pipeline.desk.web import back, call, flash, page, posted, tr, user_of
from pipeline.store.users import NotAllowed, check_may_undo
from pipeline.trips.search import find_trips


def _home(session) -> dict:
    trips = find_trips(session, limit=30)
    return {
        "trips": [(t.voucher, t.title, t.country, t.arrival, t.departure, len(t.tourists)) for t in trips],
        "reviews": len(open_items(session, limit=500)),
        "batches": recent_batches(session, 10),
    }


async def home(request: Request) -> Response:
    return page(request, "home.html", **await call(request, _home))


def undo_as(session, batch_id: int, user, force: bool = False):
    """Undo a batch as ``user``: with ``force`` the later batches on the same clients too, each
    one the user's own unless they are an administrator (else nothing is undone)."""
    check_may_undo(session, batch_id, user)
    report = undo_batch(session, batch_id, force=force)
    for other in report.batches:
        check_may_undo(session, other, user)  # raises inside the transaction: all rolled back
    return report


async def undo(request: Request) -> Response:
    form = await posted(request)
    batch_id = request.path_params["batch_id"]
    force = form.get("force") == "1"
    target = str(form.get("next") or "/")
    target = target if target.startswith("/") and not target.startswith("//") else "/"
    try:
        report = await call(request, undo_as, batch_id, user_of(request), force)
    except UndoRefused as exc:
        if force or not exc.later:
            flash(request, str(exc), "error")
            return back(target)
        # later changes to the same clients: say so, and offer to take them back too
        return page(request, "undo.html", batch_id=batch_id, why=str(exc), next=target, flashes=[])
    except NotAllowed as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, tr(request, "Undone: batch %(batch)s. %(removed)s clients removed, %(restored)s values restored.",
                         batch=", ".join(map(str, report.batches)), removed=report.clients_removed,
                         restored=report.values_restored))  # fmt: skip
    return back(target)


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/batches/{batch_id:int}/undo", undo, methods=["POST"]),
]
