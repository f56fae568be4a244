"""The check before rendering: for each tourist, each required value that is missing,
unusable or untranslated, and the command that fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pipeline.clients.edit import edit_client
from pipeline.forms.info import set_info
from pipeline.forms.render import FilledBatch
from pipeline.forms.values import Issue
from pipeline.normalize.typed import typed_values

#: canonical fields ``tourdesk clients edit`` changes, by its option
_EDIT_OPTIONS = {
    "surname_lat": "--surname-lat", "name_lat": "--name-lat", "surname_ru": "--surname-ru",
    "name_ru": "--name-ru", "patronymic_ru": "--patronymic", "gender": "--gender",
    "birth_date": "--birth-date", "citizenship": "--citizenship",
}  # fmt: skip
#: a trip field the check asks for -> the `tourdesk trips edit` option that sets it
_TRIP_OPTIONS = {
    "title": "--title", "country": "--country", "arrival": "--arrival", "departure": "--departure",
    "hotel": "--hotel", "hotel_name": "--hotel", "hotel_address": "--hotel-address",
    "hotel_phone": "--hotel-phone", "entries": "--entries", "purpose": "--purpose",
    "destinations": "--destination", "cities": "--destination",
}  # fmt: skip
_PROBLEM = {
    "missing": "empty", "untranslated": "not translated", "invalid": "not usable",
    "new_passport": "unknown for the new passport",
    "minor": "empty: a minor (under 18 on arrival) needs it",
    "not_latin": "letters a Latin form cannot print (type it in Latin letters)",
}  # fmt: skip


@dataclass(frozen=True)
class CheckRow:
    tourist: str
    client_id: object
    field: str
    problem: str
    fix: str


def check_rows(batch: FilledBatch, voucher: str | None = None) -> list[CheckRow]:
    """One row per problem, tourists in list order."""
    rows = []
    for item in batch.items:
        client_id = item.person.get("client_id")
        for issue in item.issues:
            spec = issue.spec
            number = f"{spec.number} " if spec.number else ""
            problem = issue.problem or _PROBLEM.get(issue.kind, issue.kind)
            if issue.value and not issue.problem:
                problem += f": {_short(issue.value)}"
            rows.append(
                CheckRow(
                    item.label,
                    client_id,
                    f"{number}{spec.name}",
                    problem,
                    issue.fix or fix_for(issue, client_id, voucher, batch),
                )
            )
    return rows


@dataclass(frozen=True)
class FixTarget:
    """Where the value an issue lacks is typed in: a client field or an extra key."""

    #: "record.birth_date", "extra.civil_status"
    source: str
    #: text | date | choice: the kind of box a clerk types it in
    input: str
    #: for a choice, (value, label) of each option in the form's language
    options: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        return self.source.partition(".")[0]

    @property
    def name(self) -> str:
        return self.source.partition(".")[2]


def fix_target(issue: Issue, language: str = "en") -> FixTarget | None:
    """What a clerk fills in to settle ``issue``; None when it is no client value (a trip's
    field, a word for the dictionary, a passport that comes with a list)."""
    spec = issue.spec
    if issue.fix or (issue.kind == "untranslated" and spec.translate == "dictionary"):
        return None
    editable = [s for s in spec.sources if s.startswith("extra.") or s.partition(".")[2] in _EDIT_OPTIONS]
    if not editable:
        return None
    source = editable[0]
    if spec.type == "choice":
        return FixTarget(source, "choice", tuple((o.value, o.label(language)) for o in spec.options))
    return FixTarget(source, "date" if spec.type == "date" else "text")


def apply_fix(session: Session, client_id: int, source: str, value: str) -> list[tuple[str, Any, Any]]:
    """Store what a clerk typed for ``source`` on client ``client_id`` (a client field through
    ``clients edit``'s rules, an extra key through ``clients info``'s); (field, old, new) per change."""
    kind, _, name = source.partition(".")
    if kind == "extra":
        return set_info(session, client_id, {name: value})
    if kind == "record" and name in _EDIT_OPTIONS:
        values = typed_values({name: value})
        if not values:
            raise ValueError(f"{name}: type a value")
        return edit_client(session, client_id, values)
    raise ValueError(f"{source} is not a value a clerk types in for a client")


@dataclass(frozen=True)
class NeededWord:
    """A value the dictionary lacks in a language, and the tourists whose forms need it."""

    text: str
    language: str
    tourists: tuple[str, ...]


def needed_words(batch: FilledBatch) -> list[NeededWord]:
    """The words this batch's forms still need from the dictionary, each once, most needed first."""
    found: dict[tuple[str, str], list[str]] = {}
    for item in batch.items:
        for issue in item.issues:
            spec = issue.spec
            if issue.kind == "untranslated" and spec.translate == "dictionary" and issue.value:
                who = found.setdefault((issue.value.strip(), spec.fill or batch.form.language), [])
                if item.label not in who:
                    who.append(item.label)
    words = [NeededWord(text, lang, tuple(who)) for (text, lang), who in found.items()]
    return sorted(words, key=lambda w: (-len(w.tourists), w.text.casefold()))


def fix_for(issue: Issue, client_id: object, voucher: str | None, batch: FilledBatch) -> str:
    """The command (or step) that supplies what ``issue`` lacks."""
    spec = issue.spec
    lang = spec.fill or batch.form.language
    if issue.kind == "untranslated" and spec.translate == "dictionary":
        return f'tourdesk dictionary add "{_short(issue.value)}" --{lang} "..."'
    target = fix_target(issue, lang)
    if target is not None and client_id is not None:
        sources = [target.source]
    else:
        sources = [s for s in spec.sources if not s.startswith(("const:", "derive."))]
    if not sources and "derive.passport" in spec.sources:
        return f"tourdesk import LIST{f' --trip {voucher}' if voucher else ''}  (the foreign passport)"
    if not sources and "derive.stay_days" in spec.sources:
        sources = ["trip.arrival", "trip.departure"]
    kind, _, name = (sources[0] if sources else "").partition(".")
    value = "..."
    if spec.type == "choice" and spec.options:
        value = "|".join(o.value for o in spec.options if o.value != "other") or "..."
    elif spec.type == "date":
        value = "DD.MM.YYYY"
    if kind == "extra":
        if client_id is None:
            return "add the tourist to the client file first (tourdesk clients add)"
        return f'tourdesk clients info {client_id} --set {name}="{value}"'
    if kind == "record":
        option = _EDIT_OPTIONS.get(name)
        if option and client_id is not None:
            return f'tourdesk clients edit {client_id} {option} "{value}"'
        return f"tourdesk import LIST{f' --trip {voucher}' if voucher else ''}  ({name})"
    if kind == "trip":
        wanted = " and ".join(s.partition(".")[2] for s in sources if s.startswith("trip."))
        if not voucher:
            return f"render for a trip (--trip VOUCHER) whose file gives {wanted}"
        option = next((_TRIP_OPTIONS[s.partition(".")[2]] for s in sources if s.partition(".")[2] in _TRIP_OPTIONS), None)
        if option:
            return f'tourdesk trips edit {voucher} {option} "{value}"'
        # `trips edit --from` merges the file into the trip: nothing else of it is lost
        return f"add {wanted} to a trip file, then: tourdesk trips edit {voucher} --from TRIP.yaml"
    return "fill it in by hand on the printed form"


def format_check(rows: list[CheckRow]) -> list[str]:
    """The rows as an aligned table, one line each (the fix may run past the width)."""
    if not rows:
        return []
    head = CheckRow("Tourist", "Client", "Field", "Problem", "How to fix")
    table = [head, *rows]
    cols = [
        [r.tourist for r in table],
        ["" if r.client_id is None else str(r.client_id) for r in table],
        [r.field for r in table],
        [r.problem for r in table],
    ]
    widths = [min(max(len(c) for c in col), cap) for col, cap in zip(cols, (28, 6, 38, 80), strict=True)]
    lines = []
    for i, row in enumerate(table):
        cells = [_fit(col[i], w) for col, w in zip(cols, widths, strict=True)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + row.fix)
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 10)
    return lines


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
