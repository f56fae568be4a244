"""Flow: the day's (or the week's) greetings list, exported for the mail/SMS service and as .eml files.

Thin over ``pipeline.crm.greetings`` and ``pipeline.crm.mailing``. Results carry counts and file
paths, never names or contacts: Prefect keeps task results and parameters in its own database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, task

from flows._retry import only_io_errors


@task(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=only_io_errors)
def build_and_export(db: str | None, start: dt.date, days: int, out: str, sender: str,
                     unsubscribe: str | None) -> dict[str, int | str]:  # fmt: skip
    """Build the list in one read of the store and write the CSV, XLSX and .eml files."""
    from pipeline.crm import greetings, mailing
    from pipeline.store.db import session_scope

    with session_scope(db) as session:
        rows = greetings.build(session, start, days)
    folder = Path(out) / f"{start:%Y-%m-%d}-{days}d"
    written = mailing.export_mailing(rows, folder, sender, unsubscribe)
    return {"folder": str(folder), "due": len(rows), "to_send": int(rows["send"].sum()) if len(rows) else 0,
            "emails": written["emails"]}  # fmt: skip


@flow(name="greetings", log_prints=True)
def greetings_flow(
    day: dt.date | None = None,
    week: bool = False,
    out: str = "greetings",
    sender: str = "Tourdesk <hello@example.com>",
    unsubscribe: str | None = None,
) -> dict[str, int | str]:
    """Greetings due today (or this week): birthdays, name days, personal dates, public holidays.

    The client store is the one TOURDESK_DATABASE_URL names on the worker: a URL (and its
    password) is never a run parameter, which Prefect would keep in its own database.

    Args:
        day: First day of the list (default: today).
        week: The week from that day, not just the day.
        out: Folder on the server for the mailing files.
        sender: From address of the e-mails.
        unsubscribe: Mailbox that takes unsubscribe requests.
    """
    result = build_and_export(None, day or dt.date.today(), 7 if week else 1, out, sender, unsubscribe)
    print(f"{result['due']} greetings due, {result['to_send']} may be sent, {result['emails']} e-mails in {result['folder']}")
    return result
