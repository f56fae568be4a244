"""The control report's figures against small cases worked out by hand."""

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


def test_pareto_share_of_top_fifth():
    # ten clients: revenue 1000, 500, then 8 × 100 = 2300; top 20% = 2 clients = 1500 -> 65.2%
    # margin: client 10 has the best margin (300), then client 1 (100): 400 of 100+50+8*... see below
    rows = [(1, "2025-03-01", 1000, 100), (2, "2025-04-01", 500, 50)]
    rows += [(i, "2025-05-01", 100, 10) for i in range(3, 10)] + [(10, "2025-06-01", 100, 300)]
    table = figures.pareto(purchases(rows), *Y)
    assert table.loc["revenue", "top_clients"] == 2
    assert table.loc["revenue", "top_share_pct"] == round(100 * 1500 / 2300, 1) == 65.2
    # margin total 100 + 50 + 7*10 + 300 = 520; top two by margin: 300 + 100 = 400 -> 76.9%
    assert table.loc["margin", "top_share_pct"] == round(100 * 400 / 520, 1) == 76.9


def test_pareto_counts_only_the_period():
    rows = [(1, "2024-12-31", 10_000, 0), (1, "2025-01-01", 100, 0), (2, "2025-02-01", 100, 0)]
    assert figures.pareto(purchases(rows), *Y).loc["revenue", "total"] == 200


def test_cohort_table_by_hand():
    rows = [
        (1, "2025-01-10", 100, 10), (1, "2025-02-03", 100, 10),  # Jan cohort, back in month 1
        (2, "2025-01-20", 100, 10), (2, "2025-03-01", 100, 10),  # Jan cohort, back in month 2
        (3, "2025-01-25", 100, 10),                              # Jan cohort, never back
        (4, "2025-02-14", 100, 10), (4, "2025-03-14", 100, 10),  # Feb cohort, back in month 1
        (5, "2024-12-01", 100, 10), (5, "2025-01-05", 100, 10),  # Dec 2024 cohort: not in the period
    ]  # fmt: skip
    table = figures.cohort_retention(purchases(rows), *Y, months=3)
    assert list(table.index) == ["2025-01", "2025-02"]
    assert table.loc["2025-01", "clients"] == 3
    assert table.loc["2025-01", [0, 1, 2]].tolist() == [100.0, 33.3, 33.3]
    assert table.loc["2025-02", [0, 1]].tolist() == [100.0, 100.0]
    # the data ends in March: February's month 2 is not known yet, it is not a zero
    assert pd.isna(table.loc["2025-02", 2]) and pd.isna(table.loc["2025-01", 3])


def test_new_vs_repeat_and_new_to_regular():
    rows = [(1, "2024-05-01", 100, 10), (1, "2025-05-01", 100, 10), (2, "2025-02-01", 100, 10),
            (2, "2025-03-03", 100, 10), (3, "2025-07-01", 100, 10)]  # fmt: skip
    p = purchases(rows)
    table = figures.new_vs_repeat(p)
    assert table.loc[2025, ["clients", "new", "repeat"]].tolist() == [3, 2, 1]
    assert table.loc[2024, "new"] == 1
    became = figures.new_to_regular(p, *Y).iloc[0]
    assert became["new_clients"] == 2 and became["became_regular"] == 1
    assert became["median_days_to_second_trip"] == 30


def test_costs_per_client_won_and_kept():
    p = purchases([(1, "2024-05-01", 100, 10), (1, "2025-05-01", 100, 10), (2, "2025-02-01", 100, 10)])
    e = pd.DataFrame({"spent_on": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
                      "kind": ["acquisition", "acquisition", "retention"],
                      "category": ["advertising", "fairs", "gifts"], "amount": [600.0, 400.0, 50.0]})  # fmt: skip
    table = figures.costs(e, p, *Y)
    assert table.loc["acquisition", "per_client"] == 1000.0
    assert table.loc["retention", "per_client"] == 50.0


def test_leave_reasons():
    i = pd.DataFrame({"occurred_on": pd.to_datetime(["2025-01-01"] * 3), "kind": ["refusal", "complaint", "complaint"],
                      "category": ["price", "hotel", "hotel"]})  # fmt: skip
    table = figures.leave_reasons(i, *Y)
    assert table.index[0] == "hotel" and table.loc["hotel", "complaint"] == 2 and table.loc["price", "refusal"] == 1


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
