"""Sync state kept only in this vault: my exports, each peer's acks, when records arrived.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_exports",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("cutoff", sa.String(length=20), nullable=False),
        sa.Column("arrival_mark", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_sync_exports")),
    )
    op.create_table(
        "sync_peers",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("imported_last", sa.Integer(), nullable=False),
        sa.Column("imported_complete", sa.Integer(), nullable=False),
        sa.Column("acked_last", sa.Integer(), nullable=False),
        sa.Column("acked_complete", sa.Integer(), nullable=False),
        sa.Column("last_import_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_records",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("seen_hlc", sa.String(length=20), nullable=False),
        sa.Column("seen_device", sa.String(length=36), nullable=False),
        sa.Column("seen_deleted", sa.Boolean(), nullable=False),
        sa.Column("arrival_no", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_records")),
    )
    with op.batch_alter_table("sync_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_records_arrival_no"), ["arrival_no"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_records_arrival_no"))
    op.drop_table("sync_records")
    op.drop_table("sync_peers")
    op.drop_table("sync_exports")
