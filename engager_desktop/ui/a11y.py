"""Accessibility helpers: a label that names its input for screen readers, and a check for gaps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INPUT_TYPES = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def plain(text: str) -> str:
    """Label text without its mnemonic ampersand and trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def label_for(text: str, widget: QWidget, *, description: str | None = None) -> QLabel:
    """A QLabel whose buddy is ``widget``; the label's words become the widget's accessible name."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(plain(text))
    if description:
        widget.setAccessibleDescription(description)
    return label


def name(widget: QWidget, text: str) -> QWidget:
    """Give ``widget`` an accessible name where no visible label sits beside it."""
    widget.setAccessibleName(text)
    return widget


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _inside_compound(widget: QWidget) -> bool:
    """Parts of a compound input (a combo's list, a spin box's editor) are named by it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_inputs(root: QWidget) -> list[QWidget]:
    """Focusable inputs under ``root`` (itself included) that a screen reader could not name.

    An input (text, choice, number, list or table) needs an explicit accessible name; a button or
    a check box may be named by its own text instead; a tab bar by its tabs' titles.
    """
    found: list[QWidget] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _focusable(widget) or not widget.isEnabled() or _inside_compound(widget):
            continue
        if isinstance(widget, INPUT_TYPES):
            if not widget.accessibleName().strip():
                found.append(widget)
        elif isinstance(widget, QAbstractButton):
            if not (widget.accessibleName().strip() or plain(widget.text())):
                found.append(widget)
        elif isinstance(widget, QTabBar):
            titles = [widget.tabText(i) for i in range(widget.count())]
            if not all(plain(t) for t in titles):
                found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    """A short description of a widget for a failing check's message (no contents)."""
    parent = widget.parentWidget()
    where = type(parent).__name__ if parent is not None else "top"
    return f"{type(widget).__name__} named {widget.objectName()!r} in {where}"
