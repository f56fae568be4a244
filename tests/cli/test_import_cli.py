"""`tourdesk import` as CONTRACT.md states it: JSON rows, exit codes, nothing written on failure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.record import CANONICAL_FIELDS
from tests.store.helpers import counts

TSV = (
    "Фамилия\tИмя\tФамилия (лат.)\tИмя (лат.)\tДата рожд.\tЗагранпаспорт\tДействителен до\n"
    "Иванов\tСергей\tIVANOV\tSERGEI\t14.05.1978\t75 1234567\t14.05.2031\n"
    "\t\t\t\t\t\t\n"
    "Петрова\tАнна\t\t\t31.02.1985\t75 1234568\t01.01.2030\n"
    "Цой\tВиктор\t\t\t21.06.1962\t70 111\t05.09.2030\n"
)


def _run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_dry_run_json_follows_the_contract(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text(TSV, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'never.sqlite3'}"
    result = _run(["import", str(path), "--dry-run", "--json", "--db", db])
    assert result.exit_code == 3  # one row rejected, the rest processed
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source_row"] for r in rows] == [1, 2, 3]  # header and blank line not counted
    assert [r["status"] for r in rows] == ["ok", "rejected", "warning"]
    for r in rows:
        assert set(CANONICAL_FIELDS) <= set(r) and isinstance(r["messages"], list)
    assert rows[0]["surname_lat"] == "IVANOV" and rows[0]["passport_number"] == "1234567"
    assert rows[1]["messages"] == ['Row 2, column "Дата рожд.", value "31.02.1985": is not a real date; the tourist is not imported']
    assert rows[2]["surname_lat"] == "TSOI" and "surname_lat" in rows[2]["derived"]
    # a malformed Russian passport is kept as typed for a clerk to check (issue 22)
    assert '"70 111"' in rows[2]["messages"][0] and "kept as typed" in rows[2]["messages"][0]
    assert (rows[2]["passport_series"], rows[2]["passport_number"]) == (None, "70 111")
    assert not (tmp_path / "never.sqlite3").exists()  # a dry run writes nothing anywhere


def test_all_rows_fine_exits_zero(tmp_path, sample_csv):
    path = tmp_path / "ok.csv"
    path.write_text("Surname;Name;DOB\nIVANOV;IVAN;14.05.1978\n", encoding="utf-8")
    assert _run(["import", str(path), "--dry-run", "--json"]).exit_code == 0


def test_stdin_dash_reads_a_pasted_table():
    pasted = "Фамилия\tИмя\tДата рождения\nСмирнова\tЮлия\t15.03.1985\n"
    result = _run(["import", "-", "--dry-run", "--json"], input=pasted.encode("utf-8"))
    row = json.loads(result.stdout.splitlines()[0])
    assert (row["surname_lat"], row["name_lat"], row["birth_date"]) == ("SMIRNOVA", "IULIIA", "1985-03-15")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary\x00\x00" * 20, "not a text file"), (b"just one line of prose\n", "table")],
)
def test_unreadable_file_exits_1_with_one_line_and_writes_nothing(tmp_path, content, reason):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    db = tmp_path / "store.sqlite3"
    result = _run(["import", str(path), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr
    assert not db.exists()


def test_missing_file_and_bad_usage():
    assert _run(["import", "/nonexistent/list.csv"]).exit_code == 1
    assert _run(["import"]).exit_code == 2
    assert _run(["import", "x.csv", "--on-conflict", "maybe"]).exit_code == 2


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_import_twice_into_store_no_duplicates(db_url, sample_csv):
    args = ["import", str(sample_csv), "--db", db_url]
    first = _run(args)
    assert first.exit_code == 3 and "24 new clients" in first.stdout
    before = counts(db_url)
    second = _run(args)
    assert "0 new clients, 24 merged" in second.stdout
    assert counts(db_url) == before


def test_console_script_answers_help():
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "--help"], capture_output=True, text=True, check=True)
    for command in ("import", "translit", "clients", "forms", "plugins", "trips"):
        assert command in out.stdout


def test_from_trip_copies_a_past_trips_tourists_onto_a_new_trip(tmp_path, sample_csv):
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    _run(["trips", "create", "OLD-1", "--country", "FRA", "--db", db])
    _run(["trips", "create", "NEW-2", "--country", "ITA", "--arrival", "01.06.2027", "--db", db])
    _run(["import", str(sample_csv), "--trip", "OLD-1", "--db", db])
    before = counts(db)
    result = _run(["import", "--from-trip", "OLD-1", "--trip", "NEW-2", "--db", db])
    assert "0 new clients, 24 merged" in result.stdout, result.stdout
    after = counts(db)
    assert after["clients"] == before["clients"] and after["trip_tourists"] == 2 * before["trip_tourists"]
    shown = _run(["trips", "show", "NEW-2", "--db", db]).stdout
    assert "IVANOV SERGEI" in shown and "PODIEIACHEVA NATALIA" in shown


def test_from_trip_unknown_voucher_is_one_clear_line(tmp_path):
    result = _run(["import", "--from-trip", "NOPE", "--db", f"sqlite:///{tmp_path / 's.sqlite3'}"])
    assert result.exit_code == 1 and "no trip with voucher 'NOPE'" in result.stderr


def test_real_import_json_says_which_client_each_row_went_to(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text(TSV, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    first = _run(["import", str(path), "--json", "--db", db])
    assert first.exit_code == 3  # the row with an impossible date is not imported
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert [(r["source_row"], r["outcome"]) for r in rows] == [(1, "new"), (2, "rejected"), (3, "new")]
    assert rows[1]["client_id"] is None and rows[0]["client_id"] != rows[2]["client_id"]
    assert set(CANONICAL_FIELDS) <= set(rows[0])
    again = [json.loads(line) for line in _run(["import", str(path), "--json", "--db", db]).stdout.splitlines()]
    assert [(r["outcome"], r["client_id"]) for r in again] == [
        ("merged", rows[0]["client_id"]), ("rejected", None), ("merged", rows[2]["client_id"])]  # fmt: skip
