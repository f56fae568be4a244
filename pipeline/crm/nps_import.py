"""NPS answers in from any form service's CSV/XLSX export (or typed in), then detractors to follow up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.crm.errors import CrmInputError
from pipeline.crm.followups import open_followups
from pipeline.crm.managers import manager_id
from pipeline.crm.models import NpsAnswer
from pipeline.importing.sources import read_tables
from pipeline.normalize.text import cell_text
from pipeline.store.models import Client
from pipeline.types import CannotRead, Source

#: header words (lower case) of each field, Russian and English as form services export them
HEADERS = {
    "client_id": ("client", "client_id", "клиент", "номер клиента", "id"),
    "answered_on": ("date", "answered", "дата", "дата ответа", "timestamp", "отметка времени"),
    "score": ("score", "nps", "оценка", "балл"),
    "reason": ("reason", "comment", "причина", "комментарий", "почему"),
    "manager": ("manager", "менеджер"),
    "destination": ("destination", "country", "направление", "страна"),
}


@dataclass
class NpsImport:
    added: int = 0
    already_there: int = 0
    followups: int = 0
    rejected: list[str] = field(default_factory=list)


def read_answers(path: Path) -> pd.DataFrame:
    """The file's table with its columns renamed to the fields above (unknown columns dropped).

    The file is read by the importer plugins, like a tourist list: any encoding, delimiter,
    workbook or title lines above the header.
    """
    try:
        _, tables = read_tables(Source.from_path(path))
    except CannotRead as exc:
        raise CrmInputError(str(exc)) from None
    grid = tables[0].frame.astype(object).map(lambda v: cell_text(v) or None)
    header_row = next((i for i, row in enumerate(grid.head(30).itertuples(index=False)) if _names(row)), 0)
    names = _names(grid.iloc[header_row])
    missing = {"client_id", "answered_on", "score"} - set(names.values())
    if missing:
        seen = ", ".join(str(c) for c in grid.iloc[header_row] if c)
        raise CrmInputError(f"{path.name}: no column for {', '.join(sorted(missing))} (headers seen: {seen})")
    body = grid.iloc[header_row + 1 :].dropna(how="all")
    return body[list(names)].set_axis(list(names.values()), axis=1).reset_index(drop=True)


def _names(header) -> dict[int, str]:
    """Column position → field, for a header row that names at least the required fields."""
    names: dict[int, str] = {}
    for pos, cell in enumerate(header):
        key = str(cell or "").strip().lower()
        for target, words in HEADERS.items():
            if key in words and target not in names.values():
                names[pos] = target
    return names if {"client_id", "answered_on", "score"} <= set(names.values()) else {}


def _row(raw: dict, n: int, known: set[int]) -> tuple[dict | None, str | None]:
    where = f"row {n}"
    try:
        client = int(str(raw["client_id"]).strip())
    except ValueError:
        return None, f"{where}: client {raw['client_id']!r} is not a client number"
    if client not in known:
        return None, f"{where}: there is no client {client}"
    try:
        score = int(float(str(raw["score"]).strip().replace(",", ".")))
    except ValueError:
        return None, f"{where}: score {raw['score']!r} is not a number from 0 to 10"
    if not 0 <= score <= 10:
        return None, f"{where}: score {score} is not from 0 to 10"
    text_day = str(raw["answered_on"]).strip()
    # ISO dates from form services, day-first ones typed by Russian desks
    day = pd.to_datetime(text_day, dayfirst=not text_day[:4].isdigit(), errors="coerce")
    if pd.isna(day):
        return None, f"{where}: date {raw['answered_on']!r} is not a date"
    text = raw.get("reason")
    dest = raw.get("destination")
    return {"client_id": client, "score": score, "answered_on": day.date(),
            "reason": text.strip() if isinstance(text, str) and text.strip() else None,
            "manager": raw.get("manager"), "destination": str(dest).strip().upper()[:3] if isinstance(dest, str)
            else None}, None  # fmt: skip


def import_answers(session: Session, rows: pd.DataFrame, source: str) -> NpsImport:
    """Add the answers (an answer already stored is skipped), then open the detractors' follow-ups."""
    result = NpsImport()
    ids = pd.to_numeric(rows["client_id"], errors="coerce").dropna().astype(int).unique().tolist()
    known = set(session.scalars(select(Client.id).where(Client.id.in_(ids)))) if ids else set()
    for n, raw in enumerate(rows.to_dict("records"), start=1):
        answer, problem = _row(raw, n, known)
        if problem:
            result.rejected.append(problem)
            continue
        assert answer is not None
        exists = session.scalar(select(NpsAnswer.id).where(
            NpsAnswer.client_id == answer["client_id"], NpsAnswer.answered_on == answer["answered_on"],
            NpsAnswer.score == answer["score"]))  # fmt: skip
        if exists:
            result.already_there += 1
            continue
        manager = answer.pop("manager")
        session.add(NpsAnswer(**answer, manager_id=manager_id(session, manager), source=source))
        result.added += 1
    session.flush()
    result.followups = open_followups(session)
    return result


def add_answer(session: Session, client_id: int, score: int, answered_on: dt.date, reason: str | None = None,
               manager: str | None = None, destination: str | None = None) -> NpsImport:  # fmt: skip
    """One answer typed in at the desk."""
    frame = pd.DataFrame([{"client_id": str(client_id), "score": str(score), "answered_on": answered_on.isoformat(),
                           "reason": reason, "manager": manager, "destination": destination}])  # fmt: skip
    return import_answers(session, frame, "typed in")
