"""Migration 0009 moves what a newer laptop's bundles left in ``sync_passed_on`` into the columns
and tables it adds: whole readiness ratings and practice notes, and a goal's why and when."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Connection

from engager_desktop.services import action_plan, practice_notes
from engager_desktop.services import understanding as u
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.understanding_forms import ReadinessForm
from engager_desktop.store.vault import Vault
from engager_desktop.sync import canonical

MIGRATION = (
    Path(__file__).resolve().parents[2] / "engager_desktop/migrations/versions/0009_living_data.py"
)


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0009", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wire(conn: Connection, table: str) -> list[dict[str, Any]]:
    spec = canonical.table_specs()[table]
    return [
        canonical.row_to_wire(spec, row) for row in conn.exec_driver_sql(canonical.select_sql(spec))
    ]


def _keep(conn: Connection, table: str, record: dict[str, Any]) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_passed_on (table_name, record_id, participant_id, updated_at, "
        "arrival_no, fields) VALUES (?, ?, ?, ?, 1, ?)",
        (
            table,
            record["id"],
            record.get("participant_id"),
            record["updated_at"],
            json.dumps(record),
        ),
    )


def test_kept_records_and_fields_move_into_the_new_tables_and_columns(vault: Vault) -> None:
    man = create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id
    goal = action_plan.add_goal(
        vault, man, action_plan.GoalInput("A flat", "short_term_recovery", "housing")
    )
    u.save_readiness(vault, man, ReadinessForm("ready", "He asked"))
    practice_notes.add_note(
        vault, man, practice_notes.NoteInput("weekend", date(2026, 11, 2), "Football", "Brother")
    )
    migration = _migration()
    with vault.write() as session:
        conn = session.connection()
        before = {t: _wire(conn, t) for t in ("readiness_ratings", "practice_notes")}
        for table, rows in before.items():  # as a laptop one release behind would hold them
            conn.exec_driver_sql(f"DELETE FROM {table}")
            for record in rows:
                _keep(conn, table, record)
        conn.exec_driver_sql(
            "INSERT INTO sync_passed_on (table_name, record_id, participant_id, updated_at, "
            "arrival_no, fields) VALUES ('goals', ?, ?, 'x', 1, ?)",
            (
                goal,
                man,
                json.dumps({"status_reason": "Moved in", "status_changed_on": "2026-11-02"}),
            ),
        )
        for statement in migration._ADOPT_FIELDS:
            conn.exec_driver_sql(statement)
        for table, own in migration._NEW_TABLES.items():
            for statement in migration._adopt_records_sql(table, own):
                conn.exec_driver_sql(statement)
        after = {t: _wire(conn, t) for t in before}
        left = conn.exec_driver_sql("SELECT count(*) FROM sync_passed_on").scalar_one()
    assert after == before and all(after.values())
    assert left == 0
    (view,) = action_plan.plan_for(vault, man).goals
    assert (view.status_reason, view.status_changed_on) == ("Moved in", date(2026, 11, 2))
