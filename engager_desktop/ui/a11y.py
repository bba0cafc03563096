"""Accessibility helpers: naming, announcing and focus for screen readers, and checks for gaps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QAccessibleWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QToolButton,
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


def describe_value(label: QLabel, title: str) -> QLabel:
    """A label showing a value: the reader hears the value, with ``title`` as its description.

    No fixed accessible name is set, so the name the reader receives is always the shown text.
    """
    label.setAccessibleName("")
    label.setAccessibleDescription(title)
    return label


# ---------------------------------------------------------------------- announcing

Listener = Callable[[QWidget, str], None]
_listeners: list[Listener] = []


def announce(source: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have the screen reader speak ``text`` now, from ``source`` (an error is ``assertive``)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    QAccessible.updateAccessibility(event)
    for listener in list(_listeners):
        listener(source, text)


def say(label: QLabel, text: str, *, assertive: bool = False) -> None:
    """Show ``text`` in ``label`` and announce it (a plain label change makes no sound)."""
    label.setText(text)
    announce(label, text, assertive=assertive)


class SpokenLabel(QLabel):
    """A status line that is announced whenever its text is set (it is read as it changes)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        changed = text != self.text()
        super().setText(text)
        if changed:
            announce(self, text)


@contextmanager
def heard() -> Iterator[list[str]]:
    """Record what is announced while the block runs (for tests and checks)."""
    words: list[str] = []

    def listen(_source: QWidget, text: str) -> None:
        words.append(text)

    _listeners.append(listen)
    try:
        yield words
    finally:
        _listeners.remove(listen)


# ---------------------------------------------------------------------- focus


def focus_chain(root: QWidget) -> list[QWidget]:
    """Widgets under ``root`` in Tab order that Tab can reach now (shown, enabled, tab focus)."""
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    seen = 0
    while widget is not root and widget is not None and seen < 5000:
        seen += 1
        if (
            root.isAncestorOf(widget)
            and _focusable(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(root)
            and widget.focusProxy() is None
            and not _inside_compound(widget)
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def first_field(root: QWidget) -> QWidget | None:
    """The first input (anything but a push or tool button) that Tab reaches under ``root``."""
    for widget in focus_chain(root):
        if not isinstance(widget, QPushButton | QToolButton):
            return widget
    return None


def focus_first_field(root: QWidget) -> QWidget | None:
    """Put the keyboard focus on the first field under ``root``; returns it (None if none)."""
    widget = first_field(root)
    if widget is not None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return widget


def buttons_last(window: QWidget, box: QWidget) -> None:
    """Move the buttons in ``box`` after every other widget of ``window`` in Tab order."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget is not None and len(chain) < 5000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    inside = [w for w in chain if box.isAncestorOf(w) and _focusable(w)]
    others = [
        w for w in chain if _focusable(w) and not (box.isAncestorOf(w) or _inside_compound(w))
    ]
    if not others:
        return
    last = others[-1]
    for widget in reversed(inside):  # each goes straight after the last field, so reversed
        QWidget.setTabOrder(last, widget)


class _TabLeaves(QObject):
    """Tab and Shift+Tab leave a date box at once instead of stepping through day, month, year."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        forward = key == Qt.Key.Key_Tab and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        chain = focus_chain(watched.window())
        if watched not in chain or len(chain) < 2:
            return False
        step = 1 if forward else -1
        target = chain[(chain.index(watched) + step) % len(chain)]
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True


def tab_leaves(edit: QAbstractSpinBox) -> QAbstractSpinBox:
    """Make one Tab leave ``edit`` (a date box otherwise takes a Tab per part of the date)."""
    edit.installEventFilter(_TabLeaves(edit))
    edit.setProperty(TAB_LEAVES, True)
    return edit


TAB_LEAVES = "engagerTabLeaves"


# ---------------------------------------------------------------------- windows

WINDOW = "engagerWindow"
_factory_installed = False


def _window_face(_key: str, obj: QObject) -> QAccessibleInterface | None:
    """A window built on a plain QWidget reports the window role, not a generic one."""
    if isinstance(obj, QWidget) and obj.property(WINDOW):
        return QAccessibleWidget(obj, QAccessible.Role.Window)
    return None


def window_role(window: QWidget) -> QWidget:
    """Have ``window`` (a plain QWidget shown as a window) report itself as a window."""
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_window_face)
        _factory_installed = True
    window.setProperty(WINDOW, True)
    return window


def closes_like_a_dialog(window: QWidget) -> QWidget:
    """Escape and Ctrl+W close ``window``, as they close a dialog."""
    close_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
    keys = {QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W"), *close_keys}
    for key in keys:
        shortcut = QShortcut(key, window, window.close)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    return window


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
