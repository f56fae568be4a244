"""review items name every field a row contradicts: room for all of them

A conflict item lists the fields it asks about ("gender, name_lat, patronymic_ru, surname_lat");
four or more overflowed 40 characters, which PostgreSQL refuses (SQLite does not check lengths,
so only PostgreSQL stores change).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("review_queue", "field", type_=sa.String(300), existing_type=sa.String(40))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("review_queue", "field", type_=sa.String(40), existing_type=sa.String(300))
