"""The control report as a PDF a manager would forward (fpdf2, A4 landscape).

Page 1: the period's headline figures beside the previous period's, with the change, and the
sentences that say what moved most. Then one page per section: title, a one-line reading,
the chart and its table side by side (or the chart above a wide table), and what it counts.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from pipeline.crm import charts
from pipeline.crm import report_words as w
from pipeline.crm.report_format import arrow, number
from pipeline.crm.report_model import Figure, Report, Section
from pipeline.outfiles import write_private_bytes

PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0
WIDTH = PAGE_W - 2 * MARGIN
INK, MUTED, HEAD_FILL, TOTAL_FILL, NOTE_FILL = (33, 37, 41), (108, 117, 125), (221, 235, 247), (242, 242, 242), (
    238, 243, 248)  # fmt: skip
GOOD, BAD = (46, 125, 50), (198, 40, 40)
#: key: (layout, columns printed, rows at most); the workbook has every column and row
LAYOUT: dict[str, tuple[str, list[str] | None, int]] = {
    "new_repeat": ("stacked", None, 18),
    "cohorts": ("side", ["clients", "m1", "m3", "m6", "m12"], 24),
    "pareto": ("side", ["clients", "revenue", "revenue_pct", "margin_pct"], 10),
    "costs": ("side", ["spent", "clients", "per_client_now", "per_client_before"], 6),
    "leave": ("side", ["refusal", "return", "complaint", "total", "share_pct", "total_before"], 16),
    "nps": ("stacked", ["answers", "promoters", "passives", "detractors", "nps", "low", "high"], 18),
    "destinations": ("side", ["answers", "nps", "low", "high", "nps_before"], 16),
    "managers": ("stacked", ["clients", "trips", "revenue", "revenue_pct", "margin", "average_check", "call",
                             "offer_to_contract_pct", "debts", "nps", "nps_answers"], 12),  # fmt: skip
    "segments": ("side", ["clients", "clients_pct", "monetary", "monetary_pct", "recency"], 11),
}
LINE = 4.4  # mm per table line at 7.5 pt


def _font() -> Path:
    # matplotlib ships DejaVu Sans, which has Cyrillic, ₽ and the arrows: no system font needed
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


class _Pdf(FPDF):
    def __init__(self, report: Report, lang: str) -> None:
        super().__init__(orientation="landscape", format="A4")
        self.report, self.lang = report, lang
        self.add_font("dejavu", "", str(_font()))
        self.add_font("dejavu", "B", str(_font().with_name("DejaVuSans-Bold.ttf")))
        self.add_font("dejavu", "I", str(_font().with_name("DejaVuSans-Oblique.ttf")))
        self.set_font("dejavu", size=9)
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_xy(MARGIN, PAGE_H - 9)
        self.set_font("dejavu", size=7)
        self.set_text_color(*MUTED)
        period = w.fill("period", self.lang, start=self.report.start, end=self.report.end)
        self.cell(WIDTH / 2, 4, f"{w.words(self.lang)['report']} {period}")
        pages = 1 + len(self.report.sections)
        self.cell(WIDTH / 2, 4, w.fill("page", self.lang, n=self.page_no(), of=pages), align="R")
        self.set_text_color(*INK)


def render(report: Report, lang: str = "ru") -> bytes:
    """The PDF's bytes."""
    pdf = _Pdf(report, lang)
    pdf.set_title(f"{w.words(lang)['report']} {w.fill('period', lang, start=report.start, end=report.end)}")
    pdf.set_lang(lang)
    _headline(pdf, report, lang)
    for section in report.sections:
        _section(pdf, section, lang)
    return bytes(pdf.output())


def write(report: Report, path: Path, lang: str = "ru") -> Path:
    """Write the PDF readable by its owner only (0600)."""
    return write_private_bytes(path, render(report, lang))


def _headline(pdf: _Pdf, report: Report, lang: str) -> None:
    pdf.add_page()
    words = w.words(lang)
    pdf.set_font("dejavu", "B", 17)
    pdf.cell(WIDTH, 9, f"{words['report']} · {w.fill('period', lang, start=report.start, end=report.end)}",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font("dejavu", size=9)
    pdf.set_text_color(*MUTED)
    pdf.cell(WIDTH, 5, w.fill("previous_period", lang, start=report.previous.start, end=report.previous.end),
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_text_color(*INK)
    pdf.ln(3)
    pdf.set_font("dejavu", "B", 12)
    pdf.cell(WIDTH, 7, words["what_moved"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)
    pdf.set_fill_color(*NOTE_FILL)
    for sentence in report.story:
        pdf.multi_cell(WIDTH, 5.2, f"•  {w.say(sentence, lang)}", new_x="LMARGIN", new_y="NEXT", fill=True,
                       padding=(0.6, 2, 0.6, 2), align="L")  # fmt: skip
    pdf.ln(4)
    pdf.set_font("dejavu", size=8.5)
    head = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(width=220, col_widths=(100, 42, 42, 36), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
                   align="LEFT", line_height=5, headings_style=head, borders_layout="HORIZONTAL_LINES",
                   padding=(0.4, 1.5)) as table:  # fmt: skip
        table.row(words["headline_columns"])
        for f in report.figures:
            row = table.row()
            row.cell(words["headline"][f.key])
            row.cell(number(f.value, f.unit, lang), style=FontFace(emphasis="BOLD"))
            row.cell(number(f.previous, f.unit, lang))
            delta, unit = f.change
            row.cell(arrow(delta, unit, lang), style=FontFace(color=_tone(f, delta)))
    _note(pdf, report.counts, lang)


def _tone(f: Figure, delta: float | None) -> tuple[int, int, int]:
    if delta is None or round(delta, 1) == 0 or f.better == 0:
        return MUTED
    return GOOD if (delta > 0) == (f.better > 0) else BAD


def _note(pdf: _Pdf, sentence, lang: str) -> float:
    """What the page counts, in small type at the foot of the page; returns where it starts."""
    text = f"{w.words(lang)['what_counts']} {w.say(sentence, lang)}"
    pdf.set_font("dejavu", "I", 7.5)
    lines = len(pdf.multi_cell(WIDTH, 3.6, text, dry_run=True, output="LINES", align="L"))
    top = PAGE_H - MARGIN - 2 - lines * 3.6
    pdf.set_xy(MARGIN, top)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(WIDTH, 3.6, text, align="L")
    pdf.set_text_color(*INK)
    pdf.set_font("dejavu", size=9)
    return top


def _section(pdf: _Pdf, s: Section, lang: str) -> None:
    pdf.add_page()
    pdf.set_font("dejavu", "B", 15)
    pdf.cell(WIDTH, 8, w.title(s.key, lang), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("dejavu", size=10)
    pdf.set_fill_color(*NOTE_FILL)
    pdf.multi_cell(WIDTH, 5.2, w.say(s.reading, lang), fill=True, padding=(1, 2), new_x="LMARGIN", new_y="NEXT",
                   align="L")  # fmt: skip
    top = pdf.get_y() + 3
    bottom = _note(pdf, s.counts, lang) - 3
    layout, columns, max_rows = LAYOUT[s.key]
    frame, cut = _rows(s, columns or list(s.table.columns), max_rows)
    cells = _cells(s, frame, lang)
    if layout == "side":
        widths = _widths(pdf, cells, None)
        table_w = sum(widths)
        chart_w = WIDTH - table_w - 6
        picture = charts.draw(s, lang, (chart_w, min(bottom - top, 125)))
        _image(pdf, picture, MARGIN, top, chart_w, lang)
        _table(pdf, cells, widths, (MARGIN + chart_w + 6, top), lang, (len(frame), cut), s.total is not None)
    else:
        widths = _widths(pdf, cells, WIDTH)
        height = _height(pdf, cells, widths) + (4 if cut else 0)
        chart_h = max(50.0, bottom - top - height - 3)
        picture = charts.draw(s, lang, (WIDTH, chart_h))
        _image(pdf, picture, MARGIN, top, WIDTH, lang)
        _table(pdf, cells, widths, (MARGIN, top + chart_h + 3), lang, (len(frame), cut), s.total is not None)


def _cells(s: Section, frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """The printed table: heading row, body rows, the total row last (when the section has one)."""
    cols = list(frame.columns)
    rows = [[w.index_title(s, lang), *[w.column(c, lang) for c in cols]]]
    for idx, values in frame.iterrows():
        rows.append([w.row_label(s, idx, lang), *[number(values[c], s.units[c], lang) for c in cols]])
    if s.total is not None:
        rows.append([w.total_label(s, lang), *[number(s.total.get(c), s.units[c], lang) for c in cols]])
    return rows


def _widths(pdf: _Pdf, cells: list[list[str]], width: float | None) -> list[float]:
    """Column widths: each wide enough for its longest figure and its heading's longest word; the
    room left is shared out (``width`` given) or a little added to each (a table beside a chart)."""
    pad = 2.6
    need = []
    for c in range(len(cells[0])):
        pdf.set_font("dejavu", "B", 7.5)
        word = max(pdf.get_string_width(x) for x in cells[0][c].split())
        body = max((pdf.get_string_width(row[c]) for row in cells[1:]), default=0)
        need.append(max(word, body if c else min(body, 46)) + pad)
    if width is None:
        return [n + (3 if c else 2) for c, n in enumerate(need)]
    spare = (width - sum(need)) / len(need)
    if spare >= 0:
        return [n + spare for n in need]
    return [n * width / sum(need) for n in need]


def _height(pdf: _Pdf, cells: list[list[str]], widths: list[float]) -> float:
    """How tall the printed table will be (its heading may wrap onto a few lines)."""
    pdf.set_font("dejavu", "B", 7.5)
    head = max(len(pdf.multi_cell(wd - 2, 3.8, text, dry_run=True, output="LINES")) for wd, text in
               zip(widths, cells[0], strict=True))  # fmt: skip
    return (head + 0.4) * 3.8 + (len(cells) - 1) * LINE + 1


def _image(pdf: _Pdf, picture, x: float, y: float, width: float, lang: str) -> None:
    if picture is None:
        pdf.set_xy(x, y)
        pdf.cell(width, 6, w.words(lang)["no_data"])
        return
    pdf.image(picture, x=x, y=y, w=width)


def _rows(s: Section, columns: list[str], max_rows: int) -> tuple[pd.DataFrame, int]:
    """The rows print has room for: the latest months, else the first rows; how many were left out."""
    frame = s.table[columns]
    if len(frame) <= max_rows:
        return frame, 0
    shown = frame.tail(max_rows) if s.index == "month" else frame.head(max_rows)
    return shown, len(frame) - max_rows


def _table(pdf: _Pdf, cells: list[list[str]], widths: list[float], at: tuple[float, float], lang: str,
           shown: tuple[int, int], total: bool) -> None:  # fmt: skip
    """The table at ``at`` (x, y); ``shown``: rows printed and rows left out."""
    x, y = at
    pdf.set_font("dejavu", size=7.5)
    old_margin = pdf.l_margin
    pdf.set_left_margin(x)
    pdf.set_xy(x, y)
    head = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    last = FontFace(emphasis="BOLD", fill_color=TOTAL_FILL)
    with pdf.table(width=sum(widths), col_widths=widths, text_align=("LEFT", *["RIGHT"] * (len(widths) - 1)),
                   align="LEFT", line_height=3.8, headings_style=head, borders_layout="HORIZONTAL_LINES",
                   padding=(0.3, 1), v_align="MIDDLE") as table:  # fmt: skip
        for i, row in enumerate(cells):
            table.row(row, style=last if total and i == len(cells) - 1 and i > 0 else None)
    if shown[1]:
        pdf.set_font("dejavu", "I", 7)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(sum(widths), 3.5, w.fill("rows_cut", lang, shown=shown[0], of=sum(shown)), align="L")
        pdf.set_text_color(*INK)
    pdf.set_left_margin(old_margin)
