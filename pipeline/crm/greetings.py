"""The greetings list for a day or a week: birthdays, name days, personal dates and public holidays.

Greetings go out as a mailing (list ``greetings``), so they follow the offer rules: advertising
consent in force and no unsubscribe from the list. Each row says why it would not be sent, so
the desk sees who is left out and why; the exports take only the rows that may go.

Real client files have gaps, and every one of them is a normal case here: no patronymic
beside one with, no e-mail (a phone will do; neither: not sent), no consent, a name only in
Latin (greeted by it, undeclined; a Cyrillic spelling the import guessed is used for Russian
citizens only: «Яне» for JANE SMITH would offend), a foreign client (greeted in English when no language is
chosen and no Cyrillic name is known; Russia's national holidays only for its citizens), no
sex recorded (no 23 February or 8 March unless the patronymic tells).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.crm.consent import offer_recipients
from pipeline.crm.models import Contact, ImportantDate, Profile, Unsubscribe
from pipeline.crm.namedays import name_days
from pipeline.crm.wording import compose, gender_of, text_or_none
from pipeline.settings import agency_name
from pipeline.store.models import Client

LIST_NAME = "greetings"
#: holidays greeted only by one sex, as is the custom (23 February, 8 March)
FOR_MEN, FOR_WOMEN = (2, 23), (3, 8)
#: the holidays a client of another country is greeted on too: New Year and Women's Day
INTERNATIONAL = {(1, 1), FOR_WOMEN}
COLUMNS = ["day", "occasion", "client_id", "language", "name", "email", "phone", "subject", "text", "send",
           "why_not"]  # fmt: skip


@dataclass(frozen=True)
class Holiday:
    day: dt.date
    name_ru: str
    name_en: str


def holidays_between(start: dt.date, end: dt.date) -> list[Holiday]:
    """Russia's public holidays in [start, end] to greet on: the first day of each, not the
    transferred days off the calendar also lists."""
    # why here: holidays loads its calendars only for a greetings run (tens of ms)
    import holidays

    years = list(range(start.year, end.year + 1))
    ru = holidays.country_holidays("RU", years=years, language="ru")
    en = holidays.country_holidays("RU", years=years, language="en_US")
    out, seen = [], set()
    for day in sorted(ru):
        name = ru[day]
        if "ыходной" in name or (name, day.year) in seen:
            continue
        seen.add((name, day.year))
        if start <= day <= end:
            out.append(Holiday(day, name, en.get(day, name)))
    return out


def _days(start: dt.date, days: int) -> dict[tuple[int, int], dt.date]:
    out = {}
    for i in range(days):
        d = start + dt.timedelta(days=i)
        out[(d.month, d.day)] = d
        if (d.month, d.day) == (2, 28) and not _leap(d.year):
            out[(2, 29)] = d  # born on 29 February: greeted on the 28th in other years
    return out


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _clients(session: Session) -> list[dict]:
    """One dict per client, every missing value None (never a pandas NaN)."""
    q = (select(Client.id, Client.name_ru, Client.name_lat, Client.patronymic_ru, Client.gender, Client.birth_date,
                Client.citizenship, Client.derived, Profile.language)
         .outerjoin(Profile, Profile.client_id == Client.id).where(Profile.forgotten_at.is_(None)))  # fmt: skip
    frame = pd.DataFrame(session.execute(q).all(), columns=["client_id", "name_ru", "name_lat", "patronymic",
                                                            "gender", "birth_date", "citizenship", "derived",
                                                            "language"])  # fmt: skip
    contacts = pd.DataFrame(session.execute(select(Contact.client_id, Contact.kind, Contact.value, Contact.is_primary)
                                            .where(Contact.kind.in_(["email", "phone"]))).all(),
                            columns=["client_id", "kind", "value", "is_primary"])  # fmt: skip
    # the primary contact first, else the first one entered
    contacts = contacts.sort_values(["client_id", "kind", "is_primary"], ascending=[True, True, False])
    first = contacts.drop_duplicates(["client_id", "kind"]).pivot(index="client_id", columns="kind", values="value")
    frame = frame.join(first.reindex(columns=["email", "phone"]), on="client_id")
    people = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for p in people:
        p["client_id"] = int(p["client_id"])
        if "name_ru" in (p.pop("derived") or []) and p["name_lat"] and p["citizenship"] != "RUS":
            p["name_ru"] = p["patronymic"] = None  # a guessed Cyrillic spelling of a foreign name
        for key in ("name_ru", "name_lat", "patronymic", "gender", "citizenship", "language", "email", "phone"):
            p[key] = text_or_none(p[key])
        p["language"] = p["language"] or _default_language(p)
        p["gender"] = gender_of(p["gender"], p["patronymic"])
    return people


def _default_language(p: dict) -> str:
    """Russian, unless the client is another country's citizen known only by a Latin name."""
    foreign = p["citizenship"] not in (None, "RUS")
    return "en" if foreign and not p["name_ru"] else "ru"


def _holiday_for(p: dict, h: Holiday) -> bool:
    md = (h.day.month, h.day.day)
    if (md == FOR_MEN and p["gender"] != "M") or (md == FOR_WOMEN and p["gender"] != "F"):
        return False  # by custom one sex's day; an unknown sex gets neither
    return p["citizenship"] in (None, "RUS") or md in INTERNATIONAL


def build(session: Session, start: dt.date, days: int = 1, agency: str | None = None) -> pd.DataFrame:
    """Every greeting due from ``start`` for ``days`` days, one row per client and occasion.

    ``agency`` signs the texts; by default the agency's name setting (``TOURDESK_AGENCY_NAME``).
    """
    if agency is None:
        agency = agency_name()
    window = _days(start, days)
    people = _clients(session)
    allowed = offer_recipients(session, LIST_NAME)
    unsubscribed = _unsubscribed(session)
    personal = session.execute(select(ImportantDate.client_id, ImportantDate.kind, ImportantDate.month,
                                      ImportantDate.day, ImportantDate.label)).all()  # fmt: skip
    own_name_days = {r.client_id for r in personal if r.kind == "name_day"}
    due: list[tuple[dict, str, dt.date, str | None, str | None]] = []
    by_id = {p["client_id"]: p for p in people}
    for p in by_id.values():
        b = p["birth_date"]
        if b is not None and (b.month, b.day) in window:
            due.append((p, "birthday", window[(b.month, b.day)], None, None))
        if p["client_id"] not in own_name_days:
            for md in name_days(p["name_ru"]):
                if md in window:
                    due.append((p, "name_day", window[md], None, None))
    for r in personal:
        if (r.month, r.day) in window and r.client_id in by_id:
            due.append((by_id[r.client_id], r.kind, window[(r.month, r.day)], None, r.label))
    for h in holidays_between(start, start + dt.timedelta(days=days - 1)):
        due.extend((p, "holiday", h.day, h, None) for p in by_id.values() if _holiday_for(p, h))
    rows = [_row(p, occasion, day, h, label, allowed, unsubscribed, agency) for p, occasion, day, h, label in due]
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["day", "occasion", "client_id"], ignore_index=True)


def _unsubscribed(session: Session) -> set[int]:
    return set(session.scalars(select(Unsubscribe.client_id).where(Unsubscribe.list_name == LIST_NAME)))


def _row(p: dict, occasion: str, day: dt.date, h: Holiday | None, label: str | None, allowed: set[int],
         unsubscribed: set[int], agency: str) -> dict:  # fmt: skip
    lang = p["language"]
    latin = _title(p["name_lat"])
    if lang == "ru":
        first = p["name_ru"] or latin
        patronymic = p["patronymic"] if p["name_ru"] else None  # no «Jane Ивановна»
    else:
        first, patronymic = latin or p["name_ru"], None
    holiday = (h.name_ru if lang == "ru" else h.name_en) if h else None
    subject, text = compose(occasion, lang, first=first, patronymic=patronymic, gender=p["gender"], day=day,
                            holiday=holiday, label=label, agency=agency)  # fmt: skip
    email, phone = p["email"], p["phone"]
    why = None
    if p["client_id"] in unsubscribed:
        why = "unsubscribed from greetings"
    elif p["client_id"] not in allowed:
        why = "no advertising consent"
    elif not email and not phone:
        why = "no e-mail or phone"
    return {"day": day, "occasion": occasion, "client_id": int(p["client_id"]), "language": lang,
            "name": " ".join(filter(None, [first, patronymic])), "email": email, "phone": phone,
            "subject": subject, "text": text, "send": why is None, "why_not": why}  # fmt: skip


def _title(latin: str | None) -> str | None:
    """«MARY-ANN LOU» as people write it: «Mary-Ann Lou»."""
    if not latin:
        return None
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in latin.split())
