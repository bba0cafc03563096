"""Covering indexes for the service figures (services/figures_query.py).

Revision ID: 0011
Revises: 0010

Sessions held by month and place are counted month by month over ``meetings.starts_at``; the
distress medians read every rating in each man's date order. Without covering indexes both read
the whole table, notes included, which took over a second at 10,000 men. No data changes and
nothing new is synced, so the bundle format is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_meetings_held", "meetings", ("starts_at", "attended", "deleted", "place")),
    (
        "ix_distress_ratings_figures",
        "distress_ratings",
        ("participant_id", "rated_on", "created_at", "score", "deleted"),
    ),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
