"""Flow: a trip's tourists to printable questionnaires. Thin over ``pipeline.forms.visa``."""

from __future__ import annotations

from prefect import flow, task
from prefect.states import State

from flows._outcome import report
from flows._retry import only_io_errors


@task(
    retries=2,
    retry_delay_seconds=[5, 30],
    retry_condition_fn=only_io_errors,
    task_run_name="{form_id} for {voucher}",
)
def render_form(
    voucher: str, form_id: str, out_dir: str, pdf: bool = False, combined: bool = False
) -> dict[str, int | str]:
    """All questionnaires of one form for one trip, written atomically (PDFs: one LibreOffice run)."""
    # why here: flows.serve imports every flow; SQLAlchemy and the form templates load when the task runs
    from pipeline.forms.visa import load_group, render_visa_forms

    result = render_visa_forms(form_id, load_group(voucher), out_dir, pdf=pdf, combined=combined)
    # counts only: names and passport data stay out of Prefect's results and logs
    return {
        "form": form_id,
        "folder": str(result.report.out_dir),
        "documents": len(result.report.files),
        "incomplete": len(result.batch.incomplete),
        "pdfs": len(result.pdfs),
        "combined": len(result.combined),
        "pdf_error": result.pdf_error or "",
    }


@flow(name="render-visa-forms", log_prints=True)
def render_visa_forms(
    trip_voucher: str,
    forms: list[str] | None = None,
    out_dir: str = "visa-forms",
    pdf: bool = False,
    combined: bool = False,
) -> State:
    """Render the visa questionnaires of every tourist on a trip.

    Args:
        trip_voucher: Voucher number of the trip.
        forms: Form ids, e.g. schengen-en, schengen-fr, china, japan (default: schengen-en).
        out_dir: Folder for the documents (one sub-folder per trip).
        pdf: Also PDFs for printing (LibreOffice).
        combined: Also one file per form with every questionnaire.
    """
    results = [render_form(trip_voucher, f, out_dir, pdf, combined) for f in forms or ["schengen-en"]]
    for r in results:
        print(
            f"{r['form']}: {r['documents']} documents in {r['folder']} ({r['incomplete']} to complete by hand)"
            + (f", {r['pdfs']} PDFs" if pdf else "")
            + (f"; no PDFs: {r['pdf_error']}" if r["pdf_error"] else "")
        )
    return report(results, key="visa-forms-report", noun="forms", done="every questionnaire written", data=results,
                  failure=_failure, row=lambda r: {"form": r["form"], "folder": r["folder"],
                                                   "documents": r["documents"], "to complete by hand": r["incomplete"],
                                                   "PDFs": r["pdfs"]})  # fmt: skip


def _failure(r: dict[str, int | str]) -> str | None:
    if not r["documents"]:
        return f"{r['form']}: no questionnaire written (no tourists on the trip?)"
    if r["pdf_error"]:
        return f"{r['form']}: questionnaires written, but no PDFs: {r['pdf_error']}"
    return None
