"""Flow: a trip's tourists to printable questionnaires. Thin over ``pipeline.visa``."""

from __future__ import annotations

from typing import Annotated

from prefect import flow, task
from pydantic import Field

from flows._retry import only_io_errors


@task(
    retries=2,
    retry_delay_seconds=[5, 30],
    retry_condition_fn=only_io_errors,
    task_run_name="{form_id} for {voucher}",
)
def render_form(voucher: str, form_id: str, out_dir: str) -> dict[str, int | str]:
    """All questionnaires of one form for one trip, written atomically."""
    from pipeline.visa import render_trip_forms

    report = render_trip_forms(voucher, form_id, out_dir)
    return {
        "form": form_id,
        "folder": str(report.out_dir),
        "documents": len(report.files),
        "incomplete": sum(1 for r in report.results if r.problems),
    }


@flow(name="render-visa-forms", log_prints=True)
def render_visa_forms(
    trip_voucher: Annotated[str, Field(description="Voucher number of the trip")],
    forms: Annotated[
        list[str] | None, Field(description="Form ids, e.g. schengen-en, schengen-fr (default: schengen-en)")
    ] = None,
    out_dir: Annotated[
        str, Field(description="Folder for the documents (one sub-folder per trip)")
    ] = "visa-forms",
) -> list[dict[str, int | str]]:
    """Render the visa questionnaires of every tourist on a trip."""
    results = [render_form(trip_voucher, f, out_dir) for f in forms or ["schengen-en"]]
    for r in results:
        print(
            f"{r['form']}: {r['documents']} documents in {r['folder']} ({r['incomplete']} to complete by hand)"
        )
    return results
