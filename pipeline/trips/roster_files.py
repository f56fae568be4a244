"""A trip's roster as a file for people: CSV, XLSX or PDF, private to the user (0600).

CSV and XLSX go through ``pipeline.outfiles``: every cell is text, none can run as a formula (a
surname starting with ``=`` stays a surname). The PDF is an A4 landscape table in DejaVu Sans,
which has Cyrillic; it is found beside matplotlib (a dependency) or among the system's fonts.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from pipeline.outfiles import write_csv, write_private_bytes, write_xlsx
from pipeline.trips.roster import Roster
from pipeline.trips.trip import show_value
from pipeline.types import CannotRead

FORMATS = ("csv", "xlsx", "pdf")
#: fonts with Cyrillic letters, regular and bold, in the order they are looked for
_SYSTEM_FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)  # fmt: skip
#: relative widths of the PDF's columns (``ROSTER_COLUMNS`` order)
_PDF_WIDTHS = (7, 29, 22, 27, 18, 23, 8, 18, 21, 18, 18, 19, 33)


def roster_format(fmt: str | None, out: str | Path | None) -> str:
    """The format asked for, or the one the output file's name says; XLSX when neither does.
    Raises ``ValueError`` when the two disagree."""
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    if fmt and suffix in FORMATS and suffix != fmt:
        raise ValueError(f"--format {fmt} and --out {Path(out).name} disagree; give one of them, or make them agree")
    return fmt or (suffix if suffix in FORMATS else "xlsx")


def default_name(voucher: str, fmt: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in voucher) or "trip"
    return f"roster-{safe}.{fmt}"


def write_roster(roster: Roster, path: str | Path, fmt: str) -> Path:
    """Write ``roster`` to ``path`` as ``fmt`` (csv, xlsx, pdf), readable by the owner only."""
    path = Path(path)
    if fmt == "csv":
        return write_csv(path, roster.headings, roster.rows)
    if fmt == "xlsx":
        return write_xlsx(path, [("Roster", roster.headings, roster.rows)])
    if fmt == "pdf":
        return write_private_bytes(path, roster_pdf(roster))
    raise ValueError(f"unknown roster format {fmt!r}; use one of {', '.join(FORMATS)}")


def cyrillic_font() -> tuple[Path, Path]:
    """Regular and bold TrueType files of a font with Cyrillic: matplotlib's DejaVu Sans first,
    then the system's. Raises ``CannotRead`` naming what to install when there is none."""
    spec = importlib.util.find_spec("matplotlib")
    candidates = []
    if spec and spec.submodule_search_locations:
        ttf = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
        candidates.append((ttf / "DejaVuSans.ttf", ttf / "DejaVuSans-Bold.ttf"))
    candidates += [(Path(r), Path(b)) for r, b in _SYSTEM_FONTS]
    for regular, bold in candidates:
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    raise CannotRead("no font with Cyrillic letters found for the PDF roster; install DejaVu fonts (fonts-dejavu)")


def roster_pdf(roster: Roster) -> bytes:
    """The roster as an A4 landscape PDF: the trip on top, then the table, headings on every page."""
    # why here: only the PDF roster pays for loading fpdf2
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    regular, bold = cyrillic_font()
    trip = roster.trip

    class _Pages(FPDF):
        def footer(self) -> None:
            self.set_y(-9)
            self.set_font("roster", "", 7)
            self.cell(0, 4, f"{trip.voucher} · page {self.page_no()} of {{nb}}", align="R")

    pdf = _Pages(orientation="landscape", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.add_font("roster", "", str(regular))
    pdf.add_font("roster", "B", str(bold))
    pdf.set_auto_page_break(True, margin=12)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("roster", "B", 13)
    pdf.multi_cell(0, 7, f"Roster · {trip.voucher}" + (f" · {trip.title}" if trip.title else ""),
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font("roster", "", 9)
    lines = [
        f"{trip.country or ''}  {show_value(trip.arrival)} – {show_value(trip.departure)}"
        + (f"  ·  {', '.join(trip.destinations)}" if trip.destinations else ""),
        f"Hotel: {trip.hotel}" if trip.hotel else "",
        f"Inviting {trip.inviting.kind or 'party'}: {trip.inviting}" if trip.inviting else "",
        f"{len(roster.rows)} tourists · printed {dt.date.today():%d.%m.%Y}",
    ]
    for line in filter(None, lines):
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("roster", "", 7.5)
    heading = FontFace(emphasis="BOLD", fill_color=(221, 235, 247))
    with pdf.table(col_widths=_PDF_WIDTHS, headings_style=heading, text_align="LEFT", line_height=4.2,
                   repeat_headings=1, padding=(0.6, 0.8)) as table:  # fmt: skip
        table.row(roster.headings)
        for row in roster.rows:
            table.row(["" if v is None else str(v) for v in row])
    return bytes(pdf.output())
