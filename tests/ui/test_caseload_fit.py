"""The caseload reads whole at 1024×768: names, phases, release and overdue, nothing cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui import labels
from engager_desktop.ui.caseload_columns import LONG_NAME
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.models.caseload_model import (
    COL_NAME,
    COL_OVERDUE,
    COL_PHASE,
    COL_RELEASE,
    HEADERS,
)
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops

FIRST = (COL_NAME, COL_PHASE, COL_RELEASE, COL_OVERDUE)


def _window(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.set_vault(vault)
    window.show()
    qtbot.waitExposed(window)
    wait_ops(qtbot)
    return window


def test_first_columns_are_name_phase_release_overdue() -> None:
    assert [HEADERS[c] for c in FIRST] == ["Name", "Phase", "Release", "Overdue"]
    assert all(len(HEADERS[c]) <= len("Overdue") for c in FIRST)


def test_names_phases_and_overdue_fit_at_1024_by_768(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _window(qtbot, demo_vault, settings)
    table = window.panel.table
    assert table.model().rowCount() == 40
    header = table.horizontalHeader()
    cells = table.fontMetrics()
    room = 6  # a cell's text needs a few pixels beside it before Qt elides it
    longest_phase = max(cells.horizontalAdvance(p) for p in labels.PHASE.values())
    assert header.sectionSize(COL_PHASE) >= longest_phase + room
    shown = [table.model().index(r, COL_NAME).data() for r in range(40)]
    longest_name = max(cells.horizontalAdvance(n) for n in [*shown, LONG_NAME])
    assert header.sectionSize(COL_NAME) >= longest_name + room
    overdue = header.fontMetrics().horizontalAdvance("Overdue")
    assert header.sectionSize(COL_OVERDUE) >= overdue + room
    viewport = table.viewport().width()
    for column in FIRST:
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert 0 <= header.sectionViewportPosition(column) and right <= viewport, HEADERS[column]
    assert window.workspace.width() >= 500  # his record keeps room beside the list


def test_a_formal_name_is_short_in_the_list_and_whole_in_its_tooltip(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    model = _window(qtbot, demo_vault, settings).panel.model
    formal = [
        r for r in range(model.rowCount()) if model.index(r, COL_NAME).data().endswith("(Mr)")
    ]
    assert formal
    for r in formal:
        tip = model.index(r, COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
        family = model.index(r, COL_NAME).data().split(",")[0]
        assert tip.endswith(f"(Mr {family})")


def test_sorted_overdue_heading_stays_readable(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _window(qtbot, demo_vault, settings)
    header = window.panel.table.horizontalHeader()
    header.setSortIndicator(COL_OVERDUE, Qt.SortOrder.DescendingOrder)
    wait_ops(qtbot)
    assert header.sectionSize(COL_OVERDUE) >= header.sectionSizeFromContents(COL_OVERDUE).width()
