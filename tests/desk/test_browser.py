"""The desk in a real browser: Debian's Chromium, headless, driven by Playwright.

A clerk pastes a list with a bad row, corrects a column's meaning, imports into a new trip,
fills a missing field from its option list, adds a word to the dictionary, prints the whole
group and reads the combined PDF, then undoes the import. CI installs Chromium (.ci/run);
Playwright never downloads a browser of its own.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.desk.app import create_app
from pipeline.desk.web import DeskConfig
from pipeline.forms.pdf import find_soffice
from pipeline.store.db import dispose_engine, session_scope
from pipeline.store.models import Client
from tests.desk.conftest import PASTED

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]  # fmt: skip


def _needs(what: str, present: bool) -> None:
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {what} is missing")
        pytest.skip(f"{what} is not installed")


@pytest.fixture
def desk_url(tmp_path: Path) -> Iterator[tuple[str, str]]:
    import uvicorn

    store = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(DeskConfig(db_url=store, port=port, work_dir=tmp_path / "prints", local_user="Асель"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the desk did not start"
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(timeout=10)
    dispose_engine(store)


@pytest.fixture
def page(desk_url):
    _needs("Chromium (apt-get install chromium)", Path(CHROMIUM).exists())
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    _needs("Playwright for Python (the test extra)", sync_playwright is not None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(accept_downloads=True, locale="ru-RU")
        context.set_default_timeout(60_000)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: dialog.accept())  # "Отменить загрузку?" — yes
        yield tab
        context.close()
        browser.close()


def test_a_clerk_imports_fixes_prints_and_undoes_in_the_browser(page, desk_url):
    _needs("LibreOffice (soffice), which makes the PDFs", find_soffice() is not None)
    base, store = desk_url
    page.goto(f"{base}/import")

    # paste the list, name the partner and the new trip
    page.get_by_label("Вставьте список").fill(PASTED)
    page.get_by_label("Партнёр").fill("Пегас Туристик")
    page.get_by_text("Новая поездка").click()
    page.locator("input[name=new_voucher]").fill("PRG-0512")
    page.locator("input[name=new_country]").fill("Чехия")
    page.locator("input[name=new_arrival]").fill("12.05.2027")
    page.locator("input[name=new_departure]").fill("19.05.2027")
    page.get_by_role("button", name="Показать список").click()

    # the bad row is flagged, with the column and the value
    rejected = page.locator("tr.rejected")
    assert rejected.count() == 1
    assert "31.02.2016" in rejected.inner_text() and "is not a real date" in rejected.inner_text()
    assert page.locator("tr.warning").count() == 1  # the expired passport

    # "Док." means nothing by its header, but its values are passports: read as the passport
    assert page.get_by_label("Значение колонки 6").input_value() == "passport"
    assert "75 1234567" in page.locator("table.rows").inner_text()
    # the clerk changes a column's meaning and looks again: this partner's "Действителен до"
    # is not to be trusted, so it is not used
    meaning = page.get_by_label("Значение колонки 7")
    assert meaning.input_value() == "passport_expiry"
    meaning.select_option("ignore")
    page.get_by_role("button", name="Показать снова").click()
    assert page.get_by_label("Значение колонки 7").input_value() == "ignore"
    assert "01.06.2031" not in page.locator("table.rows").inner_text()
    assert page.locator("tr.warning").count() == 0  # no expiry read, so none expired

    page.get_by_role("button", name="Загрузить туристов").click()
    summary = page.locator("ul.summary").inner_text()
    assert "Новых клиентов: 4" in summary and "Не загружено: 1" in summary
    page.get_by_role("link", name="Открыть поездку").click()

    # the trip: fill Olena's civil status from the field's option list
    tourist = page.locator("#t1")
    assert "KOVALCHUK" in tourist.inner_text().upper()
    status = tourist.locator('select[data-field="extra.civil_status"]')
    status.select_option("married")
    status.locator("xpath=..").get_by_role("button", name="Сохранить").click()
    assert "Сохранено" in page.locator(".flash.ok").first.inner_text()
    assert page.locator('#t1 select[data-field="extra.civil_status"]').count() == 0

    # her occupation, typed in Russian, is a word the dictionary lacks: add it in the panel
    occupation = page.locator('#t1 input[data-field="extra.occupation"]')
    occupation.fill("пчеловод")
    occupation.press("Enter")
    word = page.locator('input[data-word="пчеловод"]')
    word.fill("beekeeper")
    word.press("Enter")
    assert "Добавлено в словарь" in page.locator(".flash.ok").first.inner_text()
    assert page.locator('input[data-word="пчеловод"]').count() == 0

    # print all: DOCX and PDF per tourist, one PDF to print, a ZIP
    page.get_by_role("button", name="Напечатать все").click()
    page.wait_for_url("**/prints/**", timeout=300_000)
    assert "черновик" in page.locator("table").inner_text()  # the others still lack things
    pdf_link = page.get_by_role("link", name="Открыть всё одним PDF для печати")
    answer = page.context.request.get(base + pdf_link.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    text = _pdf_text(answer.body())
    assert "KOVALCHUK" in text and "NURLANOV" in text and "SMIRNOVA-KOVALEVSKAIA" in text
    assert "beekeeper" in text.lower()
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать ZIP с документами").click()
    names = zipfile.ZipFile(download.value.path()).namelist()
    assert sum(n.endswith(".docx") for n in names) == 4 and sum(n.endswith(".pdf") for n in names) == 4

    # undo the import: the fixes came later, so the desk offers to take them back too
    page.goto(f"{base}/")
    row = page.locator("tr", has_text="загрузка")
    row.get_by_role("button", name="Отменить").click()
    page.get_by_role("button", name="Отменить вместе с поздними изменениями").click()
    assert "Отменено" in page.locator(".flash.ok").first.inner_text()
    with session_scope(store) as session:
        assert session.scalar(select(Client.id)) is None


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)
