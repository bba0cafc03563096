"""The retention, erase and sar commands, run in process on a real vault."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import protection_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent, Participant, PhaseChange
from tests.services.protection_fixtures import hits, seed_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

CANARY = "Mncliercanary2"


pytestmark = pytest.mark.usefixtures("passphrase")


@pytest.fixture
def seeded(vault_path: Path) -> tuple[Path, str]:
    with unlock_vault(vault_path, TEST_PASSPHRASE, test_options()) as vault:
        man_id, _ = seed_man(vault, CANARY)
        with vault.write() as session:
            old = Participant(given_name="Old", family_name="Case", preferred_name="Mr Case",
                              phase="closed")  # fmt: skip
            session.add(old)
            session.flush()
            session.add(PhaseChange(participant_id=old.id, from_phase="ending", to_phase="closed",
                                    changed_on=date(2019, 3, 1), reason="signed off"))  # fmt: skip
    return vault_path, man_id


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="engager-desktop")
    protection_commands.register(parser.add_subparsers(dest="command"))
    return run_handler(parser.parse_args(argv), test_options())


def test_retention_json_and_text(seeded: tuple[Path, str], capsys: pytest.CaptureFixture[str]):
    path, _ = seeded
    assert run(["retention", "--vault", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["preferred_name"], r["reason"], r["due_on"]) for r in rows] == [
        ("Mr Case", "closed", "2025-03-01")
    ]
    assert run(["retention", "--vault", str(path)]) == 0
    out = capsys.readouterr().out
    assert "closed=72" in out and "Mr Case" in out
    assert run(["retention", "--vault", str(path), "--set", "closed=96"]) == 0
    assert "no men are due" in capsys.readouterr().out
    with unlock_vault(path, TEST_PASSPHRASE, test_options()) as vault, vault.read() as session:
        details = list(session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "export_cli")))  # fmt: skip
    assert details == ["retention: 1 rows", "retention: 1 rows", "retention: 0 rows"]


def test_bad_period_is_a_usage_error(seeded: tuple[Path, str]) -> None:
    path, _ = seeded
    with pytest.raises(SystemExit) as caught:
        run(["retention", "--vault", str(path), "--set", "forever=1"])
    assert caught.value.code == 2


def test_erase_needs_yes(seeded: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    path, man_id = seeded
    assert run(["erase", "--vault", str(path), "--man", man_id]) == 2
    assert "--yes" in capsys.readouterr().err
    with unlock_vault(path, TEST_PASSPHRASE, test_options()) as vault, vault.read() as session:
        man = session.get(Participant, man_id)
        assert man is not None and not man.deleted


def test_erase_with_yes(seeded: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    path, man_id = seeded
    assert run(["erase", "--vault", str(path), "--man", man_id, "--yes"]) == 0
    assert "erased: 26 records" in capsys.readouterr().out
    with unlock_vault(path, TEST_PASSPHRASE, test_options()) as vault:
        assert hits(path, vault.data_key, CANARY) == {}
    assert run(["erase", "--vault", str(path), "--man", "no-such-man", "--yes"]) == 1
    assert "no such man" in capsys.readouterr().err


def test_sar_writes_pdf_and_json(
    seeded: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, man_id = seeded
    out = tmp_path / "sar"
    out.mkdir()
    assert run(["sar", "--vault", str(path), "--man", man_id, "-o", str(out), "--large-print"]) == 0
    printed = capsys.readouterr().out
    files = sorted(p.suffix for p in out.iterdir())
    assert files == [".json", ".pdf"] and "records: 28" in printed
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert data["man_id"] == man_id
    assert run(["sar", "--vault", str(path), "--man", man_id, "-o", str(tmp_path / "no")]) == 1
