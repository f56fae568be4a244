"""NPS and its adjusted-Wald interval against hand-computed cases; trends and groups."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pipeline.crm import nps


def test_ten_answers_by_hand():
    # 5 promoters, 2 passives, 3 detractors: NPS = 50% - 30% = 20.
    # adjusted: n' = 13, p' = 5.75/13, d' = 3.75/13, NPS' = 2/13 = 0.153846
    # var = (p' + d' - NPS'^2)/13 = (0.730769 - 0.023669)/13 = 0.054392; half = 1.96 * 0.233222 = 0.457110
    fig = nps.summary([10, 10, 9, 9, 9, 8, 7, 3, 2, 0])
    assert (fig.answers, fig.promoters, fig.passives, fig.detractors) == (10, 5, 2, 3)
    assert fig.nps == 20.0
    p, d = 5.75 / 13, 3.75 / 13
    half = 1.959964 * math.sqrt((p + d - (p - d) ** 2) / 13)
    assert fig.low == pytest.approx(round(100 * (p - d - half), 1)) == -30.3
    assert fig.high == pytest.approx(round(100 * (p - d + half), 1)) == 61.1


def test_all_promoters_interval_stays_within_bounds():
    fig = nps.summary([10] * 4)
    assert fig.nps == 100.0 and fig.high <= 100 and fig.low < 100


def test_weekly_and_rolling_trend_keep_empty_weeks():
    answers = pd.DataFrame({
        "answered_on": pd.to_datetime(["2026-01-05", "2026-01-07", "2026-01-21"]),
        "score": [10, 3, 9],
    })  # fmt: skip
    table = nps.weekly(answers, rolling_weeks=13)
    assert list(table.index.strftime("%Y-%m-%d")) == ["2026-01-05", "2026-01-12", "2026-01-19"]
    assert table["answers"].tolist() == [2, 0, 1]
    assert pd.isna(table.loc["2026-01-12", "nps"]) and pd.isna(table.loc["2026-01-12", "low"])
    assert table["r13_answers"].tolist() == [2, 2, 3]
    assert table["r13_nps"].iloc[-1] == pytest.approx(round(100 * (2 - 1) / 3, 1))


def test_per_manager():
    answers = pd.DataFrame({"score": [10, 9, 2, 8], "manager": ["Ольга", "Ольга", "Пётр", None]})
    table = nps.by(answers, "manager")
    assert table.loc["Ольга", "nps"] == 100.0
    assert table.loc["Пётр", "nps"] == -100.0
    assert table.loc["—", "nps"] == 0.0


def test_rolling_trend_per_manager():
    answers = pd.DataFrame({
        "answered_on": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-13", "2026-01-05"]),
        "score": [10, 0, 9, 5],
        "manager": ["Ольга", "Ольга", "Ольга", "Пётр"],
    })  # fmt: skip
    table = nps.weekly_by(answers, "manager", rolling_weeks=2)
    assert table.loc[("Ольга", pd.Timestamp("2026-01-12")), "nps"] == 0.0  # one promoter, one detractor
    # two weeks rolling: 2 promoters, 1 detractor of 3 -> 33.3
    assert table.loc[("Ольга", pd.Timestamp("2026-01-12")), "r2_nps"] == 33.3
    # Пётр had no answer in the second week: the week is there, empty, and the rolling figure carries on
    assert table.loc[("Пётр", pd.Timestamp("2026-01-12")), "answers"] == 0
    assert table.loc[("Пётр", pd.Timestamp("2026-01-12")), "r2_nps"] == -100.0
