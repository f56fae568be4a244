"""Which passport a client's issue date, place and authority belong to.

The foreign passport itself (series, number, expiry) is a document of the client; what the
forms also ask (date and place of issue, issuing authority) is extra information typed at the
desk. When a new passport comes in (an import, ``clients edit --passport``), the old one's
issue data must not be printed beside the new number: it is recorded for the passport it was
typed for (``passport_of``), and a form leaves it out once another passport is current.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.forms.values import PASSPORT_KEYS
from pipeline.store.models import Change, Client

__all__ = ["PASSPORT_KEYS", "PASSPORT_OF", "for_forms", "passport_data_stale", "tag_passport_data"]

#: the extra key naming the passport (series and number) the PASSPORT_KEYS were typed for
PASSPORT_OF = "passport_of"


def current_passport(client: Client) -> str | None:
    """The client's current foreign passport as series and number run together, or None."""
    doc = next((d for d in client.documents if d.kind == "foreign_passport" and d.is_current), None)
    return f"{doc.series or ''}{doc.number}" if doc is not None else None


def passport_data_stale(session: Session, client: Client) -> bool:
    """Whether the client's passport issue data belongs to a passport that is no longer current."""
    extra = client.extra or {}
    if not any(extra.get(k) for k in PASSPORT_KEYS):
        return False
    current = current_passport(client)
    if current is None:
        return False
    tag = extra.get(PASSPORT_OF)
    if tag:
        return str(tag) != current
    # typed before passports were recorded with it: stale when the current passport replaced
    # another one after the data was last typed
    doc = next(d for d in client.documents if d.kind == "foreign_passport" and d.is_current)
    if not any(d.kind == "foreign_passport" and not d.is_current for d in client.documents):
        return False
    typed = session.scalar(
        select(func.max(Change.changed_at)).where(
            Change.client_id == client.id, Change.field.in_([f"extra.{k}" for k in PASSPORT_KEYS])
        )
    )
    return typed is not None and doc.created_at is not None and doc.created_at > typed


def for_forms(session: Session, client: Client) -> tuple[dict[str, Any], bool]:
    """The client's extra information as forms read it, and whether a new passport left its
    issue data unknown (the old passport's is dropped, never printed beside the new number)."""
    extra = dict(client.extra or {})
    if not passport_data_stale(session, client):
        return extra, False
    for key in PASSPORT_KEYS:
        extra.pop(key, None)
    return extra, True


def tag_passport_data(session: Session, client: Client, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` about to be stored, completed so passport issue data goes with the current
    passport: typed for a new passport, the old one's other issue data is removed."""
    extra = client.extra or {}
    if not any(k in PASSPORT_KEYS and v is not None and v != extra.get(k) for k, v in values.items()):
        return values
    current = current_passport(client)
    if current is None or extra.get(PASSPORT_OF) == current:
        return values
    out = dict(values)
    if passport_data_stale(session, client):
        for key in PASSPORT_KEYS:
            if key not in out and extra.get(key) is not None:
                out[key] = None
    out[PASSPORT_OF] = current
    return out
