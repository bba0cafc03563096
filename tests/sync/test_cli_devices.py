"""The laptop-name and devices commands, and init --laptop-name, as a script runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engager_desktop.cli import main
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync.identity import renew_for_tests
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOM = "Sam – HMP Example interview room"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)


def _run(
    capsys: pytest.CaptureFixture[str], options: VaultOptions, *argv: str
) -> tuple[int, str, str]:
    code = main(list(argv), options=options)
    out = capsys.readouterr()
    return code, out.out, out.err


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("vault.lock"))
    vault = unlock_vault(target, TEST_PASSPHRASE, test_options())
    renew_for_tests(vault)
    vault.lock()
    return target


def test_init_takes_the_laptop_name(tmp_path: Path, capsys, options: VaultOptions) -> None:
    path = tmp_path / "v"
    code, out, _err = _run(capsys, options, "init", "--vault", str(path), "--laptop-name", ROOM)
    assert code == 0
    code, out, _err = _run(capsys, options, "laptop-name", "--vault", str(path))
    assert code == 0 and out.strip() == ROOM


def test_init_refuses_a_name_with_control_characters(
    tmp_path: Path, capsys, options: VaultOptions
) -> None:
    path = tmp_path / "v"
    code, _out, err = _run(
        capsys, options, "init", "--vault", str(path), "--laptop-name", "Sam\x1b[2J"
    )
    assert code == 1 and len(err.strip().splitlines()) == 1 and "control" in err
    assert "\x1b" not in err and not path.exists()


def test_rename_then_devices_lists_both_laptops(
    template_vault: tuple[Path, str], tmp_path: Path, capsys, options: VaultOptions
) -> None:
    mine = _copy(template_vault[0], tmp_path / "mine")
    theirs = _copy(template_vault[0], tmp_path / "theirs")
    code, out, _ = _run(capsys, options, "laptop-name", "--vault", str(theirs), "Jo – Probation")
    assert code == 0 and "Jo – Probation" in out
    card = tmp_path / "theirs.card"
    code, out, _ = _run(capsys, options, "device-card", "--vault", str(theirs), "-o", str(card))
    fingerprint = [ln for ln in out.splitlines() if ln.startswith("fingerprint: ")][0][13:]
    code, _, err = _run(
        capsys, options, "enrol", "--vault", str(mine), str(card), "--yes-fingerprint", fingerprint
    )
    assert code == 0, err
    code, out, _ = _run(capsys, options, "devices", "--vault", str(mine))
    assert code == 0
    assert "Jo – Probation" in out and fingerprint in out and "(this laptop)" in out
    assert "never" in out  # no bundle either way yet
    code, out, _ = _run(capsys, options, "devices", "--vault", str(mine), "--json")
    rows = json.loads(out)["devices"]
    assert rows[0]["is_self"] and not any(r["is_self"] for r in rows[1:])
    (jo,) = [r for r in rows if r["name"] == "Jo – Probation"]
    assert jo["fingerprint"] == fingerprint
    assert jo["last_import_at"] is None and jo["enrolled_at"].endswith("Z")


def test_print_the_fingerprint_card(
    template_vault: tuple[Path, str], tmp_path: Path, capsys, options: VaultOptions
) -> None:
    from tests.worksheets.pdfcheck import text_of

    mine = _copy(template_vault[0], tmp_path / "mine")
    _run(capsys, options, "laptop-name", "--vault", str(mine), ROOM)
    out = tmp_path / "card.pdf"
    code, _out, err = _run(
        capsys, options, "print", "device-card", "--vault", str(mine), "-o", str(out)
    )
    assert code == 0, err
    text = text_of(out.read_bytes())
    assert ROOM in text and "1. " in text and "8. " in text
    code, out_text, _ = _run(capsys, options, "print", "--list")
    assert "device-card" in out_text
