"""Values print exactly as typed: no XML damage, no template evaluation of data."""

from __future__ import annotations

import pytest
from docx import Document

from pipeline.forms.render import render_forms
from plugins.exporters.docx_render import render
from tests.forms.helpers import entry


@pytest.fixture
def one_line_template(tmp_path):
    path = tmp_path / "form" / "template.docx"
    path.parent.mkdir()
    doc = Document()
    doc.add_paragraph("Value: {{ value }}")
    doc.save(path)
    return path


@pytest.mark.parametrize(
    "value, printed",
    [
        ("García & Co <b>", "García & Co <b>"),
        ("a < b > c \"quoted\" 'single' &amp;", "a < b > c \"quoted\" 'single' &amp;"),
        ("{{ 7 * 7 }} {% if true %}x{% endif %}", "{{ 7 * 7 }} {% if true %}x{% endif %}"),
        ("</w:t></w:r></w:p><w:p><w:r><w:t>injected", "</w:t></w:r></w:p><w:p><w:r><w:t>injected"),
        ("line one\nline two", "line one\nline two"),
        ("windows\r\nline", "windows\nline"),
        ("bell\x07 vt\x0b nul\x00 gone", "bell vt nul gone"),
        (None, ""),
        (42, "42"),
    ],
)
def test_value_prints_exactly(tmp_path, one_line_template, value, printed):
    out = tmp_path / "out.docx"
    render(one_line_template, [({"value": value}, out)])
    assert Document(str(out)).paragraphs[0].text == f"Value: {printed}"


def test_newline_becomes_a_line_break_not_a_new_paragraph(tmp_path, one_line_template):
    out = tmp_path / "out.docx"
    render(one_line_template, [({"value": "one\ntwo"}, out)])
    doc = Document(str(out))
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0]._p.xml.count("<w:br/>") == 1


def test_escaping_in_a_real_form(tmp_path, group, trip, extras):
    extras[101]["employer"] = "García & Co <b>\nVia Roma 1"
    report = render_forms("schengen-en", group[:1], trip, tmp_path, extras)
    assert entry(report.files[0], "22") == "García & Co <b>\nVia Roma 1"


def test_bare_docxtpl_loses_the_value_ours_keeps_it(tmp_path, one_line_template):
    """Why the exporter exists: docxtpl's defaults drop '&' and '<b>' silently."""
    from docxtpl import DocxTemplate

    bare = DocxTemplate(one_line_template)
    bare.render({"value": "García & Co <b>"})
    bare.save(tmp_path / "bare.docx")
    assert Document(str(tmp_path / "bare.docx")).paragraphs[0].text != "Value: García & Co <b>"


def test_docxtpl_rich_text_keeps_its_formatting(tmp_path):
    from docxtpl import RichText

    template = tmp_path / "rich" / "template.docx"
    template.parent.mkdir()
    doc = Document()
    doc.add_paragraph("Value: {{r value }}")
    doc.save(template)
    out = tmp_path / "out.docx"
    render(template, [({"value": RichText("bold & <b>", bold=True)}, out)])
    paragraph = Document(str(out)).paragraphs[0]
    assert paragraph.text == "Value: bold & <b>"
    assert any(run.bold for run in paragraph.runs)
