"""The laptop's schema 0012 at the hub: his preferred language for his papers.

A hub made by ``h0001``/``h0002`` while the laptop's models stood at schema 0011 lacks
``participants.document_language`` (bundle format 1.3). This adds it when missing (``h0001`` on a
newer program already made it from the models), then moves the values bundles from newer laptops
left in ``sync_passed_on`` into it, as the laptop's migration 0012 does.

Revision ID: h0003
Revises: h0002
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from engager_hub import pg_types  # noqa: F401  (text types without lengths)

revision = "h0003"
down_revision = "h0002"
branch_labels = None
depends_on = None

LAPTOP_SCHEMA = "0012"
_KEPT_MEN = sa.text(
    "SELECT record_id, fields FROM sync_passed_on WHERE table_name = 'participants'"
)


def upgrade() -> None:
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("participants")}
    if "document_language" not in columns:
        op.add_column("participants", sa.Column("document_language", sa.String(8), nullable=True))
    for man_id, text in bind.execute(_KEPT_MEN).all():
        fields = json.loads(text)
        if "document_language" not in fields:
            continue
        language = fields.pop("document_language", None)
        if isinstance(language, str):
            bind.execute(
                sa.text("UPDATE participants SET document_language = :code WHERE id = :id"),
                {"code": language, "id": man_id},
            )
        bind.execute(  # written as the sync code writes it (sync/passed_on.py)
            sa.text(
                "UPDATE sync_passed_on SET fields = :fields "
                "WHERE table_name = 'participants' AND record_id = :id"
            ),
            {
                "fields": json.dumps(
                    fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False
                ),
                "id": man_id,
            },
        )
    op.execute("DELETE FROM sync_passed_on WHERE fields = '{}'")


def downgrade() -> None:
    """Nothing: ``h0001`` on this program already makes the column from the models."""
