"""A clerk's own changes to the client file: add a client, edit one, mark one regular.

Each call is a batch of kind ``edit`` whose change records keep the replaced values, so an
edit shows in the client's history and can be undone like an import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.store.db import serialize_writers
from pipeline.store.history import refresh_keys, to_text
from pipeline.store.matching import doc_key
from pipeline.store.models import Change, Client, Document, ImportBatch, TripChange

EDITABLE = (
    "surname_lat", "name_lat", "surname_ru", "name_ru", "patronymic_ru", "gender", "birth_date",
    "citizenship", "card_last4", "is_regular",
)  # fmt: skip
EDITED_BY = "edited at the desk"


class ClientNotFound(LookupError):
    """No client with that number."""


class PassportTaken(ValueError):
    """The passport is on file for another client."""


def get_client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(f"there is no client {client_id} (find one with: tourdesk clients find SURNAME)")
    return client


def edit_client(
    session: Session, client_id: int, values: dict[str, Any], batch: ImportBatch | None = None
) -> list[tuple[str, Any, Any]]:
    """Set ``values`` on the client; returns (field, old, new) for each value that changed.

    A value the clerk typed is a value read from a source: it loses its "derived" mark.
    ``batch`` joins the change to a clerk's command that changes more (see ``edit_batch``).
    """
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"these cannot be edited: {', '.join(sorted(unknown))}")
    serialize_writers(session)
    client = get_client(session, client_id)
    changed = [(f, getattr(client, f), v) for f, v in values.items() if getattr(client, f) != v]
    if not changed:
        return []
    batch = batch or edit_batch(session, f"edit of client {client_id}")
    history = []
    for f, old, new in changed:
        setattr(client, f, new)
        history.append(_record(batch, client.id, "update", f, old, new))
    derived = sorted(set(client.derived or []) - set(values))
    if derived != sorted(client.derived or []):
        history.append(_record(batch, client.id, "update", "derived", json.dumps(sorted(client.derived or [])),
                               json.dumps(derived)))  # fmt: skip
        client.derived = derived
    refresh_keys(client)
    session.flush()
    session.execute(insert(Change), history)
    return changed


def set_passport(
    session: Session, client_id: int, series: str | None, number: str, expiry: dt.date | None,
    batch: ImportBatch | None = None,
) -> list[tuple[str, Any, Any]]:
    """Record the client's foreign passport typed at the desk; returns (what, old, new) per change.

    A passport not on file becomes the current one (the previous stays on file, no longer
    current); one on file gets the expiry given. Both are ``document`` changes, which undo
    takes back.
    """
    serialize_writers(session)
    client = get_client(session, client_id)
    key = doc_key("foreign_passport", series, number)
    text = f"{series or ''}{number}"
    held = session.scalar(select(Document).where(Document.doc_key == key))
    if held is not None and held.client_id != client.id:
        raise PassportTaken(
            f"passport {text} is on file for client {held.client_id} (see: tourdesk clients show {held.client_id})"
        )
    changed: list[tuple[str, Any, Any]] = []
    history: list[dict[str, Any]] = []
    if held is not None:
        if expiry is None or held.expiry == expiry:
            return []
        batch = batch or edit_batch(session, f"edit of client {client_id}")
        changed.append(("passport expiry", held.expiry, expiry))
        history.append(_record(batch, client.id, "document", "foreign_passport.expiry", held.expiry, expiry, ref=key))
        held.expiry = expiry
    else:
        batch = batch or edit_batch(session, f"edit of client {client_id}")
        current = next((d for d in client.documents if d.kind == "foreign_passport" and d.is_current), None)
        # the history writes a passport as the import does (undo finds the old one by it)
        old = f"{current.series or ''}{current.number}" if current else None
        if current is not None:
            current.is_current = False
        session.add(Document(client_id=client.id, kind="foreign_passport", series=series, number=number,
                             expiry=expiry, is_current=True, doc_key=key, batch_id=batch.id))  # fmt: skip
        changed.append(("passport", _spaced(current.series, current.number) if current else None,
                        _spaced(series, number)))  # fmt: skip
        history.append(_record(batch, client.id, "document", "foreign_passport", old, text, ref=key))
    session.flush()
    session.execute(insert(Change), history)
    return changed


def _spaced(series: str | None, number: str) -> str:
    """A passport as the clerk writes it: ``72 4455667``."""
    return f"{series} {number}" if series else number


def add_client(session: Session, values: dict[str, Any], passport: tuple[str | None, str, dt.date | None] | None = None) -> Client:
    """A new client typed in at the desk, with their foreign passport if given."""
    serialize_writers(session)
    batch = edit_batch(session, "added at the desk")
    client = Client(derived=[], extra={}, is_regular=True, **{k: v for k, v in values.items() if k in EDITABLE})
    refresh_keys(client)
    session.add(client)
    session.flush()
    history = [_record(batch, client.id, "create", None, None, " ".join(
        filter(None, [client.surname_lat or client.surname_ru, client.name_lat or client.name_ru]))
    )]  # fmt: skip
    if passport:
        series, number, expiry = passport
        key = doc_key("foreign_passport", series, number)
        session.add(Document(client_id=client.id, kind="foreign_passport", series=series, number=number,
                             expiry=expiry, is_current=True, doc_key=key, batch_id=batch.id))  # fmt: skip
        history.append(_record(batch, client.id, "document", "foreign_passport", None, f"{series or ''}{number}",
                               ref=key))  # fmt: skip
    session.flush()
    session.execute(insert(Change), history)
    return client


def edit_batch(session: Session, source: str) -> ImportBatch:
    """A batch for a clerk's command: its changes are undone together (``batches undo``)."""
    batch = ImportBatch(source=source, sha256="", kind="edit")
    session.add(batch)
    session.flush()
    return batch


def drop_if_empty(session: Session, batch: ImportBatch) -> None:
    """A clerk's command that changed nothing leaves no batch behind."""
    session.flush()
    if (session.scalar(select(Change.id).where(Change.batch_id == batch.id).limit(1)) is None
            and session.scalar(select(TripChange.id).where(TripChange.batch_id == batch.id).limit(1)) is None):  # fmt: skip
        session.delete(batch)


def _record(batch: ImportBatch, client_id: int, action: str, f: str | None, old: Any, new: Any,
            ref: str | None = None) -> dict[str, Any]:  # fmt: skip
    return dict(client_id=client_id, batch_id=batch.id, action=action, field=f, old_value=to_text(old),
                new_value=to_text(new), source=EDITED_BY, source_row=None, ref=ref)  # fmt: skip
