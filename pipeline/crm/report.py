"""The control report for a period: headline figures beside the previous period's, the sentences
that say what moved, and one section per page (chart, table, reading, what it counts).

Every figure is computed here once, in no language; ``report_pdf`` and ``report_xlsx`` print the
same figures, so the PDF and the workbook cannot disagree. Definitions: ``report_scope``.
"""

from __future__ import annotations

import datetime as dt

from pipeline.crm import report_headline as headline
from pipeline.crm import report_sales as sales
from pipeline.crm import report_service as service
from pipeline.crm.frames import Frames
from pipeline.crm.report_model import Figure, Label, Period, Report, Section, Sentence
from pipeline.crm.report_scope import scope
from pipeline.crm.report_story import story

__all__ = ["Figure", "Label", "Period", "Report", "Section", "Sentence", "control_report"]


def control_report(f: Frames, start: dt.date, end: dt.date) -> Report:
    """Every figure of the control report over [start, end], both days included."""
    s = scope(f, Period(start, end))
    now, before = headline.values(s, s.period), headline.values(s, s.previous)
    sections = [
        sales.new_repeat(s, before),
        sales.cohorts(s),
        sales.pareto(s),
        sales.costs(s),
        service.leave_reasons(s),
        service.nps_trend(s, now),
        service.nps_destinations(s, now),
        service.managers(s, now),
        service.segments(s),
    ]
    counts = Sentence("counts.headline", {"end": end})
    return Report(s.period, s.previous, headline.figures(now, before), story(s, now, before), sections, counts)
