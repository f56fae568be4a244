"""A store with a few known clients for the CRM tests."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.clients.edit import add_client
from pipeline.store.db import session_scope


@pytest.fixture
def anna(db_url) -> int:
    """Анна Ивановна Петрова, born 8 March 1985, with a foreign passport."""
    with session_scope(db_url) as s:
        client = add_client(s, {"surname_ru": "Петрова", "name_ru": "Анна", "patronymic_ru": "Ивановна",
                                "surname_lat": "PETROVA", "name_lat": "ANNA", "gender": "F",
                                "birth_date": dt.date(1985, 3, 8)},
                            passport=("75", "1234567", dt.date(2030, 1, 1)))  # fmt: skip
        return client.id


@pytest.fixture
def ivan(db_url) -> int:
    with session_scope(db_url) as s:
        return add_client(s, {"surname_ru": "Сидоров", "name_ru": "Иван", "patronymic_ru": "Петрович",
                              "gender": "M", "birth_date": dt.date(1970, 3, 10)}).id  # fmt: skip


# -- the generated three-year history, made once per test session ----------------------------------

YEAR = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
QUARTER = dt.date(2026, 9, 1), dt.date(2026, 11, 30)


@pytest.fixture(scope="session")
def agency_history():
    """3,000 clients, about 9,000 trips over three years (benchmarks.generate_crm)."""
    from benchmarks.generate_crm import history

    return history(3000, 9000)


@pytest.fixture(scope="session")
def agency_store(agency_history, tmp_path_factory) -> str:
    """The same history in an SQLite store."""
    from benchmarks.generate_crm import load
    from pipeline.store.db import dispose_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('agency') / 'store.sqlite3'}"
    load(agency_history, url)
    yield url
    dispose_engine(url)


@pytest.fixture(scope="session")
def year_report(agency_store, tmp_path_factory):
    """``tourdesk crm report`` for the last twelve months of the history: (report, pdf, xlsx)."""
    from click.testing import CliRunner

    from pipeline.cli.crm import crm
    from pipeline.crm.frames import load
    from pipeline.crm.report import Period, control_report

    out = tmp_path_factory.mktemp("report") / "out"
    start, end = YEAR
    result = CliRunner().invoke(crm, ["--db", agency_store, "report", "--from", f"{start:%d.%m.%Y}", "--to",
                                      f"{end:%d.%m.%Y}", "--out", str(out)], catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    with session_scope(agency_store) as s:
        frames = load(s, Period(start, end).previous().start, end)
    name = f"control-report-{start:%Y%m%d}-{end:%Y%m%d}"
    return control_report(frames, start, end), out / f"{name}.pdf", out / f"{name}.xlsx"


@pytest.fixture(autouse=True)
def agency_settings(monkeypatch):
    """The agency's name and mailbox, which greetings need (``pipeline.settings``)."""
    monkeypatch.setenv("TOURDESK_AGENCY_NAME", "Турагентство «Пример»")
    monkeypatch.setenv("TOURDESK_AGENCY_EMAIL", "hello@agency.example")
    monkeypatch.setenv("TOURDESK_TIMEZONE", "Europe/Moscow")
