"""How a client looks on the desk's terminal: in full, or one line among namesakes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pipeline.clients.find import client_history, client_trips
from pipeline.record import FIELD_LABELS
from pipeline.store.models import Client

_APART = ("patronymic_ru", "birth_date", "gender", "citizenship")


def full_view(session: Session, client: Client, history: bool = False) -> list[str]:
    derived = set(client.derived or [])

    def val(f: str) -> str:
        v = getattr(client, f)
        if v is None:
            return "—"
        return f"{v} (derived)" if f in derived else str(v)

    lines = [
        f"Client {client.id}{'  (regular client)' if client.is_regular else ''}",
        f"  Latin:       {val('surname_lat')} {val('name_lat')}",
        f"  Cyrillic:    {val('surname_ru')} {val('name_ru')} {val('patronymic_ru')}",
        f"  born:        {val('birth_date')}    sex: {val('gender')}    citizenship: {val('citizenship')}",
    ]
    if client.card_last4:
        lines.append(f"  card:        …{client.card_last4}")
    for doc in client.documents:
        what = "passport" if doc.kind == "foreign_passport" else "internal passport"
        state = "current" if doc.is_current else "older"
        expiry = f", valid until {doc.expiry}" if doc.expiry else ""
        lines.append(f"  {what}: {doc.series or ''} {doc.number} ({state}{expiry})")
    for voucher, arrival, country in client_trips(session, client.id):
        lines.append(f"  trip:        {voucher} {country or ''} arriving {arrival or '?'}")
    if derived:
        lines.append("  (derived) = worked out by the program, not read from a document or list")
    if history:
        lines.append("  history:")
        for ch in client_history(session, client.id):
            where = f"{ch.source or ''}{f' row {ch.source_row}' if ch.source_row else ''}"
            lines.append(f"    {ch.changed_at:%d.%m.%Y %H:%M} batch {ch.batch_id} {ch.action} {ch.field or ''}: "
                         f"{ch.old_value or '—'} -> {ch.new_value or '—'}  [{where}]"
                         f"{f' by {ch.user_name}' if ch.user_name else ''}")  # fmt: skip
    return lines


def apart_table(session: Session, clients: list[Client]) -> list[str]:
    """One line per client: the names, then only the fields in which they differ."""
    differing = [f for f in _APART if len({getattr(c, f) for c in clients}) > 1]
    passports = {c.id: _passport_tail(c) for c in clients}
    if len(set(passports.values())) > 1:
        differing.append("passport")
    header = f"{len(clients)} clients found"
    if len(clients) >= 50:
        header += " (the first 50; narrow with --name, --birth-date or --passport)"
    lines = [header + ":"]
    for c in clients:
        lat = " ".join(filter(None, [c.surname_lat, c.name_lat]))
        ru = " ".join(filter(None, [c.surname_ru, c.name_ru]))
        parts = [f"#{c.id:<7} {lat:<28} {ru:<30}"]
        for f in differing:
            value = passports[c.id] if f == "passport" else getattr(c, f)
            label = "passport" if f == "passport" else FIELD_LABELS.get(f, f)
            parts.append(f"{label}: {value if value is not None else '—'}")
        lines.append("  ".join(parts))
    if not differing:
        lines.append("These look alike in everything on file: perhaps one person twice (see: tourdesk review).")
    else:
        lines.append("Show one in full with: tourdesk clients show NUMBER")
    return lines


def _passport_tail(client: Client) -> str:
    current = [d for d in client.documents if d.is_current and d.kind == "foreign_passport"]
    return f"…{current[0].number[-3:]}" if current else "none"
