"""``engager-hub`` end to end (init, device-card, enrol, import, status, export, conflicts,
resolve-conflict) and its errors: one line on stderr, exit 1 for a failure and 2 for a usage
error, never a traceback, no password or passphrase taken from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from engager_desktop.services import sync
from engager_hub import cli
from tests.hub.conftest import HUB_PASSPHRASE
from tests.sync.conftest import Laptop, add_man, edit_man
from tests.vault_fixtures import test_options

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args, options=test_options())
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hub_env(monkeypatch: pytest.MonkeyPatch, hub_url: str) -> str:
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    monkeypatch.setenv("ENGAGER_HUB_DB", hub_url)
    return hub_url


def test_the_commands_end_to_end(
    hub_env: str,
    make_laptop: Callable[[str], Laptop],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(["init", "--name", "Riverside office"], capsys)
    assert code == 0 and "fingerprint:" in out and "recovery code" in out
    fingerprint = out.split("fingerprint: ")[1].split()[0]
    card = tmp_path / "hub.engager-card"
    code, out, _ = _run(["device-card", "-o", str(card)], capsys)
    assert code == 0 and fingerprint in out
    prison, community = make_laptop("prison"), make_laptop("community")
    for laptop in (prison, community):
        sync.enrol(laptop.vault, card.read_bytes(), fingerprint)
        laptop_card = tmp_path / f"{laptop.name}.card"
        laptop_card.write_bytes(laptop.card())
        code, out, _ = _run(
            ["enrol", str(laptop_card), "--yes-fingerprint", laptop.fingerprint()], capsys
        )
        assert code == 0 and laptop.device_id in out
    hub_id = json.loads(_run(["status", "--json"], capsys)[1])["hub"]["device_id"]
    man = add_man(prison, notes="start")
    first = sync.export(prison.vault, prison.stick, recipients=(hub_id,)).path
    code, out, _ = _run(["import", str(first)], capsys)
    assert code == 0 and "1 new" in out
    code, out, _ = _run(["import", str(first)], capsys)
    assert code == 0 and "already imported" in out
    code, out, err = _run(["export", "--for", community.device_id, "--to", str(tmp_path)], capsys)
    assert code == 1 and "nothing to send" in err and err.count("\n") == 1
    code, out, _ = _run(["export", "--for", prison.device_id, "--to", str(tmp_path)], capsys)
    assert code == 0 and "1 men" in out
    edit_man(prison, man, notes="prison's note")
    prison.tick(600)
    second = sync.export(prison.vault, prison.stick, recipients=(hub_id,), since_ack=True).path
    assert _run(["import", str(second)], capsys)[0] == 0
    report = json.loads(_run(["status", "--json"], capsys)[1])
    laptops = {lap["device_id"]: lap for lap in report["laptops"]}
    assert laptops[prison.device_id]["last_in"]["seq"] == 2
    assert laptops[prison.device_id]["last_out"]["seq"] == 1
    assert laptops[prison.device_id]["men"] == 1
    assert laptops[community.device_id]["last_in"] is None
    code, out, _ = _run(["status"], capsys)
    assert code == 0 and "2 bundles imported" in out
    code, out, _ = _run(["conflicts", "--json"], capsys)
    assert code == 0 and json.loads(out) == {"conflicts": []}
    code, _, err = _run(["resolve-conflict", "0" * 8, "--keep", "mine"], capsys)
    assert code == 1 and "no such open conflict" in err


def test_errors_are_one_line(
    hub_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ENGAGER_HUB_DB", raising=False)
    monkeypatch.delenv("ENGAGER_HUB_PASSPHRASE", raising=False)
    code, _, err = _run(["status"], capsys)
    assert code == 1 and "no database given" in err
    with_password = hub_url.replace("engager@", "engager:s3cret@")
    code, _, err = _run(["status", "--db", with_password], capsys)
    assert code == 1 and "password may not be given" in err and "s3cret" not in err
    code, _, err = _run(["status", "--db", hub_url], capsys)  # no passphrase, no terminal
    assert code == 1 and "no hub passphrase given" in err
    loose = tmp_path / "passphrase"
    loose.write_text(HUB_PASSPHRASE + "\n")
    loose.chmod(0o644)
    code, _, err = _run(["status", "--db", hub_url, "--passphrase-file", str(loose)], capsys)
    assert code == 1 and "mode 0600" in err
    loose.chmod(0o600)
    code, _, err = _run(["status", "--db", hub_url, "--passphrase-file", str(loose)], capsys)
    assert code == 1 and "run engager-hub init first" in err  # the file was read
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    assert _run(["init", "--db", hub_url], capsys)[0] == 0
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", "not-the-right-one")
    code, _, err = _run(["status", "--db", hub_url], capsys)
    assert code == 1 and err == "engager-hub: error: wrong passphrase\n"
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    code, _, err = _run(["init", "--db", hub_url], capsys)
    assert code == 1 and "already holds a hub" in err
    nowhere = "postgresql://engager@/nothing?host=" + str(tmp_path)
    code, _, err = _run(["status", "--db", nowhere], capsys)
    assert code == 1 and "could not be reached" in err and err.count("\n") == 1
    code, _, err = _run(["import", "--db", hub_url, str(tmp_path / "missing.engager")], capsys)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert HUB_PASSPHRASE not in err


def test_usage_errors_exit_2_as_a_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENGAGER_HUB")}
    env["PYTHONPATH"] = str(ROOT)
    run = [sys.executable, "-m", "engager_hub"]
    usage = subprocess.run([*run, "export"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2 and "usage" in usage.stderr


def test_passphrase_change_and_recovery_code(
    hub_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["init"], capsys)
    first_code = out.split("recovery code")[1].split()[-1]
    new = "harbour-kettle-meadow-thirty-seven"
    monkeypatch.setenv("ENGAGER_HUB_NEW_PASSPHRASE", new)
    code, out, _ = _run(["passwd"], capsys)
    assert code == 0 and "new recovery code" in out
    second_code = out.split("\n")[-2].strip()
    code, _, err = _run(["status"], capsys)  # the old passphrase no longer opens it
    assert code == 1 and "wrong passphrase" in err
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", new)
    assert _run(["status"], capsys)[0] == 0
    monkeypatch.setenv("ENGAGER_HUB_RECOVERY_CODE", first_code)  # replaced by the change
    code, _, err = _run(["passwd", "--recovery"], capsys)
    assert code == 1 and err.count("\n") == 1
    monkeypatch.setenv("ENGAGER_HUB_RECOVERY_CODE", second_code)
    monkeypatch.setenv("ENGAGER_HUB_NEW_PASSPHRASE", HUB_PASSPHRASE)
    assert _run(["passwd", "--recovery"], capsys)[0] == 0
    monkeypatch.setenv("ENGAGER_HUB_PASSPHRASE", HUB_PASSPHRASE)
    assert _run(["status"], capsys)[0] == 0
