"""The generated agency history the report is tried on looks like real books: real names, gaps,
seasons, a survey pause, a manager who left."""

from __future__ import annotations

import pandas as pd

from benchmarks.generate_crm import BAD_HOTEL, NAMES_CSV, SURVEY_OFF


def test_size_and_span(agency_history):
    h = agency_history
    p = h.purchases
    assert h.clients["client_id"].nunique() == 3000 == p["client_id"].nunique()
    assert abs(len(p) - 9000) <= 90
    assert p["bought_on"].min() >= pd.Timestamp("2023-12-01") and p["bought_on"].max() <= pd.Timestamp("2026-11-30")
    # most clients travel once, a loyal few many times
    trips = p.groupby("client_id").size()
    assert 0.4 < (trips == 1).mean() < 0.8 and trips.max() >= 10


def test_names_come_from_the_bundled_list(agency_history):
    names = pd.read_csv(NAMES_CSV, keep_default_na=False)
    known = {kind: set(names.loc[names["kind"] == kind, "text"]) for kind in ("F", "P", "S")}
    c = agency_history.clients
    assert set(c["name_ru"]) <= known["F"] and set(c["surname_ru"]) <= known["S"]
    assert set(c["patronymic_ru"].dropna()) <= known["P"]
    assert c["surname_ru"].nunique() > 1000  # not a short list repeated
    assert {m.split()[1] for m in agency_history.managers["manager"]} <= known["S"]


def test_gaps_as_in_a_real_file(agency_history):
    h = agency_history
    assert 0.03 < h.clients["patronymic_ru"].isna().mean() < 0.12
    assert h.clients["birth_date"].isna().any() and h.clients["gender"].isna().any()
    assert 0.01 < h.purchases["destination"].isna().mean() < 0.06
    assert 0.02 < h.purchases["manager"].isna().mean() < 0.1
    assert h.answers["manager"].isna().any() and h.answers["destination"].isna().any()
    day = h.answers["answered_on"]
    assert not ((day >= pd.Timestamp(SURVEY_OFF[0])) & (day <= pd.Timestamp(SURVEY_OFF[1]))).any()


def test_seasons_and_the_story_to_find(agency_history):
    p = agency_history.purchases
    by_month = p.groupby(p["bought_on"].dt.month).size()
    assert by_month[4] > 1.4 * by_month[1]  # spring sells, the New Year holidays do not
    by_year = p[p["bought_on"] >= pd.Timestamp("2024-12-01")].groupby(p["bought_on"].dt.to_period("Y")).size()
    assert by_year.iloc[-1] > by_year.iloc[0]  # a growing agency
    a = agency_history.answers
    dest, low, high = BAD_HOTEL
    bad = a[(a["destination"] == dest) & a["answered_on"].between(pd.Timestamp(low), pd.Timestamp(high))]
    assert bad["score"].le(6).mean() > 0.5 > a["score"].le(6).mean()
    left = agency_history.managers["manager"].iloc[0]
    assert p.loc[p["manager"] == left, "bought_on"].max() < pd.Timestamp("2025-11-01")
