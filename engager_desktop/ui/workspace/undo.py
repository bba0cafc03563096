"""Undo for changes made in place: one QUndoStack for the man shown, each change a command.

An edit dialog saves through a service and hands back an ``Edit``: what the change was called,
and how to put the old values back (and the new ones again) through the same services. Undo and
redo run those off the UI thread, one at a time in order. The stack is emptied when another man
is shown, when he is closed and when the vault locks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import tr
from engager_desktop.ui import ops


@dataclass(frozen=True)
class Edit:
    """A saved change: ``undo`` puts the old values back, ``redo`` saves the new ones again."""

    label: str
    undo: Callable[[], Any]
    redo: Callable[[], Any]


class Made:
    """The id of a record that an undo or redo makes again. Sync never brings a removed record
    back (tombstones win), so undoing a removal makes a new record, and later steps follow it."""

    def __init__(self, record_id: str = "") -> None:
        self.id = record_id


def adding(
    label: str, make: Callable[[], str], remove: Callable[[str], None]
) -> Callable[[], Edit]:
    """The save of a form that adds a record: ``make`` adds it (returning its id); undo removes it
    and redo makes it again as a new record (sync never brings a removed one back)."""
    made = Made()

    def add() -> None:
        made.id = make()

    def save() -> Edit:
        add()
        return Edit(label, lambda: remove(made.id), add)

    return save


class _Command(QUndoCommand):
    def __init__(self, history: EditHistory, edit: Edit) -> None:
        super().__init__(edit.label)
        self.history = history
        self.edit = edit
        self.saved = True  # pushed after the dialog saved: the first redo has nothing to do

    def undo(self) -> None:
        self.history.run(self.edit.undo)

    def redo(self) -> None:
        if self.saved:
            self.saved = False
            return
        self.history.run(self.edit.redo)


class EditHistory(QObject):
    """The workspace's undo stack. ``done`` runs after each undo or redo has saved; ``failed``
    gets the plain message when one is refused (the record may have changed meanwhile)."""

    def __init__(
        self, owner: QWidget, done: Callable[[], None], failed: Callable[[str], None]
    ) -> None:
        super().__init__(owner)
        self.stack = QUndoStack(self)
        self._done = done
        self._failed = failed
        self._waiting: list[Callable[[], Any]] = []
        self._running = False
        self.undo_action = self._action(
            owner, "undo", tr("Workspace", "&Undo"), QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            owner, "redo", tr("Workspace", "&Redo"), QKeySequence.StandardKey.Redo
        )

    def _action(self, owner: QWidget, key: str, text: str, keys: Any) -> QAction:
        make = self.stack.createUndoAction if key == "undo" else self.stack.createRedoAction
        action = make(owner, text)
        action.setObjectName(key)
        shortcuts = QKeySequence.keyBindings(keys)
        wanted = QKeySequence("Ctrl+Shift+Z" if key == "redo" else "Ctrl+Z")
        action.setShortcuts([*shortcuts, wanted] if wanted not in shortcuts else shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
        return action

    def push(self, edit: Edit) -> None:
        self.stack.push(_Command(self, edit))

    def clear(self) -> None:
        """Forget every change (another man, his work closed, or the vault locking: a lock
        cancels the ops, so one still running will not report back)."""
        self.stack.clear()
        self._waiting.clear()
        self._running = False

    def busy(self) -> bool:
        return self._running or bool(self._waiting)

    def run(self, fn: Callable[[], Any]) -> None:
        self._waiting.append(fn)
        if not self._running:
            self._next()

    def _next(self) -> None:
        if not self._waiting:
            self._running = False
            return
        self._running = True
        fn = self._waiting.pop(0)
        ops.run(fn, self._ran, self._refused, owner=self)

    def _ran(self, _result: Any) -> None:
        self._next()
        if not self._running:
            self._done()

    def _refused(self, message: str, _exc: BaseException) -> None:
        self._waiting.clear()
        self._running = False
        self._failed(message)
        self._done()
