"""Import: paste or upload a list, look at it row by row, correct a column's meaning, choose or
create the trip, import, and undo from the summary."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pipeline.desk.i18n import N_
from pipeline.desk.web import (
    MAX_UPLOAD,
    UPLOAD_TYPES,
    call,
    desk_of,
    flash,
    page,
    posted,
    session_of,
    tr,
    work,
)
from pipeline.importing.run import import_source
from pipeline.importing.sources import Mapping, partner_mapping_for, preview_source, remember_partner_mapping
from pipeline.normalize.columns import TARGETS
from pipeline.store.mappings import partners
from pipeline.trips.search import find_trips
from pipeline.trips.trip import save_trip
from pipeline.types import CannotRead, Source

#: what a column may mean, as the drop-down offers it (the clerk's words for each target)
TARGET_LABELS = {
    "surname_lat": N_("Surname (Latin)"), "name_lat": N_("First name (Latin)"),
    "surname_ru": N_("Surname (Cyrillic)"), "name_ru": N_("First name (Cyrillic)"),
    "patronymic_ru": N_("Patronymic"), "surname": N_("Surname (either script)"),
    "name": N_("First name (either script)"), "full_name": N_("Full name"),
    "full_name_lat": N_("Full name (Latin)"), "full_name_ru": N_("Full name (Cyrillic)"),
    "gender": N_("Sex"), "title": N_("Title (MR/MRS)"), "birth_date": N_("Date of birth"),
    "passport": N_("Passport series and number"), "passport_series": N_("Passport series"),
    "passport_number": N_("Passport number"), "passport_expiry": N_("Passport valid until"),
    "internal_passport": N_("Internal passport"), "internal_series": N_("Internal passport series"),
    "internal_number": N_("Internal passport number"), "citizenship": N_("Citizenship"),
    "ticket_number": N_("Ticket number"), "ignore": N_("— not needed —"),
}  # fmt: skip
#: drafts (pasted or uploaded lists) a session keeps at once
DRAFTS = 3


def _choices(session) -> dict[str, Any]:
    return {
        "vouchers": [t.voucher for t in find_trips(session, limit=200)],
        "partners": partners(session),
    }


async def import_page(request: Request) -> Response:
    chosen = request.query_params.get("trip", "")
    return page(request, "import.html", chosen_trip=chosen, **await call(request, _choices))


def _upload_error(request: Request, upload: UploadFile, size: int) -> str | None:
    name = upload.filename or ""
    if not name.lower().endswith(UPLOAD_TYPES):
        return tr(request, "This file type cannot be imported: %(name)s. The desk takes CSV, TXT, Excel, "
                          "Word and PDF lists.", name=name)  # fmt: skip
    if size > MAX_UPLOAD:
        return tr(request, "The file is too large: the desk takes lists up to %(mb)s MB. Split the list, or save "
                          "it as CSV.", mb=MAX_UPLOAD // (1024 * 1024))  # fmt: skip
    if size == 0:
        return tr(request, "The file is empty.")
    return None


async def _draft(request: Request, form: FormData) -> tuple[str | None, str | None]:
    """The draft this form is about: a new one from the pasted text or the uploaded file, or
    the one already being previewed. Returns (draft id, error)."""
    session = session_of(request)
    upload = form.get("file")
    text = str(form.get("text") or "")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_UPLOAD + 1)
        error = _upload_error(request, upload, len(data))
        if error:
            return None, error
        name = Path(upload.filename).name
    elif text.strip():
        data, name = text.encode("utf-8"), "pasted.txt"
    else:
        draft_id = str(form.get("draft") or "")
        if draft_id in session.drafts:
            return draft_id, None
        return None, tr(request, "Paste a list or choose a file first.")
    draft_id = secrets.token_urlsafe(12)
    session.drafts[draft_id] = (name, data)
    for old in list(session.drafts)[:-DRAFTS]:
        del session.drafts[old]
    return draft_id, None


def _source(request: Request, draft_id: str) -> Source:
    name, data = session_of(request).drafts[draft_id]
    # the name gives the reader its format; the bytes never touch the disk
    return Source(name="pasted list" if name == "pasted.txt" else name, path=Path(name), data=data)


def _chosen_mapping(form: FormData) -> Mapping | None:
    """The clerk's column meanings from the preview's drop-downs, or None on a first preview."""
    columns = {}
    for key, value in form.multi_items():
        if key.startswith("col_") and key[4:].isdigit() and value in TARGETS:
            columns[str(int(key[4:]) + 1)] = str(value)
    if not columns:
        return None
    header = str(form.get("header_row") or "")
    return Mapping(columns, int(header) if header.isdigit() else None)


def _trip_fields(form: FormData) -> dict[str, str]:
    keys = ("trip", "new_voucher", "new_country", "new_arrival", "new_departure", "partner")
    return {k: str(form.get(k) or "").strip() for k in keys}


async def preview(request: Request) -> Response:
    form = await posted(request, files=1)
    trip = _trip_fields(form)
    draft_id, error = await _draft(request, form)
    choices = await call(request, _choices)
    if error or draft_id is None:
        return page(request, "import.html", status=400, error=error, chosen_trip=trip["trip"], form=trip, **choices)
    mapping, kept = _chosen_mapping(form), None
    if mapping is None and trip["partner"]:
        mapping = kept = await call(request, partner_mapping_for, trip["partner"])
    try:
        try:
            result = await work(request, preview_source, _source(request, draft_id), mapping=mapping)
        except CannotRead:
            if kept is None:
                raise
            # the partner changed their layout: read the list afresh, and say so
            result = await work(request, preview_source, _source(request, draft_id), mapping=None)
            flash(request, tr(request, "The columns kept for this partner do not fit this list: they were "
                                       "recognised afresh. Check them below."), "error")  # fmt: skip
    except CannotRead as exc:
        return page(request, "import.html", status=400, error=str(exc), chosen_trip=trip["trip"], form=trip, **choices)
    return page(request, "import_preview.html", preview=result, draft=draft_id, form=trip, labels=TARGET_LABELS,
                header_row=result.mapping().header_row, **choices)  # fmt: skip


def _prepare(session, trip: dict[str, str], preview_result, partner: str) -> str | None:
    """Create the new trip (when one is typed in) and keep the partner's mapping; the voucher."""
    voucher = trip["trip"] or None
    if trip["new_voucher"]:
        data = {"voucher": trip["new_voucher"], "country": trip["new_country"] or None,
                "arrival": trip["new_arrival"] or None, "departure": trip["new_departure"] or None}  # fmt: skip
        voucher = save_trip(session, data).voucher
    if partner:
        remember_partner_mapping(session, partner, preview_result)
    return voucher


async def run_import(request: Request) -> Response:
    form = await posted(request)
    trip = _trip_fields(form)
    draft_id = str(form.get("draft") or "")
    if draft_id not in session_of(request).drafts:
        return page(request, "import.html", status=400, error=tr(request, "Paste a list or choose a file first."),
                    form=trip, chosen_trip=trip["trip"], **await call(request, _choices))  # fmt: skip
    source, mapping = _source(request, draft_id), _chosen_mapping(form)
    db_url = desk_of(request).config.db_url
    try:
        checked = await work(request, preview_source, source, mapping=mapping)
        voucher = await call(request, _prepare, trip, checked, trip["partner"])
        result = await work(request, import_source, source, db_url=db_url, trip_voucher=voucher,
                            mapping=checked.mapping())  # fmt: skip
    except (CannotRead, LookupError) as exc:
        return page(request, "import.html", status=400, error=str(exc).strip("'\""), form=trip,
                    chosen_trip=trip["trip"], **await call(request, _choices))  # fmt: skip
    del session_of(request).drafts[draft_id]
    return page(request, "import_done.html", result=result, voucher=voucher)


ROUTES = [
    Route("/import", import_page, methods=["GET"]),
    Route("/import/preview", preview, methods=["POST"]),
    Route("/import/run", run_import, methods=["POST"]),
]
