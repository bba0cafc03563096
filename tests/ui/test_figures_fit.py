"""The Service figures window fits a 1024×768 screen: twelve months and the whole range side by
side with no sideways scroll; its headers only gain line breaks (a screen reader hears the same
words)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.figures_window import FiguresWindow
from tests.ui.app_fixtures import wait_ops

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def test_twelve_months_fit_without_a_sideways_scroll(qtbot: QtBot, demo_vault: Vault) -> None:
    window = FiguresWindow(demo_vault)
    qtbot.addWidget(window)
    assert window.width() <= 1024 and window.height() <= 768
    window.show()
    wait_ops(qtbot)
    qtbot.wait(50)
    shown = window.shown_model
    assert shown.columnCount() == 13
    bar = window.view.horizontalScrollBar()
    assert bar.maximum() == 0, bar.maximum()
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    for section in range(shown.columnCount()):
        wrapped = shown.headerData(section, horizontal)
        assert wrapped.replace("\n", " ") == window.model.headerData(section, horizontal)
    for section in range(shown.rowCount()):
        wrapped = shown.headerData(section, vertical)
        words = window.model.headerData(section, vertical).split()
        assert wrapped.split() == words
        assert all(len(line.strip()) <= 30 for line in wrapped.splitlines())
