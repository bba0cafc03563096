"""Checks the accessibility walk runs on each screen: words out of reach, clashing keys, traps."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDateTimeEdit,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from engager_desktop.ui.a11y import TAB_LEAVES, plain

_MNEMONIC = re.compile(r"(?<!&)&(?!&)(.)")


def _spaces(text: str) -> str:
    return " ".join(text.split())


def shown_text(label: QLabel) -> str:
    """The words a sighted user reads on ``label`` (markup and mnemonic marks removed)."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    elif label.buddy() is not None:
        text = plain(text)
    return _spaces(text)


def reader_hears(widget: QWidget) -> str:
    """What a screen reader receives for ``widget``: its accessible name and description."""
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return _spaces(f"{widget.accessibleName()} {widget.accessibleDescription()}")
    name = face.text(QAccessible.Text.Name)
    description = face.text(QAccessible.Text.Description)
    return _spaces(f"{name} {description}")


def labels_out_of_step(root: QWidget) -> list[QLabel]:
    """Labels under ``root`` whose shown words the reader does not receive (a fixed name)."""
    found = []
    for label in [root, *root.findChildren(QLabel)]:
        if not isinstance(label, QLabel) or not label.isVisibleTo(root):
            continue
        text = shown_text(label)
        if text and text.rstrip(":") not in reader_hears(label):
            found.append(label)
    return found


def _key(text: str) -> str | None:
    match = _MNEMONIC.search(text)
    return match.group(1).lower() if match else None


def access_keys(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys shown in ``window`` now (visible widgets and the menu bar): key -> owners."""
    keys: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = _key(text)
        if key is not None:
            keys[key].append(plain(text))

    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text())
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
    return dict(keys)


def access_key_clashes(window: QWidget) -> dict[str, list[str]]:
    """Access keys that more than one thing in ``window`` uses at once."""
    return {key: owners for key, owners in access_keys(window).items() if len(owners) > 1}


def tab_traps(root: QWidget) -> list[QWidget]:
    """Widgets under ``root`` that keep Tab: tables moving by cell, editors typing a tab,
    date boxes stepping through their parts."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            found.append(widget)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            if not widget.isReadOnly() and not widget.tabChangesFocus():
                found.append(widget)
        elif isinstance(widget, QDateTimeEdit) and widget.sectionCount() > 1:
            if not widget.property(TAB_LEAVES):
                found.append(widget)
    return found


def opens_on_button(dialog: QWidget) -> bool:
    """True when the shown ``dialog`` has put the focus on a push or tool button."""
    widget = dialog.focusWidget()
    return isinstance(widget, QPushButton | QToolButton)


def shown_ampersands(root: QWidget) -> list[QLabel]:
    """Labels that show an access-key '&' as a character (it only works on a buddy's label)."""
    found = []
    for label in root.findChildren(QLabel):
        if label.buddy() is None and label.isVisibleTo(root) and _MNEMONIC.search(label.text()):
            if label.textFormat() == Qt.TextFormat.PlainText or not GuiQt.mightBeRichText(
                label.text()
            ):
                found.append(label)
    return found


def names_with_ampersands(root: QWidget) -> list[QWidget]:
    """Widgets whose accessible name still holds an access-key '&' (the reader says "and")."""
    widgets = [root, *root.findChildren(QWidget)]
    return [w for w in widgets if _MNEMONIC.search(w.accessibleName())]
