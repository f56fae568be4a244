"""questionnaire dictionary: entries, the queue of missing values, edit history

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 17:15:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dictionary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ru", sa.String(length=300), nullable=False),
        sa.Column("ru_key", sa.String(length=300), nullable=False),
        sa.Column("en", sa.String(length=300), nullable=True),
        sa.Column("fr", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_entries")),
        sa.UniqueConstraint("ru_key", name=op.f("uq_dictionary_entries_ru_key")),
    )
    with op.batch_alter_table("dictionary_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dictionary_entries_kind"), ["kind"], unique=False)

    op.create_table(
        "dictionary_missing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ru", sa.String(length=300), nullable=False),
        sa.Column("ru_key", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("form_id", sa.String(length=100), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_missing")),
        sa.UniqueConstraint(
            "ru_key", "language", "form_id", "client_id", name=op.f("uq_dictionary_missing_ru_key")
        ),
    )

    op.create_table(
        "dictionary_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ru_key", sa.String(length=300), nullable=False),
        sa.Column("old_en", sa.String(length=300), nullable=True),
        sa.Column("old_fr", sa.String(length=300), nullable=True),
        sa.Column("old_kind", sa.String(length=30), nullable=True),
        sa.Column("new_en", sa.String(length=300), nullable=True),
        sa.Column("new_fr", sa.String(length=300), nullable=True),
        sa.Column("new_kind", sa.String(length=30), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_changes")),
    )
    with op.batch_alter_table("dictionary_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dictionary_changes_ru_key"), ["ru_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dictionary_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dictionary_changes_ru_key"))
    op.drop_table("dictionary_changes")
    op.drop_table("dictionary_missing")
    with op.batch_alter_table("dictionary_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dictionary_entries_kind"))
    op.drop_table("dictionary_entries")
