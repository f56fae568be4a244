"""The canonical tourist record (see CONTRACT.md) and the outcome of normalizing one row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CANONICAL_FIELDS: tuple[str, ...] = (
    "surname_lat",
    "name_lat",
    "surname_ru",
    "name_ru",
    "patronymic_ru",
    "gender",
    "birth_date",
    "passport_series",
    "passport_number",
    "passport_expiry",
    "internal_series",
    "internal_number",
    "citizenship",
    "ticket_number",
)

#: what a clerk calls each field, for messages
FIELD_LABELS: dict[str, str] = {
    "surname_lat": "surname (Latin)",
    "name_lat": "first name (Latin)",
    "surname_ru": "surname (Cyrillic)",
    "name_ru": "first name (Cyrillic)",
    "patronymic_ru": "patronymic",
    "gender": "sex",
    "birth_date": "date of birth",
    "passport_series": "passport series",
    "passport_number": "passport number",
    "passport_expiry": "passport expiry",
    "internal_series": "internal passport series",
    "internal_number": "internal passport number",
    "citizenship": "citizenship",
    "ticket_number": "ticket number",
}

OK, WARNING, REJECTED = "ok", "warning", "rejected"


@dataclass(slots=True)
class RowResult:
    """One data row of a source after normalization.

    ``messages`` and ``derived`` start as shared empty values and become a list and a set
    with the first entry (through :meth:`warn`, :meth:`reject`, :meth:`note` and
    :meth:`mark_derived`): most rows have neither, and a big list holds 100,000 rows.
    """

    source_row: int
    record: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(CANONICAL_FIELDS))
    messages: list[str] | tuple[()] = ()
    rejected: bool = False
    warned: bool = False
    #: canonical fields the pipeline inferred rather than read (e.g. Latin from Cyrillic)
    derived: set[str] | frozenset[str] = frozenset()
    #: where the row came from, for messages and the change history (file name, sheet)
    origin: str = ""
    #: the scheme that wrote the derived Latin names (``icao``, ``ukraine2010``...); ``None``
    #: when no Latin name was derived
    latin_rule: str | None = None

    @property
    def status(self) -> str:
        if self.rejected:
            return REJECTED
        return WARNING if self.warned else OK

    def warn(self, message: str) -> None:
        self.warned = True
        self._say(message)

    def reject(self, message: str) -> None:
        self.rejected = True
        self._say(message)

    def note(self, message: str) -> None:
        """A change a person may want to see that is not a problem (a stray `*` removed)."""
        self._say(message)

    def mark_derived(self, key: str) -> None:
        if isinstance(self.derived, frozenset):
            self.derived = set(self.derived)
        self.derived.add(key)

    def _say(self, message: str) -> None:
        if isinstance(self.messages, tuple):
            self.messages = list(self.messages)
        self.messages.append(message)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "messages": list(self.messages),
            "source_row": self.source_row,
        }
        out.update(self.record)
        out["derived"] = sorted(self.derived)
        out["latin_rule"] = self.latin_rule
        return out
