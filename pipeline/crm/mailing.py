"""A mailing list out of the greetings: CSV/XLSX for the agency's mail or SMS service, and .eml files."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pandas as pd

#: the columns a mail or SMS service imports
EXPORT_COLUMNS = ["day", "occasion", "client_id", "name", "email", "phone", "subject", "text"]


def sendable(rows: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that may be sent (consent in force, not unsubscribed, a contact known)."""
    if rows.empty or "send" not in rows.columns:  # nobody to greet that day: an empty list, not an error
        return pd.DataFrame(columns=EXPORT_COLUMNS)
    return rows[rows["send"]][EXPORT_COLUMNS]


def to_csv(rows: pd.DataFrame, path: Path) -> Path:
    # UTF-8 with BOM and ';': what Russian Excel and mail services open without asking
    sendable(rows).to_csv(path, index=False, sep=";", encoding="utf-8-sig")
    return path


def to_xlsx(rows: pd.DataFrame, path: Path) -> Path:
    out = sendable(rows)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name="mailing")
    return path


def to_eml(rows: pd.DataFrame, folder: Path, sender: str, unsubscribe: str | None = None) -> list[Path]:
    """One ready e-mail per row that has an address; ``unsubscribe`` is the mailbox for the
    List-Unsubscribe header, so mail programs offer the button."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for r in sendable(rows).to_dict("records"):
        if not r["email"]:
            continue
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, r["email"], r["subject"]
        msg["Date"] = format_datetime(dt.datetime.combine(r["day"], dt.time(9, 0)).astimezone())
        msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">"))
        if unsubscribe:
            msg["List-Unsubscribe"] = f"<mailto:{unsubscribe}?subject=unsubscribe%20greetings%20{r['client_id']}>"
        msg.set_content(r["text"])
        path = folder / f"{r['day']:%Y-%m-%d}-{r['client_id']}-{r['occasion']}.eml"
        path.write_bytes(bytes(msg))
        written.append(path)
    return written


def export_mailing(
    rows: pd.DataFrame, folder: Path, sender: str, unsubscribe: str | None = None, name: str = "greetings"
) -> dict[str, Any]:
    """Write the list and the e-mails through the registered mailing exporters."""
    from pipeline.hooks.manager import registry

    exporters = registry().exporters
    folder.mkdir(parents=True, exist_ok=True)
    context = {"rows": rows, "sender": sender, "unsubscribe": unsubscribe}
    exporters["mailing-csv"].render(None, [(context, folder / f"{name}.csv")])
    exporters["mailing-xlsx"].render(None, [(context, folder / f"{name}.xlsx")])
    emails = exporters["mailing-eml"].render(None, [(context, folder / "eml")])
    return {"folder": str(folder), "emails": len(emails)}
