"""Write ``templates/forms/<id>/template.docx`` from each form's ``fields.yaml``.

Run after editing a catalogue: ``.venv/bin/python tools/build_form_templates.py [form-id...]``.
The output is a plain docxtpl template (one table row per field, ``{{ key }}`` in the value
cell), so a clerk can still restyle it in Word; re-running this script overwrites it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.forms.spec import FieldSpec, FormSpec, parse_form, read_catalogue  # noqa: E402

FORMS = ROOT / "templates" / "forms"
#: the first field number printed on the second page
PAGE_TWO_FROM = 23
WIDTHS = (Cm(1.0), Cm(6.6), Cm(10.4))
GREY = "D9D9D9"

WORDS = {
    "en": {
        "free": "This application form is free",
        "no": "No.",
        "field": "Field",
        "entry": "Entry",
        "personal": "Personal data",
        "journey": "Journey",
        "signature": "Signature (for minors, signature of parental authority/legal guardian)",
        "page": "Page",
    },
    "fr": {
        "free": "Ce formulaire est gratuit",
        "no": "N°",
        "field": "Rubrique",
        "entry": "Réponse",
        "personal": "Données personnelles",
        "journey": "Voyage",
        "signature": "Signature (pour les mineurs, signature de l'autorité parentale / du tuteur légal)",
        "page": "Page",
    },
    "ru": {
        "free": "Анкета выдаётся бесплатно",
        "no": "№",
        "field": "Поле",
        "entry": "Ответ",
        "personal": "Личные данные",
        "journey": "Поездка",
        "signature": "Подпись (за несовершеннолетнего — подпись родителя / законного представителя)",
        "page": "Страница",
    },
}


def load(form_dir: Path) -> FormSpec:
    data = read_catalogue(form_dir / "fields.yaml")
    base = load(FORMS / data["extends"]) if data.get("extends") else None
    return parse_form(data, form_dir, base)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def tag(expr: str) -> str:
    """A docxtpl placeholder; kept in one run so Word does not split it."""
    return "{{ " + expr + " }}"


def label_text(spec: FieldSpec, form: FormSpec) -> str:
    return " / ".join(dict.fromkeys(spec.label(lang) for lang in form.languages))


def fill_value_cell(cell, spec: FieldSpec, form: FormSpec) -> None:
    p = cell.paragraphs[0]
    if spec.type != "choice":
        p.add_run(tag(spec.key)).bold = True
        return
    for i, option in enumerate(spec.options):
        if i:
            p.add_run("   ")
        p.add_run(tag(f"{spec.key}.boxes.{option.value}"))
        p.add_run(" " + " / ".join(dict.fromkeys(option.label(lang) for lang in form.languages)))
        if option.value == "other":
            p.add_run("{% if " + spec.key + ".other %}: {% endif %}")
            p.add_run(tag(f"{spec.key}.other")).bold = True


def add_table(
    doc, form: FormSpec, words: dict[str, str], heading: str, fields: list[FieldSpec], new_page: bool = False
):
    h = doc.add_paragraph()
    # the heading starts the page itself: a separate break paragraph would spill onto an
    # empty page of its own whenever the previous table ends exactly at the bottom
    h.paragraph_format.page_break_before = new_page or None
    h.paragraph_format.space_before = Pt(4)
    h.paragraph_format.space_after = Pt(2)
    h.add_run(heading).bold = True
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, (words["no"], words["field"], words["entry"]), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, GREY)
    _repeat_header(table.rows[0])
    for spec in fields:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(spec.number)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[1].paragraphs[0].add_run(label_text(spec, form))
        fill_value_cell(cells[2], spec, form)
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width  # the grid: LibreOffice and Word lay the table out from it
    for row in table.rows:
        row.height = Cm(0.62)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = width
    return table


def layout(form: FormSpec) -> dict:
    """The catalogue's optional ``layout`` (notice, signature, sections), or its parent's."""
    data = read_catalogue(form.folder / "fields.yaml")
    if not data.get("layout") and data.get("extends"):
        return layout(load(form.folder.parent / str(data["extends"])))
    return dict(data.get("layout") or {})


def sections(form: FormSpec, words: dict[str, str]) -> list[tuple[str, list[FieldSpec], bool]]:
    """(heading, fields, starts a new page) per table of the form.

    A catalogue without ``layout.sections`` gets the Schengen layout: personal data, then the
    journey on page two from field PAGE_TWO_FROM.
    """
    spec = layout(form).get("sections")
    if not spec:
        first = [f for f in form.fields if f.number and int(f.number) < PAGE_TWO_FROM]
        second = [f for f in form.fields if f not in first]
        return [(words["personal"], first, False), (words["journey"], second, True)]
    keys = [f.key for f in form.fields]
    starts = []
    for entry in spec:
        if entry["first"] not in keys:
            raise SystemExit(
                f"{form.id}: layout section {entry['heading']!r} starts at unknown field {entry['first']!r}"
            )
        starts.append(keys.index(entry["first"]))
    if starts != sorted(starts) or starts[0] != 0:
        raise SystemExit(
            f"{form.id}: layout sections must start at the first field and follow the field order"
        )
    ends = [*starts[1:], len(keys)]
    return [
        (str(entry["heading"]), list(form.fields[a:b]), bool(entry.get("new_page")))
        for entry, a, b in zip(spec, starts, ends, strict=True)
    ]


def build(form: FormSpec) -> Path:
    # a form's own notice and signature line win over the Schengen wording
    words = {
        **WORDS[form.language],
        **{k: str(v) for k, v in layout(form).items() if k in ("free", "signature")},
    }
    if "notice" in layout(form):
        words["free"] = str(layout(form)["notice"])
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.2), Cm(1.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(8.5)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(form.title.upper())
    run.bold, run.font.size = True, Pt(13)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(words["free"]).italic = True

    table = None
    for i, (heading, fields, new_page) in enumerate(sections(form, words)):
        table = add_table(doc, form, words, heading, fields, new_page=bool(i and new_page))
    assert table is not None, f"form {form.id!r} has no fields"
    cells = table.add_row().cells
    cells[1].paragraphs[0].add_run(words["signature"])
    table.rows[-1].height = Cm(2.0)
    for cell, width in zip(cells, WIDTHS, strict=True):
        cell.width = width

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note = footer.add_run(f"{tag('form.title')} · {tag('applicant')} · {words['page']} ")
    note.font.size, note.font.color.rgb = Pt(7), RGBColor(0x59, 0x59, 0x59)
    _page_field(footer)

    props = doc.core_properties
    props.title, props.author, props.comments = form.title, "Tourdesk", "docxtpl template"
    # fixed dates: re-running the script on an unchanged catalogue gives the same file
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by, props.revision = "Tourdesk", 1
    out = form.folder / "template.docx"
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_finish(buf.getvalue()))
    return out


#: parts python-docx's default template carries that no form uses: Word 2010's copy of the
#: styles and a thumbnail. With the unused styles they made every form ~850 KB unpacked,
#: and LibreOffice parsed them for each PDF (a third of its time per document).
_UNUSED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _slim_styles(styles_xml: bytes, used_xml: str) -> bytes:
    """styles.xml with only the styles the document uses (and what they are based on)."""
    root = etree.fromstring(styles_xml)
    by_id = {st.get(f"{_W}styleId"): st for st in root.findall(f"{_W}style")}
    keep = set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', used_xml))
    keep |= {i for i, st in by_id.items() if st.get(f"{_W}default") == "1"}
    todo = list(keep)
    while todo:
        st = by_id.get(todo.pop())
        for tag in ("basedOn", "link", "next"):
            ref = st.find(f"{_W}{tag}") if st is not None else None
            if ref is not None and ref.get(f"{_W}val") not in keep:
                keep.add(ref.get(f"{_W}val"))
                todo.append(ref.get(f"{_W}val"))
    for style_id, st in by_id.items():
        if style_id not in keep:
            root.remove(st)
    latent = root.find(f"{_W}latentStyles")
    if latent is not None:
        root.remove(latent)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _finish(docx: bytes) -> bytes:
    """The saved template, slimmed, with fixed member dates (an unchanged catalogue gives an
    unchanged file)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        used = "".join(
            zin.read(n).decode()
            for n in zin.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|numbering)\.xml", n)
        )
        for info in zin.infolist():
            if info.filename in _UNUSED_PARTS:
                continue
            data = zin.read(info)
            if info.filename == "word/styles.xml":
                data = _slim_styles(data, used)
            elif info.filename == "[Content_Types].xml" or info.filename.endswith(".rels"):
                text = data.decode()
                for part in _UNUSED_PARTS:
                    name = re.escape(part.rsplit("/", 1)[-1])
                    text = re.sub(rf'<Override PartName="/[^"]*{name}"[^>]*/>', "", text)
                    text = re.sub(rf'<Relationship [^>]*Target="[^"]*{name}"[^>]*/>', "", text)
                data = text.encode()
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zout.writestr(fixed, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main(argv: list[str]) -> None:
    folders = [FORMS / name for name in argv] or sorted(p.parent for p in FORMS.glob("*/fields.yaml"))
    for folder in folders:
        print(build(load(folder)).relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
