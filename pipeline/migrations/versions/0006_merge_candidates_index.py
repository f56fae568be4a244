"""merge candidates: one covering index on clients by birth date (replaces ix_clients_birth_date)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 17:36:33.496222
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_COLUMNS = ["birth_date", "id", "surname_key", "name_key", "gender", "patronymic_ru", "surname_lat", "name_lat"]


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index("ix_clients_birth_date")
        batch_op.create_index("ix_clients_birth_candidates", _COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index("ix_clients_birth_candidates")
        batch_op.create_index("ix_clients_birth_date", ["birth_date"], unique=False)
