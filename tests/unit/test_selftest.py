"""The self-test: every check passes on a working install, a broken check fails the run."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from engager_desktop import selftest
from engager_desktop.cli import build_parser, selftest_commands
from engager_desktop.crypto.kdf import ASVS_FLOOR

ROOT = Path(__file__).resolve().parents[2]
NAMES = [name for name, _check in selftest.CHECKS]


def _run(checks: Any = selftest.CHECKS) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = selftest.run(checks, out=out)
    return status, out.getvalue().splitlines()


def _workspace_with(path: Path) -> selftest.Workspace:
    ws = selftest.Workspace(path, selftest.floor_options())
    ws.vaults["vault-a"] = SimpleNamespace(path=path, closed=True)  # type: ignore[assignment]
    return ws


def test_every_check_passes_and_the_temporary_folder_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    status, lines = _run()
    assert status == 0, "\n".join(lines)
    assert lines[-1] == "selftest ok"
    for name in [*NAMES, "cleanup"]:
        assert any(line.startswith(f"ok   {name} ") for line in lines), name
    assert not any(line.startswith("FAIL") for line in lines)
    assert list(tmp_path.iterdir()) == []


def test_module_run_writes_nothing_outside_its_temporary_folder(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENGAGER_", "XDG_"))}
    env.update(HOME=str(home), TMPDIR=str(temp), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, "-m", "engager_desktop.selftest"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "selftest ok"
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []


def test_a_failing_check_fails_the_run_but_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_ws: selftest.Workspace) -> str:
        raise selftest.CheckFailed("forced to fail\nsecond line never shown")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    status, lines = _run([("broken", broken), ("runtime", selftest.check_runtime)])
    assert status == 1
    assert "FAIL broken     forced to fail" in lines
    assert any(line.startswith("ok   runtime") for line in lines)
    assert any(line.startswith("ok   cleanup") for line in lines)
    assert lines[-1] == "selftest FAILED: broken"
    assert "selftest ok" not in lines
    assert list(tmp_path.iterdir()) == []


def test_a_check_that_needs_the_vault_fails_when_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    status, lines = _run([("header", selftest.check_header)])
    assert status == 1
    assert lines[0].startswith("FAIL header") and "vault check did not run" in lines[0]


def test_the_header_check_spots_a_plaintext_database(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "vault.db").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(selftest.CheckFailed, match="plaintext SQLite header"):
        selftest.check_header(_workspace_with(tmp_path))


def test_the_window_check_reports_a_program_that_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = "import sys; sys.stderr.write('no platform plugin\\n'); raise SystemExit(3)"
    monkeypatch.setattr(selftest, "gui_command", lambda _v: [sys.executable, "-c", crash])
    with pytest.raises(selftest.CheckFailed, match="exit status 3: no platform plugin"):
        selftest.check_window(_workspace_with(tmp_path))


def test_the_window_child_gets_no_secrets_and_private_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", "not for the child")
    env = selftest.gui_environment(tmp_path)
    assert "ENGAGER_PASSPHRASE" not in env
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    for key in ("ENGAGER_DATA_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        assert Path(env[key]).is_relative_to(tmp_path), key


def test_the_vault_is_made_at_production_strength() -> None:
    policy = selftest.floor_options().kdf
    assert policy.fixed == ASVS_FLOOR and policy.floor == ASVS_FLOOR


def test_the_command_is_registered_by_its_module() -> None:
    parser = argparse.ArgumentParser()
    selftest_commands.register(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["selftest"]).handler is selftest_commands.cmd_selftest


def test_the_cli_offers_selftest() -> None:
    args = build_parser().parse_args(["selftest"])
    assert args.handler is selftest_commands.cmd_selftest


def test_a_windowed_program_uses_its_console_twin_for_the_window_check(tmp_path: Path) -> None:
    windowed = tmp_path / "engager-desktop.exe"
    windowed.write_bytes(b"")
    assert selftest.console_program(windowed) == windowed  # no twin: itself
    twin = tmp_path / "engager-desktop-cli.exe"
    twin.write_bytes(b"")
    assert selftest.console_program(windowed) == twin
    assert selftest.console_program(twin) == twin
