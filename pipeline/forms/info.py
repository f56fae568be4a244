"""A client's extra personal information (``Client.extra``): show it, set it, copy it.

The extra information is what embassy questionnaires ask beyond the passport: place of
birth, civil status, occupation, employer, home address, parents for minors, ... It is
entered once and reused by every form. Values are kept as the clerk typed them (Russian is
fine): forms translate them when they are rendered.

Which keys exist is not decided here: every ``extra.<key>`` source of every form catalogue
is a known key, described by that field's label. An agency adding a country's form adds
its keys with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from pipeline.clients.edit import edit_batch, get_client
from pipeline.forms.passport import tag_passport_data
from pipeline.forms.render import list_forms
from pipeline.normalize.dates import BadDate, parse_date
from pipeline.store.db import serialize_writers
from pipeline.store.models import Change

#: what the change history says these edits came from
SOURCE = "clients info"
#: what ``copy`` takes when no fields are named: what a household shares
HOUSEHOLD = ("home_address", "phone")
#: what ``copy`` adds only when asked (``personal=True``): a child does not share the mother's
#: employer or occupation, a spouse may
PERSONAL = ("employer", "employer_address", "employer_phone", "occupation", "position", "income")


class UnknownKeys(ValueError):
    """Keys no form asks for (a typo, most likely); the message suggests the near ones."""


@dataclass
class KnownKey:
    """An ``extra.<key>`` some form reads."""

    key: str
    description: str
    #: form ids that read it
    forms: list[str] = field(default_factory=list)
    #: date | choice | text | country (as the first form reading it types it)
    type: str = "text"
    #: for choice keys, the values a form understands (Russian words work through the dictionary)
    options: list[str] = field(default_factory=list)


def known_keys() -> dict[str, KnownKey]:
    """Every extra-information key the registered forms read, sorted by key."""
    found: dict[str, KnownKey] = {}
    # a key that is only a fallback (criminal_record answers six questions) is described by
    # the fields it fills; one that a field reads first, by that field
    fallback_for: dict[str, list[str]] = {}
    for form in list_forms():
        for spec in form.fields:
            for n, source in enumerate(spec.sources):
                if not source.startswith("extra."):
                    continue
                key = source.partition(".")[2]
                entry = found.setdefault(key, KnownKey(key, "", type=spec.type))
                if n == 0 and not entry.description:
                    entry.description = spec.name
                elif n > 0 and spec.name not in fallback_for.setdefault(key, []):
                    fallback_for[key].append(spec.name)
                if form.id not in entry.forms:
                    entry.forms.append(form.id)
                if spec.type == "choice" and not entry.options:
                    entry.options = [o.value for o in spec.options]
    for key, entry in found.items():
        if not entry.description:
            entry.description = "answers: " + "; ".join(fallback_for.get(key, []))
    return dict(sorted(found.items()))


def show_info(session: Session, client_id: int) -> dict[str, Any]:
    """The client's extra information, sorted by key."""
    return dict(sorted((get_client(session, client_id).extra or {}).items()))


def check_keys(keys: Iterable[str], known: dict[str, KnownKey] | None = None) -> None:
    """Raise UnknownKeys for keys no form reads, naming the closest known ones."""
    known = known_keys() if known is None else known
    unknown = [k for k in keys if k not in known]
    if not unknown:
        return
    hints = []
    for k in unknown:
        close = difflib.get_close_matches(k, list(known), n=3)
        hints.append(f"{k!r}" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    raise UnknownKeys(f"no form asks for {'; '.join(hints)}. See the keys with: tourdesk clients info keys")


def normalize_value(key: str, value: str, known: dict[str, KnownKey]) -> str | None:
    """What is stored for a typed value: None for "" (removes the key), ISO for dates."""
    text = value.strip()
    if not text:
        return None
    entry = known.get(key)
    if entry is not None and entry.type == "date":
        try:
            return parse_date(text, kind="expiry" if "expiry" in key else "birth").isoformat()
        except BadDate:
            raise ValueError(f"{key}: {text!r} is not a date (type it as 15.03.1985)") from None
    return text


#: the longest key the change history keeps whole (for undo)
MAX_KEY = 60


def set_info(
    session: Session,
    client_id: int,
    values: dict[str, str],
    *,
    any_key: bool = False,
    source: str = SOURCE,
) -> list[tuple[str, Any, Any]]:
    """Set (or, with an empty value, remove) extra keys; returns (key, old, new) per change.

    Each change goes to the client's history as ``extra.<key>``.
    """
    known = known_keys()
    if not any_key:
        check_keys(values, known)
    long = [k for k in values if len(k) > MAX_KEY]
    if long:
        raise ValueError(f"{long[0]!r}: a key is at most {MAX_KEY} characters")
    clean = {k: normalize_value(k, v, known) for k, v in values.items()}
    serialize_writers(session)
    client = get_client(session, client_id)
    # issue data typed after a new passport came in is the new one's: the old one's goes
    return _apply(session, client, tag_passport_data(session, client, clean), source)


def copy_info(
    session: Session,
    from_id: int,
    to_id: int,
    keys: Iterable[str] | None = None,
    *,
    personal: bool = False,
    source: str = SOURCE,
) -> list[tuple[str, Any, Any]]:
    """Copy extra keys (default: HOUSEHOLD, and PERSONAL with ``personal``) from one client to
    another; (key, old, new) per change.

    A key the first client lacks is left alone on the second: copying never erases.
    """
    if from_id == to_id:
        raise ValueError("copy from a client to another one: both numbers are the same")
    known = known_keys()
    if keys:
        wanted = list(keys)
        check_keys(wanted, known)
    else:
        # a personal key no form reads yet (income) is skipped, not refused
        wanted = [*HOUSEHOLD, *(k for k in PERSONAL if personal and k in known)]
    serialize_writers(session)
    donor, client = get_client(session, from_id), get_client(session, to_id)
    have = donor.extra or {}
    values = {k: have[k] for k in wanted if have.get(k) not in (None, "")}
    return _apply(session, client, values, f"{source} (copied from client {from_id})")


def _apply(session: Session, client: Any, values: dict[str, Any], source: str) -> list[tuple[str, Any, Any]]:
    extra = dict(client.extra or {})
    changed = [(k, extra.get(k), v) for k, v in values.items() if extra.get(k) != v]
    if not changed:
        return []
    for key, _old, new in changed:
        if new is None:
            extra.pop(key, None)
        else:
            extra[key] = new
    # a new dict, so the JSON column sees the change (it does not track in-place edits)
    client.extra = extra
    batch = edit_batch(session, f"{source}: client {client.id}")
    session.flush()
    # the key in full in ref, for undo: the field is cut to its column's width
    session.execute(
        insert(Change),
        [
            dict(client_id=client.id, batch_id=batch.id, action="edit", field=f"extra.{key}"[:40],
                 old_value=_text(old), new_value=_text(new), source=source, source_row=None, ref=key[:60])
            for key, old, new in changed
        ],
    )  # fmt: skip
    return changed


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)
