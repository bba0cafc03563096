"""Why and when a goal's status changed, how long a meeting lasted, readiness history, practice notes.

Revision ID: 0009
Revises: 0008

Bundle format 1.1 (sync/field_lists.py): ``goals.status_reason`` and ``goals.status_changed_on``
(P8, P13), ``meetings.minutes``, and two new synced tables: ``readiness_ratings`` (a dated row each
time his readiness to change is saved, P9) and ``practice_notes`` (his days and weekends P27, his
family's support P19, advocacy and informal training for other services P29/P36). Values and whole
records kept from newer laptops (``sync_passed_on``) move into the new columns and tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied from sync.passed_on.adopt_field_sql (a released migration must not change with it).
_ADOPT_FIELDS = (
    'UPDATE "goals" SET "status_reason" = (SELECT json_extract(p.fields, \'$.status_reason\') '
    "FROM sync_passed_on p WHERE p.table_name = 'goals' AND p.record_id = \"goals\".id) "
    "WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = 'goals' "
    "AND json_type(fields, '$.status_reason') IS NOT NULL)",
    "UPDATE sync_passed_on SET fields = json_remove(fields, '$.status_reason') "
    "WHERE table_name = 'goals'",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
    'UPDATE "goals" SET "status_changed_on" = (SELECT json_extract(p.fields, '
    "'$.status_changed_on') FROM sync_passed_on p WHERE p.table_name = 'goals' "
    'AND p.record_id = "goals".id) '
    "WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = 'goals' "
    "AND json_type(fields, '$.status_changed_on') IS NOT NULL)",
    "UPDATE sync_passed_on SET fields = json_remove(fields, '$.status_changed_on') "
    "WHERE table_name = 'goals'",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
    'UPDATE "meetings" SET "minutes" = (SELECT json_extract(p.fields, \'$.minutes\') '
    "FROM sync_passed_on p WHERE p.table_name = 'meetings' AND p.record_id = \"meetings\".id) "
    "WHERE id IN (SELECT record_id FROM sync_passed_on WHERE table_name = 'meetings' "
    "AND json_type(fields, '$.minutes') IS NOT NULL)",
    "UPDATE sync_passed_on SET fields = json_remove(fields, '$.minutes') "
    "WHERE table_name = 'meetings'",
    "DELETE FROM sync_passed_on WHERE fields = '{}'",
)

_SYNCED = ("id", "participant_id", "updated_at", "updated_by", "deleted", "rev")
_NEW_TABLES = {
    "readiness_ratings": ("rated_on", "readiness", "note", "meeting_id"),
    "practice_notes": ("kind", "noted_on", "what", "with_whom"),
}


def _adopt_records_sql(table: str, own: tuple[str, ...]) -> tuple[str, ...]:
    """Whole records kept for a table this revision adds move into it (times: T to a space)."""
    names = ("created_at", *_SYNCED, *own)
    values = [
        "replace(json_extract(fields, '$.created_at'), 'T', ' ')",
        *(f"json_extract(fields, '$.{name}')" for name in (*_SYNCED, *own)),
    ]
    return (
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} "
        f"FROM sync_passed_on WHERE table_name = '{table}'",
        f"DELETE FROM sync_passed_on WHERE table_name = '{table}'",
    )


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.String(length=20), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
    ]


def _create(table: str, own: list[sa.Column[object]], indexed: tuple[str, ...]) -> None:
    op.create_table(
        table,
        *own,
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f(f"fk_{table}_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("participant_id", "updated_at", *indexed):
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status_reason", sa.Text(length=2000), nullable=True))
        batch_op.add_column(sa.Column("status_changed_on", sa.Date(), nullable=True))
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=True))
    _create(
        "readiness_ratings",
        [
            sa.Column("rated_on", sa.Date(), nullable=False),
            sa.Column("readiness", sa.String(length=30), nullable=True),
            sa.Column("note", sa.Text(length=2000), nullable=True),
            sa.Column("meeting_id", sa.String(length=36), nullable=True),
        ],
        ("rated_on",),
    )
    _create(
        "practice_notes",
        [
            sa.Column("kind", sa.String(length=30), nullable=False),
            sa.Column("noted_on", sa.Date(), nullable=False),
            sa.Column("what", sa.Text(length=2000), nullable=False),
            sa.Column("with_whom", sa.String(length=200), nullable=True),
        ],
        ("kind", "noted_on"),
    )
    for statement in _ADOPT_FIELDS:
        op.execute(statement)
    for table, own in _NEW_TABLES.items():
        for statement in _adopt_records_sql(table, own):
            op.execute(statement)


def downgrade() -> None:
    for table in ("practice_notes", "readiness_ratings"):
        op.drop_table(table)
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("minutes")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_column("status_changed_on")
        batch_op.drop_column("status_reason")
