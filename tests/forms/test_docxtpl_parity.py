"""The fast path writes the same document text as docxtpl's own render (sandboxed, escaped)."""

from __future__ import annotations

from docx import Document
from docxtpl import DocxTemplate

from pipeline.forms.render import build_context, load_form
from plugins.exporters.docx_render import render, sandbox


def _text(path):
    doc = Document(str(path))
    tables = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    paragraphs = [p.text for p in doc.paragraphs]
    footer = [p.text for p in doc.sections[0].footer.paragraphs]
    return tables, paragraphs, footer


def test_same_text_as_docxtpl_render(tmp_path, group, trip, extras):
    form = load_form("schengen-en")
    extras[101]["employer"] = "García & Co <b>\nsecond line"
    ctx, _ = build_context(form, group[0], trip, extras[101])
    ours = render(form.template_path, [(ctx, tmp_path / "ours.docx")])[0]
    bare = DocxTemplate(form.template_path)
    bare.render(ctx, jinja_env=sandbox(), autoescape=True)
    bare.save(tmp_path / "docxtpl.docx")
    assert _text(ours) == _text(tmp_path / "docxtpl.docx")


def test_column_loop_template_gets_docxtpl_table_fix(tmp_path):
    """Cell-level tags change the column count per document: the grid is fixed each time."""
    from plugins.exporters.docx_render import prepare

    path = tmp_path / "cols" / "template.docx"
    path.parent.mkdir()
    doc = Document()
    table = doc.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "{%tc for c in cols %}"
    table.add_column(table.columns[0].width)
    table.cell(0, 1).text = "{{ c }}"
    table.add_column(table.columns[0].width)
    table.cell(0, 2).text = "{%tc endfor %}"
    doc.save(path)
    assert prepare(path).fix_body
    ctx = {"cols": ["A & B", "C", "D", "E"]}
    ours = render(path, [(ctx, tmp_path / "ours.docx")])[0]
    bare = DocxTemplate(path)
    bare.render(ctx, jinja_env=sandbox(), autoescape=True)
    bare.save(tmp_path / "docxtpl.docx")
    assert _text(ours) == _text(tmp_path / "docxtpl.docx")
    assert _text(ours)[0][0] == ["A & B", "C", "D", "E"]
    grid = Document(str(ours)).tables[0]._tbl.tblGrid
    assert len(grid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")) == 4
