"""`tourdesk forms render|check` over a real store (SQLite and PostgreSQL): a family typed in
at the desk in Russian, read back field by field from the documents."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document

from pipeline.cli.client_info import info
from pipeline.cli.forms import forms
from pipeline.cli.trips import trips
from tests.forms.helpers import entry
from tests.forms.store_group import VOUCHER


def run(group, url, *args):
    return CliRunner().invoke(group, [*args, "--db", url], catch_exceptions=False)


def complete(url, ids):
    """What the desk adds before printing: the household's address and phone, and the rest."""
    maria, sergei, artem = ids
    for who in (sergei, artem):
        assert run(info, url, "copy", "--from", str(maria), "--to", str(who)).exit_code == 0
    common = ["--set", "passport_issue_place=Москва", "--set", "passport_authority=МВД 77001",
              "--set", "previous_visits_china=нет", "--set", "visa_refusals=нет", "--set", "criminal_record=нет",
              "--set", "emergency_contact=Иванова Мария, жена, +7 900 123-45-67"]  # fmt: skip
    for who in (sergei, artem):
        assert run(info, url, str(who), *common).exit_code == 0


def test_strict_refuses_incomplete_forms_and_writes_nothing(store, tmp_path):
    url, _ids = store
    out = tmp_path / "out"
    result = run(
        forms, url, "render", "--form", "schengen-en", "--trip", VOUCHER, "--out", str(out), "--strict"
    )
    assert result.exit_code == 3
    assert not out.exists()
    # the check names the tourist, the field, and the command that fills it
    line = next(x for x in result.output.splitlines() if "IVANOV Sergei" in x and "home address" in x)
    assert "empty" in line and "tourdesk clients info" in line and '--set home_address="..."' in line


def test_without_strict_every_form_is_written_and_the_gaps_listed(store, tmp_path):
    url, _ids = store
    result = run(forms, url, "render", "--form", "schengen-en", "--trip", VOUCHER, "--out", str(tmp_path))
    assert result.exit_code == 0
    assert "check: 2 of 3 questionnaires of schengen-en need something" in result.stderr
    # standard output says what was written, first thing: scripts read the count from it
    assert result.stdout.startswith(f"3 questionnaires written to {tmp_path / VOUCHER}")
    folder = tmp_path / VOUCHER
    # the two incomplete ones only as drafts, named so
    assert sorted(p.name for p in folder.iterdir()) == [
        "IVANOVA_MARIA_schengen-en.docx", "IVANOV_ARTEM_schengen-en_DRAFT.docx",
        "IVANOV_SERGEI_schengen-en_DRAFT.docx",
    ]  # fmt: skip
    assert "2 of them only as drafts" in result.stdout


def test_russian_input_in_english_and_french(store, tmp_path):
    url, ids = store
    complete(url, ids)
    for form in ("schengen-en", "schengen-fr"):
        result = run(
            forms, url, "render", "--form", form, "--trip", VOUCHER, "--out", str(tmp_path), "--strict"
        )
        assert result.exit_code == 0, result.output
        assert f"all 3 questionnaires of {form} are complete" in result.output
    en, fr = (tmp_path / VOUCHER / f"IVANOVA_MARIA_schengen-{x}.docx" for x in ("en", "fr"))
    # born in 1985 in Leningrad, USSR: the country and the nationality at birth say so
    assert entry(en, "5") == "LENINGRAD" and entry(fr, "5") == "LENINGRAD"
    assert entry(en, "6") == "USSR" and entry(fr, "6") == "URSS"
    assert entry(en, "7", "Nationality at birth") == "USSR"
    assert entry(fr, "7", "Nationalité à la naissance") == "URSS"
    assert entry(en, "7", "Current") == "Russian Federation"
    assert entry(fr, "7", "Nationalité actuelle") == "Fédération de Russie"
    # "замужем" and "инженер" as typed, through the dictionary
    assert "☒ Married" in entry(en, "9") and "☐ Single" in entry(en, "9")
    assert "☒ Marié(e)" in entry(fr, "9")
    assert entry(en, "21") == "engineer" and entry(fr, "21") == "ingénieur"
    assert entry(en, "19", "Applicant") == "UL. LENINA, 1, KV. 5\nMOSKVA 125009"
    # the company form is translated, the name spelled out
    assert entry(en, "22") == "LLC ROMASHKA" and entry(fr, "22") == "SARL ROMASHKA"


def test_minor_gets_parental_authority_and_shared_address(store, tmp_path):
    url, ids = store
    complete(url, ids)
    run(forms, url, "render", "--form", "schengen-en", "--trip", VOUCHER, "--out", str(tmp_path))
    artem = tmp_path / VOUCHER / "IVANOV_ARTEM_schengen-en.docx"
    assert entry(artem, "10").startswith("IVANOVA MARIIA, IVANOV SERGEI")
    assert entry(artem, "19", "Applicant") == "UL. LENINA, 1, KV. 5\nMOSKVA 125009"
    # born after the USSR: nothing to declare at birth
    assert entry(artem, "7", "Nationality at birth") == ""


def test_minor_without_parental_authority_is_incomplete(store, tmp_path):
    url, ids = store
    complete(url, ids)
    run(info, url, str(ids[2]), "--set", "parental_authority=")
    result = run(forms, url, "check", "--form", "schengen-en", "--trip", VOUCHER)
    assert result.exit_code == 3
    line = next(x for x in result.output.splitlines() if "IVANOV Artem" in x)
    assert "Parental authority" in line and "--set parental_authority=" in line
    assert "a minor (under 18 on arrival) needs it" in line


def test_dictionary_miss_blocks_strict_and_is_queued(store, tmp_path):
    url, ids = store
    complete(url, ids)
    run(info, url, str(ids[1]), "--set", "occupation=оператор котельной")
    out = tmp_path / "out"
    result = run(
        forms, url, "render", "--form", "schengen-fr", "--trip", VOUCHER, "--out", str(out), "--strict"
    )
    assert result.exit_code == 3 and not out.exists()
    line = next(x for x in result.output.splitlines() if "IVANOV Sergei" in x)
    assert "not translated: оператор котельной" in line
    assert 'tourdesk dictionary add "оператор котельной" --fr' in line
    try:
        from pipeline.dictionary.entries import missing_entries
    except ImportError:
        return
    from pipeline.store.db import session_scope

    with session_scope(url) as session:
        assert any("котельной" in m.ru for m in missing_entries(session, "fr"))


def test_china_and_japan_forms_filled_in_english(store, tmp_path):
    url, ids = store
    complete(url, ids)
    for form, country in (("china", "CHN"), ("japan", "JPN")):
        # the same family, now travelling to the form's country (a China form for Rome is refused)
        assert run(trips, url, "edit", VOUCHER, "--country", country).exit_code == 0
        result = run(
            forms, url, "render", "--form", form, "--trip", VOUCHER, "--out", str(tmp_path), "--strict"
        )
        assert result.exit_code == 0, result.output
    china = tmp_path / VOUCHER / "IVANOVA_MARIA_china.docx"
    assert entry(china, "1.1", "Surname") == "IVANOVA"
    assert entry(china, "1.5") == "1985-03-15"
    assert entry(china, "1.6", "Place") == "LENINGRAD" and entry(china, "1.6", "Country") == "USSR"
    assert entry(china, "1.8", "Former") == "USSR"
    assert entry(china, "1.10") == "751234567" and entry(china, "1.11", "Place") == "MOSKVA"
    assert "☒ Married" in entry(china, "1.14")
    assert entry(china, "2.3") == "17"  # 20.12 to 05.01, both days counted
    assert entry(china, "3.1", "Current") == "engineer"
    assert entry(china, "6.4") == "Beijing, Shanghai"
    assert "☒ No" in entry(china, "7.1", "Have you") and "☒ No" in entry(china, "7.2", "Have you")
    assert entry(china, "6.10").startswith("IVANOV SERGEI")
    japan = tmp_path / VOUCHER / "IVANOV_SERGEI_japan.docx"
    assert entry(japan, "1") == "IVANOV" and entry(japan, "2") == "SERGEI"
    assert entry(japan, "4") == "02/11/1983"
    assert entry(japan, "5", "Place of birth: city") == "TVER"
    assert entry(japan, "8", "Former") == "USSR"  # born 1983
    assert entry(japan, "14") == "MVD 77001"
    assert entry(japan, "17") == "17" and entry(japan, "19") == "Narita"
    assert entry(japan, "23", "Your current") == "UL. LENINA, 1, KV. 5\nMOSKVA 125009"
    answers = [value for no, _label, value in _rows(japan) if no == "30" and "☒" in value]
    assert len(answers) == 6 and all(a.endswith("☒ No") for a in answers)


def _rows(path):
    from tests.forms.helpers import rows

    return rows(path)


def test_clients_without_a_trip_go_to_the_clients_folder(store, tmp_path):
    url, ids = store
    result = run(
        forms, url, "render", "--form", "schengen-en", "--client", str(ids[0]), "--out", str(tmp_path)
    )
    assert result.exit_code == 0
    doc = tmp_path / "clients" / "IVANOVA_MARIA_schengen-en_DRAFT.docx"
    assert entry(doc, "1") == "IVANOVA"
    # no trip: the journey is for the clerk to complete, and the check says so
    assert "render for a trip (--trip VOUCHER)" in result.output


def test_combined_docx_holds_every_tourist_in_order(store, tmp_path):
    url, ids = store
    complete(url, ids)
    result = run(
        forms, url, "render", "--form", "japan", "--trip", VOUCHER, "--out", str(tmp_path), "--combined"
    )
    assert result.exit_code == 0
    combined = tmp_path / VOUCHER / "ALL_japan.docx"
    doc = Document(str(combined))
    surnames = [t.rows[1].cells[2].text for t in doc.tables if t.rows[1].cells[0].text == "1"]
    given = [t.rows[2].cells[2].text for t in doc.tables if t.rows[1].cells[0].text == "1"]
    assert list(zip(surnames, given, strict=True)) == [
        ("IVANOVA", "MARIA"),
        ("IVANOV", "SERGEI"),
        ("IVANOV", "ARTEM"),
    ]
    # one section per tourist, each with its own footer naming them
    assert len(doc.sections) == 3
    footers = [s.footer.paragraphs[0].text for s in doc.sections]
    assert [("IVANOVA Maria" in f, "IVANOV Sergei" in f, "IVANOV Artem" in f) for f in footers] == [
        (True, False, False), (False, True, False), (False, False, True),
    ]  # fmt: skip


@pytest.mark.parametrize("args", [[], ["--trip", VOUCHER, "--client", "999"]])
def test_bad_selection_is_one_clear_line(store, tmp_path, args):
    url, _ids = store
    result = CliRunner().invoke(forms, ["render", "--form", "schengen-en", *args, "--db", url])
    assert result.exit_code == 1
    assert result.output.startswith("tourdesk: ") and "Traceback" not in result.output


def test_a_store_failing_while_the_dictionary_works_is_one_line(store, tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import pipeline.forms.visa

    def failing(*args, **kwargs):
        raise OperationalError("INSERT INTO dictionary_missing ...", {}, Exception("disk I/O error"))

    url, _ids = store
    monkeypatch.setattr(pipeline.forms.visa, "fill_forms", failing)
    result = CliRunner().invoke(forms, ["render", "--form", "schengen-en", "--trip", VOUCHER, "--out",
                                        str(tmp_path), "--db", url])  # fmt: skip
    assert result.exit_code == 1
    assert result.output == "tourdesk: the dictionary in the client store failed: disk I/O error\n"
