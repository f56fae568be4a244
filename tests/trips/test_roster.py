"""Tourists on and off a trip (recorded, undoable) and the roster hotels, airlines and embassies
ask for: every column, text cells, no formula, private files. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import stat

import openpyxl
import pdfplumber
import pytest
from sqlalchemy import select

from pipeline.store.db import session_scope
from pipeline.store.models import Client, TripTourist
from pipeline.trips.edit import edit_on_trip
from pipeline.trips.roster import ROSTER_COLUMNS, roster
from tests.trips.helpers import last_batch, make_trip, run
from tests.trips.tourists import tourists


def _on_trip(db: str, voucher: str = "PAR-0312") -> list[tuple[int, int, str | None, str | None]]:
    with session_scope(db) as s:
        return list(s.execute(
            select(TripTourist.client_id, TripTourist.position, TripTourist.room, TripTourist.ticket_number)
            .join(TripTourist.trip).where(TripTourist.trip.has(voucher=voucher)).order_by(TripTourist.position)
        ).all())  # fmt: skip


def _complete_trip(db: str, n: int) -> list[int]:
    """A trip of ``n`` tourists with every roster value known: dates of issue and rooms too."""
    ids = make_trip(db, rows=tourists(n, seed=40, complete=True))
    with session_scope(db) as s:
        for number, client_id in enumerate(ids):
            client = s.get(Client, client_id)
            expiry = next(d.expiry for d in client.documents if d.is_current)
            client.extra = {"passport_issue_date": (expiry - dt.timedelta(days=3652)).isoformat()}
            edit_on_trip(s, "PAR-0312", client_id, {"room": str(201 + number // 2),
                                                     "notes": "vegetarian" if number % 7 == 0 else None})  # fmt: skip
    return ids


def test_remove_and_add_are_recorded_and_undone(db_url):
    ids = make_trip(db_url, rows=tourists(5))
    with session_scope(db_url) as s:
        edit_on_trip(s, "PAR-0312", ids[1], {"room": "214", "ticket_number": "5552345678901", "name_lat": "JULIA"})
    before = _on_trip(db_url)
    out = run(db_url, "trips", "remove", "PAR-0312", str(ids[1]), str(ids[3])).stdout
    assert f"client {ids[1]}, {ids[3]}" in out
    assert [c for c, *_ in _on_trip(db_url)] == [ids[0], ids[2], ids[4]]
    with session_scope(db_url) as s:
        assert s.get(Client, ids[1]) is not None  # the client file keeps them
    run(db_url, "batches", "undo", str(last_batch(db_url).id))
    assert _on_trip(db_url) == before  # back in their places, with room and ticket
    with session_scope(db_url) as s:
        place = s.scalar(select(TripTourist).where(TripTourist.client_id == ids[1]))
        assert place.details == {"name_lat": "JULIA"}

    make_trip(db_url, "NCE-0707")
    added = run(db_url, "trips", "add", "NCE-0707", str(ids[4]), str(ids[0]), str(ids[4])).stdout
    assert "on trip NCE-0707 now" in added
    assert [c for c, *_ in _on_trip(db_url, "NCE-0707")] == [ids[4], ids[0]]
    again = run(db_url, "trips", "add", "NCE-0707", str(ids[0])).stdout
    assert f"already on trip NCE-0707: client {ids[0]}" in again
    run(db_url, "batches", "undo", str(last_batch(db_url).id))
    assert _on_trip(db_url, "NCE-0707") == []


def test_add_and_remove_mistakes_are_one_line(db_url):
    ids = make_trip(db_url, rows=tourists(2))
    make_trip(db_url, "NCE-0707")
    for args, code, words in [
        (["add", "PAR-0312", "999999"], 1, "there is no client 999999"),
        (["add", "NOPE-1", str(ids[0])], 1, "no trip with voucher"),
        (["add", "PAR-0312"], 2, "Missing argument"),
        (["add", "PAR-0312", "abc"], 2, "is not a valid integer"),
        (["remove", "NCE-0707", str(ids[0])], 1, "is not on trip NCE-0707"),
    ]:
        result = run(db_url, "trips", *args, code=code)
        assert words in result.stderr, (args, result.stderr)
        assert len([line for line in result.stderr.splitlines() if line.startswith(("Error", "tourdesk"))]) == 1


def test_the_roster_of_a_40_tourist_trip_has_every_column_filled(db_url, tmp_path):
    _complete_trip(db_url, 40)
    xlsx = tmp_path / "out" / "roster.xlsx"
    said = run(db_url, "trips", "roster", "PAR-0312", "--out", str(xlsx)).stdout
    assert "40 tourists" in said
    assert stat.S_IMODE(xlsx.stat().st_mode) == 0o600
    sheet = openpyxl.load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == [h for _, h in ROSTER_COLUMNS]
    assert len(rows) == 41
    for line in rows[1:]:
        assert all(c.value not in (None, "") for c in line), [c.value for c in line]
        assert all(c.data_type == "s" for c in line)  # text: a passport keeps its zeros, nothing computes
    first = {h: c.value for (_, h), c in zip(ROSTER_COLUMNS, rows[1], strict=True)}
    assert first["Фамилия"] == "Римская-Корсакова" and first["Surname"] == "RIMSKAIA-KORSAKOVA"
    assert len(first["Date of birth"]) == 10 and first["Date of birth"][2] == "."
    nationality = {r[11].value for r in rows[1:]}
    assert {"RUS", "UKR", "KAZ"} <= nationality
    kazakh = next(r for r in rows[1:] if r[11].value == "KAZ")
    assert kazakh[8].value == "N12345678"

    out_csv = tmp_path / "roster.csv"
    run(db_url, "trips", "roster", "PAR-0312", "--format", "csv", "--out", str(out_csv))
    with out_csv.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh, delimiter=";"))
    assert len(table) == 41 and all(all(cell for cell in r) for r in table)


def test_a_gappy_roster_leaves_unknown_cells_empty_and_runs_no_formula(db_url, tmp_path):
    ids = make_trip(db_url, rows=tourists(12, seed=7))
    with session_scope(db_url) as s:
        s.get(Client, ids[1]).surname_ru = '=HYPERLINK("http://evil.example","Петров")'
        data = roster(s, "PAR-0312")
    assert any(r[5] is None for r in data.rows)  # a tourist without a patronymic
    assert all(v is None or (v.strip() and "None" not in v) for r in data.rows for v in r)
    path = tmp_path / "gappy.xlsx"
    run(db_url, "trips", "roster", "PAR-0312", "--out", str(path))
    sheet = openpyxl.load_workbook(path).active
    cell = sheet.cell(row=3, column=4)
    assert cell.data_type == "s" and cell.value.startswith("'=")
    empty = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is None]
    assert empty  # gaps stay gaps
    csv_path = tmp_path / "gappy.csv"
    run(db_url, "trips", "roster", "PAR-0312", "--out", str(csv_path))
    assert "'=HYPERLINK" in csv_path.read_text(encoding="utf-8-sig")


def test_the_pdf_roster_prints_cyrillic_and_every_tourist(db_url, tmp_path):
    ids = _complete_trip(db_url, 40)
    path = tmp_path / "roster.pdf"
    run(db_url, "trips", "roster", "PAR-0312", "--format", "pdf", "--out", str(path))
    assert path.read_bytes().startswith(b"%PDF") and stat.S_IMODE(path.stat().st_mode) == 0o600
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert len(pdf.pages) >= 2
    assert "Римская-" in text and "Mercure Paris Gare de Lyon" in text and "Отчество" in text
    with session_scope(db_url) as s:
        last = s.get(Client, ids[-1])
        assert last.surname_lat in text


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--format", "pdf", "--out", "r.xlsx"], 2, "disagree"),
        (["--format", "doc"], 2, "Invalid value"),
    ],
)
def test_roster_usage_mistakes(db_url, args, code, words):
    make_trip(db_url, rows=tourists(1))
    assert words in run(db_url, "trips", "roster", "PAR-0312", *args, code=code).stderr


def test_an_empty_trip_has_no_roster_to_write(db_url, tmp_path):
    make_trip(db_url)
    result = run(db_url, "trips", "roster", "PAR-0312", "--out", str(tmp_path / "r.csv"), code=1)
    assert "no tourists yet" in result.stderr and not (tmp_path / "r.csv").exists()


def test_a_room_and_notes_for_one_tourist_are_a_change_undo_takes_back(db_url):
    ids = make_trip(db_url, rows=tourists(2, complete=True))
    out = run(db_url, "trips", "edit", "PAR-0312", str(ids[0]), "--room", "214", "--notes", "late arrival").stdout
    assert "room - -> 214" in out
    with session_scope(db_url) as s:
        assert roster(s, "PAR-0312").rows[0][-1] == "room 214; late arrival"
    run(db_url, "batches", "undo", str(last_batch(db_url).id))
    assert _on_trip(db_url)[0][2] is None
