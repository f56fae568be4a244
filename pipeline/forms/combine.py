"""One .docx holding a whole batch of questionnaires, to print in one go.

Every document of a batch comes from the same template, so they share styles, numbering
and settings: combining them is appending bodies, each in its own section (a new page, page
numbers from 1, its own footer naming its tourist). General-purpose mergers (docxcompose)
re-map styles and numbering for documents of any origin, which we do not need, and
docxcompose changes python-docx globally on import (core properties), so it is not used.
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from pipeline.forms.errors import FormError
from pipeline.forms.files import AtomicWriter
from pipeline.outfiles import write_private_bytes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_BODY = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
#: sectPr children that must come after pgNumType (schema order)
_AFTER_PGNUM = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                "docGrid", "printerSettings", "sectPrChange")  # fmt: skip


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def combine_docx(files: Sequence[Path], out: Path) -> Path:
    """Write ``out``: the documents of ``files`` one after the other, each from a new page."""
    files = [Path(f) for f in files]
    if not files:
        raise FormError("nothing to combine: the batch has no documents")
    with zipfile.ZipFile(files[0]) as first:
        infos = first.infolist()
        parts = {i.filename: first.read(i) for i in infos}
    doc = etree.fromstring(parts[_BODY])
    body = doc.find(_w("body"))
    rels = etree.fromstring(parts[_RELS])
    types = etree.fromstring(parts["[Content_Types].xml"])
    for child in list(body):
        body.remove(child)
    for n, path in enumerate(files, start=1):
        content, section = _read(path, n, parts, rels, types)
        body.extend(content)
        if n < len(files):
            # a section ends with the paragraph holding its properties
            paragraph = etree.SubElement(body, _w("p"))
            etree.SubElement(paragraph, _w("pPr")).append(section)
        else:
            body.append(section)
    parts[_BODY] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[_RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["[Content_Types].xml"] = etree.tostring(
        types, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    with AtomicWriter(threads=1) as writer:
        writer.write(Path(out), buf.getvalue())
    return Path(out)


def _read(
    path: Path, n: int, parts: dict[str, bytes], rels: etree._Element, types: etree._Element
) -> tuple[list[etree._Element], etree._Element]:
    """The body content and section properties of document ``n``, its footers added to ``parts``."""
    with zipfile.ZipFile(path) as z:
        own_doc = etree.fromstring(z.read(_BODY))
        own_rels = {r.get("Id"): r for r in etree.fromstring(z.read(_RELS))}
        content = list(own_doc.find(_w("body")))
        section = (
            content.pop() if content and content[-1].tag == _w("sectPr") else etree.Element(_w("sectPr"))
        )
        section = copy.deepcopy(section)
        for ref in [*section.findall(_w("headerReference")), *section.findall(_w("footerReference"))]:
            rel = own_rels[ref.get(f"{{{_R}}}id")]
            target = rel.get("Target")
            stem, ext = posixpath.splitext(target)
            new_target = f"{stem}_{n}{ext}"
            parts[f"word/{new_target}"] = z.read(f"word/{target}")
            own_part_rels = f"word/_rels/{target}.rels"
            if own_part_rels in z.namelist():
                parts[f"word/_rels/{new_target}.rels"] = z.read(own_part_rels)
            new_id = f"rIdTourdesk{n}_{len(rels)}"
            etree.SubElement(
                rels, f"{{{_PKG}}}Relationship", Id=new_id, Type=rel.get("Type"), Target=new_target
            )
            _add_override(types, f"/word/{target}", f"/word/{new_target}")
            ref.set(f"{{{_R}}}id", new_id)
    _restart_page_numbers(section)
    return content, section


def _add_override(types: etree._Element, old: str, new: str) -> None:
    for o in types.findall(f"{{{_CT}}}Override"):
        if o.get("PartName") == old:
            etree.SubElement(types, f"{{{_CT}}}Override", PartName=new, ContentType=o.get("ContentType"))
            return


def _restart_page_numbers(section: etree._Element) -> None:
    """Each questionnaire's pages count from 1, as if printed alone."""
    pg = section.find(_w("pgNumType"))
    if pg is None:
        pg = etree.Element(_w("pgNumType"))
        later = next((c for c in section if etree.QName(c).localname in _AFTER_PGNUM), None)
        if later is not None:
            later.addprevious(pg)
        else:
            section.append(pg)
    pg.set(_w("start"), "1")


def zip_forms(files: Sequence[Path], out: Path) -> Path:
    """One ZIP of a batch's documents (to send or archive), written private and atomically."""
    buffer = io.BytesIO()
    # DOCX and PDF are compressed already: stored, so a 50-tourist batch zips at once
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)
    return write_private_bytes(out, buffer.getvalue())
