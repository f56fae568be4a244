"""Flow: clean the client file on a schedule. Thin over ``pipeline.cleanup``.

Duplicates go to the review queue as ranked merge proposals, suspicious records as flags;
nothing is changed without a person (``tourdesk review``). A rejected proposal is never made
again. Results carry counts only: Prefect keeps them in its own database.

Deployed nightly at 03:00 in the agency's time zone (``flows.deployments``); "today" for the
passport-expiry checks is the agency's day (``TOURDESK_TIMEZONE``).
"""

from __future__ import annotations

from prefect import flow, task

from flows._retry import only_io_errors
from pipeline import settings


@task(retries=2, retry_delay_seconds=[30, 300], retry_condition_fn=only_io_errors)
def clean(db_url: str | None, duplicates: bool) -> dict[str, int]:
    """The whole cleanup in one task: it works on the store, passing nothing between tasks."""
    # why here: flows.serve imports every flow; pandas and SQLAlchemy load when the task runs
    from pipeline.cleanup import run_cleanup

    report = run_cleanup(db_url, today=settings.today(), duplicates=duplicates)
    return {"clients": report.clients, "pairs": report.pairs_found, "proposals": report.proposals_new,
            "flags": report.flags_new}  # fmt: skip


@flow(name="cleanup-client-file", log_prints=True)
def cleanup_client_file(duplicates: bool = True) -> dict[str, int]:
    """Find duplicate clients and records to check; queue them for review.

    The store is the one TOURDESK_DATABASE_URL names on the worker: a URL (and its password)
    is never a run parameter, which Prefect would keep in its own database.

    Args:
        duplicates: Look for duplicate clients (the long part); off, only the quick checks run.
    """
    result = clean(None, duplicates)
    print(f"{result['clients']} clients checked: {result['proposals']} new merge proposals, "
          f"{result['flags']} new flags (see: tourdesk review list)")  # fmt: skip
    return result
