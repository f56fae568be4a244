"""What a clerk does on the desk's pages, request by request (the browser test walks the same
road in Chromium): import with a corrected column kept per partner, fixes in place, copy from
another tourist, the dictionary panel, review, search, the language."""

from __future__ import annotations

import re

from sqlalchemy import select

from pipeline.normalize.columns import TARGETS
from pipeline.store.db import session_scope
from pipeline.store.dictionary_models import DictionaryEntry
from pipeline.store.models import Client, TripTourist
from pipeline.trips.search import find_trips
from tests.desk.conftest import PASTED, column_choices, csrf_of, hidden, import_list

TRIP = {"new_voucher": "PRG-0512", "new_country": "CZE", "new_arrival": "12.05.2027", "new_departure": "19.05.2027"}


def test_import_reads_the_list_keeps_the_corrected_column_for_the_partner_and_undoes(client, store):
    csrf = csrf_of(client)
    preview = client.post("/import/preview", data={"csrf": csrf, "text": PASTED, "partner": "Пегас Туристик", **TRIP})
    html = preview.text
    # "Док." means nothing as a word: the column is read by its values (passport numbers)
    assert column_choices(html)["col_5"] == "passport" and column_choices(html)["col_7"] == "citizenship"
    rows = re.findall(r'<tr class="(ok|warning|rejected)">', html)
    assert rows == ["ok", "ok", "rejected", "ok", "warning"]
    assert "31.02.2016" in html and "is not a real date" in html
    assert "the passport expired on 01.03.2024" in html
    assert "12.04.1988" in html  # dates as ДД.ММ.ГГГГ

    # the clerk says this partner's citizenship column is not to be used, and looks again
    choices = column_choices(html) | {"col_7": "ignore"}
    again = client.post("/import/preview", data={"csrf": csrf, "draft": hidden(html, "draft"),
                                                 "header_row": hidden(html, "header_row"), "partner": "Пегас Туристик",
                                                 **choices, **TRIP})  # fmt: skip
    assert "75 1234567" in again.text
    done = client.post("/import/run", data={"csrf": csrf, "draft": hidden(again.text, "draft"),
                                            "header_row": hidden(again.text, "header_row"),
                                            "partner": "Пегас Туристик", **choices, **TRIP})  # fmt: skip
    assert "Новых клиентов: 4" in done.text and "Не загружено: 1" in done.text
    with session_scope(store) as session:
        trip = find_trips(session, voucher="PRG-0512")[0]
        assert trip.country == "CZE" and len(trip.tourists) == 4

    # the partner's next list: column 8 comes already not used
    next_list = PASTED.replace("Ковальчук", "Бондаренко")
    later = client.post("/import/preview", data={"csrf": csrf, "text": next_list, "partner": "пегас  туристик"})
    assert column_choices(later.text)["col_7"] == "ignore" and column_choices(later.text)["col_5"] == "passport"

    batch = re.search(r'action="/batches/(\d+)/undo"', done.text).group(1)
    undone = client.post(f"/batches/{batch}/undo", data={"csrf": csrf, "next": "/import"})
    assert "Удалено клиентов: 4" in undone.text
    with session_scope(store) as session:
        assert session.scalar(select(Client.id)) is None


def test_a_pasted_text_without_a_list_says_so(client):
    csrf = csrf_of(client)
    answer = client.post("/import/preview", data={"csrf": csrf, "text": "Добрый день! Список пришлю завтра."})
    assert answer.status_code == 400 and "does not look like a table of tourists" in answer.text
    empty = client.post("/import/preview", data={"csrf": csrf, "text": "  "})
    assert "Сначала вставьте список или выберите файл" in empty.text


def test_an_uploaded_file_is_read_like_a_pasted_one(client):
    csrf = csrf_of(client)
    csv = PASTED.replace("\t", ";").encode("cp1251")
    answer = client.post("/import/preview", data={"csrf": csrf}, files={"file": ("группа.csv", csv, "text/csv")})
    assert answer.status_code == 200 and "Смирнова-Ковалевская" in answer.text


def _trip_page(client, voucher: str = "PRG-0512") -> str:
    return client.get(f"/trips/{voucher}?form=schengen-en").text


def _fix_forms(html: str, client_id: int) -> dict[str, str]:
    section = html[html.index(f'id="t{client_id}"'):]
    section = section[: section.index("</section>")]
    out = {}
    for body in re.findall(r'<form method="post" action="[^"]*/fix" class="fix">(.*?)</form>', section, re.S):
        source = re.search(r'name="source" value="([^"]+)"', body).group(1)
        out[source] = "select" if "<select" in body else "input"
    return out


def test_the_trip_page_fixes_a_field_from_its_option_list_a_date_and_a_text(client, store):
    import_list(client, **TRIP)
    html = _trip_page(client)
    assert "Ковальчук Олена" in html and "12.04.1988" in html
    assert "исправить:" in html  # the roster says who needs something
    boxes = _fix_forms(html, 1)
    assert boxes["extra.civil_status"] == "select" and boxes["extra.place_of_birth"] == "input"
    options = re.search(r'data-field="extra.civil_status">(.*?)</select>', html, re.S).group(1)
    assert 'value="married"' in options and 'value="single"' in options
    csrf = csrf_of(client, "/trips/PRG-0512")

    def fix(source: str, value: str) -> str:
        return client.post("/trips/PRG-0512/fix", data={"csrf": csrf, "form": "schengen-en", "client_id": "1",
                                                        "source": source, "value": value}).text  # fmt: skip

    assert "Сохранено" in fix("extra.civil_status", "married")
    assert "Сохранено" in fix("extra.place_of_birth", "Житомир")
    bad = fix("extra.passport_issue_date", "31.13.2020")
    assert "Не сохранено" in bad and "is not a date" in bad
    assert "Сохранено" in fix("extra.passport_issue_date", "01.06.2021")
    with session_scope(store) as session:
        extra = session.get(Client, 1).extra
    assert extra["civil_status"] == "married" and extra["place_of_birth"] == "Житомир"
    assert extra["passport_issue_date"] == "2021-06-01"
    assert "extra.civil_status" not in _fix_forms(_trip_page(client), 1)


def test_copy_from_another_tourist_fills_what_is_missing(client, store):
    import_list(client, **TRIP)
    csrf = csrf_of(client, "/trips/PRG-0512")
    client.post("/trips/PRG-0512/fix", data={"csrf": csrf, "form": "schengen-en", "client_id": "2",
                                             "source": "extra.home_address", "value": "ул. Баумана, 5, кв. 12, Казань"})  # fmt: skip
    html = _trip_page(client)
    section = html[html.index('id="t1"'):]
    keys = re.findall(r'name="key" value="([^"]+)"', section[: section.index("</section>")])
    assert "home_address" in keys
    answer = client.post("/trips/PRG-0512/copy", data={"csrf": csrf, "form": "schengen-en", "client_id": "1",
                                                       "from_id": "2", "key": keys})  # fmt: skip
    assert "Скопировано" in answer.text
    with session_scope(store) as session:
        assert session.get(Client, 1).extra["home_address"] == "ул. Баумана, 5, кв. 12, Казань"


def test_the_dictionary_panel_lists_the_words_the_forms_need_and_takes_them(client, store):
    import_list(client, **TRIP)
    csrf = csrf_of(client, "/trips/PRG-0512")
    for client_id in ("1", "2"):
        client.post("/trips/PRG-0512/fix", data={"csrf": csrf, "form": "schengen-en", "client_id": client_id,
                                                 "source": "extra.occupation", "value": "пчеловод"})  # fmt: skip
    html = _trip_page(client)
    panel = html[html.index('id="words"'):]
    assert 'data-word="пчеловод"' in panel
    row = panel[panel.index("пчеловод"):]
    assert re.search(r"<td>2</td>", row[:200])  # both tourists need it; it is typed once
    answer = client.post("/trips/PRG-0512/words", data={"csrf": csrf, "form": "schengen-en", "ru": "пчеловод",
                                                        "language": "en", "translation": "beekeeper"})  # fmt: skip
    assert "Добавлено в словарь" in answer.text
    assert 'data-word="пчеловод"' not in answer.text
    with session_scope(store) as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.ru == "пчеловод")).one()
    assert entry.en == "beekeeper"


def test_the_review_queue_takes_a_decision(client, store):
    import_list(client, **TRIP)
    # the same tourist again with another birth date: a conflict for a person to decide
    changed = PASTED.replace("03.11.1979", "04.11.1979")
    import_list(client, text=changed)
    page = client.get("/review").text
    item = re.search(r'action="/review/(\d+)"', page)
    assert item, page[-3000:]
    csrf = csrf_of(client, "/review")
    buttons = re.findall(r'name="decision" value="(\w+)"', page)
    answer = client.post(f"/review/{item.group(1)}", data={"csrf": csrf, "decision": buttons[0]})
    assert f"Пункт {item.group(1)}:" in answer.text


def test_clients_are_found_by_any_script_and_shown_with_documents_trips_and_history(client):
    import_list(client, **TRIP)
    csrf = csrf_of(client, "/clients")
    for typed in ("Ковальч", "kovalch", "KOVALCHUK", "смирнова-к"):
        found = client.post("/clients", data={"csrf": csrf, "surname": typed}).text
        assert 'href="/clients/' in found, typed
    card = client.get("/clients/1").text
    assert "Ковальчук" in card and "75 1234567" in card and "01.06.2031" in card
    assert "PRG-0512" in card and "12.05.2027" in card
    assert "<table class=\"history\">" in card


def test_english_on_request(client):
    csrf = csrf_of(client)
    assert "Загрузить список" in client.get("/import").text
    client.post("/language", data={"csrf": csrf, "language": "en", "next": "/import"})
    page = client.get("/import").text
    assert "Import a list" in page and 'lang="en"' in page
    assert "Загрузить список" not in page


def test_every_column_meaning_has_a_label_and_every_message_a_translation():
    from pipeline.desk.routes.imports import TARGET_LABELS
    from tools.desk_messages import untranslated

    assert set(TARGET_LABELS) == set(TARGETS)
    assert untranslated("ru") == []


def test_a_trip_that_does_not_exist_is_a_plain_page(client):
    answer = client.get("/trips/NOPE-0000")
    assert answer.status_code == 404 and "Такой поездки нет" in answer.text
    assert client.get("/no/such/page").status_code == 404


def test_trips_can_be_created_on_the_desk(client, store):
    csrf = csrf_of(client, "/trips")
    answer = client.post("/trips", data={"csrf": csrf, "voucher": "IST-0901", "country": "Турция",
                                         "arrival": "01.09.2027", "departure": "08.09.2027"})  # fmt: skip
    assert "Поездка IST-0901" in answer.text and "01.09.2027" in answer.text
    bad = client.post("/trips", data={"csrf": csrf, "voucher": "IST-0902", "arrival": "32.09.2027"})
    assert "is not a date" in bad.text
    with session_scope(store) as session:
        assert session.scalar(select(TripTourist.id)) is None


def test_import_fix_and_undo_on_sqlite_and_postgresql(db_url, tmp_path):
    from tests.desk.conftest import desk_client

    client = desk_client(db_url, tmp_path)
    done = import_list(client, **TRIP)
    assert "Новых клиентов: 4" in done
    csrf = csrf_of(client, "/trips/PRG-0512")
    client.post("/trips/PRG-0512/fix", data={"csrf": csrf, "form": "schengen-en", "client_id": "1",
                                             "source": "extra.civil_status", "value": "married"})  # fmt: skip
    batch = re.search(r'action="/batches/(\d+)/undo"', done).group(1)
    offer = client.post(f"/batches/{batch}/undo", data={"csrf": csrf})
    assert "Отменить вместе с поздними изменениями" in offer.text
    undone = client.post(f"/batches/{batch}/undo", data={"csrf": csrf, "force": "1"})
    assert "Отменено" in undone.text
    with session_scope(db_url) as session:
        assert session.scalar(select(Client.id)) is None


def test_a_partner_whose_layout_changed_gets_the_list_recognised_afresh(client, store):
    from pipeline.store.mappings import save_partner_mapping

    with session_scope(store) as session:
        # kept from an older list: headers this partner no longer writes
        save_partner_mapping(session, "Анекс Тур", {"Турист": "full_name", "Паспорт РФ": "passport"}, None)
    csrf = csrf_of(client)
    answer = client.post("/import/preview", data={"csrf": csrf, "text": PASTED, "partner": "Анекс Тур"})
    assert answer.status_code == 200
    assert "не подходят к этому списку: они распознаны заново" in answer.text
    assert column_choices(answer.text)["col_1"] == "surname"


def test_a_trip_without_tourists_says_so_and_offers_no_printing(client):
    csrf = csrf_of(client, "/trips")
    page = client.post("/trips", data={"csrf": csrf, "voucher": "TBS-1002", "country": "GEO"}).text
    assert "В поездке пока нет туристов" in page
    assert 'id="print-all"' not in page and "/import?trip=TBS-1002" in page


def _roster_ids(store: str) -> list[int]:
    with session_scope(store) as session:
        links = session.scalars(select(TripTourist).order_by(TripTourist.position)).all()
        return [link.client_id for link in links]


def test_a_tourist_is_taken_off_and_put_back_on_the_trip_and_both_undone(client, store):
    import_list(client, **TRIP)
    before = _roster_ids(store)
    assert len(before) == 4  # the row with 31.02.2016 was not imported
    csrf = csrf_of(client, "/trips/PRG-0512")
    # each roster row has its own button; the clerk presses client 2's
    assert re.search(r'action="/trips/PRG-0512/remove".*?name="client_id" value="2"', _trip_page(client), re.S)
    off = client.post("/trips/PRG-0512/remove", data={"csrf": csrf, "form": "schengen-en", "client_id": "2"})
    assert "Убран из поездки: клиент 2; в картотеке клиент остаётся" in off.text
    assert _roster_ids(store) == [c for c in before if c != 2]
    with session_scope(store) as session:
        assert session.get(Client, 2) is not None  # the client file keeps them
    again = client.post("/trips/PRG-0512/add", data={"csrf": csrf, "form": "schengen-en", "clients": "2, 3"})
    assert "Добавлен в поездку: клиент 2" in again.text and "Уже в поездке: клиент 3." in again.text
    assert sorted(_roster_ids(store)) == sorted(before)
    nobody = client.post("/trips/PRG-0512/add", data={"csrf": csrf, "form": "schengen-en", "clients": "99"})
    assert "Не сохранено" in nobody.text and "99" in nobody.text
    empty = client.post("/trips/PRG-0512/add", data={"csrf": csrf, "form": "schengen-en", "clients": "  "})
    assert "Введите номера клиентов" in empty.text
    # both are batches on the first page, each with its Undo: the latest first
    home = client.get("/").text
    batches = [int(b) for b in re.findall(r'action="/batches/(\d+)/undo"', home)]
    assert len(batches) >= 3
    undone = client.post(f"/batches/{batches[0]}/undo", data={"csrf": csrf}, follow_redirects=True)
    assert "Отменено" in undone.text
    assert _roster_ids(store) == [c for c in before if c != 2]
    client.post(f"/batches/{batches[1]}/undo", data={"csrf": csrf})
    assert _roster_ids(store) == before  # back in their own place


def test_the_roster_downloads_as_xlsx_csv_and_pdf_with_every_tourist(client, store):
    import io

    import pdfplumber
    from openpyxl import load_workbook

    import_list(client, **TRIP)
    html = _trip_page(client)
    assert 'href="/trips/PRG-0512/roster.xlsx"' in html
    xlsx = client.get("/trips/PRG-0512/roster.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.headers["content-disposition"] == 'attachment; filename="roster-PRG-0512.xlsx"'
    assert xlsx.headers["cache-control"] == "no-store"  # personal data stays out of caches
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 5 and any("KOVALCHUK" in str(cell) for cell in rows[1])
    csv_text = client.get("/trips/PRG-0512/roster.csv").content.decode("utf-8-sig")
    assert "Смирнова-Ковалевская" in csv_text and "1234567" in csv_text
    with pdfplumber.open(io.BytesIO(client.get("/trips/PRG-0512/roster.pdf").content)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Нурланов" in text and "NURLANOV" in text
    assert client.get("/trips/PRG-0512/roster.exe").status_code == 404
    assert client.get("/trips/NO-SUCH/roster.xlsx").status_code == 404


def test_the_preview_lists_the_lines_of_a_letter_it_skipped(client):
    letter = ("Добрый день!\nНаправляем список туристов на тур.\n\nФамилия\tИмя\tДата рождения\tЗагранпаспорт\n"
              "Иванов\tСергей\t01.02.1980\t75 1234567\nПетрова\tАнна\t03.04.1985\t76 7654321\n\n"
              "С уважением, Марина\n+7 900 123-45-67\n")  # fmt: skip
    html = client.post("/import/preview", data={"csrf": csrf_of(client), "text": letter}).text
    assert re.findall(r'<tr class="(ok|warning|rejected)">', html) == ["ok", "ok"]
    skipped = re.search(r'<ul class="skipped">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", skipped) == [
        "line 1 skipped, not a tourist: «Добрый день!»",
        "line 2 skipped, not a tourist: «Направляем список туристов на тур.»",
        "line 8 skipped, not a tourist: «С уважением, Марина»",
        "line 9 skipped, not a tourist: «+7 900 123-45-67»",
    ]
    assert "Строки, в которых нет туристов" in html
