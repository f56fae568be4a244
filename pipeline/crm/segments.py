"""Segments for offers: by RFM segment, destination bought, account manager or tag.

An offer list is always cut down to the clients who may receive it (``consent.offer_recipients``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.crm import rfm
from pipeline.crm.consent import offer_recipients
from pipeline.crm.frames import read_purchases
from pipeline.crm.models import Manager, Profile, Tag


def select_clients(session: Session, as_of: dt.date, *, segment: str | None = None,
                   destination: str | None = None, manager: str | None = None, tag: str | None = None,
                   offer_list: str | None = None) -> pd.DataFrame:  # fmt: skip
    """Clients with their RFM scores and segment, narrowed by the criteria given.

    ``offer_list``: keep only those an offer on that list may go to.
    """
    purchases = read_purchases(session)
    table = rfm.rfm_table(purchases, as_of)
    if segment:
        # astype: a file with no purchases yet has an empty, untyped segment column
        table = table[table["segment"].astype(str).str.lower() == segment.lower()]
    if destination:
        bought = purchases.loc[purchases["destination"] == destination.upper(), "client_id"].unique()
        table = table[table.index.isin(bought)]
    if manager:
        ids = session.scalars(select(Profile.client_id).join(Manager, Manager.id == Profile.manager_id)
                              .where(Manager.name == manager))  # fmt: skip
        table = table[table.index.isin(list(ids))]
    if tag:
        table = table[table.index.isin(list(session.scalars(select(Tag.client_id).where(Tag.tag == tag))))]
    if offer_list:
        table = table[table.index.isin(offer_recipients(session, offer_list))]
    return table
