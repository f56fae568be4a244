"""Segments for offers: RFM, destination bought, manager, tag; an offer list honours consent."""

from __future__ import annotations

import datetime as dt

from pipeline.crm import consent
from pipeline.crm.managers import assign
from pipeline.crm.models import Tag
from pipeline.crm.purchases import record_purchase
from pipeline.crm.segments import select_clients
from pipeline.store.db import session_scope
from pipeline.store.models import Trip

AS_OF = dt.date(2026, 11, 30)


def test_segments_by_destination_manager_tag_and_consent(db_url, anna, ivan):
    with session_scope(db_url) as s:
        for voucher, country, client, day in (("T1", "TUR", anna, dt.date(2026, 11, 1)),
                                              ("E1", "EGY", ivan, dt.date(2024, 1, 1))):  # fmt: skip
            trip = Trip(voucher=voucher, country=country, created_on=day, services=[], details={})
            s.add(trip)
            s.flush()
            record_purchase(s, client, trip.id, 100_000, 10_000)
        assign(s, ivan, "Пётр")
        s.add(Tag(client_id=anna, tag="vip"))
        consent.record_consent(s, ivan, "advertising", True, AS_OF, "signed form")
    with session_scope(db_url) as s:
        everyone = select_clients(s, AS_OF)
        assert set(everyone.index) == {anna, ivan}
        assert everyone.loc[anna, "R"] > everyone.loc[ivan, "R"]
        assert list(select_clients(s, AS_OF, destination="tur").index) == [anna]
        assert list(select_clients(s, AS_OF, manager="Пётр").index) == [ivan]
        assert list(select_clients(s, AS_OF, tag="vip").index) == [anna]
        assert list(select_clients(s, AS_OF, offer_list="sea").index) == [ivan]
        segment = everyone.loc[ivan, "segment"]
        assert list(select_clients(s, AS_OF, segment=segment.upper()).index) == [ivan]
