"""Nothing dropped, from a real vault: every kind, normal and large, for the stress man."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from engager_desktop.cli import print_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.services import printing
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.worksheets.options import PrintOptions
from tests.services.stress_man import NAME, Stress, add_stress_man
from tests.vault_fixtures import TEST_PASSPHRASE
from tests.worksheets.pdfcheck import printed, text_of

MAN_KINDS = [k.name for k in printing.kinds() if k.needs_man]
SIZES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]


@pytest.fixture
def stress(vault: Vault) -> Stress:
    return add_stress_man(vault)


@pytest.mark.parametrize("kind", MAN_KINDS)
@pytest.mark.parametrize("large", SIZES)
def test_every_item_he_has_is_printed(vault: Vault, stress: Stress, kind: str, large: bool) -> None:
    options = PrintOptions(large_print=large, include_sensitive=True)
    doc = printing.prepare(vault, kind, stress.man_id, options)
    text = text_of(doc.pdf)
    assert NAME in text
    missing = [item[:40] for item in stress.expected[kind] if not printed(item, text)]
    assert not missing, f"{kind}: {len(missing)} missing, e.g. {missing[:3]}"


def test_the_family_sheet_says_how_many_more_services_on_paper_and_in_the_notes(
    vault: Vault, stress: Stress
) -> None:
    doc = printing.prepare(vault, "family-sheet", stress.man_id)
    text = text_of(doc.pdf)
    assert "And 2 more services for families, not shown here." in text
    assert "Family help f05" not in text
    note = "Services for families: 6 recorded; the first 4 are printed"
    assert any(note in part for part in doc.left_out)


def test_the_workbook_holds_all_forty_steps_due_with_their_goals(
    vault: Vault, stress: Stress
) -> None:
    text = text_of(printing.prepare(vault, "workbook", stress.man_id).pdf)
    assert "Step 40:" in text and "More steps before we meet" in text
    assert "For the goal: Goal text g01 about a home and a job" in text


def test_the_cli_says_when_a_list_on_paper_is_cut(
    vault: Vault,
    stress: Stress,
    vault_path: Path,
    tmp_path: Path,
    options: VaultOptions,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    vault.lock()
    out = tmp_path / "family.pdf"
    argv = ["print", "family-sheet", "--vault", str(vault_path), "--man", stress.man_id]
    parser = argparse.ArgumentParser(prog="engager-desktop")
    print_commands.register(parser.add_subparsers(dest="command"))
    assert run_handler(parser.parse_args([*argv, "-o", str(out)]), options) == 0
    said = capsys.readouterr().out
    assert "left out: Services for families: 6 recorded; the first 4 are printed" in said
    assert NAME not in said and "Stanley" not in said
