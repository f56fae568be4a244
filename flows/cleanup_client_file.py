"""Flow: clean the client file on a schedule. Thin over ``pipeline.cleanup``.

Duplicates go to the review queue as ranked merge proposals, suspicious records as flags;
nothing is changed without a person (``tourdesk review``). A rejected proposal is never made
again. Results carry counts only: Prefect keeps them in its own database.

Deploy nightly: ``cleanup_client_file.to_deployment(name="nightly-cleanup", cron="0 3 * * *")``.
"""

from __future__ import annotations

from typing import Annotated

from prefect import flow, task
from pydantic import Field

from flows._retry import only_io_errors


@task(retries=2, retry_delay_seconds=[30, 300], retry_condition_fn=only_io_errors)
def clean(db_url: str | None, duplicates: bool) -> dict[str, int]:
    """The whole cleanup in one task: it works on the store, passing nothing between tasks."""
    from pipeline.cleanup import run_cleanup

    report = run_cleanup(db_url, duplicates=duplicates)
    return {"clients": report.clients, "pairs": report.pairs_found, "proposals": report.proposals_new,
            "flags": report.flags_new}  # fmt: skip


@flow(name="cleanup-client-file", log_prints=True)
def cleanup_client_file(
    db_url: Annotated[str | None, Field(description="Client store URL; default: TOURDESK_DATABASE_URL")] = None,
    duplicates: Annotated[bool, Field(description="Look for duplicate clients (the long part)")] = True,
) -> dict[str, int]:
    """Find duplicate clients and records to check; queue them for review."""
    result = clean(db_url, duplicates)
    print(f"{result['clients']} clients checked: {result['proposals']} new merge proposals, "
          f"{result['flags']} new flags (see: tourdesk review list)")  # fmt: skip
    return result
