"""Drop the one-column indexes on ``deleted`` of every synced table.

Revision ID: 0005
Revises: 0004

Nearly every row has deleted = 0, so these indexes never narrow a search; without planner
statistics SQLite still chose them over the per-man indexes and walked whole tables (a man's whole
record took 720 ms at 10,000 men instead of 12 ms). They also slow every write.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "services",
    "participants",
    "supervision_notes",
    "consents",
    "phase_changes",
    "backgrounds",
    "service_contacts",
    "understandings",
    "priority_problems",
    "links_map_entries",
    "strengths",
    "distress_ratings",
    "quick_wins",
    "support_people",
    "goals",
    "steps",
    "meetings",
    "step_reviews",
    "contact_logs",
    "appointments",
    "pledges",
    "release_plans",
    "ending_plans",
)


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_deleted", table, ["deleted"])
