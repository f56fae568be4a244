"""One field's printed value: where it comes from, how it is translated and formatted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.forms.countries import country_name
from pipeline.forms.spec import FieldSpec, FormSpec
from pipeline.forms.ussr import born_in_ussr

#: ``translate(text, language) -> translation``, or None/"" when the dictionary lacks it
Translate = Callable[[str, str], str | None]
#: name -> transliteration function, or None when no such translator is installed
TranslitLookup = Callable[[str], Callable[[str], str] | None]

CHECKED, UNCHECKED = "☒", "☐"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[-'][\u0400-\u04ff]+)*")
#: the extra keys that describe one passport and go with it (see pipeline.forms.passport)
PASSPORT_KEYS = (
    "passport_issue_date",
    "passport_issue_place",
    "passport_authority",
    "passport_issuing_country",
)
_PASSPORT_SOURCES = frozenset(f"extra.{k}" for k in PASSPORT_KEYS)
_TRUE_WORDS = {"yes", "true", "y", "да", "oui"}
_FALSE_WORDS = {"no", "false", "n", "нет", "non"}


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@dataclass
class Inputs:
    """Everything one tourist's form is filled from."""

    person: dict[str, Any]
    trip: dict[str, Any]
    extra: dict[str, Any]
    today: dt.date = field(default_factory=dt.date.today)

    def get(self, source: str) -> Any:
        if source.startswith("const:"):
            return source[len("const:") :]
        kind, _, name = source.partition(".")
        if kind == "derive":
            return DERIVED[name](self) if name in DERIVED else None
        table = {"record": self.person, "trip": self.trip, "extra": self.extra}[kind]
        return table.get(name)

    def first(self, sources: tuple[str, ...]) -> Any:
        for source in sources:
            value = self.get(source)
            if isinstance(value, (list, tuple)):
                value = [v for v in value if v is not None and str(v).strip()] or None
            elif isinstance(value, dict):
                value = value if any(str(v or "").strip() for v in value.values()) else None
            if value is not None and str(value).strip() != "":
                return value
        return None

    def is_minor(self) -> bool:
        born = parse_date(self.person.get("birth_date"))
        on = parse_date(self.trip.get("arrival")) or self.today
        if born is None:
            return False
        return (on.year - born.year - ((on.month, on.day) < (born.month, born.day))) < 18


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _passport(src: Inputs) -> str | None:
    number = src.person.get("passport_number")
    if not number:
        return None
    # printed as in the machine-readable zone, series and number run together
    return f"{src.person.get('passport_series') or ''}{number}"


def _nationality_at_birth(src: Inputs) -> str | None:
    born = parse_date(src.person.get("birth_date"))
    country, place = src.extra.get("country_of_birth"), src.extra.get("place_of_birth")
    if born_in_ussr(born, country and str(country), place and str(place), src.person.get("citizenship")):
        return "SUN"
    return None


def _stay_days(src: Inputs) -> int | None:
    arrival, departure = parse_date(src.trip.get("arrival")), parse_date(src.trip.get("departure"))
    if arrival is None or departure is None or departure < arrival:
        return None
    # consulates count both the day of arrival and the day of departure
    return (departure - arrival).days + 1


DERIVED: dict[str, Callable[[Inputs], Any]] = {
    "passport": _passport,
    "nationality_at_birth": _nationality_at_birth,
    "internal_passport": lambda s: (
        f"{s.person.get('internal_series') or ''}{s.person['internal_number']}"
        if s.person.get("internal_number")
        else None
    ),
    "today": lambda s: s.today.isoformat(),
    "stay_days": _stay_days,
}


@dataclass(frozen=True)
class Issue:
    """One thing a clerk must fix before a form is complete."""

    who: str
    spec: FieldSpec
    #: missing | minor | untranslated | invalid | new_passport | not_latin | passport | wrong_form
    kind: str
    #: what the form would print (the untranslated or unusable value), "" when empty
    value: str
    message: str
    #: what is wrong in the clerk's words, where the kind alone does not say it
    problem: str = ""
    #: how to fix it, where it is no value to type in (a new passport, another form)
    fix: str = ""


@dataclass
class Filler:
    """Turns raw values into printed ones for one form, collecting what went wrong."""

    form: FormSpec
    translate: Translate | None
    translit: TranslitLookup
    problems: list[str] = field(default_factory=list)
    #: the same problems, structured for the check table (one per entry of ``problems``)
    issues: list[Issue] = field(default_factory=list)
    _names: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def _problem(self, who: str, spec: FieldSpec, kind: str, tail: str, value: str = "") -> None:
        message = f"{who}: field '{spec.name}' ({spec.source_text}) {tail}"
        self.problems.append(message)
        self.issues.append(Issue(who, spec, kind, value, message))

    def value(self, spec: FieldSpec, src: Inputs, who: str) -> Any:
        raw = src.first(spec.sources)
        lang = spec.fill or self.form.language
        if raw is None:
            if spec.required or (spec.required_if == "minor" and src.is_minor()):
                if src.person.get("passport_replaced") and any(s in _PASSPORT_SOURCES for s in spec.sources):
                    self._problem(who, spec, "new_passport", "is unknown for the new passport")
                elif spec.required_if == "minor":
                    self._problem(who, spec, "minor", "is empty; a minor's form needs it")
                else:
                    self._problem(who, spec, "missing", "is empty")
            return self.choice(spec, None, lang, who) if spec.type == "choice" else ""
        if spec.type == "choice":
            return self.choice(spec, raw, lang, who)
        if spec.type == "date":
            return self.date(spec, raw, who)
        if isinstance(raw, (list, tuple)):
            # a trip's cities, in order, each translated as a single value would be
            return ", ".join(self.text(spec, str(item).strip(), lang, who) for item in raw)
        if isinstance(raw, dict):
            # a party (hotel, inviting person): its own field holds the name; the address and
            # phone have fields of their own on every form
            raw = raw.get("name") or ", ".join(str(v) for v in raw.values() if v)
        text = str(raw).strip()
        if spec.type == "country":
            name = country_name(text, lang)
            if name is not None:
                return name
        return self.text(spec, text, lang, who)

    def date(self, spec: FieldSpec, raw: Any, who: str) -> str:
        day = parse_date(raw)
        if day is None:
            self._problem(who, spec, "invalid", "is not a date", str(raw))
            return str(raw)
        return day.strftime(self.form.date_format)

    def text(self, spec: FieldSpec, text: str, lang: str, who: str) -> str:
        mode = spec.translate
        if mode == "dictionary" and self.translate is not None:
            # asked even for Latin text: "engineer" still needs French on a French form
            found = self.translate(text, lang)
            if found:
                return found
        if lang == "ru" or not has_cyrillic(text) or mode == "as_is":
            return text
        if mode.startswith("translit:"):
            name = mode.partition(":")[2]
            func = self.translit(name)
            if func is not None:
                return self._spell_out(text, lang, func)
            why = f"is in Cyrillic and no {name!r} transliterator is installed"
        else:
            why = "is left untranslated"
        self._problem(who, spec, "untranslated", f"{why}: {text!r}", text)
        return text

    def _spell_out(self, text: str, lang: str, func: Callable[[str], str]) -> str:
        """Transliterate ``text`` word by word, translating the dictionary's relation, occupation,
        company-form and civil-status words in it ("Иванов Сергей, отец" -> "IVANOV SERGEI, FATHER")."""
        # word by word: a name transliterator may drop digits, punctuation and line breaks,
        # which an address or an employer's name needs
        phrase = getattr(self.translate, "phrase", None)
        runs = list(_CYRILLIC_RUN.finditer(text))
        if phrase is None or not runs:
            return _CYRILLIC_RUN.sub(lambda m: func(m.group(0)), text)
        upper = func("а").isupper()
        out, at, i = [], 0, 0
        while i < len(runs):
            # the longest phrase of up to three words, separated by spaces only, wins
            for j in range(min(len(runs), i + 3), i, -1):
                gaps = (text[runs[k].end() : runs[k + 1].start()] for k in range(i, j - 1))
                if j - i > 1 and not all(g.strip() == "" for g in gaps):
                    continue
                found = phrase(text[runs[i].start() : runs[j - 1].end()], lang)
                if found:
                    out += [text[at : runs[i].start()], found.upper() if upper else found]
                    at, i = runs[j - 1].end(), j
                    break
            else:
                out += [text[at : runs[i].start()], func(runs[i].group(0))]
                at, i = runs[i].end(), i + 1
        out.append(text[at:])
        return "".join(out)

    def choice(self, spec: FieldSpec, raw: Any, lang: str, who: str) -> dict[str, Any]:
        chosen, other = self._match(spec, raw)
        translated = None
        if chosen is None and raw is not None and self.translate is not None and has_cyrillic(str(raw)):
            # "замужем" is no option label, but the dictionary knows it as "married" (asked in
            # the form's language: a miss is queued for the language the form prints)
            translated = self.translate(str(raw).strip(), lang)
            chosen, other = self._match(spec, translated)
            if chosen is None and translated and lang != "en":
                # "mariée" is no label either; the entry's English ("married") is an option
                chosen, other = self._match(spec, self.translate(str(raw).strip(), "en"))
        if raw is not None and chosen is None:
            if any(o.value == "other" for o in spec.options):
                # "other: гражданский брак" prints the dictionary's words ("union libre") when it has them
                chosen, other = "other", translated or self.text(spec, str(raw).strip(), lang, who)
            else:
                allowed = ", ".join(o.value for o in spec.options)
                self._problem(who, spec, "invalid", f"is {str(raw)!r}, not one of: {allowed}", str(raw))
        boxes = {o.value: CHECKED if o.value == chosen else UNCHECKED for o in spec.options}
        label = next((o.label(lang) for o in spec.options if o.value == chosen), "")
        line = "   ".join(f"{boxes[o.value]} {o.label(lang)}" for o in spec.options)
        return {
            "value": chosen or "",
            "label": label,
            "boxes": boxes,
            "other": other,
            "line": f"{line}: {other}" if other else line,
        }

    def _match(self, spec: FieldSpec, raw: Any) -> tuple[str | None, str]:
        if raw is None:
            return None, ""
        if isinstance(raw, bool):
            raw = "yes" if raw else "no"
        text = str(raw).strip().casefold()
        text = "yes" if text in _TRUE_WORDS else "no" if text in _FALSE_WORDS else text
        return self._option_names(spec).get(text), ""

    def _option_names(self, spec: FieldSpec) -> dict[str, str]:
        # every name of every option (value and labels, case-folded) -> the option's value;
        # worked out once per field for a whole batch of tourists, the first option winning
        names = self._names.get(spec.key)
        if names is None:
            names = {}
            for option in spec.options:
                for name in (option.value, *option.labels.values()):
                    names.setdefault(name.casefold(), option.value)
            self._names[spec.key] = names
        return names
