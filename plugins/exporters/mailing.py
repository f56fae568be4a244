"""Mailing exports (a CSV or XLSX list for the agency's mail or SMS service, and ready .eml
e-mails), registered like every exporter so that an agency's plugin can add its own service."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import Exporter, hookimpl


def _csv(template: Path | None, jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
    # why here: the built-ins load for tourdesk --help, and the CRM side brings pandas
    from pipeline.crm.mailing import to_csv

    return [to_csv(ctx["rows"], path) for ctx, path in jobs]


def _xlsx(template: Path | None, jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
    # why here: as in _csv
    from pipeline.crm.mailing import to_xlsx

    return [to_xlsx(ctx["rows"], path) for ctx, path in jobs]


def _eml(template: Path | None, jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
    # why here: as in _csv
    from pipeline.crm.mailing import to_eml

    return [p for ctx, folder in jobs for p in to_eml(ctx["rows"], folder, ctx["sender"], ctx.get("unsubscribe"))]


@hookimpl
def register_exporters(register: Any) -> None:
    for name, suffix, render, what in (
        ("mailing-csv", ".csv", _csv, "mailing list as CSV (UTF-8) for a mail or SMS service"),
        ("mailing-xlsx", ".xlsx", _xlsx, "mailing list as an Excel workbook"),
        ("mailing-eml", ".eml", _eml, "ready e-mails, one .eml per recipient, with List-Unsubscribe"),
    ):
        register.exporter(Exporter(name=name, description=what, suffix=suffix, render=render))
