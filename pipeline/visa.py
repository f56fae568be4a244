"""The visa desk: render the questionnaires of every tourist on a trip."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.clients import client_record
from pipeline.store.db import session_scope
from pipeline.store.models import Client, TripTourist
from pipeline.trips import find_trip, trip_dict


def render_trip_forms(voucher: str, form_id: str, out_dir: str | Path, *, db_url: str | None = None):
    """Write one questionnaire per tourist on the trip into ``out_dir/<voucher>/``."""
    from pipeline.forms import render_forms

    with session_scope(db_url) as session:
        trip = find_trip(session, voucher)
        links = session.scalars(
            select(TripTourist)
            .where(TripTourist.trip_id == trip.id)
            .order_by(TripTourist.position)
            .options(selectinload(TripTourist.client).selectinload(Client.documents))
        ).all()
        people = [client_record(link.client, link.ticket_number) for link in links]
        extras = {link.client_id: dict(link.client.extra or {}) for link in links}
        trip_data = trip_dict(trip)
    folder = Path(out_dir) / _safe_folder(voucher)
    return render_forms(form_id, people, trip_data, folder, extras=extras)


def _safe_folder(voucher: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in voucher) or "trip"
