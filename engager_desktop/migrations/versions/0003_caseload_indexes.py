"""Caseload figures kept by triggers, and covering indexes, so the caseload list stays fast.

Revision ID: 0003
Revises: 0002

The caseload list shows, for every man, his open and overdue steps, his last contact and his next
session. Working those out from his steps, meetings and contacts costs several index seeks per
man (over 100 ms at 10,000 men), so ``caseload_figures`` keeps one row per man with the facts that
do not depend on the date: the due dates of his open steps, his last attended meeting, his meetings
not yet held, his last contact that reached him. Triggers on steps, meetings and contact_logs keep
it right whatever writes them (services, sync merges, bulk loads); the services work out overdue
steps, last contact and next session against today from it. The table is not a model: it holds
nothing that is not already in those tables, never syncs, and is rebuilt on upgrade.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_steps_caseload", "steps", ("participant_id", "status", "deleted", "due_on")),
    ("ix_meetings_caseload", "meetings", ("participant_id", "attended", "deleted", "starts_at")),
    (
        "ix_contact_logs_caseload",
        "contact_logs",
        ("participant_id", "reached_him", "deleted", "at"),
    ),
    ("ix_conflicts_caseload", "conflicts", ("participant_id", "resolved_at")),
)

# Per source table: the columns a change to which can move the figures, and the SET clause that
# recomputes that table's figures for the man whose id is :who.
SOURCES: dict[str, tuple[str, str]] = {
    "steps": (
        "participant_id, status, deleted, due_on",
        "open_dues = (SELECT group_concat(ifnull(due_on, '~')) FROM steps"
        " WHERE participant_id = :who AND status = 'open' AND deleted = 0),"
        " min_due = (SELECT min(due_on) FROM steps"
        " WHERE participant_id = :who AND status = 'open' AND deleted = 0)",
    ),
    "meetings": (
        "participant_id, attended, deleted, starts_at",
        "last_held = (SELECT max(starts_at) FROM meetings"
        " WHERE participant_id = :who AND attended = 1 AND deleted = 0),"
        " unheld = (SELECT group_concat(starts_at) FROM meetings"
        " WHERE participant_id = :who AND attended IS NULL AND deleted = 0)",
    ),
    "contact_logs": (
        "participant_id, reached_him, deleted, at",
        "last_reached = (SELECT max(at) FROM contact_logs"
        " WHERE participant_id = :who AND reached_him = 1 AND deleted = 0)",
    ),
}


def _recompute(table: str, who: str) -> str:
    set_clause = SOURCES[table][1].replace(":who", who)
    return (
        f"INSERT OR IGNORE INTO caseload_figures (participant_id) VALUES ({who});\n"
        f"UPDATE caseload_figures SET {set_clause} WHERE participant_id = {who};\n"
    )


def _triggers(table: str) -> list[str]:
    columns = SOURCES[table][0]
    return [
        f"CREATE TRIGGER caseload_{table}_insert AFTER INSERT ON {table} BEGIN\n"
        f"{_recompute(table, 'NEW.participant_id')}END",
        f"CREATE TRIGGER caseload_{table}_update AFTER UPDATE OF {columns} ON {table} BEGIN\n"
        f"{_recompute(table, 'OLD.participant_id')}{_recompute(table, 'NEW.participant_id')}END",
        f"CREATE TRIGGER caseload_{table}_delete AFTER DELETE ON {table} BEGIN\n"
        f"{_recompute(table, 'OLD.participant_id')}END",
    ]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False)
    op.execute(
        "CREATE TABLE caseload_figures ("
        "participant_id VARCHAR(36) NOT NULL PRIMARY KEY, "
        "open_dues TEXT, min_due TEXT, last_held TEXT, unheld TEXT, last_reached TEXT"
        ") WITHOUT ROWID"
    )
    op.execute("INSERT INTO caseload_figures (participant_id) SELECT id FROM participants")
    for table in SOURCES:
        op.execute(
            f"UPDATE caseload_figures SET "
            f"{SOURCES[table][1].replace(':who', 'caseload_figures.participant_id')}"
        )
        for statement in _triggers(table):
            op.execute(statement)
    op.execute(
        "CREATE TRIGGER caseload_participants_delete AFTER DELETE ON participants BEGIN\n"
        "DELETE FROM caseload_figures WHERE participant_id = OLD.id;\nEND"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS caseload_participants_delete")
    for table in reversed(list(SOURCES)):
        for event in ("delete", "update", "insert"):
            op.execute(f"DROP TRIGGER IF EXISTS caseload_{table}_{event}")
    op.execute("DROP TABLE IF EXISTS caseload_figures")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
