"""CRM: contacts, dates, consents, unsubscribes, purchases, incidents, NPS, follow-ups, expenses

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 17:35:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crm_expenses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_expenses")),
    )
    with op.batch_alter_table("crm_expenses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_expenses_spent_on"), ["spent_on"], unique=False)

    op.create_table(
        "crm_managers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_managers")),
        sa.UniqueConstraint("name", name=op.f("uq_crm_managers_name")),
    )
    op.create_table(
        "crm_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_crm_activities_client_id_clients"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_activities_manager_id_crm_managers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_activities")),
    )
    with op.batch_alter_table("crm_activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_activities_happened_on"), ["happened_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_activities_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "crm_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_consents_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_consents")),
    )
    with op.batch_alter_table("crm_consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_consents_client_id"), ["client_id"], unique=False)

    op.create_table(
        "crm_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("network", sa.String(length=30), nullable=True),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_contacts_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_contacts")),
        sa.UniqueConstraint("client_id", "kind", "value", name=op.f("uq_crm_contacts_client_id")),
    )
    with op.batch_alter_table("crm_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_contacts_client_id"), ["client_id"], unique=False)

    op.create_table(
        "crm_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_dates_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_dates")),
    )
    with op.batch_alter_table("crm_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_dates_client_id"), ["client_id"], unique=False)

    op.create_table(
        "crm_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("disliked_product", sa.Text(), nullable=True),
        sa.Column("disliked_staff", sa.Text(), nullable=True),
        sa.Column("disliked_sale", sa.Text(), nullable=True),
        sa.Column("refunded", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_incidents_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_incidents_manager_id_crm_managers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["trip_id"], ["trips.id"], name=op.f("fk_crm_incidents_trip_id_trips"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_incidents")),
    )
    with op.batch_alter_table("crm_incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_incidents_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_incidents_occurred_on"), ["occurred_on"], unique=False)

    op.create_table(
        "crm_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_notes_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_notes")),
    )
    with op.batch_alter_table("crm_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_notes_client_id"), ["client_id"], unique=False)

    op.create_table(
        "crm_nps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("destination", sa.String(length=3), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_nps_client_id_clients"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_nps_manager_id_crm_managers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_nps")),
        sa.UniqueConstraint("client_id", "answered_on", "score", name=op.f("uq_crm_nps_client_id")),
    )
    with op.batch_alter_table("crm_nps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_nps_answered_on"), ["answered_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_nps_client_id"), ["client_id"], unique=False)

    op.create_table(
        "crm_profiles",
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("forgotten_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_profiles_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_profiles_manager_id_crm_managers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_crm_profiles")),
    )
    with op.batch_alter_table("crm_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_profiles_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "crm_purchases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("trip_id", sa.Integer(), nullable=True),
        sa.Column("bought_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("margin", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("paid", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("destination", sa.String(length=3), nullable=True),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_purchases_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_purchases_manager_id_crm_managers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["trip_id"], ["trips.id"], name=op.f("fk_crm_purchases_trip_id_trips"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_purchases")),
        sa.UniqueConstraint("client_id", "trip_id", name=op.f("uq_crm_purchases_client_id")),
    )
    with op.batch_alter_table("crm_purchases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_purchases_bought_on"), ["bought_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_purchases_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_crm_purchases_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "crm_tags",
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_crm_tags_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("client_id", "tag", name=op.f("pk_crm_tags")),
    )
    op.create_table(
        "crm_unsubscribes",
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=60), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_crm_unsubscribes_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "list_name", name=op.f("pk_crm_unsubscribes")),
    )
    op.create_table(
        "crm_followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nps_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("learnt", sa.Text(), nullable=True),
        sa.Column("action_taken", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_crm_followups_client_id_clients"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["crm_managers.id"],
            name=op.f("fk_crm_followups_manager_id_crm_managers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["nps_id"], ["crm_nps.id"], name=op.f("fk_crm_followups_nps_id_crm_nps"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_followups")),
        sa.UniqueConstraint("nps_id", name=op.f("uq_crm_followups_nps_id")),
    )
    with op.batch_alter_table("crm_followups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crm_followups_client_id"), ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("crm_followups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_followups_client_id"))

    op.drop_table("crm_followups")
    op.drop_table("crm_unsubscribes")
    op.drop_table("crm_tags")
    with op.batch_alter_table("crm_purchases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_purchases_trip_id"))
        batch_op.drop_index(batch_op.f("ix_crm_purchases_client_id"))
        batch_op.drop_index(batch_op.f("ix_crm_purchases_bought_on"))

    op.drop_table("crm_purchases")
    with op.batch_alter_table("crm_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_profiles_manager_id"))

    op.drop_table("crm_profiles")
    with op.batch_alter_table("crm_nps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_nps_client_id"))
        batch_op.drop_index(batch_op.f("ix_crm_nps_answered_on"))

    op.drop_table("crm_nps")
    with op.batch_alter_table("crm_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_notes_client_id"))

    op.drop_table("crm_notes")
    with op.batch_alter_table("crm_incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_incidents_occurred_on"))
        batch_op.drop_index(batch_op.f("ix_crm_incidents_client_id"))

    op.drop_table("crm_incidents")
    with op.batch_alter_table("crm_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_dates_client_id"))

    op.drop_table("crm_dates")
    with op.batch_alter_table("crm_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_contacts_client_id"))

    op.drop_table("crm_contacts")
    with op.batch_alter_table("crm_consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_consents_client_id"))

    op.drop_table("crm_consents")
    with op.batch_alter_table("crm_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_activities_manager_id"))
        batch_op.drop_index(batch_op.f("ix_crm_activities_happened_on"))

    op.drop_table("crm_activities")
    op.drop_table("crm_managers")
    with op.batch_alter_table("crm_expenses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crm_expenses_spent_on"))

    op.drop_table("crm_expenses")
