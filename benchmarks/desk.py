"""Speed of the desk page, each figure beside the plain function it calls, timed in one run.

python -m benchmarks desk          # a 50-tourist trip, 40 pasted rows, print all for 50
python -m benchmarks desk --quick  # the same pages; print all for 5

- trip page: ``GET /trips/V`` (roster + questionnaire check of every tourist + dictionary
  panel), server time from the page's Server-Timing header; baseline ``load_group`` +
  ``check_visa_forms``, what ``tourdesk forms check --trip V`` runs. Goal: <= 0.200 s.
- paste to preview: ``POST /import/preview`` with 40 pasted rows; baseline ``preview_source``
  alone (read, detect columns, normalize). Goal: <= 1 s.
- print all: ``POST /trips/V/print`` (DOCX, PDF, one combined PDF, a ZIP); baseline the same
  render as ``tourdesk forms render --trip V --pdf --combined --zip``. Goal: as fast as it.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import HEADER, tourists

VOUCHER = "BENCH-0050"
#: tries of each page and of its baseline; the best counts
TRIES = 15
FORM = "schengen-en"
TRIP = {"voucher": VOUCHER, "country": "ITA", "arrival": "2027-03-12", "departure": "2027-03-19",
        "hotel": "Hotel Artemide", "hotel_address": "Via Nazionale 22, 00184 Roma", "application_place": "Moscow"}  # fmt: skip
EXTRA = {"place_of_birth": "Москва", "country_of_birth": "RUS", "civil_status": "замужем", "occupation": "инженер",
         "home_address": "ул. Ленина, 1, кв. 5\nМосква 125009", "phone": "+7 900 123-45-67",
         "passport_issue_date": "2021-06-01"}  # fmt: skip


def _paste(n: int, seed: int = 7) -> str:
    return "\n".join("\t".join(row) for row in [HEADER, *tourists(n, seed)]) + "\n"


def _seed(url: str, n: int) -> None:
    from pipeline.importing.run import import_source
    from pipeline.store.db import session_scope
    from pipeline.store.models import Client, TripTourist
    from pipeline.trips.trip import find_trip, save_trip
    from pipeline.types import Source

    with session_scope(url) as session:
        save_trip(session, dict(TRIP))
    import_source(Source(name="group.txt", path=Path("group.txt"), data=_paste(n, 11).encode()), db_url=url,
                  trip_voucher=VOUCHER)  # fmt: skip
    with session_scope(url) as session:
        trip = find_trip(session, VOUCHER)
        ids = [link.client_id for link in session.query(TripTourist).filter_by(trip_id=trip.id)]
        for i, client_id in enumerate(ids):
            client = session.get(Client, client_id)
            # most tourists complete, every fifth lacking a few things, as a real group
            client.extra = {k: v for k, v in EXTRA.items() if i % 5 or k not in ("civil_status", "occupation")}


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _server_time(response) -> float:
    found = re.search(r"app;dur=([\d.]+)", response.headers.get("server-timing", ""))
    assert response.status_code in (200, 303), response.status_code
    return float(found.group(1)) / 1000 if found else float("nan")


def run(quick: bool = False) -> list[dict[str, Any]]:
    from starlette.testclient import TestClient

    from pipeline.desk.app import create_app
    from pipeline.desk.routes.prints import print_all
    from pipeline.desk.web import DeskConfig
    from pipeline.forms.visa import check_visa_forms, load_group
    from pipeline.importing.sources import preview_source
    from pipeline.store.db import dispose_engine
    from pipeline.types import Source

    n_trip, n_paste, n_print = 50, 40, 5 if quick else 50
    # the machine is shared: the best of many tries is the server's own time, the load is said
    print(f"# desk: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when it started")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        _seed(url, n_trip)
        client = TestClient(create_app(DeskConfig(db_url=url, work_dir=Path(tmp) / "prints")),
                            base_url="http://127.0.0.1:8765")  # fmt: skip
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/import").text).group(1)

        client.get(f"/trips/{VOUCHER}")  # warm: templates compiled, forms and dictionary read once
        page = min(_server_time(client.get(f"/trips/{VOUCHER}")) for _ in range(TRIES))
        check = _best(lambda: check_visa_forms(FORM, load_group(VOUCHER, db_url=url), db_url=url), TRIES)
        rows.append(_row(f"trip page, {n_trip} tourists: GET /trips/V (server time)", page,
                         "load_group + check_visa_forms (forms check)", check, "<= 0.200 s"))  # fmt: skip

        text = _paste(n_paste)
        preview = min(_server_time(client.post("/import/preview", data={"csrf": csrf, "text": text}))
                      for _ in range(TRIES))  # fmt: skip
        plain = _best(lambda: preview_source(Source(name="p", path=Path("p.txt"), data=text.encode())), TRIES)
        rows.append(_row(f"paste to preview, {n_paste} rows: POST /import/preview (server time)", preview,
                         "preview_source (read, detect, normalize)", plain, "<= 1 s"))  # fmt: skip

        if n_print < n_trip:
            _trim(url, n_print)
        start = time.perf_counter()
        answer = client.post(f"/trips/{VOUCHER}/print", data={"csrf": csrf, "form": FORM}, follow_redirects=False)
        desk_print = time.perf_counter() - start
        assert answer.status_code == 303 and answer.headers["location"].startswith("/prints/"), answer.text[:500]
        start = time.perf_counter()
        print_all(url, VOUCHER, FORM, Path(tmp) / "cli")
        cli_print = time.perf_counter() - start
        rows.append(_row(f"print all, {n_print} tourists: DOCX + PDF + combined PDF + ZIP", desk_print,
                         "forms render --pdf --combined --zip (same run)", cli_print, "as fast as the CLI"))  # fmt: skip
        dispose_engine(url)
    return rows


def _trim(url: str, keep: int) -> None:
    from sqlalchemy import delete, select

    from pipeline.store.db import session_scope
    from pipeline.store.models import TripTourist

    with session_scope(url) as session:
        ids = session.scalars(select(TripTourist.id).order_by(TripTourist.position)).all()[keep:]
        session.execute(delete(TripTourist).where(TripTourist.id.in_(ids)))


def _row(name: str, figure: float, baseline: str, baseline_s: float, goal: str) -> dict[str, Any]:
    return {"name": name, "figure_s": round(figure, 4), "baseline": baseline, "baseline_s": round(baseline_s, 4),
            "goal": goal}  # fmt: skip
