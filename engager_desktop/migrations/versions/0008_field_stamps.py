"""Per-field clock stamps of synced records, kept in this vault only (a new local table).

Revision ID: 0008
Revises: 0007

No synced table changes: the map of which edit last set each field lives beside the records, so
a merge can keep two laptops' edits to different fields of one record.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "field_stamps",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("stamps", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_field_stamps")),
    )


def downgrade() -> None:
    op.drop_table("field_stamps")
