"""Each export remembers how many entries this vault's audit log held when it was made.

Revision ID: 0007
Revises: 0006

Later bundles carry this vault's audit head at that count, and the laptops that imported the
export compare it with the head they saw then (``sync.audit_anchor``). Exports made before this
revision have no count (NULL) and anchor nothing. ``sync_exports`` never leaves the vault.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_exports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_count", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_exports", schema=None) as batch_op:
        batch_op.drop_column("audit_count")
