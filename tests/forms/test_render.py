"""A realistic small group rendered to questionnaires and read back field by field."""

from __future__ import annotations

import stat

import pytest
from docx import Document

from pipeline.forms.render import render_forms
from tests.forms.helpers import entry, entry_by_label

OCCUPATIONS = {("инженер", "en"): "Engineer", ("инженер", "fr"): "Ingénieur"}


def dictionary(text: str, lang: str) -> str | None:
    return OCCUPATIONS.get((text, lang))


@pytest.fixture
def report(tmp_path, group, trip, extras):
    return render_forms("schengen-en", group, trip, tmp_path / "out", extras, translate=dictionary)


def test_one_file_per_tourist_named_surname_name_form(report, tmp_path):
    assert [p.name for p in report.files] == [
        "IVANOVA_MARIA_schengen-en.docx",
        "IVANOV_SERGEI_schengen-en.docx",
        "IVANOV_ARTEM_schengen-en.docx",
        # her place of birth is missing: written as a draft, and named so
        "SMIRNOVA_ANNA_schengen-en_DRAFT.docx",
    ]
    assert all(p.is_file() for p in report.files)
    assert not list((tmp_path / "out").glob(".*"))  # no temp files left behind


def test_values_land_in_their_field_rows(report):
    maria = report.files[0]
    assert entry(maria, "1") == "IVANOVA"
    assert entry(maria, "3") == "MARIA"
    assert entry(maria, "4") == "15.03.1985"
    assert entry(maria, "5") == "MOSKVA"
    assert entry(maria, "6") == "Russian Federation"
    assert entry(maria, "7", "Current") == "Russian Federation"
    assert entry(maria, "7", "Nationality at birth") == "USSR"
    assert "☒ Female" in entry(maria, "8") and "☐ Male" in entry(maria, "8")
    assert "☒ Married" in entry(maria, "9") and "☐ Single" in entry(maria, "9")
    assert "☒ Ordinary passport" in entry(maria, "12")
    assert entry(maria, "13") == "751234567"
    assert entry(maria, "14") == "01.06.2021"
    assert entry(maria, "15") == "01.06.2031"
    assert entry(maria, "19", "Applicant") == "UL. LENINA, 1, KV. 5\nMOSKVA 125009"
    assert entry(maria, "21") == "Engineer"
    assert entry(maria, "22") == "OOO ROMASHKA"
    assert "☒ Tourism" in entry(maria, "23")
    assert entry(maria, "25") == "Italy" and entry(maria, "26") == "Italy"
    assert entry(maria, "29") == "20.12.2026" and entry(maria, "30") == "05.01.2027"
    assert entry(maria, "31", "Surname") == "Hotel Artemide"
    assert entry_by_label(maria, "Date") == "27.11.2026"


def test_each_file_holds_its_own_tourist(report):
    sergei, artem = report.files[1], report.files[2]
    assert entry(sergei, "1") == "IVANOV" and entry(sergei, "3") == "SERGEI"
    assert "☒ Male" in entry(sergei, "8")
    # born after the USSR: no nationality at birth to declare
    assert entry(sergei, "7", "Nationality at birth") == ""
    assert entry(artem, "10").startswith("IVANOVA MARIA, IVANOV SERGEI")


def test_missing_required_field_is_reported_per_tourist(report):
    assert report.problems == {
        "SMIRNOVA_ANNA_schengen-en_DRAFT.docx": [
            "SMIRNOVA Anna: field 'Place of birth' (extra.place_of_birth) is empty"
        ]
    }
    # the clerk still gets the form, with the field left blank to fill in by hand
    assert entry(report.files[3], "5") == ""
    # marked at its top, so it is never taken for a checked form
    assert Document(str(report.files[3])).paragraphs[0].text.startswith("DRAFT – not checked (1 to fix")
    assert not Document(str(report.files[0])).paragraphs[0].text.startswith("DRAFT")


def test_minor_without_parental_authority_is_reported(tmp_path, group, trip, extras):
    del extras[103]["parental_authority"]
    report = render_forms("schengen-en", group[2:3], trip, tmp_path, extras)
    assert report.results[0].problems == [
        "IVANOV Artem: field 'Parental authority (for minors)' (extra.parental_authority) is empty; "
        "a minor's form needs it"
    ]


def test_french_form_prints_french_labels_and_values(tmp_path, group, trip, extras):
    report = render_forms("schengen-fr", group[:1], trip, tmp_path, extras, translate=dictionary)
    maria = report.files[0]
    assert maria.name == "IVANOVA_MARIA_schengen-fr.docx"
    assert entry(maria, "1") == "IVANOVA"
    assert entry(maria, "6") == "Fédération de Russie"
    assert entry(maria, "7", "Nationalité à la naissance") == "URSS"
    assert "☒ Féminin" in entry(maria, "8")
    assert "☒ Marié(e)" in entry(maria, "9")
    assert entry(maria, "21") == "Ingénieur"
    assert entry(maria, "25") == "Italie"


def test_namesakes_get_numbered_files(tmp_path, group, trip, extras):
    twins = [group[1], dict(group[1], client_id=105)]
    report = render_forms("schengen-en", twins, trip, tmp_path, extras)
    assert [p.name for p in report.files] == [
        "IVANOV_SERGEI_schengen-en.docx",
        "IVANOV_SERGEI_schengen-en_2_DRAFT.docx",  # client 105 has no extra information yet
    ]


def test_output_is_private(tmp_path, group, trip, extras):
    out = tmp_path / "new" / "batch"
    report = render_forms("schengen-en", group[:1], trip, out, extras)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE(report.files[0].stat().st_mode) & 0o077 == 0


def test_tourist_known_only_in_cyrillic_is_transliterated(tmp_path, group, trip, extras):
    person = dict(group[3], surname_lat=None, name_lat=None, surname_ru="Смирнова", name_ru="Анна")
    report = render_forms("schengen-en", [person], trip, tmp_path, extras)
    assert report.files[0].name == "SMIRNOVA_ANNA_schengen-en_DRAFT.docx"  # no place of birth
    assert entry(report.files[0], "1") == "SMIRNOVA"
    # the footer too names her in Latin letters, as the form does
    footer = Document(str(report.files[0])).sections[0].footer.paragraphs[0].text
    assert "SMIRNOVA ANNA" in footer and "Смирнова" not in footer


def test_extras_keyed_by_text_client_id_or_by_position(tmp_path, group, trip, extras):
    by_text = {"101": extras[101]}
    report = render_forms("schengen-en", group[:1], trip, tmp_path / "a", by_text, translate=dictionary)
    assert entry(report.files[0], "5") == "MOSKVA"
    anonymous = [dict(group[1], client_id=None)]
    report = render_forms("schengen-en", anonymous, trip, tmp_path / "b", {0: extras[102]})
    assert entry(report.files[0], "5") == "TVER"


def test_a_fixed_form_replaces_its_draft_and_a_failing_one_its_final(tmp_path, group, trip, extras):
    anna = group[3]
    first = render_forms("schengen-en", [anna], trip, tmp_path, extras)
    assert [p.name for p in tmp_path.iterdir()] == ["SMIRNOVA_ANNA_schengen-en_DRAFT.docx"]
    extras[anna["client_id"]]["place_of_birth"] = "Казань"
    second = render_forms("schengen-en", [anna], trip, tmp_path, extras)
    assert second.ok and not first.ok
    assert [p.name for p in tmp_path.iterdir()] == ["SMIRNOVA_ANNA_schengen-en.docx"]
    assert not Document(str(second.files[0])).paragraphs[0].text.startswith("DRAFT")
