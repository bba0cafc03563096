"""A practitioner who uses only the keyboard and a screen reader, for the end-to-end tests.

``Reader`` drives the real main window with key presses on whatever has the focus (Tab,
shortcuts, access keys, arrows, typing, Enter, Space, Escape; never the mouse, never a slot or a
widget's value set directly). It records what a screen reader would be told: every announcement
(``a11y.heard``) and, each time the focus moves, the name, description and value that Qt hands
to UI Automation / AT-SPI for the widget now focused. It also records every place the focus went
that a person could not be when about to press a key: a hidden or disabled widget, a widget
the reader was last told about while it was off screen, or a window that is not this one or one
it opened.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.ui.a11y import heard
from tests.ui.app_fixtures import wait_ops

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
PRESS_ANIMATION_MS = 150  # QAbstractButton.animateClick() clicks after 100 ms


def spoken(widget: QWidget) -> str:
    """What a reader says on arriving at ``widget``: its name, value and description.

    The name is the widget's accessible name as UI Automation receives it; on Linux Qt gives a
    drop-down's current text as its name and the reader takes the name from the label's buddy
    relation instead, so the widget's own name is used here for every platform.
    """
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return ""
    parts = [
        widget.accessibleName() or face.text(QAccessible.Text.Name),
        face.text(QAccessible.Text.Value),
        face.text(QAccessible.Text.Description),
    ]
    return " | ".join(p for p in parts if p)


def _opened_from(window: QWidget, home: QWidget) -> bool:
    """``window`` is ``home`` or a window it opened (its parent chain leads there)."""
    widget: QWidget | None = window
    while widget is not None:
        if widget is home:
            return True
        widget = widget.parentWidget()
    return False


@dataclass
class Reader:
    """The practitioner's keyboard and the screen reader's ears, on one main window."""

    qtbot: QtBot
    home: QWidget
    words: list[str] = field(default_factory=list)  # announcements, in order
    visits: list[str] = field(default_factory=list)  # what was said on each focus move
    astray: list[str] = field(default_factory=list)  # focus a person could not have put there
    keys: int = 0  # key presses, each typed character counted
    _stack: ExitStack = field(default_factory=ExitStack)
    _told_hidden: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.words = self._stack.enter_context(heard())
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._moved)
        self._stack.callback(app.focusChanged.disconnect, self._moved)

    def close(self) -> None:
        self._stack.close()

    # ---------------------------------------------------------------- listening

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        self.visits.append(spoken(new))
        if new.isVisible():
            self._told_hidden.discard(id(new))
        else:  # Qt moved the focus onto a widget not yet (or no longer) on screen
            self._told_hidden.add(id(new))

    def check_focus(self) -> None:
        """Where the focus is now, before a key is pressed: somewhere a person could be."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        widget = app.focusWidget()
        if widget is None:
            self._astray("nowhere: no widget has the focus")
            return
        where = f"{type(widget).__name__} {widget.objectName()!r} ({spoken(widget)!r})"
        if not widget.isVisible():
            self._astray(f"hidden: {where}")
        elif not widget.isEnabled():
            self._astray(f"disabled: {where}")
        elif id(widget) in self._told_hidden:
            self._astray(f"told while hidden, never again once shown: {where}")
        elif not _opened_from(widget.window(), self.home):
            self._astray(f"another window: {where} in {widget.window().windowTitle()!r}")

    def _astray(self, what: str) -> None:
        if what not in self.astray:
            self.astray.append(what)

    def mark(self) -> int:
        """A place in what was heard; ``since(mark)`` gives what came after it."""
        return len(self.words)

    def since(self, mark: int) -> list[str]:
        return self.words[mark:]

    def now(self) -> str:
        """What the reader says about the focused widget now."""
        return spoken(self.focused())

    # ---------------------------------------------------------------- the hands

    @staticmethod
    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus is nowhere"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
        for _ in range(times):
            self.check_focus()
            self.keys += 1
            self.qtbot.keyClick(self.focused(), key, modifier)
            QApplication.processEvents()  # as between a person's key presses

    def type(self, text: str) -> None:
        self.check_focus()
        self.keys += len(text)
        self.qtbot.keyClicks(self.focused(), text)
        QApplication.processEvents()

    def alt(self, letter: str) -> None:
        """An access key; a button pressed by one clicks after its 100 ms press animation."""
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
        self.qtbot.wait(PRESS_ANIMATION_MS)

    def ctrl(self, letter: str) -> None:
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), CTRL)

    def tab_to(self, target: QWidget, limit: int = 60) -> None:
        """Press Tab until ``target`` has the focus: proof that the keyboard reaches it."""
        went = []
        for _ in range(limit):
            if self.focused() is target:
                return
            went.append(self.now())
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {spoken(target)!r}; went {went[:25]}")

    def tab_to_named(self, words: str, limit: int = 60) -> QWidget:
        """Press Tab until the reader names the focused widget with ``words`` (start of name)."""
        went = []
        for _ in range(limit):
            if self.now().startswith(words):
                return self.focused()
            went.append(self.now())
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {words!r}; went {went[:25]}")

    def choose(self, words: str) -> None:
        """In the focused drop-down, arrow down (then up) until it reads ``words``."""
        box: Any = self.focused()
        for arrow in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            for _ in range(box.count() + 1):
                if box.currentText().lower().startswith(words.lower()):
                    return
                self.press(arrow)
        raise AssertionError(f"no choice reads {words!r} in {spoken(box)!r}")

    def wait(self) -> None:
        wait_ops(self.qtbot)
        QApplication.processEvents()


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def active() -> QWidget:
    window = QApplication.activeWindow()
    assert window is not None
    return window
