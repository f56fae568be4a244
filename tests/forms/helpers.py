"""Reading filled-in questionnaires back, the way a clerk would see them."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def rows(path: Path) -> list[tuple[str, str, str]]:
    """(number, label, entry) of every table row of a questionnaire."""
    doc = Document(str(path))
    return [tuple(c.text for c in row.cells) for t in doc.tables for row in t.rows]  # type: ignore[misc]


def entry(path: Path, number: str, label_start: str = "") -> str:
    """The entry of field ``number`` (the first such row whose label starts with ``label_start``)."""
    for no, label, value in rows(path):
        if no == number and label.startswith(label_start):
            return value
    raise AssertionError(f"no field {number} {label_start!r} in {path.name}")


def entry_by_label(path: Path, label: str) -> str:
    for _no, lab, value in rows(path):
        if lab == label:
            return value
    raise AssertionError(f"no field {label!r} in {path.name}")


def pdf_rows(path: Path) -> list[tuple[str, str, str]]:
    """(number, label, entry) of every table row of a questionnaire PDF, as printed."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [
            tuple((c or "").replace("\n", " ") for c in row[:3])  # type: ignore[misc]
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
            if len(row) >= 3
        ]


def pdf_entry(path: Path, number: str, label_start: str = "") -> str:
    for no, label, value in pdf_rows(path):
        if no == number and label.startswith(label_start):
            return value
    raise AssertionError(f"no field {number} {label_start!r} in {path.name}")
