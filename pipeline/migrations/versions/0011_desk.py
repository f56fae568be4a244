"""the desk: users who log in, partners' column mappings, who made each change

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desk_users"),
        sa.UniqueConstraint("name", name="uq_desk_users_name"),
    )
    op.create_table(
        "partner_mappings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("partner_key", sa.String(200), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("header_row", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(100), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_partner_mappings"),
        sa.UniqueConstraint("partner_key", name="uq_partner_mappings_partner_key"),
    )
    for table in ("import_batches", "dictionary_entries", "dictionary_changes"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("user_name", sa.String(100), nullable=True))


def downgrade() -> None:
    for table in ("dictionary_changes", "dictionary_entries", "import_batches"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("user_name")
    op.drop_table("partner_mappings")
    op.drop_table("desk_users")
