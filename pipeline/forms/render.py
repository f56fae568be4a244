"""Embassy questionnaires: find the forms, fill in one context per tourist, render them.

A form is a folder ``<forms dir>/<form-id>/`` holding ``fields.yaml`` (the field catalogue,
see ``pipeline.forms.spec``) and ``template.docx``. Forms dirs come from the
``register_forms`` hook, so a folder a plugin registers needs no code here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.forms.errors import (
    FormError,
    FormSpecError,
    FormTemplateError,
    UnknownFormError,
)
from pipeline.forms.files import output_names, private_dir
from pipeline.forms.rules import form_issues, non_latin
from pipeline.forms.spec import FieldSpec, FormSpec, parse_form, read_catalogue
from pipeline.forms.values import Filler, Inputs, Issue, Translate
from pipeline.hooks import manager as plugins
from pipeline.types import Exporter

__all__ = [
    "FieldSpec",
    "Filled",
    "FilledBatch",
    "FormError",
    "FormSpec",
    "FormSpecError",
    "FormTemplateError",
    "Issue",
    "PersonResult",
    "RenderReport",
    "UnknownFormError",
    "build_context",
    "fill_forms",
    "list_forms",
    "load_form",
    "render_forms",
    "write_forms",
]

log = logging.getLogger(__name__)


def _catalogues() -> dict[str, tuple[dict[str, Any], Path]]:
    """Raw catalogue of every form folder; a later forms dir overrides an earlier one."""
    found: dict[str, tuple[dict[str, Any], Path]] = {}
    for forms_dir in plugins.registry().form_dirs:
        if not forms_dir.is_dir():
            continue
        for folder in sorted(p for p in forms_dir.iterdir() if (p / "fields.yaml").is_file()):
            data = read_catalogue(folder / "fields.yaml")
            if str(data["id"]) != folder.name:
                raise FormSpecError(
                    f"{folder / 'fields.yaml'}: id {data['id']!r} differs from the folder name "
                    f"{folder.name!r}"
                )
            found[folder.name] = (data, folder)
    return found


def _parse(
    form_id: str, catalogues: dict[str, tuple[dict[str, Any], Path]], seen: tuple[str, ...] = ()
) -> FormSpec:
    data, folder = catalogues[form_id]
    base = None
    if data.get("extends"):
        parent = str(data["extends"])
        if parent in seen or parent == form_id:
            raise FormSpecError(f"{folder / 'fields.yaml'}: 'extends' loops through {parent!r}")
        if parent not in catalogues:
            raise FormSpecError(f"{folder / 'fields.yaml'}: extends unknown form {parent!r}")
        base = _parse(parent, catalogues, (*seen, form_id))
    return parse_form(data, folder, base)


def list_forms() -> list[FormSpec]:
    """Every form in every registered forms dir, sorted by id."""
    catalogues = _catalogues()
    return [_parse(form_id, catalogues) for form_id in sorted(catalogues)]


def load_form(form_id: str) -> FormSpec:
    """The form with this id; the error lists the forms there are."""
    catalogues = _catalogues()
    if form_id not in catalogues:
        known = ", ".join(sorted(catalogues)) or "none (no forms folder is registered)"
        raise UnknownFormError(f"no form {form_id!r}; available forms: {known}")
    return _parse(form_id, catalogues)


def person_label(person: dict[str, Any]) -> str:
    """How messages name a tourist: ``SMIRNOVA Anna``."""
    surname = person.get("surname_lat") or person.get("surname_ru") or "?"
    name = person.get("name_lat") or person.get("name_ru") or ""
    return f"{str(surname).upper()} {str(name).title()}".strip()


def _translit_lookup() -> Callable[[str], Callable[[str], str] | None]:
    cache: dict[str, Callable[[str], str] | None] = {}

    def lookup(name: str) -> Callable[[str], str] | None:
        if name not in cache:
            translator = plugins.registry().translators.get(name)
            cache[name] = translator.translate if translator is not None else None
        return cache[name]

    return lookup


def build_context(
    form: FormSpec,
    person: dict[str, Any],
    trip: dict[str, Any] | None,
    extra: dict[str, Any] | None,
    translate: Translate | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The template context for one tourist, and what a clerk must still fix.

    ``translate(text, language)`` is the dictionary for ``translate: dictionary`` fields;
    it returns the translation, or None when it does not know the text.
    """
    filler = Filler(form, translate, _translit_lookup())
    return _fill(filler, form, person, trip, extra, today), filler.problems


def _fill(
    filler: Filler,
    form: FormSpec,
    person: dict[str, Any],
    trip: dict[str, Any] | None,
    extra: dict[str, Any] | None,
    today: dt.date | None,
) -> dict[str, Any]:
    src = Inputs(person, trip or {}, extra or {}, today or dt.date.today())
    who = person_label(person)
    before = len(filler.issues)
    context: dict[str, Any] = {
        "form": {
            "id": form.id,
            "title": form.title,
            "country": form.country,
            "language": form.language,
            # set when the form fails the check: the exporter prints it at the top
            "draft": "",
        },  # fmt: skip
        "labels": {f.key: f.label(form.language) for f in form.fields},
        "applicant": who,
    }
    for spec in form.fields:
        context[spec.key] = filler.value(spec, src, who)
    if form.language != "ru" and non_latin(who):
        # a tourist known only in Cyrillic: the footer names them as the form prints them
        printed = " ".join(
            str(context[k]) for k in ("surname", "first_names", "given_names") if context.get(k)
        )
        if printed and not non_latin(printed):
            context["applicant"] = printed
    # the rules across fields: the passport against the trip, the script, the form's country
    flagged = {issue.spec.key for issue in filler.issues[before:]}
    for issue in form_issues(form, src, context, who, flagged):
        filler.problems.append(issue.message)
        filler.issues.append(issue)
    return context


@dataclass(frozen=True)
class PersonResult:
    """One tourist's questionnaire."""

    index: int
    label: str
    path: Path
    problems: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass
class RenderReport:
    form_id: str
    out_dir: Path
    results: list[PersonResult] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [r.path for r in self.results]

    @property
    def problems(self) -> dict[str, list[str]]:
        """Problems per tourist (file name -> messages), only tourists that have some."""
        return {r.path.name: r.problems for r in self.results if r.problems}

    @property
    def ok(self) -> bool:
        return not any(r.problems for r in self.results)


@dataclass
class Filled:
    """One tourist's questionnaire, filled in and checked but not written yet."""

    index: int
    person: dict[str, Any]
    label: str
    context: dict[str, Any]
    issues: list[Issue]
    #: the file name it will be written under
    name: str

    @property
    def problems(self) -> list[str]:
        return [i.message for i in self.issues]


@dataclass
class FilledBatch:
    """Every tourist's questionnaire of one form: what ``check`` shows and ``write`` writes."""

    form: FormSpec
    exporter: Exporter
    items: list[Filled]

    @property
    def incomplete(self) -> list[Filled]:
        return [item for item in self.items if item.issues]


def _extra_for(
    extras: dict[int | str, dict[str, Any]] | None, person: dict[str, Any], index: int
) -> dict[str, Any]:
    # keyed by client_id when the tourist is a known client, else by position in the list
    if not extras:
        return {}
    key = person.get("client_id")
    if key is None:
        return extras.get(index) or {}
    # ids read from JSON or a form field arrive as text, from the store as int
    return extras.get(key) or extras.get(str(key)) or {}


def fill_forms(
    form_id: str,
    people: list[dict[str, Any]],
    trip: dict[str, Any] | None,
    extras: dict[int | str, dict[str, Any]] | None = None,
    exporter: str = "docx",
    translate: Translate | None = None,
    *,
    translate_for: Callable[[dict[str, Any]], Translate | None] | None = None,
) -> FilledBatch:
    """Fill in (and check) one questionnaire per tourist, writing nothing.

    ``translate_for(person)`` gives each tourist their own dictionary (so the missing-words
    queue names who needed a word); otherwise ``translate`` serves everyone.
    """
    form = load_form(form_id)
    exporters = plugins.registry().exporters
    if exporter not in exporters:
        raise FormError(f"no exporter {exporter!r}; available: {', '.join(sorted(exporters)) or 'none'}")
    exp = exporters[exporter]
    filler = Filler(form, translate, _translit_lookup())
    contexts, issues = [], []
    for index, person in enumerate(people):
        if translate_for is not None:
            filler.translate = translate_for(person)
        before = len(filler.issues)
        contexts.append(_fill(filler, form, person, trip, _extra_for(extras, person, index), None))
        issues.append(filler.issues[before:])
    # named from the printed (Latin) names, so a tourist known only in Cyrillic still gets
    # a readable file name when a transliterator is installed
    latin = [{"surname_lat": c.get("surname"), "name_lat": c.get("first_names") or c.get("given_names")}
             for c in contexts]  # fmt: skip
    names = output_names(latin, form.id, exp.suffix)
    for i, found in enumerate(issues):
        if found:
            # a form that fails the check is written only as a marked draft, in the document
            # and in its name, so it is never taken for a checked one
            names[i] = draft_name(names[i], exp.suffix)
            contexts[i]["form"]["draft"] = draft_line(form.language, len(found))
    items = [
        Filled(i, person, person_label(person), contexts[i], issues[i], names[i])
        for i, person in enumerate(people)
    ]
    return FilledBatch(form, exp, items)


#: the file-name mark of a form that failed the check
DRAFT_SUFFIX = "_DRAFT"
#: the line a failing form carries at its top, in the form's language (always with the
#: English words the desk searches for)
_DRAFT_WORDS = {"fr": "BROUILLON – non vérifié", "ru": "ЧЕРНОВИК – не проверено"}


def draft_name(name: str, suffix: str) -> str:
    """``SURNAME_NAME_form.docx`` -> ``SURNAME_NAME_form_DRAFT.docx``."""
    stem = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
    return f"{stem}{DRAFT_SUFFIX}{suffix}"


def draft_line(language: str, problems: int) -> str:
    """What a failing form says at its top."""
    words = " / ".join(filter(None, ["DRAFT – not checked", _DRAFT_WORDS.get(language)]))
    return f"{words} ({problems} to fix: tourdesk forms check)"


def write_forms(batch: FilledBatch, out_dir: Path) -> RenderReport:
    """Write a filled batch into ``out_dir`` (created owner-only), one file per tourist.

    If the template fails (``FormTemplateError``), the files already written are complete
    and the rest are not written.
    """
    form, exp = batch.form, batch.exporter
    template = form.folder / f"template{exp.suffix}"
    if not template.is_file():
        raise FormTemplateError(f"form {form.id!r}: {template} is missing")
    out = private_dir(Path(out_dir))
    report = RenderReport(form.id, out)
    for item in batch.items:
        # this render supersedes the tourist's earlier final or draft file of the form
        other = _counterpart(item.name, exp.suffix)
        if other is not None:
            (out / other).unlink(missing_ok=True)
    for item in batch.items:
        report.results.append(
            PersonResult(item.index, item.label, out / item.name, item.problems, item.issues)
        )
    exp.render(template, [(item.context, out / item.name) for item in batch.items])
    # counts only: names and passport data stay out of logs
    log.info(
        "form %s: %d questionnaires written, %d with problems",
        form.id,
        len(batch.items),
        len(batch.incomplete),
    )
    return report


def _counterpart(name: str, suffix: str) -> str | None:
    """The draft of a final file name, or the final of a draft one."""
    if not suffix or not name.endswith(suffix):
        return None
    stem = name[: -len(suffix)]
    if stem.endswith(DRAFT_SUFFIX):
        return stem[: -len(DRAFT_SUFFIX)] + suffix
    return draft_name(name, suffix)


def render_forms(
    form_id: str,
    people: list[dict[str, Any]],
    trip: dict[str, Any] | None,
    out_dir: Path,
    extras: dict[int | str, dict[str, Any]] | None = None,
    exporter: str = "docx",
    translate: Translate | None = None,
    *,
    translate_for: Callable[[dict[str, Any]], Translate | None] | None = None,
) -> RenderReport:
    """Write one filled-in questionnaire per tourist into ``out_dir`` (created owner-only).

    Files are named ``SURNAME_NAME_<form-id>.docx``. A tourist with empty required fields
    still gets a file (the clerk completes it by hand); the report lists what is missing.
    ``extras`` is keyed by the tourist's ``client_id``, or by position in ``people`` for a
    tourist without one. If the template fails (``FormTemplateError``), the files already
    written are complete and the rest are not written.
    """
    batch = fill_forms(form_id, people, trip, extras, exporter, translate, translate_for=translate_for)
    return write_forms(batch, out_dir)
