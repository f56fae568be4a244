"""Flow: the day's (or the week's) greetings list, exported for the mail/SMS service and as .eml files.

Thin over ``pipeline.crm.greetings`` and ``pipeline.crm.mailing``. Results carry counts and file
paths, never names or contacts: Prefect keeps task results and parameters in its own database.
The files are the user's only (0600, folders 0700). The texts are signed with
``TOURDESK_AGENCY_NAME``, the e-mails come from ``TOURDESK_AGENCY_EMAIL``, and "today" is the
day in ``TOURDESK_TIMEZONE`` that the run was scheduled for (``pipeline.settings``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows._retry import only_io_errors
from pipeline import settings


@task(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=only_io_errors)
def build_and_export(db: str | None, start: dt.date, days: int, out: str, sender: str | None = None,
                     unsubscribe: str | None = None) -> dict[str, int | str]:  # fmt: skip
    """Build the list in one read of the store and write the CSV, XLSX and .eml files."""
    # why here: flows.serve imports every flow; pandas and SQLAlchemy load when the task runs
    from pipeline.crm import greetings, mailing
    from pipeline.store.db import session_scope

    agency, sender = settings.agency_name(), sender or settings.sender()
    with session_scope(db) as session:
        rows = greetings.build(session, start, days, agency=agency)
    folder = Path(out) / f"{start:%Y-%m-%d}-{days}d"
    written = mailing.export_mailing(rows, folder, sender, unsubscribe)
    held = rows[~rows["send"]]["why_not"].value_counts().to_dict() if len(rows) else {}
    return {"folder": str(folder), "due": len(rows), "to_send": int(rows["send"].sum()) if len(rows) else 0,
            "emails": written["emails"], **{f"not sent: {why}": int(n) for why, n in held.items()}}  # fmt: skip


def agency_day(moment: dt.datetime) -> dt.date:
    """The day ``moment`` falls on where the agency is (TOURDESK_TIMEZONE)."""
    return moment.astimezone(settings.zone()).date()


def run_day() -> dt.date:
    """The agency's day this run is for: its scheduled start (a late or retried run of the 08:00
    schedule still greets that day's clients); outside a run, today where the agency is."""
    return agency_day(flow_run.scheduled_start_time)


@flow(name="greetings", log_prints=True)
def greetings_flow(
    day: dt.date | None = None,
    week: bool = False,
    out: str = "greetings",
    sender: str | None = None,
    unsubscribe: str | None = None,
) -> dict[str, int | str]:
    """Greetings due today (or this week): birthdays, name days, personal dates, public holidays.

    The client store is the one TOURDESK_DATABASE_URL names on the worker: a URL (and its
    password) is never a run parameter, which Prefect would keep in its own database.

    Args:
        day: First day of the list (default: the day the run is for, in the agency's time zone).
        week: The week from that day, not just the day.
        out: Folder on the server for the mailing files (readable by the worker's user only).
        sender: From of the e-mails (default: TOURDESK_AGENCY_NAME <TOURDESK_AGENCY_EMAIL>).
        unsubscribe: Mailbox that takes unsubscribe requests.
    """
    start = day or run_day()
    result = build_and_export(None, start, 7 if week else 1, out, sender, unsubscribe)
    lines = [f"- {key}: {value}" for key, value in result.items()]
    create_markdown_artifact(f"**Greetings from {start:%d.%m.%Y}**\n\n" + "\n".join(lines), key="greetings-report",
                             description=f"{result['due']} due, {result['to_send']} may be sent")  # fmt: skip
    print(f"{result['due']} greetings due, {result['to_send']} may be sent, {result['emails']} e-mails in {result['folder']}")
    return result
