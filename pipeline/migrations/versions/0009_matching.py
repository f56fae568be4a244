"""matching: clients found by both name keys whatever the birth date (a slip in the date, none)

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch_op:
        batch_op.create_index("ix_clients_name_keys", ["surname_key", "name_key", "birth_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch_op:
        batch_op.drop_index("ix_clients_name_keys")
