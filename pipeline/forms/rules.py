"""What makes a filled-in form wrong beyond its single fields: the passport against the trip,
letters a Latin form cannot print, and a form chosen for another country.

Each rule returns ``Issue`` rows like the fields' own, with the clerk's fix where it is no
value to type in (a new passport, another form).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from pipeline.forms.countries import SCHENGEN, country_code, country_name
from pipeline.forms.spec import FieldSpec, FormSpec
from pipeline.forms.values import Inputs, Issue, parse_date

#: what the form itself is checked as, in messages
FORM_FIELD = FieldSpec(key="form", number="", labels={"en": "Form"}, sources=("trip.country",), short="Form")


def form_countries(form: FormSpec) -> frozenset[str]:
    """The countries a form's visa is for (ISO alpha-3); empty when the form does not say."""
    code = country_code(form.country)
    if code is not None:
        return frozenset({code})
    if "schengen" in form.country.casefold():
        return SCHENGEN
    return frozenset()


def non_latin(text: str) -> str:
    """The letters of ``text`` that are not Latin (Cyrillic, Greek, CJK, ...), each once."""
    if text.isascii():  # nearly every value: no per-letter look-up for a thousand forms
        return ""
    found = dict.fromkeys(
        ch for ch in text if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")
    )
    return "".join(found)


def printed_text(value: Any) -> str:
    """The text a field's value puts on the page (a choice's own words are the form's labels)."""
    if isinstance(value, dict):
        return str(value.get("other") or "")
    return "" if value is None else str(value)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def _field(form: FormSpec, source: str) -> FieldSpec | None:
    return next((f for f in form.fields if source in f.sources), None)


def form_issues(
    form: FormSpec, src: Inputs, context: dict[str, Any], who: str, flagged: set[str]
) -> list[Issue]:
    """Every rule's issues for one tourist's filled-in form; ``flagged`` are the keys of the
    fields that already have an issue (their Cyrillic is reported once, as untranslated)."""
    issues = _latin(form, context, who, flagged)
    issues += _passport(form, src, who, flagged)
    issues += _destination(form, src, who)
    return issues


def _latin(form: FormSpec, context: dict[str, Any], who: str, flagged: set[str]) -> list[Issue]:
    if form.language == "ru":
        return []
    out = []
    for spec in form.fields:
        if spec.script == "any" or spec.key in flagged:
            continue
        text = printed_text(context.get(spec.key))
        letters = non_latin(text)
        if letters:
            message = (
                f"{who}: field '{spec.name}' has letters a Latin form cannot print ({letters}): {text!r}"
            )
            out.append(Issue(who, spec, "not_latin", text, message))
    return out


def _passport(form: FormSpec, src: Inputs, who: str, flagged: set[str]) -> list[Issue]:
    out: list[Issue] = []
    fmt = form.date_format
    client = src.person.get("client_id")
    renew = (
        f'a new passport: tourdesk clients edit {client} --passport "NN NNNNNNN" --passport-expiry DD.MM.YYYY'
        if client is not None
        else "a new passport: tourdesk import LIST (with the new passport)"
    )
    expiry = parse_date(src.person.get("passport_expiry"))
    back = parse_date(src.trip.get("departure"))
    valid = _field(form, "record.passport_expiry")
    if expiry is not None and back is not None and valid is not None and valid.key not in flagged:
        arrival = parse_date(src.trip.get("arrival"))
        if arrival is not None and expiry < arrival:
            tail = f"passport expires {expiry.strftime(fmt)}, before the trip starts {arrival.strftime(fmt)}"
            out.append(Issue(who, valid, "passport", expiry.isoformat(), f"{who}: {tail}", tail, renew))
        elif expiry < back:
            tail = f"passport expires {expiry.strftime(fmt)}, before the return {back.strftime(fmt)}"
            out.append(Issue(who, valid, "passport", expiry.isoformat(), f"{who}: {tail}", tail, renew))
        elif form_countries(form) == SCHENGEN and expiry < _add_months(back, 3):
            tail = (
                f"passport ends {expiry.strftime(fmt)}, under 3 months after leaving Schengen "
                f"{back.strftime(fmt)}"
            )
            out.append(Issue(who, valid, "passport", expiry.isoformat(), f"{who}: {tail}", tail, renew))
    issued = parse_date(src.extra.get("passport_issue_date"))
    on = parse_date(src.trip.get("application_date")) or src.today
    issue_field = _field(form, "extra.passport_issue_date")
    if (
        issued is not None
        and issue_field is not None
        and issue_field.key not in flagged
        and issued < _add_months(on, -120)
    ):
        tail = f"passport issued {issued.strftime(fmt)}, over 10 years before applying {on.strftime(fmt)}"
        fix = f"{renew}; or, if the date is wrong: tourdesk clients info {client} --set passport_issue_date=DD.MM.YYYY"
        out.append(Issue(who, issue_field, "passport", issued.isoformat(), f"{who}: {tail}", tail, fix))
    return out


def _destination(form: FormSpec, src: Inputs, who: str) -> list[Issue]:
    countries = form_countries(form)
    wanted = [src.trip.get("main_destination"), src.trip.get("country")]
    code = next((country_code(str(w)) for w in wanted if w and country_code(str(w))), None)
    if not countries or code is None or code in countries:
        return []
    where = country_name(code, "en") or code
    tail = f"warning: a {form.country} form ({form.id}) for a trip to {where}"
    fix = "choose the form for that country (tourdesk forms list), or correct the trip's country: " + (
        f"tourdesk trips edit {src.trip['voucher']} --country XXX" if src.trip.get("voucher") else "--country"
    )
    return [Issue(who, FORM_FIELD, "wrong_form", form.id, f"{who}: {tail}", tail, fix)]
