"""The README's first command: the sample booking end to end, twice without duplicates."""

from __future__ import annotations

from click.testing import CliRunner
from docx import Document

from pipeline.cli import cli
from tests.store.helpers import counts


def test_demo_twice(tmp_path):
    out = tmp_path / "out"
    first = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "24 new clients" in first.stdout
    assert "schengen-en: 24 questionnaires" in first.stdout and "(2 failing the check, written as drafts" in first.stdout
    url = f"sqlite:///{(out / 'demo.sqlite3').resolve()}"
    before = counts(url)
    second = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert "0 new clients, 24 merged" in second.stdout
    assert counts(url) == before
    doc = Document(str(out / "forms" / "PAR-2027-0312" / "IVANOVA_OLGA_schengen-fr.docx"))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "IVANOVA" in text and "comptable" in text and "URSS" in text
