"""The visa desk: every tourist's questionnaire for a trip (or for chosen clients), checked,
written, and on request turned into PDFs and one file to print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import selectinload

from pipeline.clients.find import client_record
from pipeline.forms.combine import combine_docx, zip_forms
from pipeline.forms.errors import FormError
from pipeline.forms.passport import for_forms
from pipeline.forms.pdf import convert_to_pdf, merge_pdfs
from pipeline.forms.render import FilledBatch, RenderReport, fill_forms, write_forms
from pipeline.forms.values import Translate
from pipeline.store.db import StoreUnavailable, session_scope
from pipeline.store.models import Client
from pipeline.store.written import register_files
from pipeline.trips.edit import apply_trip_details
from pipeline.trips.trip import find_trip, trip_dict, trip_links

#: the folder of a batch rendered for clients chosen one by one, not for a trip
CLIENTS_FOLDER = "clients"


class IncompleteForms(FormError):
    """``strict`` and some tourist's form lacks a required value; nothing was written."""

    def __init__(self, batch: FilledBatch) -> None:
        self.batch = batch
        super().__init__(
            f"{len(batch.incomplete)} of {len(batch.items)} questionnaires are incomplete; nothing was written"
        )


class UnknownClients(FormError, LookupError):
    """Client numbers that are not in the store, or not on the trip."""


@dataclass
class Group:
    """Who the forms are for, and the trip they fill the journey fields from."""

    people: list[dict[str, Any]]
    extras: dict[int | str, dict[str, Any]]
    trip: dict[str, Any] | None
    voucher: str | None
    folder: str


@dataclass
class VisaForms:
    """What ``render_visa_forms`` did."""

    batch: FilledBatch
    report: RenderReport
    pdfs: list[Path] = field(default_factory=list)
    combined: list[Path] = field(default_factory=list)
    #: the ZIP of every document written, when asked for
    archive: Path | None = None
    #: why the PDFs were not made (LibreOffice missing or failing); the .docx files are there
    pdf_error: str | None = None


def load_group(
    voucher: str | None = None, client_ids: list[int] | None = None, *, db_url: str | None = None
) -> Group:
    """The tourists of trip ``voucher`` (all, or only ``client_ids``), or clients by number."""
    if not voucher and not client_ids:
        raise FormError("give a trip (--trip VOUCHER) or clients (--client ID)")
    with session_scope(db_url) as session:
        trip_data = None
        if voucher:
            trip = find_trip(session, voucher)
            links = trip_links(session, trip)
            if client_ids:
                links = [link for link in links if link.client_id in set(client_ids)]
                absent = sorted(set(client_ids) - {link.client_id for link in links})
                if absent:
                    raise UnknownClients(f"client(s) {', '.join(map(str, absent))} are not on trip {voucher}")
            pairs = [(link.client, link.ticket_number, link.details) for link in links]
            trip_data = trip_dict(trip)
        else:
            found = session.scalars(
                select(Client).where(Client.id.in_(client_ids or [])).options(selectinload(Client.documents))
            ).all()
            by_id = {c.id: c for c in found}
            absent = [i for i in client_ids or [] if i not in by_id]
            if absent:
                raise UnknownClients(
                    f"there is no client {', '.join(map(str, absent))} (find one with: tourdesk clients find SURNAME)"
                )
            pairs = [(by_id[i], None, None) for i in dict.fromkeys(client_ids or [])]
        people = [apply_trip_details(client_record(client, ticket), details) for client, ticket, details in pairs]
        extras: dict[int | str, dict[str, Any]] = {}
        for person, (client, _, _) in zip(people, pairs, strict=True):
            extras[client.id], replaced = for_forms(session, client)
            if replaced:
                # the check says the new passport's issue date is unknown, not just "empty"
                person["passport_replaced"] = True
    folder = safe_folder(voucher) if voucher else CLIENTS_FOLDER
    return Group(people, extras, trip_data, voucher, folder)


def dictionary_for(db_url: str | None, form_id: str) -> Callable[[dict[str, Any]], Translate | None] | None:
    """Each tourist's dictionary for ``form_id``: what it lacks goes to ``tourdesk dictionary missing``
    under that tourist's client number."""
    # THE single place the forms meet the dictionary
    try:
        from pipeline.dictionary.translate import form_translator  # why: a build may lack the dictionary
    except ImportError:  # a build without the dictionary: Cyrillic values are flagged instead
        return None
    base = form_translator(db_url, form_id)
    for_client = getattr(base, "for_client", None)
    if for_client is None:
        return lambda person: base
    return lambda person: for_client(person.get("client_id"))


def check_visa_forms(form_id: str, group: Group, *, db_url: str | None = None) -> FilledBatch:
    """Fill in every tourist's form without writing anything: what ``check`` shows."""
    try:
        return fill_forms(
            form_id, group.people, group.trip, group.extras, translate_for=dictionary_for(db_url, form_id)
        )
    except DBAPIError as exc:
        # the dictionary reads and queues in the store while forms are filled: a store that
        # fails then (a full disk, a dropped connection) is one line for the clerk
        first = str(exc.orig or exc).strip().splitlines()
        raise StoreUnavailable(
            f"the dictionary in the client store failed: {first[0] if first else type(exc).__name__}"
        ) from exc


def render_visa_forms(
    form_id: str,
    group: Group,
    out_dir: str | Path,
    *,
    pdf: bool = False,
    combined: bool = False,
    strict: bool = False,
    db_url: str | None = None,
    batch: FilledBatch | None = None,
    archive: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> VisaForms:
    """Write one questionnaire per tourist into ``out_dir/<voucher or "clients">/``.

    ``strict``: refuse (IncompleteForms, nothing written) when any form lacks a required
    value. ``pdf``: also PDFs, all converted by one LibreOffice process. ``combined``: also
    one file to print (``ALL_<form>.docx``, and ``ALL_<form>.pdf`` with ``pdf``). ``archive``:
    also ``<form>.zip`` of the tourists' documents (and PDFs). A ``batch`` from
    ``check_visa_forms`` is written as it is, not filled again. ``progress(step, done, total)``
    is told each step as it goes ("filled", "written", "pdf"), for a display.
    """
    batch = batch or check_visa_forms(form_id, group, db_url=db_url)
    total = len(batch.items)
    if progress is not None:
        progress("filled", total, total)
    if strict and batch.incomplete:
        raise IncompleteForms(batch)
    report = write_forms(batch, Path(out_dir) / group.folder)
    if progress is not None:
        progress("written", total, total)
    result = VisaForms(batch, report)
    if combined:
        result.combined.append(combine_docx(report.files, report.out_dir / f"ALL_{batch.form.id}.docx"))
    if pdf:
        _pdfs(result, combined, None if progress is None else lambda done, n: progress("pdf", done, n))
    if archive:
        name = f"{batch.form.id}.zip"
        result.archive = zip_forms([*report.files, *result.pdfs], report.out_dir / name)
    _register(result, db_url)
    return result


def _register(result: VisaForms, db_url: str | None) -> None:
    """List every file written in the register, per client, so an erasure finds them."""
    clients = [item.person.get("client_id") for item in result.batch.items]
    files = [(cid, path, "form") for cid, path in zip(clients, result.report.files, strict=True)]
    by_stem = dict(zip((p.stem for p in result.report.files), clients, strict=True))
    files += [(by_stem.get(p.stem), p, "form-pdf") for p in result.pdfs]
    files += [(cid, p, "group-form") for p in result.combined for cid in clients]
    with session_scope(db_url) as session:
        register_files(session, files)


def _pdfs(result: VisaForms, combined: bool, progress: Callable[[int, int], None] | None = None) -> None:
    try:
        result.pdfs = convert_to_pdf(result.report.files, result.report.out_dir, progress)
    except FormError as exc:
        result.pdf_error = str(exc)
        return
    if combined and result.pdfs:
        name = f"ALL_{result.batch.form.id}.pdf"
        result.combined.append(merge_pdfs(result.pdfs, result.report.out_dir / name))


def render_trip_forms(
    voucher: str,
    form_id: str,
    out_dir: str | Path,
    *,
    db_url: str | None = None,
    pdf: bool = False,
    combined: bool = False,
) -> RenderReport:
    """Write one questionnaire per tourist on the trip into ``out_dir/<voucher>/``."""
    group = load_group(voucher, db_url=db_url)
    return render_visa_forms(form_id, group, out_dir, pdf=pdf, combined=combined, db_url=db_url).report


def safe_folder(voucher: str) -> str:
    """A voucher as a folder name: letters, digits, ``-`` and ``_`` only."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in voucher) or "trip"
