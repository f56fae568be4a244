"""A seeded, realistic agency history for the CRM figures: clients, trips, surveys, complaints.

``history(clients, trips)`` builds plain DataFrames (vectorized, 1,000,000 trips in seconds);
``load(history, url)`` writes a small one into a client store for tests and demos.

What makes it look like an agency's books rather than noise:

- names drawn from the bundled names list (``plugins/translators/data/russian_names.csv``) as
  often as people bear them; managers too;
- clients arrive all through the three years, more each year (+15%) and in season (spring and
  December sell most, the New Year holidays almost nothing); about half travel once, the rest
  come back every few months until they drift away, so the repeat share grows with the years;
- gaps, as a real store has them: no patronymic or birth date for some clients, purchases
  without a destination or a manager, survey answers that name neither, five weeks in the
  summer of 2025 when the survey was off, a manager who left and one who joined;
- a story to find: in October 2026 a hotel chain in Turkey let the agency down (low scores,
  complaints about the hotel).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

NAMES_CSV = Path(__file__).resolve().parent.parent / "plugins" / "translators" / "data" / "russian_names.csv"
DESTINATIONS = ["TUR", "EGY", "ARE", "THA", "ITA", "ESP", "GRC", "CYP", "FRA", "CHN", "VNM", "MDV"]
DEST_WEIGHTS = [30, 18, 12, 8, 5, 5, 5, 4, 4, 4, 3, 2]
REASONS = ["price", "hotel", "flight", "transfer", "staff", "visa", "documents", "weather", "health"]
REASON_WEIGHTS = [22, 20, 14, 10, 8, 8, 6, 6, 6]
#: purchases per calendar month, relative (Russian outbound travel is bought most in spring and December)
SEASON = [0.7, 1.0, 1.2, 1.25, 1.2, 1.05, 0.95, 0.85, 0.9, 0.95, 0.9, 1.15]
GROWTH = 0.15  # more clients each year
END = dt.date(2026, 11, 30)
SURVEY_OFF = (dt.date(2025, 7, 7), dt.date(2025, 8, 10))  # the survey service was switched off
BAD_HOTEL = ("TUR", dt.date(2026, 10, 1), dt.date(2026, 10, 31))  # what went wrong, and when


@dataclass
class History:
    clients: pd.DataFrame
    managers: pd.DataFrame
    purchases: pd.DataFrame
    answers: pd.DataFrame
    incidents: pd.DataFrame
    expenses: pd.DataFrame
    activities: pd.DataFrame


@functools.cache
def _names() -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """(kind, gender) -> (texts, probabilities): first names F, patronymics P, surnames S by how
    many people bear them; a surname without gender (Цой, Дьяк) is for both."""
    table = pd.read_csv(NAMES_CSV, keep_default_na=False)
    out = {}
    for kind in ("F", "P", "S"):
        for gender in ("M", "F"):
            pick = table[(table["kind"] == kind) & (table["gender"].isin([gender, ""] if kind == "S" else [gender]))]
            pick = pick.nlargest(20_000, "count")  # the rarest add nothing but time
            weight = pick["count"].to_numpy(dtype=float)
            out[kind, gender] = pick["text"].to_numpy(), weight / weight.sum()
    return out


def names(rng: np.random.Generator, female: np.ndarray) -> dict[str, np.ndarray]:
    """First name, patronymic and surname for each person, by sex, as often as people bear them."""
    out = {k: np.empty(len(female), dtype=object) for k in ("F", "P", "S")}
    for gender, mask in (("F", female), ("M", ~female)):
        for kind in out:
            texts, p = _names()[kind, gender]
            out[kind][mask] = rng.choice(texts, int(mask.sum()), p=p)
    return {"name_ru": out["F"], "patronymic_ru": out["P"], "surname_ru": out["S"]}


def _day_scale(start: pd.Timestamp, span: int) -> np.ndarray:
    """Cumulative share of the period's sales up to each day: season, yearly growth, holidays."""
    days = start + pd.to_timedelta(np.arange(span), unit="D")
    weight = np.asarray(SEASON)[days.month - 1] * (1 + GROWTH) ** (np.arange(span) / 365.25)
    weight[(days.month == 1) & (days.day <= 8)] *= 0.08  # the New Year holidays: the office is shut
    cum = np.cumsum(weight)
    return cum / cum[-1]


def _trip_times(rng: np.random.Generator, clients: int, trips: int) -> tuple[np.ndarray, np.ndarray]:
    """Client (0..clients-1) and time (0..1 of the period, in sales time) of every trip.

    Clients arrive from two years before the period on (the agency had clients before its
    books start: their trips before the period are not in the books, so a client's first trip
    in the books is their first). Half of them come back, each at their own pace, until they
    drift away. The pace is set so that the trips come to about ``trips``."""
    warm = 2 / 3  # two years before a three-year period
    pool = int(clients * 1.8) + 10
    arrive = -warm + (1 + warm) * rng.random(pool)
    returner = rng.random(pool) < 0.5
    pace = rng.lognormal(0.0, 0.5, pool)  # some travel twice a year, some every other year
    # single precision: at a million trips these step tables are the generator's whole memory
    alive = np.ones((48, pool), bool)  # the first trip; then each next one, until the client drifts away
    alive[1:] = np.cumprod(rng.random((47, pool), dtype=np.float32) > 0.12, axis=0, dtype=np.int8) & returner
    steps = rng.gamma(2.0, 0.5, (48, pool)).astype(np.float32)
    steps[0] = 0
    gap = 0.1
    for _ in range(12):
        times = arrive.astype(np.float32) + np.cumsum(steps * np.float32(gap) * pace.astype(np.float32), axis=0)
        inside = alive & (times >= 0) & (times < 1)
        seen = np.flatnonzero(inside.any(axis=0))[:clients]
        count = inside[:, seen].sum()
        if len(seen) == clients and abs(count - trips) <= 0.01 * trips:
            break
        gap *= min(2.0, max(0.5, (count - clients) / max(trips - clients, 1)))
    step, who = np.nonzero(inside[:, seen])
    return who, times[step, seen[who]]


def history(clients: int = 3000, trips: int = 9000, seed: int = 2026, end: dt.date = END,
            years: int = 3) -> History:  # fmt: skip
    """``clients`` clients and about ``trips`` trips over ``years`` years ending ``end``."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp(end) - pd.DateOffset(years=years) + pd.Timedelta(days=1)
    span = (pd.Timestamp(end) - start).days + 1
    managers, successor, left_at = _managers(rng, clients, span)
    n_managers = len(managers)
    ids = np.arange(1, clients + 1)
    female = rng.random(clients) < 0.56
    people = pd.DataFrame({
        "client_id": ids,
        "gender": np.where(female, "F", "M").astype(object),
        **names(rng, female),
        "birth_date": pd.Timestamp("1950-01-01") + pd.to_timedelta(rng.integers(0, 20000, clients), unit="D"),
        "manager_id": rng.integers(1, n_managers, clients),  # the last manager joined late: no clients of their own
        "advertising": rng.random(clients) < 0.7,
    })  # fmt: skip
    people.loc[rng.random(clients) < 0.07, "patronymic_ru"] = None
    people.loc[rng.random(clients) < 0.04, "birth_date"] = pd.NaT
    people.loc[rng.random(clients) < 0.02, "gender"] = None
    owner, when = _trip_times(rng, clients, trips)
    scale = _day_scale(start, span)
    day = np.minimum(np.searchsorted(scale, when), span - 1)
    n = len(owner)
    amount = np.round(rng.lognormal(11.6, 0.6, n), -2)
    paid = np.where(rng.random(n) < 0.03, np.round(amount * rng.random(n), -2), amount)
    manager = people["manager_id"].to_numpy()[owner].astype(float)
    manager = np.where((manager == 1) & (day >= left_at), successor, manager)  # the manager who left
    manager[rng.random(n) < 0.05] = np.nan  # sold at the desk by whoever was there
    destination = rng.choice(DESTINATIONS, n, p=np.array(DEST_WEIGHTS) / sum(DEST_WEIGHTS)).astype(object)
    destination[rng.random(n) < 0.03] = None
    purchases = pd.DataFrame({
        "client_id": ids[owner],
        "bought_on": start + pd.to_timedelta(day, unit="D"),
        "amount": amount,
        "margin": np.round(amount * rng.uniform(0.07, 0.16, n), 2),
        "paid": paid,
        "destination": destination,
        "manager_id": pd.array(manager, dtype="Int64"),
    })  # fmt: skip
    purchases = purchases.sort_values(["bought_on", "client_id"], kind="stable").reset_index(drop=True)
    purchases.insert(0, "purchase_id", np.arange(1, n + 1))
    # a client's profile names the manager who looks after them now
    people.loc[people["manager_id"] == 1, "manager_id"] = successor
    return History(
        clients=people,
        managers=managers,
        purchases=_named(purchases, managers),
        answers=_named(_answers(purchases, rng, end), managers),
        incidents=_incidents(purchases, rng, end),
        expenses=_expenses(start, end, rng, scale=clients / 3000),
        activities=_named(_activities(purchases.dropna(subset=["manager_id"]), rng), managers),
    )


def _managers(rng: np.random.Generator, clients: int, span: int) -> tuple[pd.DataFrame, int, int]:
    """The managers, named from the names list; the first leaves 60% of the way through and the
    last, who joins then, takes over their clients."""
    n = max(4, round(clients**0.5 / 9))
    female = rng.random(n) < 0.7
    who = names(rng, female)
    frame = pd.DataFrame({"manager_id": np.arange(1, n + 1),
                          "manager": [f"{a} {b}" for a, b in zip(who["name_ru"], who["surname_ru"], strict=True)]})
    frame["manager"] = frame["manager"].where(~frame["manager"].duplicated(), frame["manager"] + " (2)")
    return frame, n, int(span * 0.6)


def _named(frame: pd.DataFrame, managers: pd.DataFrame) -> pd.DataFrame:
    out = frame.merge(managers, on="manager_id", how="left")
    out["manager_id"] = out["manager_id"].astype("Int64")
    return out


def _answers(p: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    asked = p[rng.random(len(p)) < 0.3]
    n = len(asked)
    day = asked["bought_on"] + pd.to_timedelta(rng.integers(10, 40, n), unit="D")
    # a little over half promoters, a sixth detractors, as agencies report; a manager's own manner shows
    base = np.array([.02, .01, .01, .02, .02, .03, .06, .1, .17, .26, .30])
    score = rng.choice(np.arange(11), n, p=base)
    manager = asked["manager_id"].to_numpy(dtype=float)
    better = np.nan_to_num(manager) % 3 == 0
    score = np.where(better & (score < 9) & (rng.random(n) < 0.3), score + 2, score).clip(0, 10)
    dest, (bad, low, high) = asked["destination"].to_numpy(), BAD_HOTEL
    hit = (dest == bad) & (day >= pd.Timestamp(low)).to_numpy() & (day <= pd.Timestamp(high)).to_numpy()
    score = np.where(hit & (rng.random(n) < 0.7), rng.integers(0, 7, n), score)
    out = pd.DataFrame({"client_id": asked["client_id"].to_numpy(), "answered_on": day.to_numpy(),
                        "score": score, "reason": np.where(score <= 6, rng.choice(REASONS, n), None),
                        "manager_id": pd.array(np.where(rng.random(n) < 0.08, np.nan, manager), dtype="Int64"),
                        "destination": np.where(rng.random(n) < 0.12, None, dest)})  # fmt: skip
    off = (out["answered_on"] >= pd.Timestamp(SURVEY_OFF[0])) & (out["answered_on"] <= pd.Timestamp(SURVEY_OFF[1]))
    out = out[(out["answered_on"] <= pd.Timestamp(end)) & ~off]
    return out.drop_duplicates(["client_id", "answered_on", "score"])


def _incidents(p: pd.DataFrame, rng: np.random.Generator, end: dt.date) -> pd.DataFrame:
    bad, low, high = BAD_HOTEL
    in_bad = ((p["destination"] == bad) & (p["bought_on"] >= pd.Timestamp(low) - pd.Timedelta(days=20))
              & (p["bought_on"] <= pd.Timestamp(high))).to_numpy()  # fmt: skip
    hit = p[rng.random(len(p)) < np.where(in_bad, 0.25, 0.05)]
    n = len(hit)
    kind = rng.choice(["refusal", "return", "complaint"], n, p=[0.3, 0.2, 0.5])
    category = rng.choice(REASONS, n, p=np.array(REASON_WEIGHTS) / sum(REASON_WEIGHTS))
    category = np.where(in_bad[hit.index] & (rng.random(n) < 0.7), "hotel", category)
    day = hit["bought_on"] + pd.to_timedelta(rng.integers(0, 20, n), unit="D")
    manager = hit["manager_id"].to_numpy(dtype=float)
    out = pd.DataFrame({"client_id": hit["client_id"].to_numpy(), "kind": kind, "occurred_on": day.to_numpy(),
                        "category": category,
                        "manager_id": pd.array(np.where(rng.random(n) < 0.15, np.nan, manager), dtype="Int64")})
    return out[out["occurred_on"] <= pd.Timestamp(end)].reset_index(drop=True)


def _expenses(start: pd.Timestamp, end: dt.date, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    months = pd.date_range(start, pd.Timestamp(end), freq="MS")
    base = {("acquisition", "advertising"): 150_000, ("acquisition", "fairs"): 40_000,
            ("acquisition", "events"): 25_000, ("retention", "discounts"): 60_000,
            ("retention", "greetings"): 8_000, ("retention", "gifts"): 15_000}  # fmt: skip
    rows = [(m, k, c, round(v * scale * rng.uniform(0.6, 1.4), 2)) for m in months for (k, c), v in base.items()
            if not (c in ("fairs", "events") and rng.random() < 0.4)]  # no fair or event some months
    return pd.DataFrame(rows, columns=["spent_on", "kind", "category", "amount"])


def _activities(p: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
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
    out = pd.concat(parts, ignore_index=True)
    out["manager_id"] = out["manager_id"].astype("Int64")
    return out


def load(h: History, url: str) -> None:
    """Write a (small) generated history into the store at ``url``: clients, trips, purchases, ..."""
    from sqlalchemy import insert

    from pipeline.crm import models as m
    from pipeline.store.db import session_scope
    from pipeline.store.keys import name_key, search_form
    from pipeline.store.models import Client

    def records(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict]:
        out = frame[list(columns)].rename(columns=columns)
        for c in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[c]):
                out[c] = out[c].dt.date
        return [{k: (None if v is None or pd.isna(v) else v.item() if isinstance(v, np.generic) else v)
                 for k, v in r.items()} for r in out.astype(object).to_dict("records")]  # fmt: skip

    with session_scope(url) as s:
        s.execute(insert(m.Manager), records(h.managers, {"manager_id": "id", "manager": "name"}))
        # the search keys as refresh_keys makes them, once per distinct name: a third of a million
        # Client objects would take minutes
        surnames = {v: (name_key(v), search_form(v)) for v in h.clients["surname_ru"].unique()}
        firsts = {v: name_key(v) for v in h.clients["name_ru"].unique()}
        people = [{**r, "surname_key": surnames[r["surname_ru"]][0], "search_ru": surnames[r["surname_ru"]][1],
                   "name_key": firsts[r["name_ru"]], "derived": [], "extra": {}, "is_regular": True}
                  for r in records(h.clients, {"client_id": "id", "gender": "gender", "surname_ru": "surname_ru",
                                               "name_ru": "name_ru", "patronymic_ru": "patronymic_ru",
                                               "birth_date": "birth_date"})]  # fmt: skip
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
