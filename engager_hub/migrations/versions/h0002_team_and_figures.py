"""The laptop's schema 0010 and 0011 at the hub: who holds each man, handovers, figures indexes.

A hub made by ``h0001`` while the laptop's models stood at schema 0009 lacks ``participants.held_by``
(bundle format 1.2), the synced table ``handovers``, the practitioner and role on ``devices`` and
the service figures' covering indexes. This adds whichever is missing (``h0001`` on a newer
program already made them from the models), then moves what bundles from newer laptops left in
``sync_passed_on`` into them, as the laptop's migration 0010 does: a man's ``held_by`` and whole
handover records (of men the hub has). Unlike a laptop, the hub holds no man itself, so a man with no holder stays so.

Revision ID: h0002
Revises: h0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from engager_desktop.store.orm import Base
from engager_hub import pg_types  # noqa: F401  (text types without lengths)

revision = "h0002"
down_revision = "h0001"
branch_labels = None
depends_on = None

LAPTOP_SCHEMA = "0011"
_COLUMNS = (
    ("participants", "held_by", 36),
    ("devices", "practitioner", 100),
    ("devices", "role", 20),
)
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_participants_held_by ON participants (held_by)",
    "CREATE INDEX IF NOT EXISTS ix_meetings_held ON meetings (starts_at, attended, deleted, place)",
    "CREATE INDEX IF NOT EXISTS ix_distress_ratings_figures "
    "ON distress_ratings (participant_id, rated_on, created_at, score, deleted)",
)
_ADOPT = (
    "INSERT INTO handovers (id, participant_id, updated_at, updated_by, deleted, rev, "
    "from_device, to_device, made_at, acknowledged_at, created_at) "
    "SELECT f ->> 'id', f ->> 'participant_id', f ->> 'updated_at', f ->> 'updated_by', "
    "(f ->> 'deleted')::boolean, (f ->> 'rev')::integer, f ->> 'from_device', f ->> 'to_device', "
    "(f ->> 'made_at')::timestamp, (f ->> 'acknowledged_at')::timestamp, "
    "(f ->> 'created_at')::timestamp "
    "FROM (SELECT fields::jsonb AS f FROM sync_passed_on WHERE table_name = 'handovers') kept "
    "WHERE f ->> 'participant_id' IN (SELECT id FROM participants) "
    "ON CONFLICT (id) DO NOTHING",
    "DELETE FROM sync_passed_on WHERE table_name = 'handovers' "
    "AND participant_id IN (SELECT id FROM participants)",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
)
_KEPT_MEN = sa.text(
    "SELECT record_id, fields FROM sync_passed_on WHERE table_name = 'participants'"
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table, column, length in _COLUMNS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            op.add_column(table, sa.Column(column, sa.String(length), nullable=True))
    Base.metadata.tables["handovers"].create(bind, checkfirst=True)
    for statement in _INDEXES:
        op.execute(statement)
    for man_id, text in bind.execute(_KEPT_MEN).all():
        fields = json.loads(text)
        if "held_by" not in fields:
            continue
        held_by = fields.pop("held_by", None)
        if isinstance(held_by, str):
            bind.execute(
                sa.text("UPDATE participants SET held_by = :held WHERE id = :id"),
                {"held": held_by, "id": man_id},
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
    for statement in _ADOPT:
        op.execute(statement)


def downgrade() -> None:
    """Nothing: ``h0001`` on this program already makes these from the models."""
