"""What a clerk reads when LibreOffice is missing or fails (no LibreOffice needed)."""

from __future__ import annotations

import pytest

from pipeline.forms.pdf import INSTALL_HINT, PdfFailed, PdfUnavailable, convert_to_pdf


def fake_soffice(tmp_path, body: str):
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_missing_soffice_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("TOURDESK_SOFFICE", str(tmp_path / "nowhere"))
    with pytest.raises(PdfUnavailable) as err:
        convert_to_pdf([tmp_path / "IVANOV_SERGEI_schengen-en.docx"])
    assert str(err.value) == INSTALL_HINT
    assert (
        "apt-get install libreoffice-writer" in INSTALL_HINT and "the .docx files are ready" in INSTALL_HINT
    )


def test_soffice_producing_nothing_is_counted_not_named(tmp_path, monkeypatch):
    monkeypatch.setenv("TOURDESK_SOFFICE", str(fake_soffice(tmp_path, "exit 0")))
    doc = tmp_path / "IVANOV_SERGEI_schengen-en.docx"
    doc.write_bytes(b"x")
    with pytest.raises(PdfFailed, match="did not convert 1 of 1 documents") as err:
        convert_to_pdf([doc], tmp_path / "out")
    assert "IVANOV" not in str(err.value)  # a tourist's name never rides along in the message
    assert not list((tmp_path / "out").iterdir())  # nothing half-made left behind


def test_soffice_failing_keeps_its_words_but_not_file_names(tmp_path, monkeypatch):
    body = (
        'echo "convert /tmp/IVANOV_SERGEI.docx" ; echo "Error: source file could not be loaded" >&2; exit 77'
    )
    monkeypatch.setenv("TOURDESK_SOFFICE", str(fake_soffice(tmp_path, body)))
    doc = tmp_path / "IVANOV_SERGEI_schengen-en.docx"
    doc.write_bytes(b"x")
    with pytest.raises(PdfFailed) as err:
        convert_to_pdf([doc], tmp_path / "out")
    assert str(err.value) == (
        "LibreOffice failed (exit 77): Error: source file could not be loaded; the .docx files are ready"
    )


def test_two_documents_of_the_same_name_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("TOURDESK_SOFFICE", str(fake_soffice(tmp_path, "exit 0")))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(PdfFailed, match="same name"):
        convert_to_pdf([tmp_path / "a" / "X.docx", tmp_path / "b" / "X.docx"], tmp_path / "out")
