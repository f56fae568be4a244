"""The control report's figures, periods, sentences and printed numbers against cases worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pipeline.crm import report_words as w
from pipeline.crm.frames import Frames
from pipeline.crm.report import Period, control_report
from pipeline.crm.report_format import arrow, number, plural

Y2025 = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def frames(purchases: list[tuple], answers: list[tuple] = (), incidents: list[tuple] = ()) -> Frames:
    p = pd.DataFrame(purchases, columns=["client_id", "bought_on", "amount", "destination", "manager"])
    p["bought_on"] = pd.to_datetime(p["bought_on"])
    p["margin"] = p["amount"] / 10
    p["paid"] = p["amount"]
    a = pd.DataFrame(list(answers), columns=["client_id", "answered_on", "score", "destination", "manager"])
    a["answered_on"] = pd.to_datetime(a["answered_on"])
    i = pd.DataFrame(list(incidents), columns=["client_id", "kind", "category", "occurred_on"])
    i["occurred_on"] = pd.to_datetime(i["occurred_on"])
    e = pd.DataFrame({"spent_on": pd.to_datetime(["2025-03-01", "2025-04-01", "2024-03-01"]),
                      "kind": ["acquisition", "retention", "acquisition"], "category": ["advertising", "gifts",
                                                                                      "fairs"],
                      "amount": [1000.0, 50.0, 300.0]})  # fmt: skip
    acts = pd.DataFrame({"manager": ["Ольга", "Ольга"], "kind": ["offer", "contract"],
                         "happened_on": pd.to_datetime(["2025-02-01", "2025-02-05"]), "n": [4, 1]})  # fmt: skip
    return Frames(purchases=p, answers=a, incidents=i, expenses=e, activities=acts)


#: client 1 bought before 2025 and again in it; 2 is new and comes back; 3 is new once; 4 only in 2024
SALES = [
    (1, "2024-03-01", 100.0, "TUR", "Ольга"), (1, "2025-02-10", 200.0, "TUR", "Ольга"),
    (2, "2025-01-15", 300.0, "EGY", "Пётр"), (2, "2025-03-20", 100.0, None, None),
    (3, "2025-06-01", 400.0, "TUR", "Ольга"),
    (4, "2024-12-31", 50.0, "EGY", "Пётр"),
]  # fmt: skip


@pytest.mark.parametrize(("start", "end", "before"), [
    ("2025-01-01", "2025-12-31", ("2024-01-01", "2024-12-31")),  # a year: the year before
    ("2026-09-01", "2026-11-30", ("2026-06-01", "2026-08-31")),  # a quarter: the quarter before
    ("2026-03-01", "2026-03-31", ("2026-02-01", "2026-02-28")),  # a month: the month before, whatever its length
    ("2026-03-10", "2026-03-16", ("2026-03-03", "2026-03-09")),  # any days: as many days before
])  # fmt: skip
def test_previous_period(start, end, before):
    period = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)).previous()
    assert (period.start.isoformat(), period.end.isoformat()) == before


def test_headline_by_hand():
    r = control_report(frames(SALES), *Y2025)
    v = {f.key: f.value for f in r.figures}
    assert (v["buyers"], v["new_clients"], v["repeat_clients"], v["trips"]) == (3, 2, 1, 4)
    assert v["revenue"] == 1000 and v["average_check"] == 250
    assert v["repeat_revenue_pct"] == 20.0  # client 1's 200 of 1,000
    assert v["became_regular_pct"] == 50.0  # client 2 came back, client 3 did not
    assert v["top20_revenue_pct"] == 40.0  # one client of three: 400 of 1,000
    assert v["acquisition_per_client"] == 500.0  # 1,000 on advertising for two new clients
    before = {f.key: f.previous for f in r.figures}
    assert (before["buyers"], before["new_clients"], before["revenue"]) == (2, 2, 150)
    assert r.figure("revenue").change == (pytest.approx(100 * 850 / 150), "pct")
    assert r.figure("repeat_revenue_pct").change == (20.0, "points")


def test_new_and_repeat_by_month():
    t = control_report(frames(SALES), *Y2025).section("new_repeat")
    assert len(t.table) == 12 and t.table.index[0] == pd.Timestamp("2025-01-01")
    jan, feb, mar = (t.table.loc[pd.Timestamp(f"2025-{m:02d}-01")] for m in (1, 2, 3))
    assert (jan["new_clients"], jan["revenue_new"], jan["repeat_clients"]) == (1, 300, 0)
    assert (feb["repeat_clients"], feb["revenue_repeat"]) == (1, 200)
    # client 2's second trip is still a new client's revenue: new in the period
    assert (mar["new_clients"], mar["revenue_new"]) == (0, 100)
    assert t.total["new_clients"] == 2 and t.total["repeat_clients"] == 1 and t.total["repeat_revenue_pct"] == 20.0


def test_cohorts_count_second_purchases_up_to_the_period_end():
    t = control_report(frames(SALES), *Y2025).section("cohorts").table
    # eighteen months to December 2025: client 1 (first trip March 2024) is outside
    assert list(t.index.strftime("%Y-%m")) == ["2024-12", "2025-01", "2025-06"]
    assert t.loc["2025-01-01", "clients"] == 1
    assert t.loc["2025-01-01", ["m1", "m2", "m3"]].tolist() == [0.0, 100.0, 100.0]  # back in March
    assert t.loc["2025-06-01", "m6"] == 0.0 and pd.isna(t.loc["2025-06-01", "m7"])  # December is as far as it goes


def test_nps_counts_answers_by_their_day_both_ends_included():
    answers = [(1, "2024-12-31", 0, "TUR", None), (1, "2025-01-01", 10, "TUR", None), (2, "2025-12-31", 9, None, None),
               (3, "2025-06-01", 3, "EGY", "Ольга"), (3, "2026-01-01", 0, "EGY", "Ольга")]  # fmt: skip
    r = control_report(frames(SALES, answers), *Y2025)
    assert r.figure("nps_answers").value == 3
    assert r.figure("nps").value == round(100 * (2 - 1) / 3, 1)
    # the answers without a manager or destination are in the breakdowns too
    assert r.section("managers").table["nps_answers"].sum() == 3
    assert r.section("destinations").table["answers"].sum() == 3


def _answers(counts: dict[tuple[str, str, int], int]) -> list[tuple]:
    rows, client = [], 0
    for (dest, day, score), n in counts.items():
        for _ in range(n):
            client += 1
            rows.append((client, day, score, dest, None))
    return rows


def test_the_story_names_where_and_when_the_nps_fell():
    answers = _answers({("TUR", "2024-05-01", 10): 20, ("EGY", "2024-06-01", 10): 20,
                        ("TUR", "2025-10-10", 2): 10, ("TUR", "2025-05-10", 10): 10, ("EGY", "2025-06-01", 10): 20})
    r = control_report(frames(SALES, answers), *Y2025)
    told = [w.say(s, "ru") for s in r.story]
    nps = next(s for s in told if s.startswith("NPS"))
    # 30 promoters and 10 detractors of 40, against 40 promoters
    assert nps.startswith("NPS снизился на 50 пунктов — до +50,0 (было +100,0)")
    assert "«Турция»" in nps and "в октябре: −100,0 по 10 ответам" in nps
    assert "погрешности" not in nps  # 100 -> 50 on 40 answers each is beyond chance
    assert told[0].startswith("Выручка выросла")  # revenue first, whatever moved most
    assert 3 <= len(told) <= 5


def test_a_small_nps_move_is_said_to_be_chance():
    answers = _answers({("TUR", "2024-05-01", 10): 10, ("TUR", "2024-05-02", 7): 10,
                        ("TUR", "2025-05-01", 10): 9, ("TUR", "2025-05-02", 7): 11})
    nps = next(w.say(s, "en") for s in control_report(frames(SALES, answers), *Y2025).story if s.key.startswith("story.nps"))
    assert nps.startswith("NPS fell by 5 points to +45.0 (was +50.0)")
    assert "within the survey's margin of error" in nps


def test_reasons_to_leave_sorted_beside_the_previous_period():
    incidents = [(1, "complaint", "hotel", "2025-02-01"), (2, "complaint", "hotel", "2025-03-01"),
                 (2, "refusal", "price", "2025-03-02"), (3, "return", "price", "2024-03-02"),
                 (3, "return", "price", "2024-04-02")]  # fmt: skip
    s = control_report(frames(SALES, incidents=incidents), *Y2025).section("leave")
    assert list(s.table.index) == ["hotel", "price"]
    assert s.table.loc["hotel", ["complaint", "total", "total_before"]].tolist() == [2, 2, 0]
    assert s.table.loc["price", ["refusal", "total_before", "share_pct"]].tolist() == [1, 2, pytest.approx(33.3)]
    assert w.say(s.reading, "ru") == "Чаще всего клиенты уходили по причине «Отель»: 2 из 3 (66,7\u00a0%)."


def test_managers_beside_the_agency():
    s = control_report(frames(SALES), *Y2025).section("managers")
    t = s.table
    assert list(t.index) == ["Ольга", "Пётр", "—"]  # by revenue; the purchase without a manager kept
    assert t.loc["Ольга", ["clients", "trips", "revenue", "revenue_pct"]].tolist() == [2, 2, 600, 60.0]
    assert t.loc["Ольга", "offer_to_contract_pct"] == 25.0
    assert s.total["revenue"] == 1000 and s.total["clients"] == 3 and s.total["average_check"] == 250
    assert w.row_label(s, "—", "ru") == "Без менеджера"


def test_an_empty_period_reports_without_failing():
    r = control_report(frames(SALES), dt.date(2030, 1, 1), dt.date(2030, 3, 31))
    assert r.figure("revenue").value == 0 and np.isnan(r.figure("nps").value)
    assert all(w.say(s.reading, "ru") for s in r.sections)


@pytest.mark.parametrize(("value", "unit", "lang", "text"), [
    (1234567.4, "money", "ru", "1\u00a0234\u00a0567\u00a0₽"),
    (1234567.4, "money", "en", "1,234,567\u00a0₽"),
    (1033.0, "count", "ru", "1\u00a0033"),  # a count is a whole number, not money
    (52.84, "pct", "ru", "52,8\u00a0%"),
    (52.84, "pct", "en", "52.8%"),
    (38.1, "nps", "ru", "+38,1"),
    (-7.7, "nps", "ru", "−7,7"),
    (4.12, "points", "ru", "+4,1\u00a0п.\u00a0п."),
    (232_024_000, "mln", "ru", "232,0\u00a0млн\u00a0₽"),
    (pd.Timestamp("2026-03-08"), "date", "ru", "08.03.2026"),
    (pd.Timestamp("2026-03-01"), "month", "ru", "март 2026"),
    (None, "money", "ru", "—"),
    (float("nan"), "pct", "ru", "—"),
])  # fmt: skip
def test_numbers_as_printed(value, unit, lang, text):
    assert number(value, unit, lang) == text


@pytest.mark.parametrize(("n", "form"), [(1, "клиент"), (2, "клиента"), (5, "клиентов"), (11, "клиентов"),
                                         (21, "клиент"), (104, "клиента"), (112, "клиентов")])  # fmt: skip
def test_russian_plural(n, form):
    assert plural(n, ("клиент", "клиента", "клиентов")) == form


def test_change_arrows():
    assert arrow(12.34, "pct") == "▲ 12,3\u00a0%"
    assert arrow(-4.0, "points") == "▼ 4,0\u00a0п.\u00a0п."
    assert arrow(0.01, "pct") == "= 0,0\u00a0%" and arrow(None, "pct") == "—"


def _keys(tree: dict, prefix: str = "") -> set[str]:
    out = set()
    for k, v in tree.items():
        out |= _keys(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}"}
    return out


def test_both_languages_have_every_word():
    ru, en = w.words("ru"), w.words("en")
    for part in ("titles", "headline", "index", "total", "columns", "chart", "sentences", "sheets"):
        assert _keys(ru[part]) == _keys(en[part]), part
    r = control_report(frames(SALES, _answers({("TUR", "2025-05-01", 10): 3})), *Y2025)
    for lang in ("ru", "en"):
        for s in r.sections:
            assert all(w.column(c, lang) for c in s.table.columns)
            assert w.title(s.key, lang) and w.index_title(s, lang) and w.say(s.counts, lang)
