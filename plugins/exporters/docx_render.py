"""Filled-in questionnaires as .docx from docxtpl templates: sandboxed, escaped, and fast.

``DocxTemplate.render`` re-reads and re-parses the template for every document. Here the
template is read, cleaned with docxtpl's own ``patch_xml`` and compiled ONCE per batch;
each tourist then costs one Jinja render of the XML and one zip written from a prepared
copy of the untouched parts. Large batches are split over worker processes.

Templates are data a clerk may edit or a plugin may ship, so they run in Jinja's immutable
sandbox (no ``__class__``/``__globals__`` walk, no ``include`` of files), with limits on the
texts and loops they build (``_template_limits``), and with autoescaping:
``García & Co <b>`` prints exactly as typed instead of breaking the document XML.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import threading
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import BaseLoader, StrictUndefined, Template, TemplateError, TemplateNotFound
from jinja2.sandbox import SecurityError
from lxml import etree

from pipeline import AtomicWriter, FormTemplateError
from plugins.exporters._template_limits import LimitedSandbox, TemplateLimit

log = logging.getLogger(__name__)

#: below this many documents a worker process costs more than it saves
PARALLEL_MIN_JOBS = 50
_CHUNKS_PER_WORKER = 4
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_BODY = "word/document.xml"
# parts docxtpl renders: body, headers, footers, footnotes (core properties are not
# rendered here: our forms keep no tags in them)
_TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
# characters XML 1.0 cannot hold; a pasted value may carry them and would corrupt the file
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# what docxtpl turns into layout (tab, line break, paragraph, page) in rendered text
_LISTING_CHARS = ("\n", "\t", "\a", "\f")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
# docxtpl's helpers used here keep no state; one instance serves every batch
_DOCXTPL = DocxTemplate(io.BytesIO())


def _resolve_listing(match: re.Match[str]) -> str:
    xml = match.group(0)
    return _DOCXTPL.resolve_listing(xml) if any(c in xml for c in _LISTING_CHARS) else xml


class _NoFiles(BaseLoader):
    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateNotFound(f"{template} (a form template may not read other files)")


def _finalize(value: Any) -> Any:
    # Markup and docxtpl's RichText/Listing carry their own XML (``__html__``); autoescape
    # leaves those alone, so must we
    if hasattr(value, "__html__"):
        return value
    text = "" if value is None else str(value)
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def sandbox() -> LimitedSandbox:
    """The only environment a form template runs in: Jinja's immutable sandbox, with limits on
    the texts and loops a template may build (``pipeline.limits``)."""
    return LimitedSandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize, loader=_NoFiles())


@dataclass(frozen=True)
class Prepared:
    """A template read and cleaned once; small and picklable, so workers get a copy."""

    form: str
    #: every zip member that needs no rendering, already zipped, in the template's order
    static_zip: bytes
    #: zip member -> Jinja source (docxtpl-patched XML)
    sources: dict[str, str]
    #: zip member -> ZipInfo to write it with
    infos: dict[str, zipfile.ZipInfo]
    #: docxtpl's table and drawing-id fixes change this template's body, so run them
    fix_body: bool = True
    #: the template prints ``form.draft`` itself; otherwise a draft gets a line at the top
    prints_draft: bool = False


def prepare(template_path: Path) -> Prepared:
    """Read the template and turn each templated part into Jinja source, docxtpl's way."""
    form = template_path.parent.name
    try:
        zin = zipfile.ZipFile(template_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise FormTemplateError(f"form {form!r}: cannot open {template_path.name}: {exc}") from None
    sources: dict[str, str] = {}
    infos: dict[str, zipfile.ZipInfo] = {}
    fix_body = True
    static = io.BytesIO()
    with zin, zipfile.ZipFile(static, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if _TEMPLATED.fullmatch(info.filename):
                # same steps as DocxTemplate.build_xml + render_xml_part before rendering
                original = etree.tostring(etree.fromstring(data), encoding="unicode")
                xml = _DOCXTPL.patch_xml(original)
                if info.filename == _BODY:
                    fix_body = _needs_body_fix(original)
                if info.filename == _BODY or any(t in xml for t in ("{{", "{%", "{#")):
                    sources[info.filename] = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
                    infos[info.filename] = info
                    continue
            zout.writestr(info, data)
    prints_draft = any("form.draft" in src for src in sources.values())
    return Prepared(form, static.getvalue(), sources, infos, fix_body, prints_draft)


def _with_draft_line(body: bytes, text: str) -> bytes:
    """The body with a bold red, centred ``text`` as its first paragraph: a form that failed
    the check says so on its first page, whatever its template."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paragraph = (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/>'
        f'<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>'
    ).encode()
    at = body.find(b"<w:body>")
    if at < 0:
        return body
    at += len(b"<w:body>")
    return body[:at] + paragraph + body[at:]


def _needs_body_fix(original: str) -> bool:
    """Whether docxtpl's fix_tables/fix_docpr_ids can change a rendered body of this template.

    They re-count table columns and renumber drawings, costing more than the render itself.
    Without cell-level tags (tc, colspan, hm, vm) or drawings, every document has the
    template's own grid, so checking that grid once is enough.
    """
    text = re.sub(r"<[^>]+>", "", original)
    if re.search(r"\{%-?\s*(tc|colspan|hm|vm)\b", text) or "docPr" in original:
        return True
    return etree.tostring(_DOCXTPL.fix_tables(original), encoding="unicode") != original


class Compiled:
    """A prepared template compiled once; ``write`` makes one document."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.env = env = sandbox()
        try:
            self.templates: dict[str, Template] = {
                name: env.from_string(src) for name, src in prepared.sources.items()
            }
        except TemplateError as exc:
            raise FormTemplateError(
                f"form {prepared.form!r}: template.docx does not compile: {exc}"
            ) from None

    def render_part(self, name: str, context: dict[str, Any]) -> bytes:
        form = self.prepared.form
        self.env.begin()
        try:
            xml = self.templates[name].render(context)
        except TemplateLimit as exc:
            raise FormTemplateError(f"form {form!r}: template.docx {exc}; refused") from None
        except SecurityError as exc:
            raise FormTemplateError(
                f"form {form!r}: template.docx tries to reach Python internals ({exc}); refused"
            ) from None
        except TemplateError as exc:
            raise FormTemplateError(f"form {form!r}: template.docx cannot be filled: {exc}") from None
        except Exception as exc:  # anything a template expression raises is the template's fault
            raise FormTemplateError(
                f"form {form!r}: template.docx failed: {type(exc).__name__}: {exc}"
            ) from None
        # docxtpl's steps after rendering, in its order
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in _LISTING_CHARS):
            # docxtpl's resolve_listing, paragraph by paragraph, only where it changes something
            xml = _PARAGRAPH.sub(_resolve_listing, xml)
        try:
            # strict parse: docxtpl would "recover" (drop) broken markup without a word
            etree.fromstring(xml.encode())
        except etree.XMLSyntaxError as exc:
            raise FormTemplateError(
                f"form {form!r}: template.docx produced broken XML in {name}: {exc}"
            ) from None
        if name == _BODY and self.prepared.fix_body:
            tree = _DOCXTPL.fix_tables(xml)
            _DOCXTPL.docx_ids_index = 1000
            _DOCXTPL.fix_docpr_ids(tree)
            return _DECLARATION + etree.tostring(tree, encoding="utf-8")
        return _DECLARATION + xml.encode()

    def write(self, context: dict[str, Any], out_path: Path, writer: AtomicWriter) -> Path:
        parts = {name: self.render_part(name, context) for name in self.templates}
        draft = (context.get("form") or {}).get("draft") if isinstance(context.get("form"), dict) else None
        if draft and _BODY in parts and not self.prepared.prints_draft:
            parts[_BODY] = _with_draft_line(parts[_BODY], str(draft))
        buf = io.BytesIO(self.prepared.static_zip)
        with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zout:
            for name, data in parts.items():
                zout.writestr(self.prepared.infos[name], data, compress_type=zipfile.ZIP_DEFLATED)
        return writer.write(out_path, buf.getvalue())

    def write_all(self, jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
        with AtomicWriter() as writer:
            return [self.write(context, path, writer) for context, path in jobs]


_worker: Compiled | None = None


def _init_worker(prepared: Prepared, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    _worker = Compiled(prepared)


def _die_with_parent(parent: int) -> None:
    """A render killed outright (SIGKILL, a cancelled flow's process) cannot shut its pool down,
    and its workers would wait for work forever. On Linux the kernel ends a worker when the
    process that started it goes; elsewhere the pool's own shutdown is all there is."""
    if not sys.platform.startswith("linux"):
        return
    # why here: ctypes only on Linux, once per worker
    import ctypes
    import signal

    pr_set_pdeathsig = 1  # <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # it went before the line above took effect
        os._exit(1)


def _render_chunk(jobs: Sequence[tuple[dict[str, Any], Path]]) -> list[Path]:
    assert _worker is not None
    return _worker.write_all(jobs)


def _cpus() -> int:
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_method() -> str:
    # fork is quick and does not re-run the caller's script, but copying a process that
    # has other threads (a Prefect worker, say) can copy a held lock: spawn then
    if "fork" in get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def render(
    template_path: Path, jobs: Sequence[tuple[dict[str, Any], Path]], *, workers: int | None = None
) -> list[Path]:
    """Write one .docx per ``(context, out_path)`` job; returns the paths in job order."""
    jobs = list(jobs)
    compiled = Compiled(prepare(Path(template_path)))  # fails fast, before any worker starts
    if workers is None:
        workers = min(_cpus(), len(jobs) // PARALLEL_MIN_JOBS)
    if workers <= 1 or len(jobs) < 2:
        return compiled.write_all(jobs)
    size = max(1, -(-len(jobs) // (workers * _CHUNKS_PER_WORKER)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    done: list[list[Path]] = []
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=get_context(_start_method()),
            initializer=_init_worker,
            initargs=(compiled.prepared, os.getpid()),
        ) as pool:
            futures = [pool.submit(_render_chunk, chunk) for chunk in chunks]
            try:
                for future in futures:
                    done.append(future.result())
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    except BrokenProcessPool as exc:
        # workers that cannot start (e.g. spawn re-running a script without a __main__
        # guard) must not cost the clerk the batch: finish it here, slower but complete
        log.warning(
            "form %s: worker processes failed (%s); rendering in one process", compiled.prepared.form, exc
        )
        for chunk in chunks[len(done) :]:
            done.append(compiled.write_all(chunk))
    return [path for chunk_paths in done for path in chunk_paths]
