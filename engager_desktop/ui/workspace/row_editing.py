"""What every tab's in-place editing shares: a row opens its form, and a saved change goes on the
workspace's undo stack before his record is loaded again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import ops
from engager_desktop.ui.workspace.undo import Edit

if TYPE_CHECKING:
    from engager_desktop.ui.workspace.actions import WorkspaceActions

ROW_HINT = N_("Workspace", "Press Enter or double-click a row to change it.")


class RowEdits:
    """Base of a tab's edit wiring. ``actions``: the workspace's ``WorkspaceActions``."""

    def __init__(self, actions: WorkspaceActions, tab_name: str) -> None:
        self.actions = actions
        self.ws = actions.ws
        self.tab = actions._tab(tab_name)

    def edit_from_rows(self, table: Any, open_form: Callable[[], Any]) -> None:
        edit_from_rows(table, open_form)

    def open(self, dialog: Any) -> Any:
        dialog.saved.connect(self.saved)
        self.actions._keep(dialog)
        dialog.open()
        return dialog

    def run_edit(self, edit: Edit, then: Callable[[], Any] | None = None) -> None:
        """Make a change with no form (a button press) off the UI thread; ``then`` after it."""

        def done(_result: Any) -> None:
            self.saved(edit)
            if then is not None:
                then()

        ops.run(edit.redo, done, lambda message, _exc: self.ws.say(message), owner=self.ws)

    def confirm_edit(self, title: str, question: str, edit: Edit) -> Any:
        """Ask (Yes/No, window-modal) before a change that takes something away; Yes makes it.
        The question ends by saying Ctrl+Z undoes it."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            tr("Workspace", "{question} You can undo it with Ctrl+Z.").format(question=question),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.ws,
        )
        box.accepted.connect(lambda: self.run_edit(edit))
        self.actions._keep(box)
        box.open()
        return box

    def saved(self, result: Any) -> None:
        if isinstance(result, Edit):
            self.ws.history.push(result)
        self.ws.form_saved()


def edit_from_rows(table: Any, open_form: Callable[[], Any]) -> None:
    """Enter or a double-click on a row of ``table`` (a workspace ``Table``) opens ``open_form``."""
    table.view.activated.connect(lambda _index: open_form())
    table.view.setToolTip(tr("Workspace", ROW_HINT))
    table.view.setAccessibleDescription(tr("Workspace", ROW_HINT))


def shown_parts(context: str, parts: Sequence[Any]) -> tuple[Any, ...]:
    """A form's parts (field, label, kind) with each label (a marked constant) translated."""
    return tuple((key, tr(context, label), kind) for key, label, kind in parts)
