"""Questionnaires as PDFs (LibreOffice), read back with pdfplumber field by field.

Skipped with the reason where LibreOffice is not installed, except in CI, where it must be.
"""

from __future__ import annotations

import os
import stat
import subprocess
from typing import Any

import pdfplumber
import pytest

from pipeline.forms.pdf import INSTALL_HINT, PdfUnavailable, convert_to_pdf, find_soffice
from pipeline.forms.render import fill_forms
from pipeline.forms.visa import Group, render_visa_forms
from pipeline.hooks import manager as plugins
from pipeline.record import CANONICAL_FIELDS
from tests.forms.conftest import STUB
from tests.forms.helpers import pdf_entry, pdf_rows
from tests.forms.store_group import PEOPLE, TRIP, VOUCHER

if find_soffice() is None:
    if os.environ.get("CI"):
        pytest.fail("CI must test PDFs: LibreOffice (soffice) is not installed", pytrace=False)
    pytest.skip("LibreOffice (soffice) is not installed: " + INSTALL_HINT, allow_module_level=True)


def _group() -> Group:
    people, extras = [], {}
    for i, p in enumerate(PEOPLE, start=1):
        record: dict[str, Any] = dict.fromkeys(CANONICAL_FIELDS)
        record.update({k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in p["values"].items()})
        series, number, expiry = p["passport"]
        record.update(
            client_id=i, passport_series=series, passport_number=number, passport_expiry=expiry.isoformat()
        )
        people.append(record)
        extras[i] = dict(p["extra"])
    # the household's address and phone, as `clients info copy` gives them
    for i in (2, 3):
        for key in ("home_address", "phone", "passport_issue_place", "passport_authority", "criminal_record"):
            extras[i].setdefault(key, extras[1][key])
    return Group(people, extras, dict(TRIP), VOUCHER, VOUCHER)


def _stub(text: str, lang: str) -> str | None:
    return STUB.get((text.strip().lower(), lang))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Any]:
    """schengen-fr and japan for the group, as PDFs and one combined PDF each; soffice calls counted."""
    out = tmp_path_factory.mktemp("pdf")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        if "--convert-to" in command:
            calls.append(list(command))
        return real_run(command, *args, **kwargs)

    plugins.reset()
    results = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(subprocess, "run", counting_run)
        group = _group()
        for form, country in (("schengen-fr", "ITA"), ("japan", "JPN")):
            # the trip goes to the form's country: a Japan form for Rome fails the check
            trip = dict(group.trip or {}, country=country)
            batch = fill_forms(form, group.people, trip, group.extras, translate=_stub)
            results[form] = render_visa_forms(form, group, out, pdf=True, combined=True, batch=batch)
    plugins.reset()
    return {"out": out / VOUCHER, "results": results, "calls": calls}


def test_one_libreoffice_process_per_batch_with_its_own_profile(rendered):
    calls = rendered["calls"]
    assert len(calls) == 2  # two forms, two batches: one process each
    for command in calls:
        assert sum(arg.endswith(".docx") for arg in command) == 3
        assert any(arg.startswith("-env:UserInstallation=file://") for arg in command)
    assert all(not r.pdf_error for r in rendered["results"].values())


def test_each_tourist_gets_a_private_pdf_beside_the_docx(rendered):
    out = rendered["out"]
    for name in ("IVANOVA_MARIA", "IVANOV_SERGEI", "IVANOV_ARTEM"):
        pdf = out / f"{name}_schengen-fr.pdf"
        assert pdf.is_file() and (out / f"{name}_schengen-fr.docx").is_file()
        assert stat.S_IMODE(pdf.stat().st_mode) & 0o077 == 0
    assert not list(out.glob(".pdf-*"))  # LibreOffice's working folder is gone


def test_french_pdf_values_in_their_fields(rendered):
    maria = rendered["out"] / "IVANOVA_MARIA_schengen-fr.pdf"
    assert pdf_entry(maria, "1") == "IVANOVA"
    assert pdf_entry(maria, "5") == "LENINGRAD"
    assert pdf_entry(maria, "6") == "URSS"
    assert pdf_entry(maria, "7", "Nationalité à la naissance") == "URSS"
    assert "☒ Marié(e)" in pdf_entry(maria, "9")
    assert pdf_entry(maria, "21") == "ingénieur"
    assert pdf_entry(maria, "25") == "Italie"
    artem = rendered["out"] / "IVANOV_ARTEM_schengen-fr.pdf"
    assert pdf_entry(artem, "10").startswith("IVANOVA MARIIA, IVANOV SERGEI")


def test_japan_pdf_values_in_their_fields(rendered):
    sergei = rendered["out"] / "IVANOV_SERGEI_japan.pdf"
    assert pdf_entry(sergei, "1") == "IVANOV"
    assert pdf_entry(sergei, "5", "Place of birth: city") == "TVER"
    assert pdf_entry(sergei, "8", "Former") == "USSR"
    assert pdf_entry(sergei, "17") == "17"
    assert pdf_entry(sergei, "19") == "Narita"
    answers = [value for no, _label, value in pdf_rows(sergei) if no == "30" and "☒" in value]
    assert len(answers) == 6 and all("☒ No" in a for a in answers)


def test_combined_pdf_has_every_page_in_order(rendered):
    out = rendered["out"]
    singles = [out / f"{n}_japan.pdf" for n in ("IVANOVA_MARIA", "IVANOV_SERGEI", "IVANOV_ARTEM")]
    with pdfplumber.open(str(out / "ALL_japan.pdf")) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    counts = []
    for single in singles:
        with pdfplumber.open(str(single)) as pdf:
            counts.append(len(pdf.pages))
    assert len(pages) == sum(counts)
    first_pages = [0, counts[0], counts[0] + counts[1]]
    assert ["MARIA" in pages[i] for i in first_pages] == [True, False, False]
    assert "SERGEI" in pages[first_pages[1]] and "ARTEM" in pages[first_pages[2]]
    assert rendered["results"]["japan"].combined == [out / "ALL_japan.docx", out / "ALL_japan.pdf"]


def test_missing_libreoffice_is_a_clear_message_and_the_docx_stay(tmp_path, monkeypatch):
    monkeypatch.setenv("TOURDESK_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(PdfUnavailable, match=r"install LibreOffice \(apt-get install libreoffice-writer\)"):
        convert_to_pdf([tmp_path / "a.docx"])
    group = _group()
    batch = fill_forms(
        "china", group.people[:1], dict(group.trip or {}, country="CHN"), group.extras, translate=_stub
    )
    result = render_visa_forms("china", group, tmp_path, pdf=True, batch=batch)
    assert result.pdf_error == INSTALL_HINT
    assert [p.name for p in result.report.files] == ["IVANOVA_MARIA_china.docx"]
    assert all(p.is_file() for p in result.report.files) and result.pdfs == []
