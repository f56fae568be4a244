"""A seeded, realistic agency history for the CRM figures: clients, trips, surveys, complaints.

``history(clients, trips)`` builds plain DataFrames (vectorized, 1,000,000 trips in seconds);
``load(history, url)`` writes a small one into a client store for tests and demos. Three
years by default; most clients travel once, a loyal minority many times (negative binomial),
as in an agency's real books.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchmarks.generate import NAMES_F, NAMES_M, SURNAMES_M, _female

PATRONYMICS_M = ["Александрович", "Сергеевич", "Иванович", "Петрович", "Андреевич", "Николаевич"]
PATRONYMICS_F = ["Александровна", "Сергеевна", "Ивановна", "Петровна", "Андреевна", "Николаевна"]
DESTINATIONS = ["TUR", "EGY", "ARE", "THA", "ITA", "ESP", "GRC", "CYP", "FRA", "CHN", "VNM", "MDV"]
DEST_WEIGHTS = [30, 18, 12, 8, 5, 5, 5, 4, 4, 4, 3, 2]
REASONS = ["price", "hotel", "flight", "transfer", "staff", "visa", "documents", "weather", "health"]
END = dt.date(2026, 11, 30)


@dataclass
class History:
    clients: pd.DataFrame
    managers: pd.DataFrame
    purchases: pd.DataFrame
    answers: pd.DataFrame
    incidents: pd.DataFrame
    expenses: pd.DataFrame
    activities: pd.DataFrame


def history(clients: int = 3000, trips: int = 9000, seed: int = 2026, end: dt.date = END,
            years: int = 3) -> History:  # fmt: skip
    """``clients`` clients and about ``trips`` trips over ``years`` years ending ``end``."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp(end) - pd.DateOffset(years=years)
    span = (pd.Timestamp(end) - start).days
    n_managers = max(4, clients // 2500)
    managers = pd.DataFrame({"manager_id": np.arange(1, n_managers + 1),
                             "manager": [f"Менеджер {i:02d}" for i in range(1, n_managers + 1)]})  # fmt: skip
    ids = np.arange(1, clients + 1)
    female = rng.random(clients) < 0.55
    surname = rng.choice(SURNAMES_M, clients)
    people = pd.DataFrame({
        "client_id": ids,
        "gender": np.where(female, "F", "M"),
        "surname_ru": [(_female(s) if f else s) for s, f in zip(surname, female, strict=True)],
        "name_ru": np.where(female, rng.choice(NAMES_F, clients), rng.choice(NAMES_M, clients)),
        "patronymic_ru": np.where(female, rng.choice(PATRONYMICS_F, clients), rng.choice(PATRONYMICS_M, clients)),
        "birth_date": pd.Timestamp("1955-01-01") + pd.to_timedelta(rng.integers(0, 18000, clients), unit="D"),
        "manager_id": rng.integers(1, n_managers + 1, clients),
        "advertising": rng.random(clients) < 0.7,
    })  # fmt: skip
    # trips per client: 1 + negative binomial, so the mean meets ``trips`` with a long loyal tail
    extra_mean = max(trips / clients - 1, 0.01)
    r = 0.6
    count = 1 + rng.negative_binomial(r, r / (r + extra_mean), clients)
    first = rng.integers(0, span - 20, clients)
    owner = np.repeat(ids, count)
    nth = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    first_day = np.repeat(first, count)
    later = first_day + (rng.random(len(owner)) * (span - first_day)).astype(int)
    day = np.where(nth == 0, first_day, later)
    n = len(owner)
    amount = np.round(rng.lognormal(11.6, 0.6, n), -2)
    paid = np.where(rng.random(n) < 0.03, np.round(amount * rng.random(n), -2), amount)
    manager = people["manager_id"].to_numpy()[owner - 1]
    purchases = pd.DataFrame({
        "purchase_id": np.arange(1, n + 1),
        "client_id": owner,
        "bought_on": start + pd.to_timedelta(day, unit="D"),
        "amount": amount,
        "margin": np.round(amount * rng.uniform(0.07, 0.16, n), 2),
        "paid": paid,
        "destination": rng.choice(DESTINATIONS, n, p=np.array(DEST_WEIGHTS) / sum(DEST_WEIGHTS)),
        "manager_id": manager,
    })  # fmt: skip
    purchases = purchases.sort_values(["bought_on", "client_id"], kind="stable").reset_index(drop=True)
    purchases["purchase_id"] = np.arange(1, n + 1)
    return History(
        clients=people,
        managers=managers,
        purchases=_named(purchases, managers),
        answers=_named(_answers(purchases, rng, end), managers),
        incidents=_incidents(purchases, rng, end),
        expenses=_expenses(start, end, rng, scale=clients / 3000),
        activities=_named(_activities(purchases, rng, end), managers),
    )


def _named(frame: pd.DataFrame, managers: pd.DataFrame) -> pd.DataFrame:
    return frame.merge(managers, on="manager_id", how="left")


def _answers(p: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    asked = p[rng.random(len(p)) < 0.3]
    # a little over half promoters, a sixth detractors: what agencies report
    score = rng.choice(np.arange(11), len(asked), p=[.02, .01, .01, .02, .02, .03, .06, .1, .17, .26, .30])
    day = asked["bought_on"] + pd.to_timedelta(rng.integers(10, 30, len(asked)), unit="D")
    out = pd.DataFrame({"client_id": asked["client_id"].to_numpy(), "answered_on": day.to_numpy(),
                        "score": score, "reason": np.where(score <= 6, rng.choice(REASONS, len(asked)), None),
                        "manager_id": asked["manager_id"].to_numpy(),
                        "destination": asked["destination"].to_numpy()})  # fmt: skip
    return out[out["answered_on"] <= pd.Timestamp(end)].drop_duplicates(["client_id", "answered_on", "score"])


def _incidents(p: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    hit = p[rng.random(len(p)) < 0.05]
    kind = rng.choice(["refusal", "return", "complaint"], len(hit), p=[0.3, 0.2, 0.5])
    return pd.DataFrame({"client_id": hit["client_id"].to_numpy(), "kind": kind,
                         "occurred_on": (hit["bought_on"] + pd.to_timedelta(rng.integers(0, 20, len(hit)),
                                                                            unit="D")).to_numpy(),
                         "category": rng.choice(REASONS, len(hit)),
                         "manager_id": hit["manager_id"].to_numpy()})  # fmt: skip


def _expenses(start: pd.Timestamp, end: dt.date, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    months = pd.date_range(start, pd.Timestamp(end), freq="MS")
    base = {("acquisition", "advertising"): 150_000, ("acquisition", "fairs"): 40_000,
            ("acquisition", "events"): 25_000, ("retention", "discounts"): 60_000,
            ("retention", "greetings"): 8_000, ("retention", "gifts"): 15_000}  # fmt: skip
    rows = [(m, k, c, round(v * scale * rng.uniform(0.6, 1.4), 2)) for m in months for (k, c), v in base.items()]
    return pd.DataFrame(rows, columns=["spent_on", "kind", "category", "amount"])


def _activities(p: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    # every sale: calls before it, an offer, a contract; plus offers that came to nothing
    parts = []
    for kind, share, lead in (("call", 1.5, 10), ("meeting", 0.3, 7), ("offer", 1.6, 5), ("contract", 1.0, 0)):
        take = p.sample(frac=min(share, 1.0), random_state=int(rng.integers(1 << 30)))
        if share > 1:
            take = pd.concat([take, p.sample(frac=share - 1, random_state=int(rng.integers(1 << 30)))])
        day = take["bought_on"] - pd.to_timedelta(rng.integers(0, lead + 1, len(take)), unit="D")
        parts.append(pd.DataFrame({"manager_id": take["manager_id"].to_numpy(),
                                   "client_id": take["client_id"].to_numpy(), "kind": kind,
                                   "happened_on": day.to_numpy()}))  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def load(h: History, url: str) -> None:
    """Write a (small) generated history into the store at ``url``: clients, trips, purchases, ..."""
    from sqlalchemy import insert

    from pipeline.crm import models as m
    from pipeline.store.db import session_scope
    from pipeline.store.history import refresh_keys
    from pipeline.store.models import Client

    def records(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict]:
        out = frame[list(columns)].rename(columns=columns)
        for c in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[c]):
                out[c] = out[c].dt.date
        return [{k: (None if v is pd.NA or (isinstance(v, float) and np.isnan(v)) else
                     v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
                for r in out.astype(object).to_dict("records")]  # fmt: skip

    with session_scope(url) as s:
        s.execute(insert(m.Manager), records(h.managers, {"manager_id": "id", "manager": "name"}))
        people = []
        for r in records(h.clients, {"client_id": "id", "gender": "gender", "surname_ru": "surname_ru",
                                     "name_ru": "name_ru", "patronymic_ru": "patronymic_ru",
                                     "birth_date": "birth_date"}):  # fmt: skip
            c = Client(**r, derived=[], extra={}, is_regular=True)
            refresh_keys(c)
            people.append({k: getattr(c, k) for k in (*r, "surname_key", "search_ru", "derived", "extra",
                                                      "is_regular")})  # fmt: skip
        s.execute(insert(Client), people)
        s.execute(insert(m.Profile), records(h.clients, {"client_id": "client_id", "manager_id": "manager_id"}))
        s.execute(insert(m.Consent), [
            {"client_id": int(c), "kind": kind, "granted": bool(ok), "given_on": END, "source": "signed form"}
            for c, ok in zip(h.clients["client_id"], h.clients["advertising"], strict=True)
            for kind, ok in (("personal_data", True), ("advertising", ok))
        ])  # fmt: skip
        # most clients left an e-mail, some only a phone (reserved example domain and 916-555 numbers)
        ids = h.clients["client_id"].to_numpy()
        s.execute(insert(m.Contact), [{"client_id": int(c), "kind": "email", "value": f"client{int(c)}@example.ru",
                                       "is_primary": True} for c in ids if c % 5]
                  + [{"client_id": int(c), "kind": "phone", "value": f"+7916555{int(c) % 10_000:04d}",
                      "is_primary": True} for c in ids if c % 3])  # fmt: skip
        p = h.purchases.assign(voucher="G" + h.purchases["purchase_id"].astype(str).str.zfill(7), services="[]",
                               details="{}")  # fmt: skip
        bulk = functools.partial(_bulk, s)
        bulk("trips", p, {"purchase_id": "id", "voucher": "voucher", "destination": "country",
                          "bought_on": "created_on", "services": "services", "details": "details"})  # fmt: skip
        bulk("trip_tourists", p.assign(position=0), {"purchase_id": "trip_id", "client_id": "client_id",
                                                     "position": "position"})  # fmt: skip
        bulk("crm_purchases", p, {"client_id": "client_id", "purchase_id": "trip_id", "bought_on": "bought_on",
                                  "amount": "amount", "margin": "margin", "paid": "paid",
                                  "destination": "destination", "manager_id": "manager_id"})  # fmt: skip
        bulk("crm_nps", h.answers, {c: c for c in (
            "client_id", "answered_on", "score", "reason", "manager_id", "destination")})  # fmt: skip
        bulk("crm_incidents", h.incidents.assign(refunded=0.0), {c: c for c in (
            "client_id", "kind", "occurred_on", "category", "manager_id", "refunded")})  # fmt: skip
        bulk("crm_expenses", h.expenses, {c: c for c in ("spent_on", "kind", "category", "amount")})
        bulk("crm_activities", h.activities, {c: c for c in ("manager_id", "client_id", "kind", "happened_on")})
        if s.get_bind().dialect.name == "postgresql":
            # explicit ids were inserted: move the sequences past them
            for table in ("clients", "trips", "crm_managers"):
                s.connection().exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                                f"(SELECT MAX(id) FROM {table}))")  # fmt: skip


def _bulk(session, table: str, frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """Rows straight through the driver's executemany: the ORM's per-row work would take minutes
    at a million trips. Dates go as ISO text, which both SQLite and PostgreSQL take for a date."""
    out = frame[list(columns)].rename(columns=columns)
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d")
    out = out.astype(object).where(out.notna(), None)
    connection = session.connection()
    mark = "?" if connection.dialect.name == "sqlite" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(out.columns)}) VALUES ({', '.join([mark] * len(out.columns))})"
    cursor = connection.connection.cursor()
    try:
        # object columns hold Python ints, floats and None: what every driver adapts
        cursor.executemany(sql, out.to_numpy().tolist())
    finally:
        cursor.close()
