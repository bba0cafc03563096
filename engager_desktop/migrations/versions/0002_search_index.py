"""Full-text search index over names, prison numbers, goals and notes (FTS5, inside the vault).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # One row per man; the services layer rewrites it whenever his searchable text changes.
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "participant_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
