"""Personal data stays private: file modes, logs, and what Prefect is given."""

from __future__ import annotations

import logging
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.importing.run import import_source
from pipeline.store.db import dispose_engine, engine_for, session_scope
from pipeline.trips.trip import load_trip_file, save_trip
from pipeline.types import Source
from tests.conftest import EXAMPLES
from tests.resilience.helpers import ROOT, run_tourdesk


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_store_is_created_private(tmp_path):
    folder = tmp_path / "new" / "tourdesk"
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    engine_for(url)
    dispose_engine(url)
    assert _mode(folder) == 0o700
    assert _mode(folder / "store.sqlite3") == 0o600
    for extra in folder.glob("store.sqlite3-*"):  # WAL and shared-memory files hold rows too
        assert _mode(extra) & 0o077 == 0, extra.name


def test_default_store_in_the_user_data_dir_is_private(tmp_path, sample_csv):
    env_home = tmp_path / "home"
    done = run_tourdesk_env(["import", str(sample_csv)], {"HOME": str(env_home), "XDG_DATA_HOME": str(env_home / "data")})
    assert done.returncode in (0, 3), done.stderr
    folder = env_home / "data" / "tourdesk"
    assert _mode(folder) == 0o700 and _mode(folder / "tourdesk.sqlite3") == 0o600


def run_tourdesk_env(args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    """``tourdesk`` with no store given, so it opens its default one under ``extra_env``'s HOME."""
    env = {k: v for k, v in os.environ.items() if k != "TOURDESK_DATABASE_URL"}
    env.update(extra_env, TOURDESK_LOAD_PLUGINS="none", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip


def test_form_folders_and_documents_are_private(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    with session_scope(url) as s:
        voucher = save_trip(s, load_trip_file(EXAMPLES / "trip.yaml")).voucher
    import_source(Source.from_path(EXAMPLES / "group_booking.csv"), db_url=url, trip_voucher=voucher)
    out = tmp_path / "forms"
    done = run_tourdesk("forms", "render", "--trip", voucher, "--form", "schengen-en", "--out", str(out), "--db", url)
    assert done.returncode == 0, done.stderr
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    assert folders and all(_mode(p) == 0o700 for p in folders), [(p, oct(_mode(p))) for p in folders]
    documents = list(out.rglob("*.docx"))
    assert documents and all(_mode(p) & 0o077 == 0 for p in documents)


def _secrets(rows) -> set[str]:
    """Every passport number and birth date of the sample, in the forms a log could hold them."""
    found: set[str] = set()
    for r in rows:
        rec = r.record
        for key in ("passport_number", "internal_number"):
            if rec.get(key):
                found.add(rec[key])
        if rec.get("birth_date"):
            y, m, d = rec["birth_date"].split("-")
            found |= {rec["birth_date"], f"{d}.{m}.{y}"}
    return found


@pytest.mark.parametrize("sql_logging", [False, True], ids=["default-logging", "sql-logging-on"])
def test_no_passport_or_birth_date_in_any_log_record(tmp_path, caplog, sql_logging):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    source = Source.from_path(EXAMPLES / "group_booking.csv")
    secrets = _secrets(import_source(source, dry_run=True).rows)
    assert len(secrets) > 20
    caplog.set_level(logging.DEBUG)  # everything any logger would emit
    if sql_logging:  # as an operator chasing a slow import might switch it on
        caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    try:
        import_source(Source.from_path(EXAMPLES / "group_booking.csv"), db_url=url)
        import_source(Source.from_path(EXAMPLES / "group_booking.csv"), db_url=url)  # merges too
    finally:
        dispose_engine(url)
    assert caplog.records, "nothing was logged: the check would prove nothing"
    print(f"\n{len(caplog.records)} log records from {sorted({r.name for r in caplog.records})}")
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)))
    leaks = []
    for rec in caplog.records:
        text = f"{rec.getMessage()} {rec.exc_text or ''}"
        if pattern.search(text):
            leaks.append(f"{rec.name}: {text[:160]}")
    assert not leaks, "\n".join(leaks[:5])
