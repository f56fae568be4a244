"""Flow: group-booking files into the client store. Thin over ``pipeline.importing.run``.

One task per file (a task costs 7-17 ms, so never one per row). Results carry counts, never
names or passports: Prefect keeps task results and parameters in its own database. The run
ends ``Failed`` when no file could be read, "Partly failed" when some could not, with an
``import-report`` artifact listing every file and why (``flows._outcome``).
"""

from __future__ import annotations

from typing import Any, Literal

from prefect import flow, task
from prefect.states import State

from flows._outcome import report
from flows._retry import only_io_errors
from pipeline.types import CannotRead, Source


@task(
    retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=only_io_errors, task_run_name="import {path}"
)
def import_file(path: str, trip_voucher: str | None, on_conflict: str) -> dict[str, int | str]:
    """Import one file in one transaction; an unreadable file changes nothing."""
    # why here: flows.serve imports every flow; pandas and SQLAlchemy load when the task runs
    from pipeline.importing.run import import_source

    try:
        result = import_source(Source.from_path(path), trip_voucher=trip_voucher, on_conflict=on_conflict)
    except CannotRead as exc:
        return {"file": path, "error": str(exc)}
    return {
        "file": path,
        "batch": result.batch_id or 0,
        "rows": result.total,
        "new": result.count("new"),
        "merged": result.count("merged"),
        "review": result.count("review"),
        "rejected": result.count("rejected"),
    }


@flow(name="import-group-booking", log_prints=True)
def import_group_booking(
    paths: list[str],
    trip_voucher: str | None = None,
    on_conflict: Literal["review", "keep", "overwrite"] = "review",
) -> State:
    """Import a group booking: every file read, cleaned and merged into the client store.

    Args:
        paths: Tourist-list files on the server (CSV, Excel, Word, PDF).
        trip_voucher: Voucher of the trip to put the tourists on.
        on_conflict: When a list contradicts the client file: queue for review, keep the file, or overwrite.
    """
    results = [import_file(p, trip_voucher, on_conflict) for p in paths]
    for r in results:
        print(_line(r))
    return files_state(results)


def files_state(results: list[dict[str, Any]]) -> State:
    """Failed when no file was read, "Partly failed" when some were not; the artifact lists each."""
    return report(results, key="import-report", noun="files", done="all read and merged", data=results,
                  failure=lambda r: r.get("error"),
                  row=lambda r: {"file": r["file"], "rows": r.get("rows", 0), "new": r.get("new", 0),
                                 "merged": r.get("merged", 0), "to review": r.get("review", 0),
                                 "rejected rows": r.get("rejected", 0)})  # fmt: skip


def _line(r: dict[str, Any]) -> str:
    if "error" in r:
        return f"not read: {r['error']}"
    return f"{r['file']}: {r['rows']} rows, {r['new']} new, {r['merged']} merged, {r['review']} to review, {r['rejected']} rejected"
