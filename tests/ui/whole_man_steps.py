"""What a practitioner's hands do in the whole-man test: every click and key counted.

Only widgets are touched: buttons clicked, text typed, arrow keys on date editors, rows clicked
and opened with Enter. Nothing here calls a service to save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateTimeEdit,
    QPushButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from engager_desktop.ui.wizards import base
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import Field
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops
from tests.ui.wizard_helpers import current_problems, page

CTRL = Qt.KeyboardModifier.ControlModifier
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def gone(widget: QWidget) -> bool:
    """Closed: hidden, or already deleted."""
    try:
        return not widget.isVisible()
    except RuntimeError:
        return True


@dataclass
class Tally:
    """Screens seen (wizard pages, dialogs), mouse clicks, characters typed, other key presses
    (arrows, Enter, Ctrl+A, Ctrl+S and the like)."""

    label: str = ""
    screens: int = 0
    clicks: int = 0
    chars: int = 0
    keys: int = 0

    def __str__(self) -> str:
        return (
            f"{self.label}: {self.screens} screens, {self.clicks} clicks, "
            f"{self.chars} characters typed, {self.keys} other keys"
        )


@dataclass
class Hands:
    """The practitioner's hands; ``tally`` counts screens (wizard pages, dialogs), clicks, keys."""

    qtbot: QtBot
    ws: Workspace
    tally: Tally = field(default_factory=Tally)
    counted: list[Tally] = field(default_factory=list)

    def count(self, label: str) -> Tally:
        """Count what follows under ``label`` (until the next ``count``)."""
        self.tally = Tally(label)
        self.counted.append(self.tally)
        return self.tally

    # ---------------------------------------------------------------- low level

    def click(self, target: Field | QWidget) -> None:
        widget = target.widget if isinstance(target, Field) else target
        assert widget.isEnabled() and widget.isVisible(), widget
        self.tally.clicks += 1
        if isinstance(widget, QCheckBox):
            pos = QPoint(6, widget.height() // 2)
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def type(self, target: Field | QWidget, text: str) -> None:
        widget = target.widget if isinstance(target, Field) else target
        widget.setFocus()
        self.tally.chars += len(text)
        self.qtbot.keyClicks(widget, text)

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.tally.keys += 1
        self.qtbot.keyClick(widget, key, modifier)

    def replace(self, target: Field | QWidget, text: str) -> None:
        """Select what is there (Ctrl+A) and type over it."""
        widget = target.widget if isinstance(target, Field) else target
        widget.setFocus()
        self.key(widget, Qt.Key.Key_A, CTRL)
        self.type(widget, text)

    def choose(self, target: Field | QWidget, words: str) -> None:
        """Pick from a drop-down by keyboard: type the first word of the choice (a space would
        open the list), then the Down arrow until the choice reads ``words``."""
        widget = target.widget if isinstance(target, Field) else target
        widget.setFocus()
        self.type(widget, words.split(" ")[0])
        for arrow in (Qt.Key.Key_Down, Qt.Key.Key_Up):  # the list does not wrap round
            for _ in range(widget.count()):  # type: ignore[attr-defined]
                if widget.currentText().lower().startswith(words.lower()):  # type: ignore[attr-defined]
                    return
                self.key(widget, arrow)
        raise AssertionError(f"no choice reads {words!r}")

    def set_when(self, editor: QDateTimeEdit, when: date | datetime) -> None:
        """Arrow keys on each part of a date (time) editor: year, month, day (hour, minute)."""
        editor.setFocus()
        now = editor.dateTime().toPython()
        parts = [
            (QDateTimeEdit.Section.YearSection, when.year - now.year),
            (QDateTimeEdit.Section.MonthSection, when.month - now.month),
            (QDateTimeEdit.Section.DaySection, when.day - now.day),
        ]
        if isinstance(when, datetime):
            parts += [
                (QDateTimeEdit.Section.HourSection, when.hour - now.hour),
                (QDateTimeEdit.Section.MinuteSection, when.minute - now.minute),
            ]
        for section, steps in parts:
            if steps == 0:
                continue
            self.key(editor, Qt.Key.Key_Home)
            while editor.currentSection() != section:
                self.key(editor, Qt.Key.Key_Right)
            arrow = Qt.Key.Key_Up if steps > 0 else Qt.Key.Key_Down
            for _ in range(abs(steps)):
                self.key(editor, arrow)
        got = editor.dateTime().toPython()
        assert (got.date() if not isinstance(when, datetime) else got) == when, got

    def save_dialog(self, dialog: Any) -> None:
        """Ctrl+S in a workspace form; it closes once saved."""
        dialog.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        self.key(dialog, Qt.Key.Key_S, CTRL)
        wait_ops(self.qtbot)
        self.qtbot.waitUntil(lambda: gone(dialog), timeout=5000)

    # ---------------------------------------------------------------- workspace

    def tab(self, name: str) -> Any:
        """Click the section in the workspace's list of sections."""
        found = next(t for t in self.ws.tabs if type(t).__name__ == name)
        row = self.ws.tabs.index(found)
        rect = self.ws.nav.visualItemRect(self.ws.nav.item(row))
        self.tally.clicks += 1
        self.qtbot.mouseClick(self.ws.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert self.ws.stack.currentWidget() is found
        return found

    def open_row(self, table: Any, words: str, column: int = 0) -> Any:
        """Click the row whose cell ``column`` reads ``words``, press Enter: the form it opens."""
        row = self.row_of(table, words, column)
        self.pick_row(table, row)
        self.key(table.view, Qt.Key.Key_Return)
        wait_ops(self.qtbot)
        dialog = self.ws.tab_actions.dialogs[-1]
        self.tally.screens += 1
        return dialog

    def pick_row(self, table: Any, row: int) -> None:
        index = table.view.model().mapFromSource(table.model.index(row, 0))
        rect = table.view.visualRect(index)
        self.tally.clicks += 1
        self.qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert table.chosen_id() == table.model.row_at(row).id

    @staticmethod
    def row_of(table: Any, words: str, column: int = 0) -> int:
        cells = [table.model.row_at(n).cells[column] for n in range(table.model.rowCount())]
        assert words in cells, cells
        return cells.index(words)

    def button_dialog(self, tab: Any, key: str) -> Any:
        """Click the tab's button ``key``; the form it opened."""
        before = len(self.ws.tab_actions.dialogs)
        self.click(tab.buttons[key])
        wait_ops(self.qtbot)
        assert len(self.ws.tab_actions.dialogs) > before or self.ws.tab_actions.dialogs, key
        self.tally.screens += 1
        return self.ws.tab_actions.dialogs[-1]

    # ---------------------------------------------------------------- wizards

    def wizard(self, kind: str) -> EngagerWizard:
        """Click the workspace's wizard button; the wizard that opened on him."""
        self.click(self.ws.buttons[kind])
        man = self.ws.man_id()

        def opened() -> list[EngagerWizard]:
            return [w for w in base.open_wizards() if w.man_id == man and w.KIND == kind]

        self.qtbot.waitUntil(lambda: bool(opened()), timeout=10_000)  # read on a worker first
        found = opened()
        wizard = found[-1]
        wizard.ask_close = lambda: "keep"  # type: ignore[method-assign]
        self.qtbot.waitExposed(wizard)
        self.tally.screens += 1
        return wizard

    def next(self, wizard: EngagerWizard, expect: str) -> None:
        self.click(wizard.button(NEXT))
        assert wizard.currentId() == wizard.page_ids[expect], current_problems(wizard)
        self.tally.screens += 1

    def go_to(self, wizard: EngagerWizard, name: str) -> None:
        """Click the page's entry in the wizard's page index."""
        index = wizard.page_index
        row = list(wizard.page_ids).index(name)
        rect = index.visualItemRect(index.item(row))
        self.tally.clicks += 1
        self.qtbot.mouseClick(index.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert wizard.currentId() == wizard.page_ids[name], current_problems(wizard)
        self.tally.screens += 1

    def finish(self, wizard: EngagerWizard) -> None:
        button = wizard.button(FINISH)
        assert isinstance(button, QPushButton)
        with self.qtbot.waitSignal(wizard.committed, timeout=15_000):
            self.click(button)
        wait_ops(self.qtbot)
        self.qtbot.waitUntil(lambda: gone(wizard), timeout=5000)

    def add_row(self, wizard: EngagerWizard, page_name: str, list_key: str) -> tuple[Any, int]:
        rows = page(wizard, page_name).lists[list_key]
        assert rows.add_button is not None
        self.click(rows.add_button)
        return rows, len(rows.rows) - 1
