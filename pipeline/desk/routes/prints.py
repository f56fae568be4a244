"""Print all: every tourist's questionnaire (DOCX and PDF), one combined PDF for the browser's
print dialog, and a ZIP of the documents. Files are reached by their run and number, never by
a name: a file name is a tourist's name."""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from pipeline.desk.routes.trips import trip_url
from pipeline.desk.web import back, desk_of, flash, page, posted, session_of, tr, work
from pipeline.forms.errors import FormError
from pipeline.forms.visa import VisaForms, load_group, render_visa_forms
from pipeline.outfiles import private_dir


@dataclass
class PrintJob:
    """One "print all" run: its private folder and what was written there."""

    folder: Path
    voucher: str
    form_id: str
    #: (tourist, docx, pdf or None, draft) per tourist, in roster order
    tourists: list[tuple[str, Path, Path | None, bool]] = field(default_factory=list)
    combined_pdf: Path | None = None
    archive: Path | None = None
    pdf_error: str | None = None

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def prints_root(work_dir: Path | None) -> Path:
    return private_dir(work_dir or Path(user_data_dir("tourdesk", appauthor=False)) / "desk-prints")


def print_all(db_url: str | None, voucher: str, form_id: str, folder: Path) -> VisaForms:
    """The same render as ``tourdesk forms render --trip V --form F --pdf --combined --zip``."""
    group = load_group(voucher, db_url=db_url)
    return render_visa_forms(form_id, group, folder, pdf=True, combined=True, archive=True, db_url=db_url)


async def print_trip(request: Request) -> Response:
    form = await posted(request)
    voucher, form_id = request.path_params["voucher"], str(form.get("form") or "")
    desk, session = desk_of(request), session_of(request)
    job_id = secrets.token_urlsafe(12)
    folder = prints_root(desk.config.work_dir) / job_id
    try:
        result = await work(request, print_all, desk.config.db_url, voucher, form_id, folder)
    except (FormError, LookupError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).strip("'\"")
        flash(request, tr(request, "Nothing printed: %(why)s", why=why), "error")
        return back(trip_url(voucher, form_id))
    job = PrintJob(folder, voucher, form_id, pdf_error=result.pdf_error, archive=result.archive)
    pdfs = {p.stem: p for p in result.pdfs}
    for item, path in zip(result.batch.items, result.report.files, strict=True):
        job.tourists.append((item.label, path, pdfs.get(path.stem), bool(item.issues)))
    job.combined_pdf = next((p for p in result.combined if p.suffix == ".pdf"), None)
    for old in list(session.prints)[:-2]:  # the last three runs are kept, the rest deleted
        session.prints.pop(old).discard()
    session.prints[job_id] = job
    return back(f"/prints/{job_id}")


def _job(request: Request) -> PrintJob | None:
    return session_of(request).prints.get(request.path_params["job"])


async def print_page(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return page(request, "error.html", status=404, message=tr(request, "This print run is no longer kept."))
    return page(request, "print.html", job=job, job_id=request.path_params["job"])


def _file(path: Path | None, download_name: str, inline: bool) -> Response:
    if path is None or not path.is_file():
        return Response("Not found", status_code=404)
    media = {".pdf": "application/pdf", ".zip": "application/zip",
             ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip
    return FileResponse(path, media_type=media.get(path.suffix, "application/octet-stream"),
                        filename=download_name, content_disposition_type="inline" if inline else "attachment")  # fmt: skip


async def combined(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return Response("Not found", status_code=404)
    return _file(job.combined_pdf, f"{job.voucher}_{job.form_id}.pdf", inline=True)


async def archive(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return Response("Not found", status_code=404)
    return _file(job.archive, f"{job.voucher}_{job.form_id}.zip", inline=False)


async def one(request: Request) -> Response:
    job = _job(request)
    index, kind = request.path_params["index"], request.path_params["kind"]
    if job is None or not 0 <= index < len(job.tourists) or kind not in ("docx", "pdf"):
        return Response("Not found", status_code=404)
    _label, docx, pdf, _draft = job.tourists[index]
    path = docx if kind == "docx" else pdf
    return _file(path, path.name if path else "", inline=kind == "pdf")


ROUTES = [
    Route("/trips/{voucher}/print", print_trip, methods=["POST"]),
    Route("/prints/{job}", print_page, methods=["GET"]),
    Route("/prints/{job}/all.pdf", combined, methods=["GET"]),
    Route("/prints/{job}/forms.zip", archive, methods=["GET"]),
    Route("/prints/{job}/{index:int}.{kind}", one, methods=["GET"]),
]
