"""The docx questionnaire exporter's registration. The renderer (docxtpl, lxml, Jinja2) loads
on first use, so that listing commands and plugins stays instant."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import Exporter, hookimpl


def render(template_path: Path, jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
    """Write one document per ``(context, out_path)`` job; see ``docx_render.render``."""
    # why here: the built-ins load for tourdesk --help; docxtpl and jinja2 are heavy
    from plugins.exporters.docx_render import render as render_batch

    return render_batch(template_path, jobs)


@hookimpl
def register_exporters(register: Any) -> None:
    register.exporter(
        Exporter(
            name="docx",
            description="Word questionnaires from docxtpl templates (sandboxed, escaped)",
            suffix=".docx",
            render=render,
        )
    )
