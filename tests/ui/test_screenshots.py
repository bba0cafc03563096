"""The screenshots command: PNGs of every main screen of a demo vault; real vaults refused."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.cli import ui_commands
from engager_desktop.cli.common import CliFailure
from engager_desktop.store.vault import VaultOptions
from engager_desktop.ui import screenshots
from tests.vault_fixtures import TEST_PASSPHRASE


def args_for(vault: Path, out: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    ui_commands.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(
        ["screenshots", "--vault", str(vault), "--out", str(out), "--scale", "1"]
    )


def test_screenshots_of_every_main_screen(
    qtbot: QtBot,
    demo_path: Path,
    options: VaultOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(screenshots, "_wizard_pages", lambda *_args: 0)  # test_wizards_* test those
    out = tmp_path / "shots"
    args = args_for(demo_path, out)
    assert args.handler is ui_commands.cmd_screenshots
    assert ui_commands.cmd_screenshots(args, options) == 0
    names = {p.name for p in out.glob("*.png")}
    for expected in (
        "01-unlock@1x.png",
        "05-recovery-code@1x.png",
        "10-main-00-overview@1x.png",
        "10-main-09-history@1x.png",
        "12-caseload-overdue@1x.png",
        "20-directory@1x.png",
        "22-supervision-summary@1x.png",
        "25-settings@1x.png",
        "26-figures@1x.png",
        "27-handover@1x.png",
    ):
        assert expected in names
    image = QImage(str(out / "10-main-00-overview@1x.png"))
    assert (image.width(), image.height()) == (1024, 768)
    assert len({image.pixel(x, 300) for x in range(0, 1024, 8)}) > 3  # not an empty pane
    handover = QImage(str(out / "27-handover@1x.png"))
    assert handover.height() >= 300  # its natural size: the list of men is not squeezed


def test_a_real_vault_is_refused(
    qtbot: QtBot,
    vault_path: Path,
    options: VaultOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    out = tmp_path / "shots"
    with pytest.raises(CliFailure, match="demo vault only"):
        ui_commands.cmd_screenshots(args_for(vault_path, out), options)
    assert not out.exists() or not any(out.iterdir())


def test_the_scaled_run_is_a_child_reading_stdin(tmp_path: Path) -> None:
    args = args_for(tmp_path / "v", tmp_path / "o")
    command = ui_commands._child_command(args)
    assert "--passphrase-stdin" in command and "--scale" in command
    assert not any("passphrase" in part and "=" in part for part in command)


def test_a_tall_dialog_keeps_its_natural_height(qtbot: QtBot, tmp_path: Path) -> None:
    """Not capped at 2/3 of the small offscreen screen (it squeezed the 2x handover dialog)."""

    class Tall(QWidget):
        def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
            return QSize(300, 700)

        def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
            return QSize(100, 100)

    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(Tall())
    wanted = dialog.sizeHint().height()
    assert wanted > dialog.screen().availableGeometry().height() * 2 // 3
    path = screenshots.Shooter(tmp_path)(dialog, "tall")
    assert QImage(str(path)).height() >= wanted
