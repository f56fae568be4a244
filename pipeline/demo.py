"""The demo job: the bundled group booking through the whole path, into ``out/``."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from pipeline.forms.info import set_info
from pipeline.forms.visa import render_trip_forms
from pipeline.importing.run import import_source
from pipeline.store.db import session_scope
from pipeline.store.models import Document
from pipeline.trips.trip import load_trip_file, save_trip
from pipeline.types import Source

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO_FORMS = ("schengen-en", "schengen-fr")


@dataclass
class DemoResult:
    db_url: str
    lines: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    rejected: int = 0


def run_demo(out: Path, examples: Path = EXAMPLES) -> DemoResult:
    """Create the sample trip, import the sample list into ``out/demo.sqlite3``, render forms."""

    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    # The demo's own store, never the agency's real client file.
    url = f"sqlite:///{(out / 'demo.sqlite3').resolve()}"
    result = DemoResult(url)
    trip_data = load_trip_file(examples / "trip.yaml")
    with session_scope(url) as session:
        voucher = save_trip(session, trip_data).voucher
    for path in sorted(examples.glob("group_booking.*")):
        imported = import_source(Source.from_path(path), db_url=url, trip_voucher=voucher)
        result.rejected += imported.rejected
        result.lines.append(imported.summary())
        result.lines += [f"  {m}" for r in imported.rows if r.status != "ok" for m in r.messages]
    _fill_client_info(url, examples / "client_info.csv")
    for form_id in DEMO_FORMS:
        report = render_trip_forms(voucher, form_id, out / "forms", db_url=url)
        result.files += report.files
        missing = sum(1 for r in report.results if r.problems)
        result.lines.append(
            f"{form_id}: {len(report.files)} questionnaires in {report.out_dir}"
            + (f" ({missing} failing the check, written as drafts: tourdesk forms check)" if missing else "")
        )
    return result


def _fill_client_info(url: str, path: Path) -> None:
    """What the desk would type with ``tourdesk clients info``: place of birth, address, job..."""
    with path.open(encoding="utf-8", newline="") as fh, session_scope(url) as session:
        for row in csv.DictReader(fh):
            passport = row.pop("passport")
            client_id = session.scalar(select(Document.client_id).where(Document.doc_key == f"F:{passport}"))
            if client_id is not None:
                set_info(session, client_id, {k: v for k, v in row.items() if v}, source="demo client information")
