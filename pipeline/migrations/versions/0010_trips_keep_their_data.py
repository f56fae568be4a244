"""trips: hotel, inviting party, entries, purpose, destinations as columns, a trip history, room
and notes per tourist; client, trip and batch numbers never given out twice

Revision ID: 0010
Revises: 0009

Existing stores move as they are: every client, trip and batch keeps its number. On SQLite the
three tables are rebuilt with AUTOINCREMENT (the store opens them with foreign keys off for
that, see ``pipeline.store.db.migrate``); the next client number starts above every number the
history ever named, so a client removed by an undo before this revision cannot lend theirs.
PostgreSQL's sequences never hand a number out twice; they are only moved past the history too.
The history and review items that an undo left behind about a client it removed go with them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NEVER_REUSED = ("clients", "trips", "import_batches")
TRIP_COLUMNS = (
    ("hotel_name", sa.String(200)), ("hotel_address", sa.String(300)), ("hotel_phone", sa.String(40)),
    ("inviting_kind", sa.String(12)), ("inviting_name", sa.String(200)), ("inviting_address", sa.String(300)),
    ("inviting_phone", sa.String(40)), ("entries", sa.String(10)), ("purpose", sa.String(60)),
)  # fmt: skip
#: what an undo wrote for a client it removed (before this revision)
REMOVED = "removed: created by batch %"


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("trips") as batch_op:
        for name, type_ in TRIP_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.add_column(sa.Column("destinations", sa.JSON(), nullable=True))
    with op.batch_alter_table("trip_tourists") as batch_op:
        batch_op.add_column(sa.Column("room", sa.String(40), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.Text(), nullable=True))
    op.create_table(
        "trip_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["trip_id"], ["trips.id"], name=op.f("fk_trip_changes_trip_id_trips"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"], name=op.f("fk_trip_changes_batch_id_import_batches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip_changes")),
    )  # fmt: skip
    with op.batch_alter_table("trip_changes") as batch_op:
        batch_op.create_index(batch_op.f("ix_trip_changes_trip_id"), ["trip_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trip_changes_batch_id"), ["batch_id"], unique=False)
    _move_trip_details(conn)
    high = _highest_client_number(conn)
    _forget_removed_clients(conn)
    if conn.dialect.name == "sqlite":
        for table in NEVER_REUSED:
            _autoincrement(conn, table)
        _sqlite_sequence_at_least(conn, "clients", high)
    elif conn.dialect.name == "postgresql":
        for table in NEVER_REUSED:
            used = high if table == "clients" else conn.execute(sa.text(f"SELECT max(id) FROM {table}")).scalar()
            _sequence_at_least(conn, table, used or 0)


def downgrade() -> None:
    # the AUTOINCREMENT stays: it only keeps numbers from coming back
    with op.batch_alter_table("trip_changes") as batch_op:
        batch_op.drop_index(batch_op.f("ix_trip_changes_batch_id"))
        batch_op.drop_index(batch_op.f("ix_trip_changes_trip_id"))
    op.drop_table("trip_changes")
    with op.batch_alter_table("trip_tourists") as batch_op:
        batch_op.drop_column("notes")
        batch_op.drop_column("room")
    with op.batch_alter_table("trips") as batch_op:
        batch_op.drop_column("destinations")
        for name, _ in reversed(TRIP_COLUMNS):
            batch_op.drop_column(name)


def _move_trip_details(conn: sa.Connection) -> None:
    """What trip files kept in ``details`` (a hotel mapping, ``host``, ``entries``, ...) into the
    new columns; the rest of ``details`` stays as it was."""
    trips = sa.table("trips", sa.column("id", sa.Integer), sa.column("details", sa.JSON),
                     sa.column("destinations", sa.JSON), *(sa.column(n, t) for n, t in TRIP_COLUMNS))  # fmt: skip
    for trip_id, details in conn.execute(sa.select(trips.c.id, trips.c.details)).all():
        details = dict(details or {}) if isinstance(details, dict) else {}
        values = split_details(details)
        conn.execute(sa.update(trips).where(trips.c.id == trip_id).values(details=details, **values))


def split_details(details: dict[str, Any]) -> dict[str, Any]:
    """Take the structured trip values out of an old ``details`` mapping (which loses them)."""
    out: dict[str, Any] = {}
    hotel = _party(details.pop("hotel", None), details.pop("hotel_address", None), details.pop("hotel_phone", None))
    if hotel:
        out["hotel_name"], out["hotel_address"], out["hotel_phone"] = hotel
    for kind, key in (("person", "inviting_person"), ("person", "host"), ("organisation", "inviting_company")):
        party = _party(details.pop(key, None), details.get("host_address"), details.get("host_phone"))
        if party and "inviting_kind" not in out:
            out["inviting_kind"] = kind
            out["inviting_name"], out["inviting_address"], out["inviting_phone"] = party
    if "inviting_kind" in out:
        details.pop("host_address", None)
        details.pop("host_phone", None)
    out["entries"], out["purpose"] = _text(details.pop("entries", None)), _text(details.pop("purpose", None))
    cities = details.pop("destinations", None)
    if isinstance(cities, str):
        cities = cities.replace(";", ",").split(",")
    out["destinations"] = [t for c in (cities if isinstance(cities, list) else []) if (t := _text(c))]
    sizes = dict(TRIP_COLUMNS)
    return {k: v[: sizes[k].length] if isinstance(v, str) else v for k, v in out.items()}


def _text(value: Any) -> str | None:
    text = "" if value is None or isinstance(value, dict | list) else str(value).strip()
    return text or None


def _party(value: Any, address: Any = None, phone: Any = None) -> tuple[Any, Any, Any] | None:
    """(name, address, phone) of a hotel or inviting party, from a mapping or a plain name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        found = (_text(value.get("name")), _text(value.get("address")), _text(value.get("phone")))
        return found if any(found) else None
    return (_text(value), _text(address), _text(phone)) if _text(value) else None


def _highest_client_number(conn: sa.Connection) -> int:
    """Every client number ever handed out: those in the file, and those the history names."""
    numbers = [
        conn.execute(sa.text("SELECT max(id) FROM clients")).scalar(),
        conn.execute(sa.text("SELECT max(client_id) FROM changes")).scalar(),
        conn.execute(sa.text("SELECT max(client_id) FROM review_queue")).scalar(),
        conn.execute(sa.text("SELECT max(other_client_id) FROM review_queue")).scalar(),
    ]
    return max([n for n in numbers if n is not None], default=0)


def _forget_removed_clients(conn: sa.Connection) -> None:
    """An undo removed these clients but left their history (and before this revision their
    number could go to the next new client, who then showed it as theirs): it goes now. Only
    what was recorded up to the removal goes; a later client with that number keeps theirs."""
    removal = ("SELECT max(r.{col}) FROM changes r WHERE r.action = 'undo' AND r.new_value LIKE :removed "
               "AND r.client_id = {who}")  # fmt: skip
    conn.execute(sa.text(
        f"DELETE FROM review_queue WHERE batch_id < ({removal.format(col='batch_id', who='review_queue.client_id')})"
        f" OR batch_id < ({removal.format(col='batch_id', who='review_queue.other_client_id')})"
    ), {"removed": REMOVED})  # fmt: skip
    conn.execute(sa.text(
        f"DELETE FROM changes WHERE id <= ({removal.format(col='id', who='changes.client_id')})"
    ), {"removed": REMOVED})  # fmt: skip


def _autoincrement(conn: sa.Connection, table: str) -> None:
    """Rebuild ``table`` with AUTOINCREMENT (rows, numbers and indexes kept), unless it has it."""
    sql = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}).scalar()
    if sql is None or "AUTOINCREMENT" in sql.upper():
        return
    if conn.exec_driver_sql("PRAGMA foreign_keys").scalar() and _referenced(conn, table):
        raise RuntimeError(
            f"rebuilding {table} needs SQLite's foreign keys off (pipeline.store.db.migrate does that)"
        )
    with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
        pass


def _referenced(conn: sa.Connection, table: str) -> bool:
    """Whether any row elsewhere points at ``table`` (the rebuild's DROP would cascade into it)."""
    for (child,) in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'table'")).all():
        for fk in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{child}")').all():
            if fk[2] == table and conn.exec_driver_sql(f'SELECT 1 FROM "{child}" WHERE "{fk[3]}" IS NOT NULL LIMIT 1').first():
                return True
    return False


def _sequence_at_least(conn: sa.Connection, table: str, used: int) -> None:
    """PostgreSQL: the table's sequence past ``used`` (rows written with explicit numbers, as a
    restore writes them, leave it behind)."""
    seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
    if not seq or not used:
        return
    last, called = conn.execute(sa.text(f"SELECT last_value, is_called FROM {seq}")).one()
    if used > last or (used == last and not called):
        conn.execute(sa.text("SELECT setval(:seq, :n)"), {"seq": seq, "n": used})


def _sqlite_sequence_at_least(conn: sa.Connection, table: str, high: int) -> None:
    if not high:
        return
    seq = conn.execute(sa.text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}).first()
    if seq is None:
        conn.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"), {"t": table, "n": high})
    elif seq[0] < high:
        conn.execute(sa.text("UPDATE sqlite_sequence SET seq = :n WHERE name = :t"), {"t": table, "n": high})
