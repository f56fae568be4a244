"""``tourdesk dictionary`` through click's CliRunner, and the dictionary inside a questionnaire."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from pipeline.cli.dictionary import dictionary
from pipeline.dictionary.translate import form_translator
from pipeline.record import CANONICAL_FIELDS


def run(url: str, *args: str) -> Any:
    return CliRunner().invoke(dictionary, [*args, "--db", url], catch_exceptions=False)


def test_missing_then_add_then_rendered(db_url):
    assert "Nothing missing" in run(db_url, "missing").output
    translate = form_translator(db_url, "schengen-fr", 7)
    assert translate("Оператор котельной", "fr") is None

    out = run(db_url, "missing")
    assert out.exit_code == 0
    line = next(x for x in out.output.splitlines() if x.startswith("Оператор котельной"))
    assert line.split()[2:6] == ["fr", "schengen-fr", "7", "1"]

    out = run(db_url, "add", "оператор котельной", "--en", "boiler operator", "--fr", "opérateur de chaufferie",
              "--kind", "occupation")
    assert out.exit_code == 0 and out.output.startswith("added: оператор котельной → boiler operator")
    assert "Nothing missing" in run(db_url, "missing").output
    assert form_translator(db_url, "schengen-fr", 7)("ОПЕРАТОР КОТЕЛЬНОЙ", "fr") == "opérateur de chaufferie"


def test_add_corrects_and_shows_the_old_values(db_url):
    out = run(db_url, "add", "Менеджер", "--fr", "gestionnaire")
    assert out.output.strip() == "corrected: менеджер → manager / gestionnaire (was: manager / manager)"
    assert run(db_url, "add", "менеджер", "--fr", "gestionnaire").output.startswith("already so")


def test_add_without_a_translation_is_bad_usage(db_url):
    out = CliRunner().invoke(dictionary, ["add", "что-то", "--db", db_url])
    assert out.exit_code == 2 and "--en" in out.output


def test_list_by_kind_and_search(db_url):
    out = run(db_url, "list", "--kind", "civil_status", "--search", "замужем")
    assert out.exit_code == 0
    assert "замужем" in out.output and "mariée" in out.output and "холост" not in out.output
    assert "No entries found." in run(db_url, "list", "--search", "zzzz").output


def test_export_then_import(db_url, tmp_path):
    out_file = tmp_path / "dictionary.xlsx"
    out = run(db_url, "export", str(out_file), "--kind", "relation")
    assert out.exit_code == 0 and out_file.is_file()
    assert run(db_url, "import", str(out_file)).output.startswith("0 added, 0 corrected")


def test_import_tells_the_clerk_what_is_wrong(db_url, tmp_path):
    bad = tmp_path / "words.csv"
    bad.write_text("russian;english\nМосква;Moscow\n", encoding="utf-8")
    out = CliRunner().invoke(dictionary, ["import", str(bad), "--db", db_url])
    assert out.exit_code == 1 and "words.csv: no column" in out.output
    out = CliRunner().invoke(dictionary, ["import", str(tmp_path / "nope.csv"), "--db", db_url])
    assert out.exit_code == 1 and "file not found" in out.output


def test_questionnaire_uses_the_store_dictionary(db_url):
    from pipeline.forms.render import build_context, load_form

    person: dict[str, Any] = dict.fromkeys(CANONICAL_FIELDS)
    person.update(client_id=5, surname_lat="PETROVA", name_lat="OLGA", gender="F", birth_date="1970-01-02",
                  citizenship="RUS", passport_series="75", passport_number="1234567", passport_expiry="2031-01-01")
    extra = {"occupation": "Пенсионерка", "place_of_birth": "Москва", "country_of_birth": "СССР"}
    ctx, _ = build_context(load_form("schengen-fr"), person, None, extra, form_translator(db_url, "schengen-fr", 5))
    assert ctx["occupation"] == "retraitée"

    extra["occupation"] = "Вышивальщица"
    ctx, problems = build_context(load_form("schengen-fr"), person, None, extra, form_translator(db_url, "schengen-fr", 5))
    assert any("Вышивальщица" in p for p in problems)
    assert "Вышивальщица" in run(db_url, "missing").output


def test_civil_status_ticks_the_right_box(db_url):
    from pipeline.forms.render import build_context, load_form

    person: dict[str, Any] = dict.fromkeys(CANONICAL_FIELDS)
    person.update(client_id=6, surname_lat="PETROVA", name_lat="OLGA", gender="F", birth_date="1950-01-02")
    for said, box in [("Вдова", "widowed"), ("замужем", "married"), ("не замужем", "single"), ("разведена", "divorced")]:
        ctx, _ = build_context(load_form("schengen-en"), person, None, {"civil_status": said},
                               form_translator(db_url, "schengen-en", 6))
        assert ctx["civil_status"]["boxes"][box] == "☒", said
