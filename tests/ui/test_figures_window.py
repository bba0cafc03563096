"""The Service figures window: opened from the View menu, filled off the UI thread, headed for a
screen reader, exported as CSV and PDF through the service, and walkable by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.domain.figures import WITHHELD
from engager_desktop.services import figures
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import unnamed_inputs
from engager_desktop.ui.a11y_checks import (
    access_key_clashes,
    labels_out_of_step,
    names_with_ampersands,
    shown_ampersands,
    tab_traps,
)
from engager_desktop.ui.figures_window import FiguresWindow
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def test_opens_from_the_view_menu_and_shows_the_services_table(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.commands["figures"].trigger()
    wait_ops(qtbot)
    shown = [w for w in window._windows if isinstance(w, FiguresWindow)]
    assert len(shown) == 1
    figures_window = shown[0]
    first, last = figures.default_range(demo_vault)
    expected = figures.service_figures(demo_vault, first, last)
    model = figures_window.model
    assert model.rowCount() == len(expected.rows) and model.columnCount() == 13
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert model.headerData(12, horizontal) == "Whole range"
    assert model.headerData(0, vertical) == expected.rows[0].label
    assert model.headerData(4, vertical).strip() == expected.rows[4].label
    for r, row in enumerate(expected.rows):
        assert [model.data(model.index(r, c)) for c in range(13)] == list(row.cells)
    assert WITHHELD in " ".join(" ".join(row.cells) for row in expected.rows)
    assert figures_window.csv_button.isEnabled()
    assert "fewer than 5" in figures_window.notes.text()


def test_a_new_range_and_both_exports(qtbot: QtBot, demo_vault: Vault, tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def ask(_parent: QWidget, suggested: str, kind: str) -> str:
        asked.append((suggested, kind))
        return str(tmp_path / f"out.{kind}")

    window = FiguresWindow(demo_vault, ask_path=ask)
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    today = demo_vault.clock.today()
    window.first.setDate(QDate(today.year, today.month, 1))
    qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert window.model.columnCount() == 2  # one month and the whole range
    qtbot.mouseClick(window.csv_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert [kind for _, kind in asked] == ["csv", "pdf"]
    assert asked[0][0].startswith("service-figures-")
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfMeasure,")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert window.status.text() == "Saved as out.pdf."
    with demo_vault.read() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
    assert actions.count("export_figures") == 2


def test_a_reversed_range_is_explained_and_nothing_is_shown(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    window = FiguresWindow(demo_vault)
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    window.last.setDate(window.first.date().addDays(-1))
    qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot)
    assert "ends before it starts" in window.status.text()
    assert window.show_button.isEnabled()


def test_the_window_is_walkable(qtbot: QtBot, demo_vault: Vault) -> None:
    window = FiguresWindow(demo_vault)
    qtbot.addWidget(window)
    window.show()
    wait_ops(qtbot)
    assert unnamed_inputs(window) == []
    assert labels_out_of_step(window) == []
    assert access_key_clashes(window) == {}
    assert shown_ampersands(window) == [] and names_with_ampersands(window) == []
    assert tab_traps(window) == []
    assert window.view.accessibleName() == "Service figures by month"
