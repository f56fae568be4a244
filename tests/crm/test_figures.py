"""Periods and RFM segments against small cases worked out by hand (the report's own figures:
test_report_figures.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.crm import figures, rfm

Y = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def purchases(rows: list[tuple[int, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["client_id", "bought_on", "amount", "margin"])
    frame["bought_on"] = pd.to_datetime(frame["bought_on"])
    frame["paid"] = frame["amount"]
    frame["manager"] = "Ольга"
    return frame


def test_in_period_includes_both_ends():
    p = purchases([(1, "2024-12-31", 1, 0), (2, "2025-01-01", 1, 0), (3, "2025-12-31", 1, 0), (4, "2026-01-01", 1, 0)])
    assert figures.in_period(p, "bought_on", *Y)["client_id"].tolist() == [2, 3]


def test_rfm_segment_of_known_clients():
    as_of = dt.date(2025, 12, 31)
    rows = [(1, f"2025-{m:02d}-15", 5000, 500) for m in (2, 5, 8, 11, 12)]  # recent, often, much
    rows += [(2, "2023-01-10", 100, 10)]  # once, long ago, little
    rows += [(c, "2025-06-01", 1000, 100) for c in range(3, 11)]
    rows += [(11, "2023-03-01", 9000, 900), (11, "2023-06-01", 9000, 900), (11, "2023-09-01", 9000, 900)]
    table = rfm.rfm_table(purchases(rows), as_of)
    assert table.loc[1, ["R", "F", "M"]].tolist() == [5, 5, 5]
    assert table.loc[1, "segment"] == "Champions"
    assert table.loc[2, ["R", "F", "M"]].tolist() == [1, 1, 1]
    assert table.loc[2, "segment"] == "Lost"
    # big spender who stopped coming: ranks worst-but-one on recency, best on money and trips
    assert table.loc[11, "segment"] == "Can't Lose Them"
    # ties share a score: the eight one-trip June clients are scored alike
    assert table.loc[3:10, "segment"].nunique() == 1


@pytest.mark.parametrize(("r", "fm", "name"), [(5, 1, "New Customers"), (4, 1, "Promising"), (3, 3, "Need Attention"),
                                              (3, 1, "About To Sleep"), (2, 3, "At Risk"), (2, 1, "Hibernating"),
                                              (4, 4, "Loyal Customers"), (5, 2, "Potential Loyalist")])  # fmt: skip
def test_segment_grid(r, fm, name):
    assert rfm.segment_of(r, fm) == name
