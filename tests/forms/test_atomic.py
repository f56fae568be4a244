"""A failure never leaves a half-written questionnaire that looks complete."""

from __future__ import annotations

import os

import pytest
from docx import Document

from pipeline.forms.errors import FormTemplateError
from plugins.exporters import docx_render


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "form" / "template.docx"
    path.parent.mkdir()
    doc = Document()
    doc.add_paragraph("{{ person.surname }}")
    doc.save(path)
    return path


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_failing_tourist_gets_no_file_earlier_ones_are_complete(tmp_path, template):
    out = tmp_path / "out"
    out.mkdir()
    jobs = [({"person": {"surname": "IVANOVA"}}, out / "a.docx"), ({"person": {}}, out / "b.docx")]
    with pytest.raises(FormTemplateError, match="'form'.*surname"):
        docx_render.render(template, jobs)
    assert Document(str(out / "a.docx")).paragraphs[0].text == "IVANOVA"
    assert not (out / "b.docx").exists()
    assert _leftovers(out) == []


def test_crash_while_writing_keeps_the_old_file_and_no_temp(tmp_path, template, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"previous complete questionnaire")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_render.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        docx_render.render(template, [({"person": {"surname": "X"}}, target)])
    assert target.read_bytes() == b"previous complete questionnaire"
    assert _leftovers(tmp_path) == []


def test_interrupt_during_write_removes_the_temp_file(tmp_path, template, monkeypatch):
    real_replace = os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(docx_render.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        docx_render.render(template, [({"person": {"surname": "X"}}, tmp_path / "a.docx")])
    monkeypatch.setattr(docx_render.os, "replace", real_replace)
    assert not (tmp_path / "a.docx").exists()
    assert _leftovers(tmp_path) == []
