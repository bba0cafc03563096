"""Migration 0010 moves what a newer laptop's bundles left in ``sync_passed_on`` into what it adds
(whole handover records, a man's holder) and makes this laptop the holder of every other man."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from engager_desktop.store.orm import Handover, Participant
from engager_desktop.store.vault import Vault
from tests.store.test_migration_0009_adopts import _keep, _wire

MIGRATION = Path(__file__).resolve().parents[2] / "engager_desktop/migrations/versions/0010_team.py"


def _migration() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("migration_0010", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kept_handovers_and_holders_move_in_and_other_men_are_held_here(vault: Vault) -> None:
    other_laptop = "0" * 8 + "-0000-4000-8000-" + "1" * 12
    with vault.write() as session:
        sent, unheld = (
            Participant(given_name="A", family_name="B", preferred_name="A"),
            Participant(given_name="C", family_name="D", preferred_name="C"),
        )
        session.add_all([sent, unheld])
        session.flush()
        session.add(
            Handover(
                participant_id=sent.id,
                from_device=other_laptop,
                to_device=vault.device_id,
                made_at=datetime(2026, 11, 2, 9, 30),
                acknowledged_at=None,
            )
        )
        session.flush()
        ids = sent.id, unheld.id
    migration = _migration()
    with vault.write() as session:
        conn = session.connection()
        before = _wire(conn, "handovers")
        conn.exec_driver_sql("DELETE FROM handovers")  # as a laptop one release behind holds it
        for record in before:
            _keep(conn, "handovers", record)
        conn.exec_driver_sql("UPDATE participants SET held_by = NULL")
        conn.exec_driver_sql(
            "INSERT INTO sync_passed_on (table_name, record_id, participant_id, updated_at, "
            "arrival_no, fields) VALUES ('participants', ?, ?, 'x', 1, ?)",
            (ids[0], ids[0], json.dumps({"held_by": other_laptop})),
        )
        for statement in (*migration._ADOPT_FIELDS, migration._HELD_HERE):
            conn.exec_driver_sql(statement)
        for statement in migration._adopt_records_sql():
            conn.exec_driver_sql(statement)
        after = _wire(conn, "handovers")
        held = dict(conn.exec_driver_sql("SELECT id, held_by FROM participants").all())
        left = conn.exec_driver_sql("SELECT count(*) FROM sync_passed_on").scalar_one()
    assert after == before and len(after) == 1
    assert held == {ids[0]: other_laptop, ids[1]: vault.device_id}
    assert left == 0
