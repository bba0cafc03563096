"""The print command: every kind to a file, usage errors, the recovery sheet, unwritable targets."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import print_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.services import printing
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.worksheets.kinds import KINDS
from tests.services import print_fixtures as f
from tests.vault_fixtures import TEST_PASSPHRASE
from tests.worksheets.pdfcheck import pictures_of

MAN_KINDS = [k.name for k in printing.kinds() if k.needs_man]


def run(argv: list[str], options: VaultOptions) -> int:
    parser = argparse.ArgumentParser(prog="engager-desktop")
    sub = parser.add_subparsers(dest="command")
    print_commands.register(sub)
    return run_handler(parser.parse_args(argv), options)


pytestmark = pytest.mark.usefixtures("passphrase")


@pytest.fixture
def man(vault: Vault) -> str:
    """Dai, recorded; the vault is then locked so the command can open it."""
    man_id = f.add_full_man(vault)
    vault.lock()
    return man_id


def prints_audited(path: Path, options: VaultOptions) -> list[tuple[str | None, str | None]]:
    with unlock_vault(path, TEST_PASSPHRASE, options) as vault, vault.read() as session:
        rows = session.execute(
            select(AuditEvent.record_id, AuditEvent.detail).where(AuditEvent.action == "print")
        )
        return [tuple(row) for row in rows]


def _audited_options(kind: str) -> str:
    others = "a copy for someone else" if KINDS[kind].for_others else "not a copy for others"
    return f"sensitive parts left out; {others}"


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("kind", MAN_KINDS)
def test_each_kind_for_a_man(
    kind: str, man: str, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    out = tmp_path / f"{kind}.pdf"
    code = run(["print", kind, "--vault", str(vault_path), "--man", man, "-o", str(out)], options)
    assert code == 0, capsys.readouterr().err
    assert f.NAME in f.pdf_text(out.read_bytes())
    assert str(out) in capsys.readouterr().out
    assert prints_audited(vault_path, options) == [
        (man, f"{kind} to file; {_audited_options(kind)}; language en")
    ]


@pytest.mark.parametrize("kind", ["supervision", "explainer"])
def test_caseload_documents(
    kind: str, man: str, vault_path: Path, tmp_path: Path, options: VaultOptions
) -> None:
    out = tmp_path / "doc.pdf"
    assert run(["print", kind, "--vault", str(vault_path), "-o", str(out)], options) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert prints_audited(vault_path, options) == [
        (None, f"{kind} to file; {_audited_options(kind)}; language en")
    ]


def test_blank_large_print_and_sensitive_options(
    man: str, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    blank = tmp_path / "blank.pdf"
    argv = ["print", "workbook", "--vault", str(vault_path), "--blank", "--large-print"]
    assert run([*argv, "-o", str(blank)], options) == 0
    assert f.NAME not in f.pdf_text(blank.read_bytes())
    full = tmp_path / "full.pdf"
    argv = ["print", "understanding", "--vault", str(vault_path), "--man", man]
    assert run([*argv, "-o", str(full)], options) == 0
    assert "left out:" in capsys.readouterr().out
    assert f.TRAUMA not in f.pdf_text(full.read_bytes())
    assert run([*argv, "--include-sensitive", "-o", str(full)], options) == 0
    assert f.TRAUMA in f.pdf_text(full.read_bytes())


def test_easy_read_is_printed_and_audited_as_easy_read(
    man: str, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    out = tmp_path / "plan.pdf"
    argv = ["print", "action-plan", "--vault", str(vault_path), "--man", man, "--easy-read"]
    assert run([*argv, "-o", str(out)], options) == 0, capsys.readouterr().err
    assert len(pictures_of(out.read_bytes())) >= 3  # pictures beside the ideas
    assert prints_audited(vault_path, options) == [
        (man, f"action-plan to file; {_audited_options('action-plan')}; Easy Read; language en")
    ]
    assert run(["print", "--list"], options) == 0
    listed = capsys.readouterr().out
    assert "action-plan" in listed and "--easy-read" in listed


def test_list_prints_every_kind(options: VaultOptions, capsys) -> None:
    assert run(["print", "--list"], options) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == [k.name for k in printing.kinds()]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["print", "pledge", "-o", "x.pdf"], "--man ID"),
        (["print", "-o", "x.pdf"], "choose a kind"),
        (["print", "letter", "-o", "x.pdf"], "no document kind"),
        (["print", "explainer", "--man", "abc", "-o", "x.pdf"], "not printed for one man"),
        (["print", "pledge", "--blank", "--new-code", "-o", "x.pdf"], "--new-code"),
        (["print", "pledge", "--blank"], "-o FILE.pdf"),
        (["print", "workbook", "--blank", "--easy-read", "-o", "x.pdf"], "--easy-read is only"),
        (
            ["print", "pledge", "--blank", "--easy-read", "--large-print", "-o", "x.pdf"],
            "--easy-read or --large-print",
        ),
    ],
)
def test_missing_or_wrong_choices_are_usage_errors(
    argv: list[str],
    message: str,
    vault_path: Path,
    options: VaultOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,
) -> None:
    argv = [*argv, "--vault", str(vault_path)]
    monkeypatch.chdir(tmp_path)
    assert run(argv, options) == 2
    assert message in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "x.pdf").exists()


def test_recovery_sheet_needs_new_code(
    vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    out = tmp_path / "recovery.pdf"
    assert (
        run(["print", "recovery-sheet", "--vault", str(vault_path), "-o", str(out)], options) == 1
    )
    assert "--new-code" in one_line_error(capsys.readouterr().err)
    assert not out.exists()


def test_recovery_sheet_with_new_code_warns_and_writes(
    vault_path: Path, tmp_path: Path, options: VaultOptions, recovery_code: str, capsys
) -> None:
    out = tmp_path / "recovery.pdf"
    argv = ["print", "recovery-sheet", "--vault", str(vault_path), "--new-code", "-o", str(out)]
    assert run(argv, options) == 0
    assert "unlocks the vault" in capsys.readouterr().err
    groups = re.findall(r"\b\d{6}\b", f.pdf_text(out.read_bytes()))
    assert len(groups) == 8 and "-".join(groups) != recovery_code


def _unwritable(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes anywhere on a normal disk; sysfs refuses new files
        return Path("/sys/engager-test.pdf")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "plan.pdf"


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "unwritable"])
def test_an_unwritable_target_is_one_line_and_no_file(
    where: str, man: str, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    target = {
        "missing-folder": tmp_path / "nowhere" / "plan.pdf",
        "a-folder": tmp_path,
        "unwritable": _unwritable(tmp_path),
    }[where]
    argv = ["print", "action-plan", "--vault", str(vault_path), "--man", man, "-o", str(target)]
    assert run(argv, options) == 1
    assert "cannot save the PDF" in one_line_error(capsys.readouterr().err)
    if where != "a-folder":
        assert not target.exists()
    assert not [p for p in tmp_path.rglob("*.pdf*") if p.is_file()]
    assert prints_audited(vault_path, options) == []


def test_an_unknown_man_is_a_failure(
    vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    out = tmp_path / "plan.pdf"
    argv = ["print", "pledge", "--vault", str(vault_path), "--man", "nobody", "-o", str(out)]
    assert run(argv, options) == 1
    assert "no such man" in one_line_error(capsys.readouterr().err)
    assert not out.exists()


def test_a_character_that_cannot_be_printed_is_named_on_stderr(
    vault: Vault, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    man_id = f.add_bare_man(vault, preferred="Dai \U00013000")
    vault.lock()
    out = tmp_path / "pledge.pdf"
    code = run(
        ["print", "pledge", "--vault", str(vault_path), "--man", man_id, "-o", str(out)], options
    )
    captured = capsys.readouterr()
    assert code == 0  # it still prints, with the mark in place of the character
    line = one_line_error(captured.err)
    assert line == (
        "cannot print (shown as \ufffd): “\U00013000” (U+13000, egyptian hieroglyph a001) "
        "in man, preferred name"
    )
    assert "Dai" not in line  # the character and the field, never the text around it
    assert "\ufffd" in f.pdf_text(out.read_bytes())


def test_every_script_prints_without_a_warning(
    vault: Vault, vault_path: Path, tmp_path: Path, options: VaultOptions, capsys
) -> None:
    man_id = f.add_bare_man(vault, preferred="王小明 محمد Łukasz 🙂")
    vault.lock()
    out = tmp_path / "plan.pdf"
    argv = ["print", "action-plan", "--vault", str(vault_path), "--man", man_id, "-o", str(out)]
    assert run(argv, options) == 0
    assert capsys.readouterr().err == ""
