"""`tourdesk forms list|fields`, and the check table's advice, without a store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli.forms import forms
from pipeline.forms.check import check_rows, format_check
from pipeline.forms.render import fill_forms


def test_list_shows_every_shipped_form():
    result = CliRunner().invoke(forms, ["list"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.output.splitlines()]
    assert {"schengen-en", "schengen-fr", "china", "japan"} <= set(ids)


@pytest.mark.parametrize(
    ("form", "number", "expected"),
    [
        # number, label, source, required, fill language, translation
        ("schengen-en", "5", ["Place of birth", "extra.place_of_birth", "yes", "en", "translit:icao"]),
        ("schengen-fr", "21", ["Current occupation", "extra.occupation", "yes", "fr", "dictionary"]),
        ("schengen-en", "10", ["Parental authority (for minors)", "extra.parental_authority", "minors"]),
        (
            "china",
            "2.3",
            ["Longest intended stay in China (days)", "trip.stay_days or derive.stay_days", "yes"],
        ),
        ("japan", "16", ["Purpose of visit to Japan", "trip.purpose or 'tourism'", "yes", "en", "choice:"]),
    ],
)
def test_fields_prints_the_catalogue_as_a_table(form, number, expected):
    result = CliRunner().invoke(forms, ["fields", form])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1].split() == ["No.", "Field", "Source", "Required", "Fill", "Translation"]
    row = next(x for x in lines[3:] if x.split()[0] == number and expected[0] in x)
    cells = [c.strip() for c in row[len(number) :].split("  ") if c.strip()]
    assert [c for c, e in zip(cells, expected, strict=False) if not c.startswith(e)] == []


def test_fields_of_an_unknown_form_names_the_known_ones():
    result = CliRunner().invoke(forms, ["fields", "narnia"])
    assert result.exit_code == 1
    assert "no form 'narnia'" in result.output and "china" in result.output and "japan" in result.output


def test_check_table_says_what_to_run(group, trip, extras):
    del extras[104]["phone"]
    extras[101]["occupation"] = "оператор котельной"
    batch = fill_forms("schengen-fr", group, dict(trip, hotel=None), extras, translate=lambda t, lang: None)
    rows = {(r.tourist, r.field): r for r in check_rows(batch, "ROM-1")}
    occupation = rows[("IVANOVA Maria", "21 Current occupation")]
    assert occupation.problem == "not translated: оператор котельной"
    assert occupation.fix == 'tourdesk dictionary add "оператор котельной" --fr "..."'
    phone = rows[("SMIRNOVA Anna", "19 Telephone number(s)")]
    assert (phone.problem, phone.fix) == ("empty", 'tourdesk clients info 104 --set phone="..."')
    hotel = rows[("IVANOVA Maria", "31 Inviting person or hotel")]
    # the trip exists: the fix edits it (create would refuse an existing voucher)
    assert hotel.fix == 'tourdesk trips edit ROM-1 --hotel "..."'
    assert ("IVANOVA Maria", "9 Civil status") not in rows  # "married" needs no dictionary
    lines = format_check(check_rows(batch, "ROM-1"))
    assert lines[0].split()[:3] == ["Tourist", "Client", "Field"]
    assert any("SMIRNOVA Anna" in x and "clients info 104" in x for x in lines)


def test_check_table_for_choices_lists_the_values(group, trip, extras):
    extras[102]["civil_status"] = "замужем"  # no dictionary here: not an option
    batch = fill_forms("japan", group[1:2], trip, extras)
    rows = {r.field: r for r in check_rows(batch, None)}
    civil = rows["7 Marital status"]
    assert civil.problem == "not usable: замужем"
    assert civil.fix == 'tourdesk clients info 102 --set civil_status="single|married|widowed|divorced"'
    assert rows["30 Convicted of a crime"].fix.endswith('--set crime_convicted="yes|no"')


def test_render_shows_a_screenful_of_the_check_and_says_how_to_see_the_rest(group, trip, extras, capsys):
    from pipeline.cli.forms import _print_check

    for e in extras.values():
        e.clear()
    batch = fill_forms("schengen-en", group, trip, extras)
    assert _print_check(batch, "ROM-1", limit=5, err=True)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "check: 4 of 4 questionnaires of schengen-en need something:"
    assert len(err) == 1 + 2 + 5 + 1  # title, header and rule, five rows, the rest
    assert err[-1].strip().startswith("... and ") and err[-1].endswith(
        "tourdesk forms check --form schengen-en --trip ROM-1"
    )
