"""Handing a man to another laptop (issue #18): his whole record moves, the old laptop removes
him once the new one acknowledges, and a stale bundle does not bring him back there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from engager_desktop.services import caseload, handover, sync
from engager_desktop.services.common import NotFound, rebuild_search
from engager_desktop.store import demo_data
from engager_desktop.store.orm import AuditEvent, Handover, Participant
from engager_desktop.sync import canonical
from engager_desktop.sync.errors import SyncError, TrustError
from tests.sync.conftest import Laptop, add_man, edit_man, man_field

TODAY = date(2026, 11, 2)
STAMPS = {"updated_at", "updated_by", "rev"}


def _with_demo_men(laptop: Laptop, men: int = 3) -> list[str]:
    """Demo men (records in every synced table) made on this laptop: their ids."""
    vault = laptop.vault
    data = demo_data.generate(
        men, seed=18, today=TODAY, device_id=vault.device_id,
        clock_stamp=lambda: str(vault.hlc.tick()),
    )  # fmt: skip
    with vault.write() as session:
        demo_data.insert_all(session.connection(), data)
        rebuild_search(session)
        vault.stamper.persist_clock(session)
    laptop.tick()
    return [row["id"] for row in data[Participant]]


def _his_rows(laptop: Laptop, man_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every synced record about him, per table, in wire form (ordered by id)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with laptop.vault.read() as session:
        conn = session.connection()
        for spec in canonical.table_specs().values():
            if not spec.owned and spec.name != "participants":
                continue
            where = "id = ?" if spec.name == "participants" else "participant_id = ?"
            out[spec.name] = list(canonical.read_wire(conn, spec, where, (man_id,)))
    return out


def _rows_naming(laptop: Laptop, man_id: str) -> dict[str, int]:
    """Rows of every table of the vault (sqlite_master, not a list) holding his id anywhere,
    except the audit log (which keeps ids of what happened) and the marker settings row."""
    found: dict[str, int] = {}
    with laptop.vault.read() as session:
        conn = session.connection()
        tables = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'")
        ).scalars()
        for table in tables:
            if table == "audit_events" or table.startswith("search_index"):
                continue
            columns = [row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]
            terms = " OR ".join(f'CAST("{c}" AS TEXT) LIKE ?' for c in columns)
            sql = f'SELECT count(*) FROM "{table}" WHERE ({terms})'
            if table == "settings":
                sql += " AND key != ?"
            params: tuple[str, ...] = (f"%{man_id}%",) * len(columns)
            if table == "settings":
                params += (handover.HANDED_OVER_KEY + man_id,)
            count = conn.exec_driver_sql(sql, params).scalar_one()
            if count:
                found[table] = count
        indexed = conn.exec_driver_sql(
            "SELECT count(*) FROM search_index WHERE participant_id = ?", (man_id,)
        ).scalar_one()
        if indexed:
            found["search_index"] = indexed
    return found


def _actions(laptop: Laptop, action: str) -> list[AuditEvent]:
    with laptop.vault.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def three(make_laptop: Callable[[str], Laptop]) -> tuple[Laptop, Laptop, Laptop]:
    """Old laptop (holds him), new laptop (receives him), and a third the old one syncs with."""
    old, new, other = make_laptop("old"), make_laptop("new"), make_laptop("other")
    for a in (old, new, other):
        for b in (old, new, other):
            if a is not b:
                a.enrol(b)
    return old, new, other


def _hand_over(old: Laptop, new: Laptop, *men: str) -> Path:
    result = handover.hand_over(old.vault, men, new.device_id, old.stick)
    old.tick()
    return result.bundle.path


def test_new_laptop_holds_exactly_his_records_and_the_old_removes_them_on_acknowledgement(
    three: tuple[Laptop, Laptop, Laptop],
) -> None:
    old, new, _other = three
    man, staying, *_ = _with_demo_men(old)
    before = _his_rows(old, man)
    assert sum(map(len, before.values())) > 30  # a whole record: every kind of his records
    staying_before = _his_rows(old, staying)

    bundle = _hand_over(old, new, man)
    sent = _his_rows(old, man)
    # Handing over changes only who holds him, and adds the handover.
    assert sent["participants"][0]["held_by"] == new.device_id
    for table, rows in before.items():
        if table in {"participants", "handovers"}:
            continue
        assert sent[table] == rows, table
    unchanged = {k: v for k, v in sent["participants"][0].items() if k not in STAMPS | {"held_by"}}
    assert unchanged == {k: v for k, v in before["participants"][0].items() if k in unchanged}

    new.take(bundle)
    received = _his_rows(new, man)
    for table, rows in sent.items():
        if table == "handovers":
            continue
        assert received[table] == rows, table  # every record equal, field for field
    made = [h for h in received["handovers"] if h["from_device"] == old.device_id]
    assert len(made) == 1 and made[0]["acknowledged_at"] is not None
    assert man_field(new, man, "held_by") == new.device_id
    assert len(_actions(new, "handover_received")) == 1

    # Until the acknowledgement arrives, the old laptop still holds his records.
    assert _his_rows(old, man)["participants"]
    old.take(new.export(old))
    assert _rows_naming(old, man) == {}
    assert all(not rows for rows in _his_rows(old, man).values())
    assert len(_actions(old, "handover_completed")) == 1
    assert not caseload.search(old.vault, "Rees")  # nothing found by name either
    assert _his_rows(old, staying) == staying_before  # the others are left as they were
    # ... and he lives on, whole, at the new laptop.
    assert (
        _his_rows(new, man)["participants"][0]["given_name"]
        == sent["participants"][0]["given_name"]
    )


def test_a_stale_bundle_does_not_bring_him_back_to_the_old_laptop(
    three: tuple[Laptop, Laptop, Laptop],
) -> None:
    old, new, other = three
    man = add_man(old, notes="first notes")
    other.take(old.export(other))  # the third laptop has him too
    new.take(_hand_over(old, new, man))
    old.take(new.export(old))
    assert _rows_naming(old, man) == {}
    stale = other.export(old)  # made by a laptop that never heard of the handover
    summary = sync.preview_import(old.vault, stale)
    assert summary.committed is False
    old.take(stale)
    assert _rows_naming(old, man) == {}
    edit_man(new, man, notes="the new practitioner's notes")
    old.take(new.export(old))  # the holder's own later bundle does not bring him back either
    assert _rows_naming(old, man) == {}


def test_handing_him_back_brings_him_back(three: tuple[Laptop, Laptop, Laptop]) -> None:
    old, new, _other = three
    man = add_man(old)
    new.take(_hand_over(old, new, man))
    old.take(new.export(old))
    assert _rows_naming(old, man) == {}
    old.take(_hand_over(new, old, man))
    assert man_field(old, man, "held_by") == old.device_id
    assert man_field(old, man, "notes") is None
    with old.vault.read() as session:
        assert session.scalars(
            select(Handover.id).where(Handover.participant_id == man)
        ).all()  # both handovers travelled with him
        assert handover.handed_over(session.connection()) == {}  # the marker is lifted


def test_until_acknowledged_both_hold_him_and_edits_merge(
    three: tuple[Laptop, Laptop, Laptop],
) -> None:
    old, new, _other = three
    man = add_man(old, notes="first")
    new.take(_hand_over(old, new, man))
    edit_man(old, man, notes="the old laptop's later note")  # made before it heard back
    edit_man(new, man, establishment="HMP Example")
    new.take(old.export(new, since_ack=True))
    assert man_field(new, man, "notes") == "the old laptop's later note"
    assert man_field(new, man, "held_by") == new.device_id
    old.take(new.export(old, since_ack=True))
    assert _rows_naming(old, man) == {}  # acknowledged: gone from the old laptop
    assert man_field(new, man, "establishment") == "HMP Example"


def test_refusals_name_the_problem_and_change_nothing(
    three: tuple[Laptop, Laptop, Laptop], make_laptop: Callable[[str], Laptop]
) -> None:
    old, new, _other = three
    man = add_man(old)
    stranger = make_laptop("stranger")
    with pytest.raises(TrustError, match="is enrolled here; enrol its card first"):
        handover.hand_over(old.vault, (man,), stranger.device_id, old.stick)
    with pytest.raises(TrustError, match="this laptop"):
        handover.hand_over(old.vault, (man,), old.device_id, old.stick)
    with pytest.raises(NotFound):
        handover.hand_over(old.vault, (man, new.device_id), new.device_id, old.stick)
    with pytest.raises(SyncError, match="at least one man"):
        handover.hand_over(old.vault, (), new.device_id, old.stick)
    sync.revoke(old.vault, new.device_id)
    with pytest.raises(TrustError, match="revoked"):
        handover.hand_over(old.vault, (man,), new.device_id, old.stick)
    assert man_field(old, man, "held_by") == old.device_id
    assert not list(old.stick.iterdir())
    assert not _actions(old, "handover_made")


def test_trying_again_after_a_failed_export_makes_no_second_handover(
    three: tuple[Laptop, Laptop, Laptop],
) -> None:
    old, new, _other = three
    man = add_man(old)
    _hand_over(old, new, man)
    _hand_over(old, new, man)
    with old.vault.read() as session:
        assert len(session.scalars(select(Handover.id)).all()) == 1
