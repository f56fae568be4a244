"""The desk under test: a private store, the application in-process, helpers to post forms."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from pipeline.desk.app import create_app
from pipeline.desk.web import DeskConfig
from pipeline.store.db import dispose_engine

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note on its httpx-based client
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8765"

#: a partner's list as pasted from an e-mail: a double surname, ё, a Ukrainian and a Kazakh
#: name, a missing patronymic, a date that does not exist (row 3), an expired passport (row 5),
#: and the passport column under a header nobody can guess ("Док.")
PASTED = (
    "№\tФамилия\tИмя\tОтчество\tДата рождения\tДок.\tДействителен до\tГражданство\n"
    "1\tКовальчук\tОлена\t\t12.04.1988\t75 1234567\t01.06.2031\tРоссия\n"
    "2\tСмирнова-Ковалевская\tАлёна\tИгоревна\t03.11.1979\t76 2345678\t15.09.2030\tРоссия\n"
    "3\tСмирнов\tМатвей\tАндреевич\t31.02.2016\t77 3456789\t20.01.2029\tРоссия\n"
    "4\tНурланов\tАйдар\tСерикович\t07.07.1990\t75 4567890\t10.10.2032\tРоссия\n"
    "5\tФёдорова\tЕлена\tВикторовна\t22.05.1965\t72 5678901\t01.03.2024\tРоссия\n"
)
PERSONAL = ["Ковальчук", "KOVALCHUK", "Нурланов", "NURLANOV", "1234567", "4567890", "12.04.1988", "1988-04-12"]


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    yield url
    dispose_engine(url)


def desk_client(store: str, tmp_path: Path, **config) -> TestClient:
    app = create_app(DeskConfig(db_url=store, work_dir=tmp_path / "prints", **config))
    return TestClient(app, base_url=BASE)


@pytest.fixture
def client(store: str, tmp_path: Path) -> TestClient:
    return desk_client(store, tmp_path)


def csrf_of(client: TestClient, path: str = "/import") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, "every page with a form carries the CSRF token"
    return found.group(1)


def column_choices(html: str) -> dict[str, str]:
    """The preview's drop-downs: field name -> the meaning selected."""
    out = {}
    for name, body in re.findall(r'<select name="(col_\d+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="(\w+)" selected', body)
        out[name] = chosen.group(1) if chosen else ""
    return out


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def import_list(client: TestClient, text: str = PASTED, **fields) -> str:
    """Paste, keep the detected meanings but say column 6 is the passport, import; the summary."""
    csrf = csrf_of(client)
    preview = client.post("/import/preview", data={"csrf": csrf, "text": text, **fields})
    assert preview.status_code == 200, preview.text[:2000]
    choices = column_choices(preview.text) | {"col_5": "passport"}
    done = client.post("/import/run", data={"csrf": csrf, "draft": hidden(preview.text, "draft"),
                                            "header_row": hidden(preview.text, "header_row"), **choices, **fields})
    assert done.status_code == 200, done.text[:2000]
    return done.text
