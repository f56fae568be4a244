"""What the CRM figures share: the records of a period.

The control report's figures are in ``report_sales`` and ``report_service`` (their definitions
in ``report_scope``); the NPS in ``nps``; RFM in ``rfm``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def in_period(frame: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows whose ``column`` falls within [start, end], both days included."""
    day = frame[column]
    return frame[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]
