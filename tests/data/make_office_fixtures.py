"""Write the Excel, Word and PDF tourist lists under tests/data/importers/.

Run from the repository root: ``.venv/bin/python -m tests.data.make_office_fixtures``.
The files are committed; this script says how they were made and rebuilds them.

They are written the way agencies' programs write them: xlsxwriter and openpyxl (what
Excel-like tools and web exports produce), python-docx for Word, LibreOffice (when
installed) for .xls/.ods/.doc and a Word-to-PDF export, fpdf2 for a PDF report with a
ruled table drawn line by line. The benchmark reuses the generators for its large inputs.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

OUT = Path(__file__).parent / "importers"
HEADER = [
    "№",
    "Фамилия",
    "Имя",
    "Фамилия (лат.)",
    "Имя (лат.)",
    "Пол",
    "Дата рожд.",
    "Загранпаспорт",
    "Действителен до",
    "Гражданство",
]
TITLE = "Список туристов / Tour: Анталья, 12.07.2026–22.07.2026"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# fmt: off
# (surname, name, surname_lat, name_lat, gender, birth, passport, expiry, citizenship)
# Passports are numbers here on purpose: that is how Excel stores what a clerk types.
TOURISTS = [
    ("Иванов", "Иван", "IVANOV MR", "IVAN", "М", dt.date(1980, 5, 1), 751234567, dt.date(2031, 3, 14), "RUS"),
    ("Иванова", "Мария", "IVANOVA MRS", "MARIIA", "Ж", dt.date(1982, 11, 23), 751234568, dt.date(2031, 3, 14), "RUS"),
    ("Петрова*", "Анна", "PETROVA", "ANNA", "Ж", dt.date(2015, 2, 28), 762345678, dt.date(2030, 8, 1), "RUS"),
    ("Римская-Корсакова", "Ольга", "RIMSKAIA-KORSAKOVA", "OLGA", "Ж", dt.date(1975, 7, 9), 770012345, dt.date(2029, 12, 31), "RUS"),
    ("Smith", "John", "SMITH", "JOHN", "M", dt.date(1969, 1, 15), "533380006", dt.date(2028, 6, 30), "GBR"),
    ("Ёлкин", "Пётр", "ELKIN", "PETR", "М", dt.date(1990, 12, 1), 720987654, dt.date(2027, 4, 5), "RUS"),
    ("Ким", "Алия", "KIM", "ALIIA", "Ж", dt.date(2001, 6, 17), "0012345", dt.date(2032, 1, 20), "KAZ"),
    ("Сидоров", "Артём", "SIDOROV", "ARTEM", "М", dt.date(1988, 3, 3), 751112233, dt.date(2030, 10, 10), "RUS"),
]

_ICAO_PAIRS = (
    "а a|б b|в v|г g|д d|е e|ё e|ж zh|з z|и i|й i|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u"
    "|ф f|х kh|ц ts|ч ch|ш sh|щ shch|ъ ie|ы y|ь |э e|ю iu|я ia"
)
_ICAO = {pair[0]: pair[2:] for pair in _ICAO_PAIRS.split("|")}
_SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
             "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев"]
_NAMES_M = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья"]
_NAMES_F = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Юлия", "Ольга"]
# fmt: on


def icao(text: str) -> str:
    return "".join(_ICAO.get(ch, ch) for ch in text.lower()).upper()


def generate(n: int, seed: int = 7) -> list[tuple]:
    """``n`` plausible tourists, the same for the same seed."""
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        female = rnd.random() < 0.5
        surname = rnd.choice(_SURNAMES) + ("а" if female else "")
        name = rnd.choice(_NAMES_F if female else _NAMES_M)
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(25000))
        expiry = dt.date(2027, 1, 1) + dt.timedelta(days=rnd.randrange(3000))
        passport = rnd.randrange(70, 77) * 10**7 + rnd.randrange(10**7)
        rows.append(
            (surname, name, icao(surname), icao(name), "Ж" if female else "М", birth, passport, expiry, "RUS")
        )
    return rows


def text_row(i: int, t: tuple) -> list[str]:
    """A tourist as a Word or PDF table prints it."""
    return [
        str(i),
        t[0],
        t[1],
        t[2],
        t[3],
        t[4],
        t[5].strftime("%d.%m.%Y"),
        str(t[6]),
        t[7].strftime("%d.%m.%Y"),
        t[8],
    ]


# --- Excel ---------------------------------------------------------------------------


def write_xlsx(path: Path, tourists: list[tuple] = TOURISTS, extras: bool = True) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    date = wb.add_format({"num_format": "dd.mm.yyyy", "border": 1})
    cell = wb.add_format({"border": 1})
    ws = wb.add_worksheet("Туристы")
    ws.merge_range(0, 0, 0, 9, TITLE, wb.add_format({"bold": True, "font_size": 14}))
    ws.write(1, 0, "Заказчик: ООО «Солнечный берег»")
    ws.write_row(3, 0, HEADER, bold)
    r = 4
    for i, t in enumerate(tourists, start=1):
        ws.write_number(r, 0, i, cell)
        ws.write_row(r, 1, t[:5], cell)
        ws.write_datetime(r, 6, dt.datetime.combine(t[5], dt.time()), date)
        if isinstance(t[6], int):
            ws.write_number(r, 7, t[6], cell)
        else:
            ws.write_string(r, 7, t[6], cell)
        ws.write_datetime(r, 8, dt.datetime.combine(t[7], dt.time()), date)
        ws.write_string(r, 9, t[8], cell)
        r += 1
        if extras and i == 4:
            r += 1  # a blank line the clerk left between families
    if extras:
        ws.write(4, 11, "*")  # a stray mark right of the table
        ws.write(r + 1, 1, f"Итого: {len(tourists)} чел.")
        # Formatted but empty columns and rows, as a template leaves them.
        for c in range(12, 16):
            ws.write_blank(r + 3, c, None, cell)
        _xlsx_second_sheet(wb, bold, date)
        hidden = wb.add_worksheet("Справочник")
        hidden.write_column(0, 0, ["RUS", "KAZ", "GBR"])
        hidden.hide()
        wb.add_worksheet("Лист3")
    wb.close()


def _xlsx_second_sheet(wb, bold, date) -> None:  # noqa: ANN001 - xlsxwriter objects
    ws = wb.add_worksheet("Группа 2")
    ws.merge_range(0, 0, 1, 0, "№", bold)
    ws.merge_range(0, 1, 0, 2, "Фамилия", bold)
    ws.merge_range(0, 3, 0, 4, "Имя", bold)
    ws.write_row(1, 1, ["рус", "лат", "рус", "лат"], bold)
    ws.merge_range(0, 5, 1, 5, "Дата рожд.", bold)
    ws.merge_range(0, 6, 1, 6, "Группа", bold)
    ws.merge_range(2, 6, 4, 6, "Группа А", bold)  # one group value over three tourists
    people = [
        ("Орлов", "ORLOV", "Глеб", "GLEB", dt.date(1999, 9, 9)),
        ("Орлова", "ORLOVA", "Вера", "VERA", dt.date(2000, 1, 2)),
        ("Орлова", "ORLOVA", "Ева", "EVA", dt.date(2020, 4, 30)),
    ]
    for i, p in enumerate(people):
        ws.write_number(2 + i, 0, i + 1)
        ws.write_row(2 + i, 1, p[:4])
        ws.write_datetime(2 + i, 5, dt.datetime.combine(p[4], dt.time()), date)


def write_openpyxl_xlsx(path: Path) -> None:
    """A plain export as web systems and scripts make it (openpyxl, no styles)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(HEADER)
    for i, t in enumerate(TOURISTS[:3], start=1):
        ws.append([i, *t])
    ws.append([None] * 10)  # trailing empty rows a template keeps
    wb.save(path)


def write_html_xls(path: Path) -> None:
    """A booking system's "Excel export": an HTML table in Windows-1251 named .xls."""
    cells = "".join
    head = cells(f"<th>{h}</th>" for h in HEADER)
    body = []
    for i, t in enumerate(TOURISTS[:4], start=1):
        row = [f"<td>{v}</td>" for v in text_row(i, t)]
        if i == 2:
            row[1] = row[1].replace("</td>", "<br></td>")
            row.pop()  # citizenship comes from the family's merged cell above
        if i == 1:
            row[-1] = '<td rowspan="2">RUS</td>'
        body.append("<tr>" + cells(row) + "</tr>")
    page = (
        "<html><head><title>Export</title></head><body>"
        f'<table border="1"><tr><td colspan="10"><b>{TITLE}</b></td></tr>'
        f"<tr>{head}</tr>{''.join(body)}"
        '<tr><td colspan="10">Всего: 4 туриста</td></tr></table></body></html>'
    )
    path.write_bytes(page.encode("cp1251"))


def write_spreadsheetml(path: Path) -> None:
    """Excel 2003 XML as 1C writes it: typed cells, merges, a skipped column via ss:Index."""

    def cell(value: object, extra: str = "") -> str:
        if isinstance(value, dt.date):
            kind, text = "DateTime", value.strftime("%Y-%m-%dT00:00:00.000")
        elif isinstance(value, int):
            kind, text = "Number", str(value)
        else:
            kind, text = "String", str(value)
        return f'<Cell{extra}><Data ss:Type="{kind}">{text}</Data></Cell>'

    rows = [f'<Row><Cell ss:MergeAcross="9"><Data ss:Type="String">{TITLE}</Data></Cell></Row>']
    rows.append('<Row ss:Index="3">' + "".join(cell(h) for h in HEADER) + "</Row>")
    for i, t in enumerate(TOURISTS[:3], start=1):
        rows.append("<Row>" + cell(i) + "".join(cell(v) for v in t) + "</Row>")
    rows.append('<Row><Cell ss:Index="2"><Data ss:Type="String">Итого: 3</Data></Cell></Row>')
    hidden = (
        '<Worksheet ss:Name="Справочник"><Table><Row>' + cell("RUS") + "</Row></Table>"
        '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
        "<Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>"
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="Туристы"><Table>{"".join(rows)}</Table></Worksheet>{hidden}'
        "</Workbook>"
    )
    path.write_text(xml, encoding="utf-8")


def write_protected(src: Path, path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with src.open("rb") as fh:
        OOXMLFile(fh).encrypt("tour2026", out)
    path.write_bytes(out.getvalue())


# --- Word ----------------------------------------------------------------------------


def write_docx(path: Path, tourists: list[tuple] = TOURISTS, extras: bool = True) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.add_heading("Список туристов", level=1)
    doc.add_paragraph("Тур: Анталья, 12.07.2026–22.07.2026. Отель Sunrise 5*.")
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    head = table.rows[0]
    # Repeat the header on each page, as agencies set it for long lists (and PDFs of them).
    tr_pr = head._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    for cell, text in zip(head.cells, HEADER, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for i, t in enumerate(tourists, start=1):
        cells = table.add_row().cells
        for cell, text in zip(cells, text_row(i, t), strict=True):
            cell.text = text
    if extras:
        # "Имя" typed with Enter between two names: one value, two paragraphs.
        table.rows[2].cells[2].add_paragraph("Александровна")
        # Citizenship merged down over the first two tourists (one family).
        table.cell(2, 9).text = ""  # Word joins merged cells' text; the clerk cleared it first
        table.cell(1, 9).merge(table.cell(2, 9))
        row = table.add_row()
        note = row.cells[1].merge(row.cells[9])
        note.text = "Трансфер: встреча в аэропорту"
        doc.add_paragraph("Проживание:")
        hotel = doc.add_table(rows=3, cols=3)
        hotel.style = "Table Grid"
        for r, values in enumerate(
            [
                ("Отель", "Номер", "Даты"),
                ("Sunrise 5*", "DBL", "12.07–22.07"),
                ("Sunrise 5*", "SGL", "12.07–22.07"),
            ]
        ):
            for c, v in enumerate(values):
                hotel.cell(r, c).text = v
    # Word always ends a document with a paragraph; a file ending in a table loses that
    # table when LibreOffice saves it as .doc.
    doc.add_paragraph("Менеджер: Соколова Е. В., тел. +7 495 000-00-00")
    doc.save(path)


# --- PDF -----------------------------------------------------------------------------


def _pdf(font_size: float = 8):  # noqa: ANN202 - fpdf2 object
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    if FONT.exists():
        pdf.add_font("DejaVu", "", str(FONT))
        pdf.set_font("DejaVu", size=font_size)
    else:  # no Cyrillic font: the benchmark still runs, with Latin text only
        pdf.set_font("Helvetica", size=font_size)
    return pdf


_WIDTHS = [10, 32, 28, 38, 28, 12, 24, 30, 30, 26]


def _pdf_row(pdf, y: float, cells: list[str], height: float = 7) -> None:  # noqa: ANN001
    x = 10.0
    for w, text in zip(_WIDTHS, cells, strict=True):
        pdf.rect(x, y, w, height)
        for k, line in enumerate(text.split("\n")):
            pdf.text(x + 1, y + 4.5 + k * 3.5, line)
        x += w


def _latin_safe(cells: list[str]) -> list[str]:
    if FONT.exists():
        return cells
    return [c if c.isascii() else icao(c) for c in cells]


def write_ruled_pdf(path: Path, rows: list[list[str]], per_page: int, split_at: int | None = None) -> None:
    """A ruled table, header repeated on each page; row ``split_at`` breaks across pages.

    The split row is drawn as Word and LibreOffice draw it: its first line closes the page,
    the rest (only in the cells that wrap) opens the next one, under the repeated header.
    """
    pdf = _pdf()
    header = _latin_safe(HEADER)
    title = TITLE if FONT.exists() else "Tourist list / Tour: Antalya"

    def new_page() -> None:
        pdf.add_page()
        pdf.text(10, 12, title)
        _pdf_row(pdf, 16, header)

    y, on_page = 0.0, per_page
    for i, cells in enumerate(rows):
        if on_page >= per_page:
            new_page()
            y, on_page = 23.0, 0
        cells = _latin_safe(cells)
        if i == split_at and on_page == per_page - 1:
            _pdf_row(pdf, y, [c.split("\n")[0] for c in cells])
            new_page()
            _pdf_row(pdf, 23, ["" if "\n" not in c else c.split("\n", 1)[1] for c in cells])
            y, on_page = 30.0, 1
            continue
        height = 10.0 if any("\n" in c for c in cells) else 7.0
        _pdf_row(pdf, y, cells, height)
        y += height
        on_page += 1
    pdf.output(str(path))


def pdf_rows(tourists: list[tuple]) -> list[list[str]]:
    return [text_row(i, t) for i, t in enumerate(tourists, start=1)]


def write_text_pdf(path: Path) -> None:
    """A list typed with spaces, printed to PDF: no lines at all."""
    pdf = _pdf(10)
    pdf.add_page()
    pdf.text(10, 15, "Список туристов")
    cols = [10, 60, 110, 160, 210]
    for x, h in zip(cols, ["Фамилия", "Имя", "Дата рожд.", "Паспорт", "Гражданство"], strict=True):
        pdf.text(x, 30, h)
    for k, t in enumerate(TOURISTS[:5]):
        y = 38 + k * 7
        for x, v in zip(
            cols, [t[2].split()[0], t[3], t[5].strftime("%d.%m.%Y"), str(t[6]), t[8]], strict=True
        ):
            pdf.text(x, y, v)
    pdf.output(str(path))


def write_scanned_pdf(path: Path) -> None:
    """What a scanner makes: one picture per page, no text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1100, 780), 255)
    draw = ImageDraw.Draw(img)
    for k in range(12):
        draw.line((40, 60 + k * 50, 1060, 60 + k * 50), fill=0, width=2)
        draw.rectangle((60, 75 + k * 50, 60 + (k * 97) % 400 + 200, 90 + k * 50), fill=90)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = _pdf()
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=297)
    pdf.output(str(path))


def write_protected_pdf(path: Path) -> None:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="tour2026")
    pdf.add_page()
    _pdf_row(pdf, 16, _latin_safe(HEADER))
    pdf.output(str(path))


# --- LibreOffice conversions ------------------------------------------------------------


def soffice_convert(src: Path, target: str, out: Path) -> bool:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        print(f"skip {out.name}: LibreOffice is not installed")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            binary,
            f"-env:UserInstallation={Path(tmp, 'p').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            tmp,
            str(src),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        made = Path(tmp) / (src.stem + "." + target.split(":")[0])
        shutil.move(made, out)
    return True


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_xlsx(OUT / "tourists.xlsx")
    write_openpyxl_xlsx(OUT / "export_openpyxl.xlsx")
    write_protected(OUT / "tourists.xlsx", OUT / "protected.xlsx")
    (OUT / "empty.xlsx").write_bytes(b"")
    (OUT / "corrupt.xlsx").write_bytes((OUT / "tourists.xlsx").read_bytes()[:2000])
    write_docx(OUT / "tourists.docx")
    write_protected(OUT / "tourists.docx", OUT / "protected.docx")
    (OUT / "corrupt.docx").write_bytes((OUT / "tourists.docx").read_bytes()[:1500])
    long_list = generate(40, seed=11)
    rows = pdf_rows(long_list)
    # Row 12 wraps its double surname and its double name and falls on the page break.
    rows[11][1] = rows[11][1] + "-\nКим"
    rows[11][2] = rows[11][2] + "\nМария"
    write_ruled_pdf(OUT / "tourists.pdf", rows, per_page=12, split_at=11)
    write_text_pdf(OUT / "typed_list.pdf")
    write_scanned_pdf(OUT / "scanned.pdf")
    write_protected_pdf(OUT / "protected.pdf")
    (OUT / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n")
    soffice_convert(OUT / "tourists.xlsx", "xls:MS Excel 97", OUT / "tourists.xls")
    soffice_convert(OUT / "tourists.xlsx", "ods", OUT / "tourists.ods")
    write_spreadsheetml(OUT / "excel2003_xml.xls")
    write_html_xls(OUT / "web_export.xls")
    soffice_convert(OUT / "tourists.docx", "doc:MS Word 97", OUT / "tourists.doc")
    soffice_convert(OUT / "tourists.docx", "rtf", OUT / "tourists.rtf")
    soffice_convert(OUT / "tourists.docx", "odt", OUT / "tourists.odt")
    with tempfile.TemporaryDirectory() as tmp:
        long_doc = Path(tmp) / "long_list.docx"
        write_docx(long_doc, long_list, extras=False)
        soffice_convert(long_doc, "pdf", OUT / "word_export.pdf")


if __name__ == "__main__":
    main()
