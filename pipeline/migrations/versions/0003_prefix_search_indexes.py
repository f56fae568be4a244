"""prefix indexes for search by surname key and passport number

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 17:03:21.193315
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clients_surname_key_prefix",
            ["surname_key"],
            unique=False,
            postgresql_ops={"surname_key": "varchar_pattern_ops"},
        )

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_documents_number_prefix",
            ["number"],
            unique=False,
            postgresql_ops={"number": "varchar_pattern_ops"},
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_number_prefix", postgresql_ops={"number": "varchar_pattern_ops"})

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_clients_surname_key_prefix", postgresql_ops={"surname_key": "varchar_pattern_ops"}
        )
