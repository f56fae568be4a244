"""A trip: its roster, each tourist's questionnaire check with the fix in place, "copy from"
another tourist, the words the dictionary still needs, tourists put on and taken off (each an
undoable batch, as ``tourdesk trips add|remove``), the roster file, and creating a trip."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.clients.edit import ClientNotFound
from pipeline.desk.web import back, call, desk_of, flash, page, posted, session_of, tr, work
from pipeline.dictionary.entries import add_entry
from pipeline.forms.check import FixTarget, apply_fix, fix_target, needed_words
from pipeline.forms.info import UnknownKeys, copy_info
from pipeline.forms.render import list_forms
from pipeline.forms.values import Issue
from pipeline.forms.visa import check_visa_forms, load_group
from pipeline.normalize.typed import BadValue
from pipeline.store.db import session_scope
from pipeline.trips.edit import NotOnTrip
from pipeline.trips.roster import add_tourists, remove_tourists, roster
from pipeline.trips.roster_files import FORMATS, default_name, write_roster
from pipeline.trips.search import find_trips
from pipeline.trips.trip import TripNotFound, save_trip
from pipeline.types import CannotRead

DEFAULT_FORM = "schengen-en"


@dataclass
class IssueView:
    """One problem of one tourist's form, with the box that fixes it."""

    issue: Issue
    number: str
    label: str
    target: FixTarget | None


@dataclass
class TouristView:
    person: dict[str, Any]
    label: str
    issues: list[IssueView]


def trip_url(voucher: str, form_id: str | None = None, anchor: str = "") -> str:
    url = f"/trips/{quote(voucher, safe='')}"
    if form_id:
        url += f"?form={quote(form_id, safe='')}"
    return url + (f"#{anchor}" if anchor else "")


async def trips_page(request: Request) -> Response:
    found = await call(request, lambda s: [(t.voucher, t.title, t.country, t.arrival, t.departure, len(t.tourists))
                                           for t in find_trips(s, limit=200)])  # fmt: skip
    return page(request, "trips.html", trips=found)


async def create_trip(request: Request) -> Response:
    form = await posted(request)
    data = {k: str(form.get(k) or "").strip() or None for k in ("voucher", "country", "arrival", "departure", "title")}
    try:
        trip = await call(request, lambda s: save_trip(s, data).voucher)
    except CannotRead as exc:
        flash(request, str(exc), "error")
        return back("/trips")
    return back(trip_url(trip))


def trip_view(db_url: str | None, voucher: str, form_id: str, language: str = "ru") -> dict[str, Any]:
    """What the trip page shows: the tourists, each with their form's problems and the box that
    fixes each, and the words the dictionary lacks (each store step its own transaction)."""
    group = load_group(voucher, db_url=db_url)
    batch = check_visa_forms(form_id, group, db_url=db_url)
    tourists = []
    for item in batch.items:
        views = []
        for issue in item.issues:
            spec = issue.spec
            # the options in the clerk's language (the form prints its own)
            target = fix_target(issue, language)
            views.append(IssueView(issue, spec.number, spec.label(language), target))
        tourists.append(TouristView(item.person, item.label, views))
    return {
        "trip": group.trip,
        "voucher": voucher,
        "form": batch.form,
        "tourists": tourists,
        "incomplete": len(batch.incomplete),
        "words": needed_words(batch),
    }


async def trip_page(request: Request) -> Response:
    voucher = request.path_params["voucher"]
    forms = [(f.id, f.title) for f in list_forms()]
    ids = [f for f, _title in forms]
    form_id = request.query_params.get("form") or (DEFAULT_FORM if DEFAULT_FORM in ids else ids[0])
    if form_id not in ids:
        form_id = ids[0]
    try:
        view = await work(request, trip_view, desk_of(request).config.db_url, voucher, form_id,
                          session_of(request).language)
    except TripNotFound:
        return page(request, "error.html", status=404, message=tr(request, "There is no such trip."))
    return page(request, "trip.html", forms=forms, **view)


async def fix(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    client_id = int(str(form.get("client_id") or 0))
    source, value = str(form.get("source") or ""), str(form.get("value") or "")
    try:
        changed = await call(request, apply_fix, client_id, source, value)
    except (BadValue, UnknownKeys, ValueError, LookupError) as exc:
        flash(request, tr(request, "Not saved: %(why)s", why=str(exc).strip("'\"")), "error")
    else:
        flash(request, tr(request, "Saved.") if changed else tr(request, "Nothing changed: the file already says so."))
    return back(trip_url(voucher, form_id, f"t{client_id}"))


async def copy(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    to_id = int(str(form.get("client_id") or 0))
    from_id, keys = str(form.get("from_id") or ""), [str(k) for k in form.getlist("key") if k]
    if not from_id.isdigit():
        flash(request, tr(request, "Choose the tourist to copy from."), "error")
        return back(trip_url(voucher, form_id, f"t{to_id}"))
    try:
        # only what the other tourist has: copying never erases (see copy_info)
        changed = await call(request, copy_info, int(from_id), to_id, keys or None)
    except (ValueError, LookupError) as exc:
        flash(request, tr(request, "Not saved: %(why)s", why=str(exc).strip("'\"")), "error")
    else:
        flash(request, tr(request, "Copied.") if changed else tr(request, "The other tourist has nothing to copy there."),
              "ok" if changed else "error")  # fmt: skip
    return back(trip_url(voucher, form_id, f"t{to_id}"))


async def add_word(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    ru, language = str(form.get("ru") or ""), str(form.get("language") or "")
    translation = " ".join(str(form.get("translation") or "").split())
    if language not in ("en", "fr") or not translation:
        flash(request, tr(request, "Type the translation first."), "error")
        return back(trip_url(voucher, form_id, "words"))
    try:
        await call(request, add_entry, ru, **{language: translation})
    except ValueError as exc:
        flash(request, tr(request, "Not saved: %(why)s", why=str(exc)), "error")
    else:
        flash(request, tr(request, "Added to the dictionary."))
    return back(trip_url(voucher, form_id, "words"))


async def put_on(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    # "12, 15 17": the clerk types the numbers the client search shows
    ids = [int(n) for n in re.findall(r"\d+", str(form.get("clients") or ""))]
    if not ids:
        flash(request, tr(request, "Type the client numbers to put on the trip (for example: 12, 15)."), "error")
        return back(trip_url(voucher, form_id))
    try:
        placed = await call(request, add_tourists, voucher, ids)
    except (ClientNotFound, TripNotFound) as exc:
        flash(request, tr(request, "Not saved: %(why)s", why=str(exc).strip("'\"")), "error")
        return back(trip_url(voucher, form_id))
    if placed.added:
        flash(request, tr(request, "Put on the trip: client %(who)s (batch %(batch)s; Undo is on the first page).",
                          who=", ".join(map(str, placed.added)), batch=placed.batch_id))  # fmt: skip
    if placed.already:
        flash(request, tr(request, "Already on the trip: client %(who)s.", who=", ".join(map(str, placed.already))),
              "error" if not placed.added else "ok")  # fmt: skip
    return back(trip_url(voucher, form_id))


async def take_off(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    client_id = str(form.get("client_id") or "")
    if not client_id.isdigit():
        flash(request, tr(request, "Choose the tourist to take off the trip."), "error")
        return back(trip_url(voucher, form_id))
    try:
        batch = await call(request, remove_tourists, voucher, [int(client_id)])
    except (ClientNotFound, NotOnTrip, TripNotFound) as exc:
        flash(request, tr(request, "Not saved: %(why)s", why=str(exc).strip("'\"")), "error")
    else:
        flash(request, tr(request, "Taken off the trip: client %(who)s; the client file keeps them (batch %(batch)s; "
                                   "Undo is on the first page).", who=client_id, batch=batch))  # fmt: skip
    return back(trip_url(voucher, form_id))


def roster_bytes(db_url: str | None, voucher: str, fmt: str) -> bytes:
    """The roster file ``tourdesk trips roster VOUCHER --format FMT`` writes, as bytes: written
    by the same writer (text cells, no formula) into a private temporary folder, read, deleted."""
    with session_scope(db_url) as session:
        data = roster(session, voucher)
    with tempfile.TemporaryDirectory(prefix="tourdesk-roster-") as tmp:
        return write_roster(data, Path(tmp) / f"roster.{fmt}", fmt).read_bytes()


_MEDIA = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


async def roster_file(request: Request) -> Response:
    voucher, fmt = request.path_params["voucher"], request.path_params["fmt"]
    if fmt not in FORMATS:
        return Response("Not found", status_code=404)
    try:
        data = await work(request, roster_bytes, desk_of(request).config.db_url, voucher, fmt)
    except TripNotFound:
        return page(request, "error.html", status=404, message=tr(request, "There is no such trip."))
    # the file name is the voucher's, never a tourist's
    name = default_name(voucher, fmt)
    return Response(data, media_type=_MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/trips", trips_page, methods=["GET"]),
    Route("/trips", create_trip, methods=["POST"]),
    Route("/trips/{voucher}", trip_page, methods=["GET"]),
    Route("/trips/{voucher}/fix", fix, methods=["POST"]),
    Route("/trips/{voucher}/copy", copy, methods=["POST"]),
    Route("/trips/{voucher}/words", add_word, methods=["POST"]),
    Route("/trips/{voucher}/add", put_on, methods=["POST"]),
    Route("/trips/{voucher}/remove", take_off, methods=["POST"]),
    Route("/trips/{voucher}/roster.{fmt}", roster_file, methods=["GET"]),
]
