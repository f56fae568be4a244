"""`tourdesk forms check` as the gate before printing, on a family going to Paris.

Two parents born in the RSFSR, a child of eight, a grandmother born in Tashkent in 1950,
typed in at the desk in Russian. The father's occupation is not in the dictionary and the
mother's passport runs out six weeks after the return: the check names exactly those two;
after a dictionary entry and a new passport, the new passport's unknown date of issue; then
nothing, and the forms print what the embassy must read.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from docx import Document

from pipeline.cli.client_info import info
from pipeline.cli.clients import clients
from pipeline.cli.dictionary import dictionary
from pipeline.cli.forms import forms
from pipeline.clients.edit import add_client
from pipeline.dictionary.entries import missing_entries
from pipeline.store.db import session_scope
from pipeline.store.models import Client, TripTourist
from pipeline.trips.trip import save_trip

VOUCHER = "PAR-0710"
TRIP = {
    "voucher": VOUCHER,
    "country": "FRA",
    "arrival": "2027-07-10",
    "departure": "2027-07-24",
    "hotel": "Hotel Mercure Paris Gare de Lyon",
    "hotel_address": "2 Place Louis Armand, 75012 Paris",
    "application_place": "Moscow",
    "application_date": "2027-06-01",
}
HOME = "г. Тверь, ул. Советская, д. 5, кв. 12"
# (client values, passport, what the desk types with `clients info --set`)
FAMILY = [
    (
        dict(surname_lat="SMIRNOV", name_lat="ALEKSEI", surname_ru="Смирнов", name_ru="Алексей",
             gender="M", birth_date=dt.date(1982, 4, 12), citizenship="RUS"),
        ("75", "1111111", dt.date(2032, 4, 1)),
        {"place_of_birth": "Калинин", "country_of_birth": "РСФСР", "civil_status": "женат",
         "occupation": "оператор котельной", "employer": "ООО Ромашка", "passport_issue_date": "01.04.2022",
         "home_address": HOME, "phone": "+7 910 111-22-33"},
    ),
    (
        dict(surname_lat="SMIRNOVA", name_lat="ELENA", surname_ru="Смирнова", name_ru="Елена",
             gender="F", birth_date=dt.date(1984, 9, 3), citizenship="RUS"),
        # six weeks after the return on 24.07.2027
        ("75", "2222222", dt.date(2027, 9, 4)),
        {"place_of_birth": "Свердловск", "country_of_birth": "РСФСР", "civil_status": "замужем",
         "occupation": "бухгалтер", "employer": "ИП Смирнова", "passport_issue_date": "05.09.2017",
         "passport_issue_place": "Тверь", "passport_authority": "УФМС 69001"},
    ),
    (
        dict(surname_lat="SMIRNOV", name_lat="IVAN", surname_ru="Смирнов", name_ru="Иван",
             gender="M", birth_date=dt.date(2019, 1, 15), citizenship="RUS"),
        ("77", "3333333", dt.date(2029, 2, 1)),
        {"place_of_birth": "Тверь", "country_of_birth": "Россия", "civil_status": "холост",
         "occupation": "школьник", "passport_issue_date": "01.02.2024",
         "parental_authority": "Смирнов Алексей, отец; Смирнова Елена, мать; г. Тверь, +7 910 111-22-33"},
    ),
    (
        dict(surname_lat="SMIRNOVA", name_lat="GALINA", surname_ru="Смирнова", name_ru="Галина",
             gender="F", birth_date=dt.date(1950, 5, 20), citizenship="RUS"),
        ("75", "4444444", dt.date(2030, 3, 1)),
        {"place_of_birth": "Ташкент", "country_of_birth": "Узбекская ССР", "civil_status": "вдова",
         "occupation": "пенсионерка", "passport_issue_date": "01.03.2020"},
    ),
]  # fmt: skip
#: English a French form must not print
ENGLISH = ("USSR", "Russian Federation", "FATHER", "retired", "boiler", "Cash", "credit card", "LLC")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def run(group, url, *args):
    return CliRunner().invoke(group, [*args, "--db", url], catch_exceptions=False)


@pytest.fixture
def family(db_url) -> tuple[str, list[int]]:
    """The family in a real store, their details typed the desk's way."""
    ids = []
    with session_scope(db_url) as session:
        trip = save_trip(session, dict(TRIP))
        for position, (values, passport, _extra) in enumerate(FAMILY):
            client = add_client(session, values, passport=passport)
            session.add(TripTourist(trip_id=trip.id, client_id=client.id, position=position))
            ids.append(client.id)
    for client_id, (_v, _p, extra) in zip(ids, FAMILY, strict=True):
        sets = [arg for key, value in extra.items() for arg in ("--set", f"{key}={value}")]
        assert run(info, db_url, str(client_id), *sets).exit_code == 0
    father = ids[0]
    for other in ids[1:]:
        # the household's address and home phone; the father's employer stays his
        assert run(info, db_url, "copy", "--from", str(father), "--to", str(other)).exit_code == 0
    return db_url, ids


def problems(output: str) -> list[str]:
    """The check's table rows (one per problem), without the heading."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("----"))
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ") and line.strip()]


def text_of(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def extra_of(url: str, client_id: int) -> dict:
    with session_scope(url) as session:
        return dict(session.get(Client, client_id).extra or {})


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_check_is_the_gate_for_a_family_trip(family, tmp_path):
    url, (father, mother, child, grandmother) = family
    assert "employer" not in extra_of(url, child) and extra_of(url, child)["home_address"] == HOME

    # 1. exactly two problems: an occupation the dictionary lacks, a passport that runs out too soon
    result = run(forms, url, "check", "--form", "schengen-en", "--trip", VOUCHER)
    assert result.exit_code == 3
    rows = problems(result.output)
    assert len(rows) == 2, rows
    occupation = next(r for r in rows if r.startswith("SMIRNOV Aleksei"))
    assert "Current occupation" in occupation and "not translated: оператор котельной" in occupation
    assert 'tourdesk dictionary add "оператор котельной" --en' in occupation
    passport = next(r for r in rows if r.startswith("SMIRNOVA Elena"))
    assert (
        "Valid until" in passport
        and "04.09.2027, under 3 months after leaving Schengen 24.07.2027" in passport
    )
    assert f"tourdesk clients edit {mother} --passport" in passport
    # the French form fails the same way, and queues the missing word as French
    assert run(forms, url, "check", "--form", "schengen-fr", "--trip", VOUCHER).exit_code == 3
    with session_scope(url) as session:
        queued = {(m.ru, m.language) for m in missing_entries(session) if m.form_id == "schengen-fr"}
    assert queued == {("оператор котельной", "fr")}
    # a render now writes drafts only, named and marked so
    out = tmp_path / "draft"
    assert (
        run(forms, url, "render", "--form", "schengen-en", "--trip", VOUCHER, "--out", str(out)).exit_code
        == 0
    )
    drafts = sorted(p.name for p in (out / VOUCHER).glob("*_DRAFT.docx"))
    assert drafts == ["SMIRNOVA_ELENA_schengen-en_DRAFT.docx", "SMIRNOV_ALEKSEI_schengen-en_DRAFT.docx"]
    assert "DRAFT – not checked" in text_of(out / VOUCHER / drafts[0])

    # 2. the dictionary entry and a new passport: the new passport's date of issue is unknown
    added = run(dictionary, url, "add", "оператор котельной", "--en", "boiler operator",
                "--fr", "opérateur de chaufferie", "--kind", "occupation")  # fmt: skip
    assert added.exit_code == 0
    edited = run(
        clients, url, "edit", str(mother), "--passport", "76 5555555", "--passport-expiry", "10.05.2037"
    )
    assert edited.exit_code == 0, edited.output
    result = run(forms, url, "check", "--form", "schengen-en", "--trip", VOUCHER)
    assert result.exit_code == 3
    rows = problems(result.output)
    assert len(rows) == 1, rows
    assert rows[0].startswith("SMIRNOVA Elena") and "Date of issue" in rows[0]
    assert "unknown for the new passport" in rows[0]
    assert f'tourdesk clients info {mother} --set passport_issue_date="DD.MM.YYYY"' in rows[0]

    # 3. the date typed: the check passes; the old passport's place and authority are gone too
    assert run(info, url, str(mother), "--set", "passport_issue_date=10.05.2027").exit_code == 0
    left = extra_of(url, mother)
    assert "passport_authority" not in left and "passport_issue_place" not in left
    for form in ("schengen-en", "schengen-fr"):
        result = run(forms, url, "check", "--form", form, "--trip", VOUCHER)
        assert result.exit_code == 0, result.output
        result = run(
            forms, url, "render", "--form", form, "--trip", VOUCHER, "--out", str(tmp_path), "--strict"
        )
        assert result.exit_code == 0, result.output
    folder = tmp_path / VOUCHER
    assert not list(folder.glob("*DRAFT*"))
    names = ("SMIRNOV_ALEKSEI", "SMIRNOVA_ELENA", "SMIRNOV_IVAN", "SMIRNOVA_GALINA")
    en = {name: text_of(folder / f"{name}_schengen-en.docx") for name in names}
    fr = {name: text_of(folder / f"{name}_schengen-fr.docx") for name in names}

    # the English forms: no Cyrillic anywhere, USSR at birth for the three adults only
    for name, text in en.items():
        assert not CYRILLIC.search(text), (name, CYRILLIC.findall(text))
        assert not text.startswith("DRAFT")
    assert all("USSR" in en[n] for n in ("SMIRNOV_ALEKSEI", "SMIRNOVA_ELENA", "SMIRNOVA_GALINA"))
    assert "USSR" not in en["SMIRNOV_IVAN"]
    # the new passport with its own date of issue, never the old one's
    assert "765555555" in en["SMIRNOVA_ELENA"] and "10.05.2027" in en["SMIRNOVA_ELENA"]
    assert "05.09.2017" not in en["SMIRNOVA_ELENA"] and "752222222" not in en["SMIRNOVA_ELENA"]
    # words translated, never spelled out: relations, occupations, company forms
    assert "SMIRNOV ALEKSEI, FATHER; SMIRNOVA ELENA, MOTHER" in en["SMIRNOV_IVAN"]
    assert "OTETS" not in en["SMIRNOV_IVAN"] and "MAT'" not in en["SMIRNOV_IVAN"]
    assert "boiler operator" in en["SMIRNOV_ALEKSEI"] and "LLC ROMASHKA" in en["SMIRNOV_ALEKSEI"]
    assert "retired" in en["SMIRNOVA_GALINA"] and "schoolchild" in en["SMIRNOV_IVAN"]
    assert "INDIVIDUAL ENTREPRENEUR SMIRNOVA" in en["SMIRNOVA_ELENA"]

    # the French form is French: no Cyrillic, no English words where French ones belong
    for name, text in fr.items():
        assert not CYRILLIC.search(text), name
        english = [w for w in ENGLISH if w in text]
        assert english == [], name
    assert all("URSS" in fr[n] for n in ("SMIRNOV_ALEKSEI", "SMIRNOVA_ELENA", "SMIRNOVA_GALINA"))
    assert "URSS" not in fr["SMIRNOV_IVAN"]
    assert "PÈRE" in fr["SMIRNOV_IVAN"] and "MÈRE" in fr["SMIRNOV_IVAN"]
    assert "opérateur de chaufferie" in fr["SMIRNOV_ALEKSEI"] and "SARL ROMASHKA" in fr["SMIRNOV_ALEKSEI"]
    assert "retraitée" in fr["SMIRNOVA_GALINA"] and "Fédération de Russie" in fr["SMIRNOVA_ELENA"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_issue_data_typed_before_passports_were_tracked_goes_with_the_old_passport(family):
    """Issue data typed by an earlier version (no record of its passport) and a passport that
    came in after it: the form leaves the old date out and asks for the new one's."""
    url, (_f, _m, _c, grandmother) = family
    with session_scope(url) as session:
        client = session.get(Client, grandmother)
        client.extra = {k: v for k, v in client.extra.items() if k != "passport_of"}
    assert run(clients, url, "edit", str(grandmother), "--passport", "76 7777777").exit_code == 0
    result = run(forms, url, "check", "--form", "schengen-en", "--trip", VOUCHER)
    row = next(r for r in problems(result.output) if r.startswith("SMIRNOVA Galina"))
    assert "Date of issue" in row and "unknown for the new passport" in row


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("form", "country", "expected"),
    [("china", "FRA", "warning: a China form (china) for a trip to France"), ("schengen-en", "FRA", None)],
)
def test_a_form_for_another_country_is_a_warning(family, form, country, expected):
    url, _ids = family
    result = run(forms, url, "check", "--form", form, "--trip", VOUCHER)
    rows = [r for r in problems(result.output) if "warning" in r] if result.exit_code else []
    if expected is None:
        assert rows == []
    else:
        assert len(rows) == 4 and all(expected in r for r in rows)
        assert "tourdesk forms list" in rows[0]
