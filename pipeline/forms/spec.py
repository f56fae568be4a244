"""The field catalogue of a questionnaire form (``fields.yaml``), parsed and checked.

A catalogue looks like this (see ``templates/forms/schengen-en/fields.yaml``)::

    id: schengen-en              # must equal the folder name
    title: Application for Schengen Visa
    country: Schengen area
    languages: [en]              # the first is the language labels and values are printed in
    date_format: "%d.%m.%Y"      # optional
    extends: other-form          # optional: reuse that form's fields (then 'fields' may go)
    fields:
      - key: surname             # the template writes {{ surname }}
        number: "1"              # the number printed on the form
        label: {en: "Surname", fr: "Nom", ru: "Фамилия"}
        short: "Surname"         # optional: the name messages use for a long label
        source: [record.surname_lat, record.surname_ru]   # first non-empty wins
        type: text               # text | date | country | choice
        required: true           # true | false | minor (under 18 on the day of arrival)
        translate: translit:icao # as_is | dictionary | translit:<translator name>
        script: latin            # optional: 'any' where a Latin form may print other letters
        fill: fr                 # optional: language of the value, if not the form's
      - key: sex
        source: record.gender
        type: choice             # the template writes {{ sex.boxes.F }} (☒ or ☐),
        options:                 # {{ sex.label }}, {{ sex.line }}, {{ sex.other }}
          - {value: M, label: {en: Male, fr: Masculin}}

An optional ``layout`` (``notice``, ``signature``, ``sections: [{heading, first: <key>,
new_page}]``) is read only by ``tools/build_form_templates.py`` when it writes the template.

Sources: ``record.<canonical field>``, ``extra.<key>`` (the client's extra information),
``trip.<key>``, ``derive.<name>`` (see ``pipeline.forms.values.DERIVED``), ``const:<text>``.
Use the same ``extra.<key>`` as the other forms for the same question (``tourdesk clients
info keys`` lists them): a client's information is entered once for every country.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.forms.errors import FormSpecError
from pipeline.record import CANONICAL_FIELDS

LANGUAGES = ("en", "fr", "ru")
FIELD_TYPES = ("text", "date", "choice", "country")
SOURCE_KINDS = ("record", "extra", "trip", "derive")
#: names the context already uses, so a field may not take them
RESERVED_KEYS = frozenset({"form", "labels", "applicant"})
#: option values are read as ``{{ sex.boxes.F }}``; Jinja looks attributes up before keys,
#: so a value spelled like a dict method would print the method instead of the box
_DICT_ATTRS = frozenset(dir(dict))


@dataclass(frozen=True)
class Option:
    value: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.value


@dataclass(frozen=True)
class FieldSpec:
    key: str
    number: str
    labels: dict[str, str]
    #: where the value comes from, in order; the first non-empty one wins
    sources: tuple[str, ...]
    type: str = "text"
    required: bool = False
    #: "minor": required only when the tourist is under 18 on the day of arrival
    required_if: str | None = None
    translate: str = "as_is"
    #: language the value is written in on the form; None means the form's own
    fill: str | None = None
    options: tuple[Option, ...] = ()
    #: a short English name for messages, where the printed label is a paragraph
    short: str | None = None
    #: "latin": a Latin-script form prints only Latin letters here; "any": any script (a
    #: name in Chinese on the China form)
    script: str = "latin"

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.key

    @property
    def name(self) -> str:
        """What messages call the field."""
        return self.short or self.label("en")

    @property
    def source_text(self) -> str:
        """The sources a clerk should fill, for messages (constants are not worth naming)."""
        named = [s for s in self.sources if not s.startswith(("const:", "derive."))]
        return " or ".join(named or self.sources)


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    country: str
    languages: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    folder: Path
    date_format: str = "%d.%m.%Y"

    @property
    def language(self) -> str:
        """The language labels are printed in and values are filled in, unless a field says."""
        return self.languages[0]

    @property
    def template_path(self) -> Path:
        return self.folder / "template.docx"

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


#: parsed catalogues by path, with the (mtime, size) they were read at: the desk checks a
#: trip's forms on every page, and parsing the YAML costs more than filling 50 forms
_READ: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def read_catalogue(path: Path) -> dict[str, Any]:
    """The raw mapping in a ``fields.yaml`` (safe loader: a catalogue is data, not code).

    Read again only when the file changed; callers must not change what they get."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise FormSpecError(f"{path}: cannot read the form catalogue: {exc}") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _READ.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    data = _read_catalogue(path)
    _READ[path] = (stamp, data)
    return data


def _read_catalogue(path: Path) -> dict[str, Any]:
    try:
        # the C loader where PyYAML has it: the pure-Python one takes ~0.1 s per catalogue
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise FormSpecError(f"{path}: cannot read the form catalogue: {exc}") from None
    if not isinstance(data, dict) or not data.get("id"):
        raise FormSpecError(f"{path}: a form catalogue needs at least 'id' and 'fields'")
    return data


def parse_form(data: dict[str, Any], folder: Path, base: FormSpec | None = None) -> FormSpec:
    """Build a FormSpec; ``base`` is the form named by ``extends`` (its fields are reused)."""
    where = folder / "fields.yaml"
    languages = tuple(data.get("languages") or (base.languages if base else ("en",)))
    for lang in languages:
        if lang not in LANGUAGES:
            raise FormSpecError(f"{where}: language {lang!r} is not one of {', '.join(LANGUAGES)}")
    if "fields" in data:
        fields = tuple(_parse_field(raw, where, i) for i, raw in enumerate(data["fields"] or ()))
    elif base is not None:
        fields = base.fields
    else:
        raise FormSpecError(f"{where}: no 'fields' and no 'extends'")
    _check_unique(fields, where)
    return FormSpec(
        id=str(data["id"]),
        title=str(data.get("title") or (base.title if base else data["id"])),
        country=str(data.get("country") or (base.country if base else "")),
        languages=languages,
        fields=fields,
        folder=folder,
        date_format=str(data.get("date_format") or (base.date_format if base else "%d.%m.%Y")),
    )


def _parse_field(raw: Any, where: Path, index: int) -> FieldSpec:
    if not isinstance(raw, dict) or not raw.get("key"):
        raise FormSpecError(f"{where}: field #{index + 1} has no 'key'")
    key = str(raw["key"])
    at = f"{where}: field {key!r}"
    if not key.isidentifier() or keyword.iskeyword(key) or key in RESERVED_KEYS:
        raise FormSpecError(f"{at}: the key must be a plain name usable in a template")
    sources = raw.get("source")
    sources = tuple(str(s) for s in (sources if isinstance(sources, list) else [sources]) if s)
    if not sources:
        raise FormSpecError(f"{at}: no 'source'")
    for source in sources:
        _check_source(source, at)
    ftype = str(raw.get("type") or "text")
    if ftype not in FIELD_TYPES:
        raise FormSpecError(f"{at}: type {ftype!r} is not one of {', '.join(FIELD_TYPES)}")
    options = tuple(_parse_option(o, at) for o in raw.get("options") or ())
    if ftype == "choice" and not options:
        raise FormSpecError(f"{at}: a choice field needs 'options'")
    required = raw.get("required", False)
    translate = str(raw.get("translate") or "as_is")
    if translate not in ("as_is", "dictionary") and not translate.startswith("translit:"):
        raise FormSpecError(f"{at}: translate {translate!r} is not as_is, dictionary or translit:<name>")
    script = str(raw.get("script") or "latin")
    if script not in ("latin", "any"):
        raise FormSpecError(f"{at}: script {script!r} is not latin or any")
    return FieldSpec(
        key=key,
        number=str(raw.get("number") or ""),
        labels=_labels(raw.get("label"), key),
        sources=sources,
        type=ftype,
        required=required is True,
        required_if="minor" if required == "minor" else None,
        translate=translate,
        fill=raw.get("fill"),
        options=options,
        short=str(raw["short"]) if raw.get("short") else None,
        script=script,
    )


def _check_source(source: str, at: str) -> None:
    if source.startswith("const:"):
        return
    kind, _, name = source.partition(".")
    if kind not in SOURCE_KINDS or not name:
        raise FormSpecError(f"{at}: source {source!r} is not record.X, extra.X, trip.X, derive.X or const:X")
    if kind == "record" and name not in CANONICAL_FIELDS:
        raise FormSpecError(f"{at}: {name!r} is not a field of the tourist record")


def _parse_option(raw: Any, at: str) -> Option:
    if not isinstance(raw, dict) or raw.get("value") in (None, ""):
        raise FormSpecError(f"{at}: every option needs a 'value'")
    value = str(raw["value"])
    if not value.isidentifier() or value in _DICT_ATTRS:
        raise FormSpecError(f"{at}: option value {value!r} must be a plain name (not a dict method)")
    return Option(value=value, labels=_labels(raw.get("label"), value))


def _labels(raw: Any, fallback: str) -> dict[str, str]:
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    return {"en": str(raw) if raw else fallback}


def _check_unique(fields: tuple[FieldSpec, ...], where: Path) -> None:
    seen: set[str] = set()
    for f in fields:
        if f.key in seen:
            raise FormSpecError(f"{where}: field {f.key!r} appears twice")
        seen.add(f.key)
