"""Collect the words a screen shows of its own: labels, buttons, titles, headers, tips, prompts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return _TAG.sub(" ", text).replace("&amp;", "&").replace("&nbsp;", " ").strip()


def _headers(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    for column in range(model.columnCount()):
        value = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if value is not None:
            yield str(value)


def _own(widget: QWidget) -> Iterator[str]:
    """The words one widget shows of its own (its cells and typed text are not its own)."""
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if widget.isWindow():
        yield widget.windowTitle()
    if isinstance(widget, QLabel):
        yield _plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QPlainTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QTextBrowser):
        yield widget.toPlainText()  # guidance prompts
    elif isinstance(widget, QTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QListWidget):
        yield from (widget.item(i).text() for i in range(widget.count()))
    elif isinstance(widget, QAbstractItemView):
        yield from _headers(widget.model())
    elif isinstance(widget, QWizardPage):
        yield widget.title()
        yield widget.subTitle()
    elif isinstance(widget, QWizard):
        yield from (widget.buttonText(button) for button in QWizard.WizardButton)


def words_of(root: QWidget) -> set[str]:
    """Every string ``root`` and its children show of their own, menus and actions included."""
    found: set[str] = set()
    for widget in (root, *root.findChildren(QWidget)):
        found.update(_own(widget))
    for action in root.findChildren(QAction):
        found.update((action.text(), action.toolTip(), action.statusTip()))
    return {text.replace("&", "") for text in found if text and text.strip()}
