"""``h0002``, ``h0003``: a hub made while the laptop's schema stood at 0009 (no ``held_by``, no
handovers, no figures indexes, no ``document_language``) is refused until ``engager-hub init``
upgrades it; the upgrade adds what is missing and moves what newer laptops' bundles left in
``sync_passed_on`` into it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from engager_hub import cli
from tests.hub.conftest import HUB_PASSPHRASE, HubSide
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import test_options

OLD_HUB = (
    "DROP TABLE handovers",
    "ALTER TABLE participants DROP COLUMN held_by",
    "ALTER TABLE participants DROP COLUMN document_language",
    "ALTER TABLE devices DROP COLUMN practitioner",
    "ALTER TABLE devices DROP COLUMN role",
    "DROP INDEX ix_meetings_held",
    "DROP INDEX ix_distress_ratings_figures",
    "UPDATE hub_alembic_version SET version_num = 'h0001'",
)
KEEP = (
    "INSERT INTO sync_passed_on (table_name, record_id, participant_id, updated_at, arrival_no, "
    "fields) VALUES (:table, :id, :man, '0001793696400000-000001', 1, :fields)"
)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args, options=test_options())
    out, err = capsys.readouterr()
    return code, out, err


def test_an_older_hub_is_upgraded_by_init(
    make_laptop: Callable[[str], Laptop],
    make_hub: Callable[[], HubSide],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hub = make_hub()
    prison = make_laptop("prison")
    hub.enrol(prison)
    man = add_man(prison, held_by=prison.device_id)
    hub.clock.advance(600)
    assert hub.take(prison.export(hub)).committed
    hub.hub.close()
    handover = {
        "id": str(uuid.uuid4()),
        "participant_id": man,
        "updated_at": "0001793696400000-000001",
        "updated_by": prison.device_id,
        "deleted": False,
        "rev": 1,
        "from_device": prison.device_id,
        "to_device": str(uuid.uuid4()),
        "made_at": "2026-11-02T09:00:00",
        "acknowledged_at": None,
        "created_at": "2026-11-02T09:00:00",
    }
    engine = create_engine(hub.url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        for statement in OLD_HUB:
            conn.execute(text(statement))
        fields = json.dumps(
            {"held_by": prison.device_id, "document_language": "cy", "x_later": "kept"},
            sort_keys=True,
        )
        conn.execute(text(KEEP), {"table": "participants", "id": man, "man": man, "fields": fields})
        conn.execute(
            text(KEEP),
            {
                "table": "handovers",
                "id": handover["id"],
                "man": man,
                "fields": json.dumps(handover),
            },
        )
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub.url)
    code, _, err = _run(["assign", "--man", man, "--to", prison.device_id], capsys)
    assert code == 1 and "older than this engager-hub; run engager-hub init" in err
    code, _, err = _run(["init"], capsys)  # upgrades, then finds the hub's identity there
    assert code == 1 and "already holds a hub" in err
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM hub_alembic_version")).scalar() == "h0003"
        held = conn.execute(
            text("SELECT held_by, document_language FROM participants WHERE id = :id"), {"id": man}
        )
        assert tuple(held.one()) == (prison.device_id, "cy")  # h0003: his papers' language
        kept = conn.execute(text("SELECT table_name, fields FROM sync_passed_on")).all()
        assert kept == [("participants", '{"x_later":"kept"}')]
        row = conn.execute(
            text("SELECT participant_id, deleted, made_at, acknowledged_at FROM handovers")
        ).one()
        assert tuple(row) == (man, False, datetime(2026, 11, 2, 9, 0), None)
        indexes = set(conn.execute(text("SELECT indexname FROM pg_indexes")).scalars())
        assert {"ix_participants_held_by", "ix_meetings_held", "ix_distress_ratings_figures"} <= (
            indexes
        )
    engine.dispose()
    code, out, _ = _run(["assign", "--man", man, "--to", prison.device_id], capsys)
    assert code == 0 and "already held" in out
    assert _run(["status"], capsys)[0] == 0
