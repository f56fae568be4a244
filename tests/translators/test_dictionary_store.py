"""The dictionary in the store (SQLite and PostgreSQL): seeding, lookups, the missing queue, files."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import func, select

from pipeline.dictionary import entries as d
from pipeline.dictionary.model import starter
from pipeline.dictionary.translate import form_translator, translator_for
from pipeline.store.db import dispose_engine, session_scope
from pipeline.store.dictionary_models import DictionaryChange, DictionaryEntry
from tests.conftest import ROOT


def _count(url: str) -> int:
    with session_scope(url) as s:
        return s.scalar(select(func.count()).select_from(DictionaryEntry))


def _restart(url: str) -> None:
    """What a new process would see: no pooled connections, no memory of having seeded."""
    dispose_engine(url)
    d._seeded.clear()


def test_starter_loads_once_and_never_overwrites_a_clerk(db_url):
    with session_scope(db_url) as s:
        assert d.ensure_starter(s) == len(starter())
        assert d.ensure_starter(s) == 0
        d.add_entry(s, "Москва", en="Moskva")
    _restart(db_url)
    with session_scope(db_url) as s:
        assert d.ensure_starter(s) == 0
        assert d.lookup(s, "москва", "en") == "Moskva"
        assert d.lookup(s, "москва", "fr") == "Moscou"
    assert _count(db_url) == len(starter())


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("САНКТ-ПЕТЕРБУРГ ", "en", "Saint Petersburg"), ("Королев", "fr", "Koroliov"), ("разведён.", "fr", "divorcé"),
     ("замужем", "ru", None), ("", "en", None), ("нет такого", "en", None)],
)
def test_lookup_ignores_case_yo_and_dots(db_url, text, language, expected):
    with session_scope(db_url) as s:
        assert d.lookup(s, text, language) == expected


def test_missing_value_is_queued_with_form_and_client_and_cleared_by_add(db_url):
    translate = form_translator(db_url, "schengen-fr", 41)
    assert translate("Тракторист", "fr") is None
    assert translate("Тракторист", "fr") is None  # the same render: counted once
    assert translate.for_client(42)("тракторист", "fr") is None
    assert form_translator(db_url, "schengen-fr", 41)("Тракторист", "fr") is None  # a second render
    assert translate("Gazprom", "fr") is None  # Latin is printed as written, nothing to queue
    assert translate("Бухгалтер", "fr") == "comptable"
    with session_scope(db_url) as s:
        queue = [(m.ru, m.language, m.form_id, m.client_id, m.times) for m in d.missing_entries(s)]
    assert queue == [("Тракторист", "fr", "schengen-fr", "41", 2), ("тракторист", "fr", "schengen-fr", "42", 1)]

    with session_scope(db_url) as s:
        _, status, _ = d.add_entry(s, "тракторист", en="tractor driver", fr="conducteur de tracteur")
    assert status == "added"
    with session_scope(db_url) as s:
        assert d.missing_entries(s) == []
    assert form_translator(db_url, "schengen-fr", 41)("ТРАКТОРИСТ", "fr") == "conducteur de tracteur"


def test_entry_with_one_language_keeps_the_other_queued(db_url):
    translator_for(db_url, "schengen-en")("Комбайнер", "en")
    translator_for(db_url, "schengen-fr")("Комбайнер", "fr")
    with session_scope(db_url) as s:
        d.add_entry(s, "комбайнер", en="combine operator")
        assert [(m.language, m.form_id) for m in d.missing_entries(s)] == [("fr", "schengen-fr")]


def test_correction_records_the_old_values(db_url):
    with session_scope(db_url) as s:
        _, status, change = d.add_entry(s, "Менеджер", fr="gestionnaire", kind="occupation")
        assert status == "updated" and (change.old_en, change.old_fr) == ("manager", "manager")
        assert d.add_entry(s, "менеджер", fr="gestionnaire")[1] == "unchanged"
    with session_scope(db_url) as s:
        history = s.scalars(select(DictionaryChange)).all()
        assert [(h.ru_key, h.old_fr, h.new_fr, h.origin) for h in history] == [
            ("менеджер", "manager", "gestionnaire", "clerk")
        ]


def test_a_new_process_sees_what_a_clerk_added(db_url):
    with session_scope(db_url) as s:
        d.add_entry(s, "Сыктывкарский район", en="Syktyvkar district", fr="district de Syktyvkar")
    _restart(db_url)
    code = (
        "import sys; from pipeline.store.db import session_scope; from pipeline.dictionary.entries import lookup\n"
        "with session_scope(sys.argv[1]) as s: print(lookup(s, 'сыктывкарский район', 'fr'))"
    )
    out = subprocess.run([sys.executable, "-c", code, db_url], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "district de Syktyvkar"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_import_export_round_trip(db_url, tmp_path, suffix):
    source = tmp_path / "clerk.csv"
    source.write_text(
        "ru,en,fr,kind\nКомбайнер,combine operator,conducteur de moissonneuse,occupation\n"
        "Москва,Moscow City,Moscou,city\nБухгалтер,accountant,comptable,occupation\n",
        encoding="utf-8-sig",
    )
    with session_scope(db_url) as s:
        assert d.import_entries(s, source) == {"added": 1, "updated": 1, "unchanged": 1}
        out = tmp_path / f"out{suffix}"
        assert d.export_entries(s, out) == len(starter()) + 1
        before = {(e.ru_key, e.en, e.fr, e.kind) for e in d.list_entries(s)}
    _restart(db_url)
    with session_scope(db_url) as s:
        assert d.import_entries(s, out) == {"added": 0, "updated": 0, "unchanged": len(before)}
        assert {(e.ru_key, e.en, e.fr, e.kind) for e in d.list_entries(s)} == before
        assert d.lookup(s, "москва", "en") == "Moscow City"


def test_list_filters_by_kind_and_search(db_url):
    with session_scope(db_url) as s:
        assert {e.ru for e in d.list_entries(s, kind="civil_status", search="ЗАМУЖ")} == {"замужем", "не замужем"}
        assert {e.ru for e in d.list_entries(s, search="pétersbourg")} == {"Санкт-Петербург", "С.-Петербург", "СПб"}


def test_import_answers_the_queue_and_keeps_formula_like_text(db_url, tmp_path):
    translator_for(db_url, "schengen-en", 3)("Звонарь", "en")
    source = tmp_path / "words.csv"
    source.write_text("ru,en,fr,kind\nзвонарь,bell-ringer,sonneur,occupation\nЗнак,=1+1,=2,other\n", encoding="utf-8")
    with session_scope(db_url) as s:
        assert d.import_entries(s, source)["added"] == 2
        assert d.missing_entries(s) == []
        out = tmp_path / "out.xlsx"
        d.export_entries(s, out, kind="other")
    from openpyxl import load_workbook

    row = load_workbook(out).active[2]
    # a text cell, quoted so that editing it in Excel never turns it into a live formula
    assert [c.value for c in row] == ["Знак", "'=1+1", "'=2", "other"]
    assert {c.data_type for c in row} == {"s"}
    # and the quote is Tourdesk's own: the file comes back as the words it held
    with session_scope(db_url) as s:
        assert d.import_entries(s, out)["unchanged"] == 1
        assert [(e.en, e.fr) for e in d.list_entries(s) if e.ru == "Знак"] == [("=1+1", "=2")]


_SEED_AND_MISS = """
import sys
from pipeline.dictionary.translate import form_translator
form_translator(sys.argv[1], "schengen-en", 9)("Лесоруб", "en")
"""


def test_desks_opening_a_new_store_at_once_seed_it_once(db_url):
    procs = [
        subprocess.Popen([sys.executable, "-c", _SEED_AND_MISS, db_url], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    errors = [p.communicate()[1] for p in procs if p.wait() != 0]
    assert not errors, errors[0]
    assert _count(db_url) == len(starter())
    with session_scope(db_url) as s:
        assert [(m.ru, m.times) for m in d.missing_entries(s)] == [("Лесоруб", 3)]
