"""Client numbers handed out before the INSERT, so a batch writes its new clients in one go.

PostgreSQL: taken from the table's own sequence, a block at a time. SQLite: counted on from the
highest number ever used, which the AUTOINCREMENT table keeps in ``sqlite_sequence`` even after
that client was removed (an undo), so a number is never given to someone else; safe because a
writer holds SQLite's write lock for the whole batch, and the INSERT moves the counter on.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pipeline.store.models import Change, Client

BLOCK = 64


class ClientIds:
    def __init__(self, session: Session):
        self.session = session
        self.pg = session.get_bind().dialect.name == "postgresql"
        self.free: list[int] = []
        self.last: int | None = None

    def next(self) -> int:
        if self.pg:
            if not self.free:
                self.free = list(self.session.scalars(text(
                    "SELECT nextval(pg_get_serial_sequence('clients', 'id')) FROM generate_series(1, :n)"
                ), {"n": BLOCK}))[::-1]  # fmt: skip
            return self.free.pop()
        if self.last is None:
            self.last = max(
                self.session.scalar(select(func.max(Client.id))) or 0,
                self.session.scalar(select(func.max(Change.client_id))) or 0,
                self.session.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = 'clients'")) or 0,
            )
        self.last += 1
        return self.last
