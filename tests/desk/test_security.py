"""The desk's security rules, request by request: Host check, CSRF, uploads, logins and roles,
and no personal data in addresses, titles or logs."""

from __future__ import annotations

import logging
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from starlette.routing import Route

from pipeline.desk.serve import desk_config
from pipeline.desk.web import MAX_UPLOAD, DeskRefused
from pipeline.store.db import session_scope
from pipeline.store.desk_models import DeskUser
from pipeline.store.models import ImportBatch
from pipeline.store.users import add_user
from tests.desk.conftest import BASE, PERSONAL, csrf_of, desk_client, import_list


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999", "rebind.attacker.test:8765"])
def test_a_foreign_host_header_is_refused(client, host):
    for method, path in (("GET", "/"), ("GET", "/trips"), ("POST", "/import/preview")):
        answer = client.request(method, path, headers={"host": host})
        assert answer.status_code == 421
        assert "Ковальчук" not in answer.text and "csrf" not in answer.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765"])
def test_the_served_address_is_answered(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


def test_a_desk_on_another_address_answers_only_there(store, tmp_path):
    with session_scope(store) as session:
        add_user(session, "Ольга Петровна", "correct horse battery", "administrator")
    client = desk_client(store, tmp_path, host="192.0.2.10", login=True)
    assert client.get("/login", headers={"host": "192.0.2.10:8765"}).status_code == 200
    assert client.get("/login", headers={"host": "127.0.0.1:8765"}).status_code == 421


def test_a_desk_on_every_address_answers_to_this_machines_names_only(store, tmp_path):
    import socket

    with session_scope(store) as session:
        add_user(session, "Ольга Петровна", "correct horse battery", "administrator")
    client = desk_client(store, tmp_path, host="0.0.0.0", login=True)
    for own in (f"{socket.gethostname()}:8765", "127.0.0.1:8765", "localhost:8765"):
        assert client.get("/login", headers={"host": own}).status_code == 200, own
    for foreign in ("evil.example:8765", "0.0.0.0:8765", f"{socket.gethostname()}.evil.example:8765"):
        assert client.get("/login", headers={"host": foreign}).status_code == 421, foreign


def _post_routes(client) -> list[str]:
    paths = []
    for route in client.app.routes:
        if isinstance(route, Route) and "POST" in (route.methods or ()):
            paths.append(re.sub(r"\{(\w+)(:int)?\}", lambda m: "1" if m.group(2) else "X-1", route.path))
    return paths


def test_every_form_needs_the_csrf_token(client):
    paths = _post_routes(client)
    assert len(paths) >= 12, paths  # the test must see every form the desk has
    client.get("/")  # a session exists; only the token is missing or wrong
    for path in paths:
        for data in ({}, {"csrf": "forged"}):
            answer = client.post(path, data=data)
            assert answer.status_code == 403, (path, answer.status_code)


def test_a_form_posted_from_another_site_is_refused(client):
    csrf = csrf_of(client)
    answer = client.post("/clients", data={"csrf": csrf, "surname": "Ковальчук"},
                         headers={"origin": "http://evil.example"})  # fmt: skip
    assert answer.status_code == 403
    assert client.post("/clients", data={"csrf": csrf, "surname": "Ковальчук"}, headers={"origin": BASE}).status_code == 200


def test_the_session_cookie_is_httponly_and_samesite(client):
    cookie = client.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie


def test_pages_are_not_cached_and_load_nothing_from_elsewhere(client):
    answer = client.get("/import")
    assert answer.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(src|href)="(https?:)?//', answer.text)


def test_an_upload_of_the_wrong_type_is_refused_with_a_clear_message(client):
    csrf = csrf_of(client)
    answer = client.post("/import/preview", data={"csrf": csrf},
                         files={"file": ("list.exe", b"MZ\x90\x00binary", "application/octet-stream")})  # fmt: skip
    assert answer.status_code == 400
    assert "Файл такого типа не загрузить: list.exe" in answer.text


def test_an_upload_too_large_is_refused_with_a_clear_message(client):
    csrf = csrf_of(client)
    big = b"a;b\n" * (MAX_UPLOAD // 4 + 10)
    answer = client.post("/import/preview", data={"csrf": csrf}, files={"file": ("list.csv", big, "text/csv")})
    assert answer.status_code == 413
    assert "Файл слишком большой: принимаются списки до 10 МБ" in answer.text


def test_two_files_at_once_are_refused(client):
    csrf = csrf_of(client)
    answer = client.post("/import/preview", data={"csrf": csrf},
                         files=[("file", ("a.csv", b"a;b\n1;2\n", "text/csv")), ("file", ("b.csv", b"a;b\n", "text/csv"))])  # fmt: skip
    assert answer.status_code == 400


def test_no_personal_data_in_addresses_titles_or_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    import_list(client, new_voucher="KZN-0415", new_country="Россия")
    csrf = csrf_of(client)
    pages = [client.get(p).text for p in ("/", "/trips", "/trips/KZN-0415", "/review", "/clients/1")]
    pages.append(client.post("/clients", data={"csrf": csrf, "surname": "Ковальч"}).text)
    assert "Ковальчук" in pages[2]  # the trip page does show the tourists...
    for html in pages:
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        addresses = re.findall(r'(?:href|action|src)="([^"]*)"', html)
        for value in PERSONAL:
            assert value not in title
            assert not any(value in a for a in addresses), (value, addresses)
    for value in PERSONAL:
        assert value not in caplog.text


def test_a_crash_is_logged_by_type_only_and_shown_as_a_plain_page(client, caplog, monkeypatch):
    import pipeline.desk.routes.clients as clients

    def broken(session, surname):
        raise RuntimeError(f"surname {surname} broke the search")

    monkeypatch.setattr(clients, "_search", broken)
    csrf = csrf_of(client)
    answer = client.post("/clients", data={"csrf": csrf, "surname": "Нурланов"})
    assert answer.status_code == 500 and "Что-то пошло не так" in answer.text
    assert "Нурланов" not in answer.text and "Нурланов" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_serving_other_machines_needs_a_user(store):
    with pytest.raises(DeskRefused, match="needs at least one user"):
        desk_config(store, "0.0.0.0", 8765)
    assert desk_config(store, "127.0.0.1", 8765).login is False
    with session_scope(store) as session:
        add_user(session, "Ольга Петровна", "correct horse battery", "administrator")
    config = desk_config(store, "0.0.0.0", 8765)
    assert config.login is True and config.host == "0.0.0.0"
    # once a user exists the loopback desk asks for a login too
    assert desk_config(store, "127.0.0.1", 8765).login is True


def test_the_command_refuses_another_address_without_a_user(store):
    from pipeline.cli import cli

    answer = CliRunner().invoke(cli, ["--db", store, "desk", "--host", "0.0.0.0", "--no-browser"])
    assert answer.exit_code == 1
    assert "needs at least one user: tourdesk desk users add NAME" in answer.output
    added = CliRunner().invoke(cli, ["--db", store, "desk", "users", "add", "Ольга Петровна", "--role",
                                     "administrator", "--password", "correct horse battery"])  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = CliRunner().invoke(cli, ["--db", store, "desk", "users", "list"])
    assert "Ольга Петровна  administrator" in listed.output


def test_passwords_are_kept_as_argon2_hashes(store):
    with session_scope(store) as session:
        add_user(session, "Асель", "s3cret-passw0rd")
        stored = session.scalar(select(DeskUser.password_hash))
    assert stored.startswith("$argon2id$") and "s3cret" not in stored


def _log_in(client, name: str, password: str):
    csrf = csrf_of(client, "/login")
    return client.post("/login", data={"csrf": csrf, "name": name, "password": password}, follow_redirects=False)


@pytest.fixture
def team(store, tmp_path):
    with session_scope(store) as session:
        add_user(session, "Ольга Петровна", "correct horse battery", "administrator")
        add_user(session, "Асель", "s3cret-passw0rd", "clerk")
        add_user(session, "Богдан", "an0ther-passw0rd", "clerk")
    return lambda: desk_client(store, tmp_path, login=True)


def test_with_users_every_page_needs_a_login(team):
    client = team()
    for path in ("/", "/trips", "/clients", "/review", "/import", "/clients/1"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert _log_in(client, "Асель", "wrong password").status_code == 401
    before = client.cookies.get("tourdesk_session")
    answer = _log_in(client, "Асель", "s3cret-passw0rd")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    # a new session on login: a cookie planted before it is worth nothing afterwards
    assert client.cookies.get("tourdesk_session") != before
    assert client.get("/").status_code == 200 and "Асель" in client.get("/").text


def test_only_an_administrator_may_forget_a_client(team, store):
    clerk, admin = team(), team()
    _log_in(clerk, "Асель", "s3cret-passw0rd")
    import_list(clerk)
    answer = clerk.post("/clients/1/forget", data={"csrf": csrf_of(clerk, "/clients/1")})
    assert "Забыть клиента может только администратор" in answer.text
    assert "Ковальчук" in clerk.get("/clients/1").text
    _log_in(admin, "Ольга Петровна", "correct horse battery")
    answer = admin.post("/clients/1/forget", data={"csrf": csrf_of(admin, "/clients/1")})
    assert "Персональные данные клиента стёрты" in answer.text
    assert "Ковальчук" not in admin.get("/clients/1").text


def test_only_an_administrator_undoes_someone_elses_import(team, store):
    asel, bogdan, admin = team(), team(), team()
    _log_in(asel, "Асель", "s3cret-passw0rd")
    _log_in(bogdan, "Богдан", "an0ther-passw0rd")
    _log_in(admin, "Ольга Петровна", "correct horse battery")
    import_list(asel)
    with session_scope(store) as session:
        batch = session.scalars(select(ImportBatch).where(ImportBatch.kind == "import")).one()
        assert batch.user_name == "Асель"
    refused = bogdan.post(f"/batches/{batch.id}/undo", data={"csrf": csrf_of(bogdan, "/")})
    assert f"batch {batch.id} was made by Асель: only an administrator may undo it" in refused.text
    done = admin.post(f"/batches/{batch.id}/undo", data={"csrf": csrf_of(admin, "/")})
    assert "Отменено: пакет" in done.text
    with session_scope(store) as session:
        assert session.get(ImportBatch, batch.id).status == "undone"
        undo = session.scalars(select(ImportBatch).where(ImportBatch.kind == "undo")).one()
        assert undo.user_name == "Ольга Петровна"


def test_every_change_is_recorded_with_the_users_name(team, store):
    clerk = team()
    _log_in(clerk, "Асель", "s3cret-passw0rd")
    import_list(clerk, new_voucher="ALA-0701", new_country="KAZ", new_arrival="01.07.2027",
                new_departure="10.07.2027")  # fmt: skip
    csrf = csrf_of(clerk, "/trips/ALA-0701")
    clerk.post("/trips/ALA-0701/fix", data={"csrf": csrf, "form": "schengen-en", "client_id": "1",
                                            "source": "extra.civil_status", "value": "married"})  # fmt: skip
    card = clerk.get("/clients/1").text
    history = card[card.index("<table class=\"history\">"):]
    assert history.count("Асель") >= 2  # the import and the edit
    with session_scope(store) as session:
        users = set(session.scalars(select(ImportBatch.user_name)))
    assert users == {"Асель"}


def test_logging_out_ends_the_session(team):
    client = team()
    _log_in(client, "Асель", "s3cret-passw0rd")
    client.post("/logout", data={"csrf": csrf_of(client, "/")})
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_the_style_sheet_and_script_are_served_without_a_session(client):
    for path in ("/static/desk.css", "/static/desk.js"):
        answer = client.get(path)
        assert answer.status_code == 200 and "set-cookie" not in answer.headers
        assert "cache-control" not in answer.headers  # the same for everyone: a browser may keep them


def test_logins_pause_after_five_wrong_passwords_for_a_name(team):
    client = team()
    for _ in range(5):
        assert _log_in(client, "Асель", "guess-guess").status_code == 401
    paused = _log_in(client, "Асель", "s3cret-passw0rd")  # even the right one waits now
    assert paused.status_code == 429 and "попробуйте через 10 минут" in paused.text
    assert _log_in(client, "Богдан", "an0ther-passw0rd").status_code == 303  # other names are not held
