"""The demo command: makes a marked demo vault of fictional men, reuses it, refuses a real vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from engager_desktop.cli import main
from engager_desktop.services.demo import DEMO_PASSPHRASE
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from tests.vault_fixtures import test_options


def test_demo_makes_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("ENGAGER_PASSPHRASE", raising=False)
    target = tmp_path / "demo"
    argv = ["demo", "--vault", str(target), "--men", "12", "--today", "2026-11-02", "--no-gui"]
    assert main(argv, options=test_options()) == 0
    out = capsys.readouterr().out
    assert "created" in out and DEMO_PASSPHRASE in out
    assert main(argv, options=test_options()) == 0
    assert "reused" in capsys.readouterr().out
    vault = unlock_vault(target, DEMO_PASSPHRASE, test_options())
    try:
        assert vault.is_demo
        with vault.read() as session:
            assert session.scalar(select(func.count()).select_from(Participant)) == 12
    finally:
        vault.lock()


def test_demo_refuses_a_real_vault(vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    from tests.vault_fixtures import TEST_PASSPHRASE

    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    argv = ["demo", "--vault", str(vault_path), "--no-gui"]
    assert main(argv, options=test_options()) == 1
    assert "real vault" in capsys.readouterr().err
