"""The render-visa-forms flow's task, run without the Prefect engine: counts only out."""

from __future__ import annotations

import pytest

from tests.forms.store_group import VOUCHER


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_task_renders_a_trip_and_returns_counts_only(store, tmp_path, monkeypatch):
    from flows.render_visa_forms import render_form

    url, _ids = store
    monkeypatch.setenv("TOURDESK_DATABASE_URL", url)
    monkeypatch.setenv("TOURDESK_SOFFICE", str(tmp_path / "no-libreoffice"))
    result = render_form.fn(VOUCHER, "schengen-en", str(tmp_path / "out"), pdf=True, combined=True)
    assert result == {
        "form": "schengen-en",
        "folder": str(tmp_path / "out" / VOUCHER),
        "documents": 3,
        "incomplete": 2,
        "pdfs": 0,
        "combined": 1,
        "pdf_error": "install LibreOffice (apt-get install libreoffice-writer) to get PDFs; the .docx files are ready",
    }
    assert (tmp_path / "out" / VOUCHER / "ALL_schengen-en.docx").is_file()
    assert "IVANOV" not in str(result)  # no personal data in Prefect results
