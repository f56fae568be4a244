"""`tourdesk translit` per CONTRACT.md: one output line per input line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli


@pytest.mark.parametrize(
    ("text", "latin"),
    [("Юлия", "IULIIA"), ("Подъячева", "PODIEIACHEVA"), ("Цой", "TSOI"), ("Щукин", "SHCHUKIN"),
     ("Йошкар-Ола", "IOSHKAR-OLA"), ("Римская-Корсакова", "RIMSKAIA-KORSAKOVA"), ("Дьяков", "DIAKOV")],
)  # fmt: skip
def test_to_latin_is_icao(text, latin):
    result = CliRunner().invoke(cli, ["translit", "--to", "lat", text])
    assert result.exit_code == 0 and result.stdout == latin + "\n"


def test_lines_in_lines_out_including_blank_ones():
    result = CliRunner().invoke(cli, ["translit", "--to", "lat"], input="Иванов\n\nЁлкина\n")
    assert result.stdout.split("\n")[:3] == ["IVANOV", "", "ELKINA"]


def test_to_russian():
    result = CliRunner().invoke(cli, ["translit", "--to", "ru", "IULIIA", "TSOI", "PODIEIACHEVA"])
    assert result.stdout.splitlines() == ["Юлия", "Цой", "Подъячева"]


def test_unknown_scheme_is_bad_usage():
    assert CliRunner().invoke(cli, ["translit", "--to", "lat", "--scheme", "klingon", "x"]).exit_code == 2
