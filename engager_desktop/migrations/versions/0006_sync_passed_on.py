"""Keep what newer versions put in bundles that this one does not know, to pass it on.

Revision ID: 0006
Revises: 0005

A local table (it never travels itself): per record, the fields this version does not know, or
the whole record of a table it does not know (docs/bundle-format.md). No synced table changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_passed_on",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.String(length=20), nullable=False),
        sa.Column("arrival_no", sa.Integer(), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_passed_on")),
    )
    with op.batch_alter_table("sync_passed_on", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_passed_on_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_passed_on", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_passed_on_participant_id"))
    op.drop_table("sync_passed_on")
