"""undo history, review resolutions and cleanup pairs; indexes for search and fuzzy matching

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:58:14.637514
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ref", sa.String(length=60), nullable=True))

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index("ix_clients_birth_date", ["birth_date"], unique=False)
        batch_op.create_index(
            "ix_clients_search_lat_prefix",
            ["search_lat"],
            unique=False,
            postgresql_ops={"search_lat": "varchar_pattern_ops"},
        )
        batch_op.create_index(
            "ix_clients_search_ru_prefix",
            ["search_ru"],
            unique=False,
            postgresql_ops={"search_ru": "varchar_pattern_ops"},
        )

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_number"), ["number"], unique=False)

    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="import", nullable=False))
        batch_op.add_column(sa.Column("undone_by", sa.Integer(), nullable=True))

    with op.batch_alter_table("review_queue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("other_client_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("pair_key", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("resolution", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_review_queue_pair_key"), ["pair_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_queue_pair_key"))
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("resolution")
        batch_op.drop_column("pair_key")
        batch_op.drop_column("score")
        batch_op.drop_column("other_client_id")

    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_column("undone_by")
        batch_op.drop_column("kind")

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_number"))

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_clients_search_ru_prefix", postgresql_ops={"search_ru": "varchar_pattern_ops"}
        )
        batch_op.drop_index(
            "ix_clients_search_lat_prefix", postgresql_ops={"search_lat": "varchar_pattern_ops"}
        )
        batch_op.drop_index("ix_clients_birth_date")

    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_column("ref")
