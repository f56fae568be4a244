"""Erasure on request: every personal field of a client goes; the anonymous figures stay.

What goes: names, sex, birth date, citizenship, card digits, extra information, documents,
tickets, contacts, notes, tags, dates, consents, unsubscribes, the free text of complaints,
survey reasons and follow-ups, and the values the change history and the review queue kept
about the client (they hold old names and passport numbers too). What stays: the client's
number, purchases (date, amount, margin, destination), NPS scores, incident categories, so
last year's report does not change. The history gets one ``forget`` entry saying that it
happened and when, never what was erased. The files Tourdesk wrote about the client
(questionnaires, their PDFs, group bundles, mailing lists) are deleted where they still are;
those it cannot delete are reported, and tried again when the erasure is asked again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from pipeline.clients.edit import get_client
from pipeline.crm.managers import profile
from pipeline.crm.models import (
    Consent,
    Contact,
    FollowUp,
    ImportantDate,
    Incident,
    Note,
    NpsAnswer,
    Tag,
    Unsubscribe,
)
from pipeline.store.db import serialize_writers
from pipeline.store.models import Change, Document, ImportBatch, ReviewItem, TripTourist
from pipeline.store.written import Erased, erase_files

#: the client columns that hold personal data (``id`` and bookkeeping columns stay)
PERSONAL_FIELDS = (
    "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
    "citizenship", "surname_key", "name_key", "search_ru", "search_lat", "card_last4",
)  # fmt: skip
SOURCE = "erased on request"


@dataclass
class Forgotten:
    client_id: int
    already: bool
    at: dt.datetime
    #: the files Tourdesk wrote about the client: deleted, already gone, or not deletable (and why)
    files: Erased = field(default_factory=Erased)


def forget_client(session: Session, client_id: int) -> Forgotten:
    """Erase the client's personal data in one transaction; asking twice changes nothing more."""
    serialize_writers(session)
    client = get_client(session, client_id)
    card = profile(session, client_id)
    if card.forgotten_at is not None:
        # the store was erased before; files that could not be deleted then are tried again
        return Forgotten(client_id, True, card.forgotten_at, erase_files(session, client_id))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for name in PERSONAL_FIELDS:
        setattr(client, name, None)
    client.extra, client.derived = {}, []
    for table in (Document, Contact, Note, Tag, ImportantDate, Consent, Unsubscribe):
        session.execute(delete(table).where(table.client_id == client_id))
    session.execute(update(TripTourist).where(TripTourist.client_id == client_id).values(ticket_number=None))
    session.execute(update(Incident).where(Incident.client_id == client_id)
                    .values(disliked_product=None, disliked_staff=None, disliked_sale=None))  # fmt: skip
    session.execute(update(NpsAnswer).where(NpsAnswer.client_id == client_id).values(reason=None))
    session.execute(update(FollowUp).where(FollowUp.client_id == client_id).values(learnt=None, action_taken=None))
    session.execute(update(Change).where(Change.client_id == client_id)
                    .values(old_value=None, new_value=None, source=None, ref=None))  # fmt: skip
    for column in (ReviewItem.client_id, ReviewItem.other_client_id):
        session.execute(update(ReviewItem).where(column == client_id).values(
            stored_value=None, incoming_value=None, incoming={}, source=None, reason=SOURCE,
            status="closed", resolution=SOURCE, resolved_at=now))  # fmt: skip
    card.forgotten_at = now
    batch = ImportBatch(source=f"erasure of client {client_id}", sha256="", kind="forget")
    session.add(batch)
    session.flush()
    session.add(Change(client_id=client_id, batch_id=batch.id, action="forget", field=None, old_value=None,
                       new_value=None, source=SOURCE, changed_at=now))  # fmt: skip
    session.flush()
    return Forgotten(client_id, False, now, erase_files(session, client_id))
