"""written files: the register of files Tourdesk wrote about a client, for erasure

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "written_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_written_files")),
    )
    with op.batch_alter_table("written_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_written_files_client_id"), ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("written_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_written_files_client_id"))
    op.drop_table("written_files")
