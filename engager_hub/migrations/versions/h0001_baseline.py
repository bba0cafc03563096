"""The hub's baseline on PostgreSQL: the laptop's tables (its models as of laptop schema 0009) and
the hub's own.

The laptop's migrations are written for SQLite (batch mode, triggers, a full-text index) and do not
run here. This baseline creates the laptop's tables from the same SQLAlchemy models; a later
laptop migration that changes a synced table needs a hub migration after this one.

Revision ID: h0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engager_desktop.store import field_stamps, sync_state  # noqa: F401  (registers them)
from engager_desktop.store.orm import Base
from engager_hub import pg_types  # noqa: F401  (text types without lengths)

revision = "h0001"
down_revision = None
branch_labels = None
depends_on = None

LAPTOP_SCHEMA = "0009"  # in its time; h0002 brings an older hub to 0011


def upgrade() -> None:
    bind = op.get_bind()
    Base.metadata.create_all(bind)
    op.create_table(
        "hub_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "hub_holdings",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("participant_id", sa.String(36), primary_key=True),
        sa.Column("since", sa.DateTime, nullable=False),
    )
    op.create_index("ix_hub_holdings_man", "hub_holdings", ["participant_id"])


def downgrade() -> None:
    op.drop_table("hub_holdings")
    op.drop_table("hub_secrets")
    Base.metadata.drop_all(op.get_bind())
