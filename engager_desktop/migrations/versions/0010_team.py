"""Who holds each man, handovers between laptops, and the practitioner on each device card.

Revision ID: 0010
Revises: 0009

Bundle format 1.2 (sync/field_lists.py): ``participants.held_by`` (the device id of the laptop that
holds him) and a new synced table ``handovers`` (docs/sync.md, "Handing a man over"). Men already
in the vault are held by this laptop. Values and whole records kept from newer laptops
(``sync_passed_on``) move into the new column and table. The local ``devices`` table gains the
practitioner's name and role each laptop's card gives (this laptop's own: set in Settings).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied from sync.passed_on.adopt_field_sql (a released migration must not change with it).
_ADOPT_FIELDS = (
    'UPDATE "participants" SET "held_by" = (SELECT json_extract(p.fields, \'$.held_by\') '
    "FROM sync_passed_on p WHERE p.table_name = 'participants' "
    'AND p.record_id = "participants".id) '
    "WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = 'participants' "
    "AND json_type(fields, '$.held_by') IS NOT NULL)",
    "UPDATE sync_passed_on SET fields = json_remove(fields, '$.held_by') "
    "WHERE table_name = 'participants'",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
)
# Every man not given a holder by a newer laptop is held by this one (its own device id).
_HELD_HERE = (
    "UPDATE participants SET held_by = (SELECT id FROM devices WHERE is_self = 1 LIMIT 1) "
    "WHERE held_by IS NULL"
)
_SYNCED = ("id", "participant_id", "updated_at", "updated_by", "deleted", "rev")
_OWN = ("from_device", "to_device", "acknowledged_at", "made_at")
_TIMES = ("created_at", "made_at", "acknowledged_at")


def _adopt_records_sql() -> tuple[str, ...]:
    """Whole handover records kept from newer laptops move into the table (times: T to a space)."""
    names = (*_SYNCED, *_OWN, "created_at")

    def value(name: str) -> str:
        got = f"json_extract(fields, '$.{name}')"
        return f"replace({got}, 'T', ' ')" if name in _TIMES else got

    return (
        f"INSERT INTO handovers ({', '.join(names)}) SELECT {', '.join(map(value, names))} "
        "FROM sync_passed_on WHERE table_name = 'handovers'",
        "DELETE FROM sync_passed_on WHERE table_name = 'handovers'",
    )


def upgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_by", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_participants_held_by"), ["held_by"], unique=False)
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("practitioner", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=True))
    op.create_table(
        "handovers",
        sa.Column("from_device", sa.String(length=36), nullable=False),
        sa.Column("to_device", sa.String(length=36), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.String(length=20), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_handovers_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        for column in ("participant_id", "updated_at"):
            batch_op.create_index(batch_op.f(f"ix_handovers_{column}"), [column], unique=False)
    for statement in (*_ADOPT_FIELDS, _HELD_HERE, *_adopt_records_sql()):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("handovers")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("role")
        batch_op.drop_column("practitioner")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_held_by"))
        batch_op.drop_column("held_by")
