"""A mailing list out of the greetings: CSV/XLSX for the agency's mail or SMS service, and .eml files.

They hold names, e-mails and phones, so every file is private to the user (0600, its folders
0700) and no cell of the lists can run as a spreadsheet formula (``pipeline.outfiles``).
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.hooks.manager import registry
from pipeline.outfiles import private_dir, write_csv, write_private_bytes, write_xlsx
from pipeline.settings import zone

#: the columns a mail or SMS service imports
EXPORT_COLUMNS = ["day", "occasion", "client_id", "name", "email", "phone", "subject", "text"]


def sendable(rows: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that may be sent (consent in force, not unsubscribed, a contact known)."""
    if rows.empty or "send" not in rows.columns:  # nobody to greet that day: an empty list, not an error
        return pd.DataFrame(columns=EXPORT_COLUMNS)
    return rows[rows["send"]][EXPORT_COLUMNS]


def _records(rows: pd.DataFrame) -> list[list[Any]]:
    """The sendable rows as lists, a missing value None, phones as SMS services take them."""
    out = sendable(rows)
    records = out.astype(object).where(out.notna(), None).values.tolist()
    at = EXPORT_COLUMNS.index("phone")
    for r in records:
        r[at] = sms_number(r[at])
    return records


def sms_number(phone: str | None) -> str | None:
    """+79161234567 (E.164, as stored) written 79161234567: what SMS services import, and a cell
    no spreadsheet takes for a formula (a leading + would be quoted with an apostrophe)."""
    return phone.lstrip("+") if phone else None


def to_csv(rows: pd.DataFrame, path: Path) -> Path:
    """UTF-8 with BOM and ';': what Russian Excel and mail services open without asking."""
    return write_csv(Path(path), EXPORT_COLUMNS, _records(rows))


def to_xlsx(rows: pd.DataFrame, path: Path) -> Path:
    return write_xlsx(Path(path), [("mailing", EXPORT_COLUMNS, _records(rows))])


def to_eml(rows: pd.DataFrame, folder: Path, sender: str, unsubscribe: str | None = None) -> list[Path]:
    """One ready e-mail per row that has an address; ``unsubscribe`` is the mailbox for the
    List-Unsubscribe header, so mail programs offer the button."""
    folder = private_dir(Path(folder))
    written = []
    for values in _records(rows):
        r = dict(zip(EXPORT_COLUMNS, values, strict=True))
        if not r["email"]:
            continue
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, r["email"], r["subject"]
        # 9 in the morning of the day, the agency's time: when the mail service is to send it
        msg["Date"] = format_datetime(dt.datetime.combine(r["day"], dt.time(9, 0), tzinfo=zone()))
        msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
        if unsubscribe:
            msg["List-Unsubscribe"] = f"<mailto:{unsubscribe}?subject=unsubscribe%20greetings%20{r['client_id']}>"
        msg.set_content(r["text"])
        path = folder / f"{r['day']:%Y-%m-%d}-{r['client_id']}-{r['occasion']}.eml"
        written.append(write_private_bytes(path, bytes(msg)))
    return written


def export_mailing(
    rows: pd.DataFrame, folder: Path, sender: str, unsubscribe: str | None = None, name: str = "greetings"
) -> dict[str, Any]:
    """Write the list and the e-mails through the registered mailing exporters."""
    exporters = registry().exporters
    folder = private_dir(Path(folder))
    context = {"rows": rows, "sender": sender, "unsubscribe": unsubscribe}
    exporters["mailing-csv"].render(None, [(context, folder / f"{name}.csv")])
    exporters["mailing-xlsx"].render(None, [(context, folder / f"{name}.xlsx")])
    emails = exporters["mailing-eml"].render(None, [(context, folder / "eml")])
    return {"folder": str(folder), "emails": len(emails)}
