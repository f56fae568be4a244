"""Large batches go to worker processes; results, order and errors are the same as in one."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest
from docx import Document

from pipeline.forms.errors import FormTemplateError
from plugins.exporters import docx_render


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "par-form" / "template.docx"
    path.parent.mkdir()
    doc = Document()
    doc.add_paragraph("{{ person.name }}")
    doc.save(path)
    return path


def _jobs(tmp_path, n):
    return [({"person": {"name": f"N{i}"}}, tmp_path / f"{i}.docx") for i in range(n)]


def _texts(paths):
    return [Document(str(p)).paragraphs[0].text for p in paths]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_keep_job_order(tmp_path, template, monkeypatch, method):
    monkeypatch.setattr(docx_render, "_start_method", lambda: method)
    jobs = _jobs(tmp_path, 9)
    paths = docx_render.render(template, jobs, workers=2)
    assert paths == [p for _, p in jobs]
    assert _texts(paths) == [f"N{i}" for i in range(9)]


def test_error_in_a_worker_reaches_the_caller(tmp_path, template):
    jobs = _jobs(tmp_path, 9)
    jobs[7] = ({"person": {}}, jobs[7][1])
    with pytest.raises(FormTemplateError, match="par-form"):
        docx_render.render(template, jobs, workers=2)
    assert not jobs[7][1].exists()
    assert not list(tmp_path.glob(".*.part"))


def test_workers_that_cannot_start_fall_back_to_one_process(tmp_path, template, monkeypatch):
    class DeadPool:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, fn, *args):
            future: Future = Future()
            future.set_exception(BrokenProcessPool("child died at start"))
            return future

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(docx_render, "ProcessPoolExecutor", DeadPool)
    jobs = _jobs(tmp_path, 5)
    assert _texts(docx_render.render(template, jobs, workers=2)) == [f"N{i}" for i in range(5)]
