"""Hostile and broken tourist lists, written on demand (they are too big, or too many, to commit).

Run from the repository root to write them all under a folder and try them by hand:
``.venv/bin/python -m tests.data.make_hostile_files /tmp/hostile``.

The zip bombs are built without compressing their unpacked size: a deflate stream cut with
a full flush restarts from an empty history, so one compressed megabyte of ``<si>`` strings
can be repeated a thousand times and still unpack to a valid (and gigantic) part.
"""

from __future__ import annotations

import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

# --- a zip writer whose members may be repeated blocks -------------------------------------


@dataclass(frozen=True)
class Repeat:
    """``head + block * times + tail`` as one zip member, compressed once per piece."""

    head: bytes
    block: bytes
    times: int
    tail: bytes

    @property
    def size(self) -> int:
        return len(self.head) + len(self.block) * self.times + len(self.tail)

    def crc(self) -> int:
        crc = zlib.crc32(self.head)
        for _ in range(self.times):
            crc = zlib.crc32(self.block, crc)
        return zlib.crc32(self.tail, crc)

    def deflated(self) -> bytes:
        def piece(data: bytes, last: bool) -> bytes:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            return c.compress(data) + c.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)

        return piece(self.head, False) + piece(self.block, False) * self.times + piece(self.tail, True)


def write_zip(path: Path, members: dict[str, bytes | Repeat], *, lie_about_size: bool = False) -> Path:
    """A plain zip (deflate, no zip64); ``lie_about_size`` states every unpacked size as 1 KB."""
    out = bytearray()
    central = bytearray()
    for name, member in members.items():
        if isinstance(member, Repeat):
            data, crc, size = member.deflated(), member.crc(), member.size
        else:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            data, crc, size = c.compress(member) + c.flush(), zlib.crc32(member), len(member)
        stated = 1024 if lie_about_size else size
        raw = name.encode()
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), stated)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(raw), 0) + raw + data
        central += (
            b"PK\x01\x02" + struct.pack("<H", 20) + fields
            + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, offset) + raw
        )  # fmt: skip
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


# --- workbooks and documents ----------------------------------------------------------------

_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_ROOT_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="List" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_HEADER = ["Фамилия", "Имя", "Дата рождения", "Загранпаспорт"]
_ROWS = [["Иванов", "Иван", "01.05.1980", "751234567"], ["Петрова", "Анна", "28.02.1985", "762345678"]]


def _column(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _sheet(rows: list[list[str]]) -> bytes:
    """A sheet whose cells are inline strings, so the shared-strings part is free for a bomb."""
    out = [b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + _MAIN_NS + b">"]
    width = max(len(r) for r in rows)
    out.append(f'<dimension ref="A1:{_column(width - 1)}{len(rows)}"/><sheetData>'.encode())
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">'.encode())
        for c, value in enumerate(row):
            text = value.replace("&", "&amp;").replace("<", "&lt;")
            out.append(f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'.encode())
        out.append(b"</row>")
    out.append(b"</sheetData></worksheet>")
    return b"".join(out)


def xlsx(path: Path, rows: list[list[str]] | None = None, shared: bytes | Repeat | None = None,
         sheet: bytes | None = None, **options) -> Path:  # fmt: skip
    """A minimal workbook of ``rows`` (default: a two-tourist list), or of a ready ``sheet`` part."""
    shared = shared if shared is not None else b'<sst ' + _MAIN_NS + b' count="0" uniqueCount="0"/>'
    members: dict[str, bytes | Repeat] = {
        "[Content_Types].xml": _TYPES, "_rels/.rels": _ROOT_RELS, "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS, "xl/worksheets/sheet1.xml": sheet or _sheet(rows or [_HEADER, *_ROWS]),
        "xl/sharedStrings.xml": shared,
    }  # fmt: skip
    return write_zip(path, members, **options)


def xlsx_shared_strings_bomb(path: Path, unpacked: int = 1_100_000_000, **options) -> Path:
    """A two-tourist workbook whose string table unpacks to ``unpacked`` bytes (1.1 GB: ~1.1 MB file)."""
    block = b"<si><t>" + b"A" * 1000 + b"</t></si>"
    block *= (4 << 20) // len(block)
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ' + _MAIN_NS + b' count="1" uniqueCount="1">'
    bomb = Repeat(head, block, max(1, unpacked // len(block)), b"</sst>")
    return xlsx(path, shared=bomb, **options)


def xlsx_entities(path: Path) -> Path:
    """A workbook whose string table declares nested entities ("billion laughs")."""
    lol = ["<!ENTITY lol0 \"lol\">"] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    shared = (
        '<?xml version="1.0"?>\n<!DOCTYPE sst [' + "".join(lol) + ']>\n<sst '
        + _MAIN_NS.decode() + ' count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()  # fmt: skip
    return xlsx(path, shared=shared)


_DOCX_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_DOCX_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_row(cells: list[str]) -> bytes:
    return b"<w:tr>" + b"".join(b"<w:tc><w:p><w:r><w:t>" + c.encode() + b"</w:t></w:r></w:p></w:tc>" for c in cells) + b"</w:tr>"


def docx_bomb(path: Path, unpacked: int = 1_100_000_000, doctype: bytes = b"") -> Path:
    """A Word list whose table goes on with rows until ``unpacked`` bytes of XML."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype + b"<w:document " + _W
            + b"><w:body><w:tbl>" + b"".join(_docx_row(r) for r in [_HEADER, *_ROWS]))  # fmt: skip
    block = _docx_row(["Сидоров", "Артём", "03.03.1988", "751112233"]) * 2000
    bomb = Repeat(head, block, max(1, unpacked // len(block)), b"</w:tbl></w:body></w:document>")
    return write_zip(path, {"[Content_Types].xml": _DOCX_TYPES, "_rels/.rels": _DOCX_RELS, "word/document.xml": bomb})


def docx_entities(path: Path) -> Path:
    lol = "".join(["<!ENTITY a \"" + "x" * 100 + "\">"] + [f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                                                        for p, c in zip("abcdefgh", "bcdefghi", strict=True)])  # fmt: skip
    head = f"<!DOCTYPE w:document [{lol}]>\n".encode()
    rows = [_HEADER, *_ROWS, ["&i;", "Иван", "01.01.1990", "751234560"]]
    body = b"<w:tbl>" + b"".join(_docx_row(r) for r in rows) + b"</w:tbl>"
    xml = b'<?xml version="1.0"?>\n' + head + b"<w:document " + _W + b"><w:body>" + body + b"</w:body></w:document>"
    return write_zip(path, {"[Content_Types].xml": _DOCX_TYPES, "_rels/.rels": _DOCX_RELS, "word/document.xml": xml})


def xlsx_stray_cell(path: Path, ref: str = "XFD1048576", dimension: bool = True) -> Path:
    """A two-tourist workbook with one value far away; its stated size (if any) says A1:D3."""
    sheet = _sheet([_HEADER, *_ROWS])
    if not dimension:
        sheet = sheet.replace(b'<dimension ref="A1:D3"/>', b"")
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    stray = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return xlsx(path, shared=None, sheet=sheet.replace(b"</sheetData>", stray.encode()))


def xlsx_packed_tight(path: Path, unpacked: int = 19_000_000) -> Path:
    """A string table under the size limit but packed a thousandfold, as only a bomb is."""
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ' + _MAIN_NS + b' count="1" uniqueCount="1"><si><t>'
    return xlsx(path, shared=Repeat(head, b"A" * (1 << 20), unpacked // (1 << 20), b"</t></si></sst>"))


_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def ods_repeated(path: Path, rows: int = 1_000_000, columns: int = 1) -> Path:
    """A two-tourist .ods whose last row, with a value in it, repeats ``rows`` times (one tag)."""

    def cell(text: str, times: int = 1) -> str:
        rep = f' table:number-columns-repeated="{times}"' if times > 1 else ""
        return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>" for r in [_HEADER, *_ROWS])
    body += f'<table:table-row table:number-rows-repeated="{rows}">{cell("Сидоров")}{cell("x", columns)}</table:table-row>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="List">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    ).encode()
    return write_zip(path, {"mimetype": _ODS_MIME, "META-INF/manifest.xml": _ODS_MANIFEST, "content.xml": content})


def spreadsheetml_far_cell(path: Path) -> Path:
    """Excel 2003 XML saved as .xls, a cell placed at column 16,000,000 by its ss:Index."""
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="List"><Table>'
        + "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in r) + "</Row>"
                  for r in [_HEADER, *_ROWS])
        + '<Row><Cell ss:Index="16000000"><Data ss:Type="String">x</Data></Cell></Row>'
        + "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )  # fmt: skip
    return path


def html_spans(path: Path, rows: int = 3000) -> Path:
    """A web page saved as .xls whose cells span a thousand rows and columns each."""
    head = "".join(f"<th>{h}</th>" for h in _HEADER)
    body = "".join('<tr><td colspan="1000" rowspan="1000">x</td></tr>' for _ in range(rows))
    path.write_text(f"<html><body><table><tr>{head}</tr>{body}</table></body></html>", encoding="utf-8")
    return path


# --- text -----------------------------------------------------------------------------------


def csv_giant_cell(path: Path, cell: int = 50_000_000) -> Path:
    """A two-tourist CSV whose second first name is ``cell`` characters long."""
    with path.open("wb") as fh:
        fh.write("Фамилия;Имя;Дата рождения;Загранпаспорт\r\n".encode())
        fh.write("Иванов;Иван;01.05.1980;751234567\r\nПетрова;".encode())
        for _ in range(cell // 1_000_000):
            fh.write(b"A" * 1_000_000)
        fh.write(b"A" * (cell % 1_000_000) + b";28.02.1985;762345678\r\n")
    return path


def csv_bad_byte(path: Path, column: int = 1) -> Path:
    """Three tourists in UTF-8; a stray byte (a cp1251 'я' pasted in) sits in the second
    tourist's first name (``column=1``) or surname (``column=0``)."""
    rows = [
        ["Фамилия", "Имя", "Дата рождения", "Загранпаспорт"],
        ["Иванов", "Иван", "01.05.1980", "751234567"],
        ["Петрова", "Анна", "28.02.1985", "762345678"],
        ["Сидоров", "Артём", "03.03.1988", "751112233"],
    ]
    rows[2][column] = rows[2][column][:2] + "\x00" + rows[2][column][3:]
    data = "\r\n".join(";".join(r) for r in rows).encode("utf-8").replace(b"\x00", b"\xff") + b"\r\n"
    path.write_bytes(data)
    return path


def csv_long_values(path: Path) -> Path:
    """Three tourists: one first name of 500 letters, one passport of 80 digits."""
    rows = [
        "Фамилия;Имя;Дата рождения;Загранпаспорт",
        "Иванов;Иван;01.05.1980;751234567",
        "Петрова;" + "А" * 500 + ";28.02.1985;762345678",
        "Сидоров;Артём;03.03.1988;" + "7" * 80,
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


def csv_many_lines(path: Path, lines: int = 3_000_000) -> Path:
    """A two-tourist list followed by millions of empty lines."""
    with path.open("wb") as fh:
        fh.write("Фамилия;Имя;Дата рождения\nИванов;Иван;01.05.1980\nПетрова;Анна;28.02.1985\n".encode())
        for _ in range(lines // 1_000_000):
            fh.write(b"\n" * 1_000_000)
    return path


def csv_wide(path: Path, columns: int = 5000) -> Path:
    header = ["Фамилия", "Имя", "Дата рождения"] + [f"c{i}" for i in range(columns - 3)]
    row = ["Иванов", "Иван", "01.05.1980"] + ["x"] * (columns - 3)
    path.write_text("\n".join(";".join(r) for r in (header, row)) + "\n", encoding="utf-8")
    return path


# --- PDF ------------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered ``objects`` (1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _zlib(member: Repeat) -> bytes:
    """``member`` as a zlib stream (what /FlateDecode holds), compressed once per piece."""
    adler = zlib.adler32(member.head)
    for _ in range(member.times):
        adler = zlib.adler32(member.block, adler)
    adler = zlib.adler32(member.tail, adler)
    return b"\x78\xda" + member.deflated() + struct.pack(">I", adler)


def pdf_bomb(path: Path, unpacked: int = 1_100_000_000) -> Path:
    """A one-page PDF whose page drawing unpacks to ``unpacked`` bytes of text operators."""
    block = b"BT /F1 12 Tf 72 720 Td (Ivanov Ivan 01.05.1980) Tj ET\n" * 20000
    content = _zlib(Repeat(b"", block, max(1, unpacked // len(block)), b""))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    stream = f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
                           font, stream, page]))  # fmt: skip
    return path


def pdf_many_pages(path: Path, pages: int = 100_000) -> Path:
    """A PDF of ``pages`` empty pages (about 60 bytes each)."""
    first = 4
    kids = " ".join(f"{first + i} 0 R" for i in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + f"] /Count {pages} >>".encode(),
               b"<< /Length 0 >>\nstream\n\nendstream"]  # fmt: skip
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    path.write_bytes(_pdf(objects))
    return path


ALL = {
    "shared_strings_bomb.xlsx": xlsx_shared_strings_bomb,
    "lying_sizes_bomb.xlsx": lambda p: xlsx_shared_strings_bomb(p, 300_000_000, lie_about_size=True),
    "entities.xlsx": xlsx_entities,
    "bomb.docx": docx_bomb,
    "entities.docx": docx_entities,
    "giant_cell.csv": csv_giant_cell,
    "bad_byte.csv": csv_bad_byte,
    "wide.csv": csv_wide,
    "wide.xlsx": lambda p: xlsx(p, rows=[[f"c{i}" for i in range(400)], ["x"] * 400]),
    "bomb.pdf": pdf_bomb,
    "many_pages.pdf": pdf_many_pages,
    "stray_cell.xlsx": xlsx_stray_cell,
    "stray_cell_no_dimension.xlsx": lambda p: xlsx_stray_cell(p, dimension=False),
    "packed_tight.xlsx": xlsx_packed_tight,
    "rows_repeated.ods": ods_repeated,
    "columns_repeated.ods": lambda p: ods_repeated(p, rows=1000, columns=16000),
    "far_cell.xls": spreadsheetml_far_cell,
    "spans.xls": html_spans,
    "long_values.csv": csv_long_values,
    "many_lines.csv": csv_many_lines,
}


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in ALL.items():
        print(make(folder / name), file=sys.stderr)
