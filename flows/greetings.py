"""Flow: the day's (or the week's) greetings list, exported for the mail/SMS service and as .eml files.

Thin over ``pipeline.crm.greetings`` and ``pipeline.crm.mailing``. Results carry counts and file
paths, never names or contacts: Prefect keeps task results and parameters in its own database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from prefect import flow, task
from pydantic import Field

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
    folder.mkdir(parents=True, exist_ok=True)
    mailing.to_csv(rows, folder / "greetings.csv")
    mailing.to_xlsx(rows, folder / "greetings.xlsx")
    emails = mailing.to_eml(rows, folder / "eml", sender, unsubscribe)
    return {"folder": str(folder), "due": len(rows), "to_send": int(rows["send"].sum()) if len(rows) else 0,
            "emails": len(emails)}  # fmt: skip


@flow(name="greetings", log_prints=True)
def greetings_flow(
    day: Annotated[dt.date | None, Field(description="First day of the list (default: today)")] = None,
    week: Annotated[bool, Field(description="The week from that day, not just the day")] = False,
    out: Annotated[str, Field(description="Folder on the server for the mailing files")] = "greetings",
    sender: Annotated[str, Field(description="From address of the e-mails")] = "Tourdesk <hello@example.com>",
    unsubscribe: Annotated[str | None, Field(description="Mailbox that takes unsubscribe requests")] = None,
    db: Annotated[str | None, Field(description="Client store URL (default: TOURDESK_DATABASE_URL)")] = None,
) -> dict[str, int | str]:
    """Greetings due today (or this week): birthdays, name days, personal dates, public holidays."""
    result = build_and_export(db, day or dt.date.today(), 7 if week else 1, out, sender, unsubscribe)
    print(f"{result['due']} greetings due, {result['to_send']} may be sent, {result['emails']} e-mails in {result['folder']}")
    return result
