"""A wizard's page index: a side list ("3 of 9 — Goals") that shows where you are and jumps.

Choosing a page (a click, or the arrow keys then Enter) goes there: back through the pages already
visited, or forward one page at a time, so each page passed is checked as Next would check it and
the walk stops on the first page that needs a look.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWizard

from engager_desktop.i18n import tr

PAGE_ROLE = Qt.ItemDataRole.UserRole
WIDTH = 190


def entry_text(number: int, total: int, title: str) -> str:
    return tr("Wizard", "{number} of {total} — {title}").format(
        number=number, total=total, title=title
    )


class PageIndex(QListWidget):
    """The list of a wizard's pages; the current one is selected."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.setObjectName("page_index")
        self.setAccessibleName(tr("Wizard", "Pages of this form"))
        self.setAccessibleDescription(
            tr("Wizard", "Shows the page you are on. Choose a page and press Enter.")
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setFixedWidth(WIDTH)
        ids = wizard.pageIds()
        for number, page_id in enumerate(ids, start=1):
            title = wizard.page(page_id).title()
            item = QListWidgetItem(entry_text(number, len(ids), title), self)
            item.setData(PAGE_ROLE, page_id)
            item.setToolTip(title)
        self.clicked.connect(self._chosen)
        wizard.currentIdChanged.connect(self.show_current)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter goes to the chosen page and stops there (not on to the wizard's Next button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._chosen(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def show_current(self, page_id: int) -> None:
        if not shiboken6.isValid(self):
            return
        for row in range(self.count()):
            if self.item(row).data(PAGE_ROLE) == page_id:
                self.blockSignals(True)
                self.setCurrentRow(row)
                self.blockSignals(False)
                return

    def _chosen(self, index: QModelIndex) -> None:
        target = index.data(PAGE_ROLE)
        if not isinstance(target, int):
            return
        if go_to_page(self.wizard, target):  # else the page that needs a look has the focus
            first: list[Any] = getattr(self.wizard.currentPage(), "focus_widgets", list)()
            if first:
                first[0].setFocus()
        self.show_current(self.wizard.currentId())


def go_to_page(wizard: QWizard, target: int) -> bool:
    """Go to page ``target``, back or forward; False when a page on the way needs a look first."""
    order = wizard.pageIds()
    if target not in order:
        return False
    while wizard.currentId() != target and target in wizard.visitedIds()[:-1]:
        wizard.back()
    while wizard.currentId() != target:
        before = wizard.currentId()
        if before == -1 or order.index(before) > order.index(target):
            break
        wizard.next()
        if wizard.currentId() == before:
            break
    while order.index(wizard.currentId()) > order.index(target) and len(wizard.visitedIds()) > 1:
        wizard.back()  # the page does not apply (he missed the session): stop short of it
    return wizard.currentId() == target


def attach(wizard: Any) -> PageIndex:
    """Put the page index down the wizard's left side."""
    index = PageIndex(wizard)
    wizard.setSideWidget(index)
    index.show_current(wizard.currentId())
    return index
