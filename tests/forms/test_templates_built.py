"""The committed template.docx files are what tools/build_form_templates.py writes today."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "templates" / "forms"


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location(
        "build_form_templates", ROOT / "tools" / "build_form_templates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("form_id", ["schengen-en", "schengen-fr", "china", "japan"])
def test_committed_template_is_up_to_date(tmp_path, builder, monkeypatch, form_id):
    copy = tmp_path / "forms"
    shutil.copytree(FORMS, copy, ignore=shutil.ignore_patterns("template.docx"))
    monkeypatch.setattr(builder, "FORMS", copy)
    built = builder.build(builder.load(copy / form_id))
    assert built.read_bytes() == (FORMS / form_id / "template.docx").read_bytes(), (
        "run: .venv/bin/python tools/build_form_templates.py"
    )
