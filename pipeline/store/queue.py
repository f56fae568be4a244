"""The review items an import adds, each question asked once.

Importing the same list again (a partner resends it, a clerk imports twice) meets the same
contradictions and the same possible duplicates. The queue already holds those questions,
open or answered, so they are not added again; an item closed by an undone batch or an
erasure does not count, and the question may be asked anew.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import ReviewItem


def question(item: ReviewItem) -> tuple[Any, ...]:
    """What makes two review items the same question."""
    if item.kind == "conflict":
        return (item.kind, item.client_id, item.field, item.stored_value, item.incoming_value)
    incoming = {k: v for k, v in (item.incoming or {}).items() if k != "derived"}
    return (item.kind, item.client_id, json.dumps(incoming, sort_keys=True, default=str))


class ReviewQueue:
    """Adds review items to ``session`` unless the queue already asks the same.

    Two rows of one list may ask the same question (two tourists of the same name and no
    birth date): both are asked. The n-th asking of a question in a batch is skipped when
    the queue holds it n times or more already, so importing the list again adds nothing.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.asked: dict[tuple[Any, ...], int] = {}
        self.stored: dict[tuple[Any, ...], int] = {}

    def add(self, item: ReviewItem) -> bool:
        """Queue ``item``; False when the queue already holds this question (as often)."""
        key = question(item)
        if key not in self.stored:
            self.stored[key] = self._stored(item, key)
        asked = self.asked.get(key, 0)
        self.asked[key] = asked + 1
        if asked < self.stored[key]:
            return False
        self.session.add(item)
        return True

    def _stored(self, item: ReviewItem, key: tuple[Any, ...]) -> int:
        query = select(ReviewItem).where(ReviewItem.kind == item.kind, ReviewItem.status != "closed")
        query = query.where(ReviewItem.client_id.is_(None) if item.client_id is None
                            else ReviewItem.client_id == item.client_id)  # fmt: skip
        if item.kind == "conflict":
            query = query.where(ReviewItem.field == item.field)
        return sum(question(old) == key for old in self.session.scalars(query))
