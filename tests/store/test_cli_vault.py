"""The vault commands through the real CLI entry point, with secrets from the environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import main
from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

NEW = "copper-meadow-thistle-ninety-one"
ROOT = Path(__file__).resolve().parents[2]


def _code_from(out: str) -> str:
    lines = out.splitlines()
    return lines[
        lines.index(next(line for line in lines if line.startswith("Recovery code"))) + 1
    ].strip()


def test_init_check_passwd_recover(tmp_path: Path, env: pytest.MonkeyPatch, capsys) -> None:
    vault = str(tmp_path / "v")
    opts = test_options()
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["init", "--vault", vault], options=opts) == 0
    code = _code_from(capsys.readouterr().out)
    assert main(["check", "--vault", vault], options=opts) == 0
    assert "check ok" in capsys.readouterr().out

    env.setenv("ENGAGER_NEW_PASSPHRASE", NEW)
    assert main(["passwd", "--vault", vault], options=opts) == 0
    capsys.readouterr()
    assert main(["check", "--vault", vault], options=opts) == 1
    assert "wrong passphrase" in capsys.readouterr().err

    env.setenv("ENGAGER_RECOVERY_CODE", code)
    env.setenv("ENGAGER_NEW_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["recover", "--vault", vault], options=opts) == 0
    new_code = _code_from(capsys.readouterr().out)
    assert new_code != code
    assert main(["recover", "--vault", vault], options=opts) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "recovery code" in err


def test_missing_passphrase_without_terminal_fails_fast(
    tmp_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    assert main(["check", "--vault", str(tmp_path / "none")], options=test_options()) == 1
    err = capsys.readouterr().err
    assert "ENGAGER_PASSPHRASE" in err and err.count("\n") == 1


def test_missing_vault_fails_without_creating(tmp_path: Path, env: pytest.MonkeyPatch, capsys):
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    target = tmp_path / "typo"
    assert main(["check", "--vault", str(target)], options=test_options()) == 1
    assert "no vault" in capsys.readouterr().err
    assert not target.exists()


def test_long_backoff_exits_saying_when(vault_path: Path, env: pytest.MonkeyPatch, capsys):
    clock = FakeClock()
    opts = test_options(clock)
    env.setenv("ENGAGER_PASSPHRASE", "a-wrong-passphrase-here")
    for _ in range(8):
        main(["check", "--vault", str(vault_path)], options=opts)
    capsys.readouterr()
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["check", "--vault", str(vault_path)], options=opts) == 1
    assert "try again in" in capsys.readouterr().err
    clock.advance(300)
    assert main(["check", "--vault", str(vault_path)], options=opts) == 0


def test_short_backoff_is_waited_out(vault_path: Path, env: pytest.MonkeyPatch, capsys):
    clock = FakeClock()
    opts = test_options(clock)
    env.setenv("ENGAGER_PASSPHRASE", "a-wrong-passphrase-here")
    for _ in range(3):
        assert main(["check", "--vault", str(vault_path)], options=opts) == 1
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    before = clock.monotonic()
    assert main(["check", "--vault", str(vault_path)], options=opts) == 0
    assert clock.monotonic() - before == pytest.approx(2, abs=0.01)


def test_usage_error_exits_2_and_no_stdin_never_hangs(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "engager_desktop", "check"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    run = subprocess.run(
        [sys.executable, "-m", "engager_desktop", "init", "--vault", str(tmp_path / "v")],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert not (tmp_path / "v").exists()


def test_deleted_backoff_file_is_waited_out_and_audited(
    vault_path: Path, env: pytest.MonkeyPatch, capsys
) -> None:
    """The attack: delete backoff.json to clear the wait; the CLI still waits, and audits it."""
    clock = FakeClock()
    opts = test_options(clock)
    env.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    (vault_path / "backoff.json").unlink()
    before = clock.monotonic()
    assert main(["check", "--vault", str(vault_path)], options=opts) == 0
    assert clock.monotonic() - before == pytest.approx(2, abs=0.01)
    assert "waiting 2 s" in capsys.readouterr().err
    vault = unlock_vault(vault_path, TEST_PASSPHRASE, opts)
    try:
        with vault.read() as session:
            lost = session.scalars(select(AuditEvent).where(AuditEvent.action == "backoff_lost"))
            assert len(list(lost)) == 1
    finally:
        vault.lock()
