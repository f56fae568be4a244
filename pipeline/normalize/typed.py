"""What a clerk types at the desk (or on the command line) for a client, checked and written
the canonical way: the same rules for ``tourdesk clients edit`` and the desk page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.normalize.citizenship import citizenship
from pipeline.normalize.dates import BadDate, parse_date


class BadValue(ValueError):
    """A typed value that will not do; ``field`` names it, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def typed_date(field: str, text: str, kind: str = "birth") -> dt.date:
    try:
        return parse_date(text, kind=kind)
    except BadDate:
        raise BadValue(field, f"{text!r} is not a date (type it as 15.03.1985)") from None


def typed_values(given: dict[str, Any]) -> dict[str, Any]:
    """The values given (empty ones left out), canonical; raises BadValue for the first bad one.

    Latin names upper case as in the passport, Cyrillic ones in title case (double names
    keep their hyphen), M/F from М/Ж too, dates from any common writing, citizenship as
    ISO alpha-3 from a code or a country's name.
    """
    out: dict[str, Any] = {}
    for f in ("surname_lat", "name_lat"):
        if given.get(f):
            value = " ".join(str(given[f]).upper().split())
            if not all(ch.isascii() and (ch.isalpha() or ch in " -") for ch in value):
                raise BadValue(f, f"takes Latin letters as in the passport, not {given[f]!r}")
            out[f] = value
    for f in ("surname_ru", "name_ru", "patronymic_ru"):
        if given.get(f):
            out[f] = "-".join(p.capitalize() for p in " ".join(str(given[f]).split()).split("-"))
    if given.get("gender"):
        g = {"M": "M", "М": "M", "F": "F", "Ж": "F"}.get(str(given["gender"]).strip().upper())
        if g is None:
            raise BadValue("gender", "takes M or F")
        out["gender"] = g
    if given.get("birth_date"):
        out["birth_date"] = typed_date("birth_date", str(given["birth_date"]))
    if given.get("citizenship"):
        code = citizenship(str(given["citizenship"]))
        if not code:
            raise BadValue("citizenship", f"{given['citizenship']!r} is not a country I know")
        out["citizenship"] = code
    return out
