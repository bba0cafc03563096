"""Erasing one man for good: a plain warning, ERASE typed to confirm, then the result shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.services.erasure import ErasureResult, erase_man
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import label_for
from engager_desktop.ui.protection.common import load_name

CONFIRM_WORD = "ERASE"
WARNING = (
    "Every record about {name} will be removed from this laptop now. The laptops that get "
    "bundles from this one will remove him too, at their next import. This cannot be undone."
)


def result_text(result: ErasureResult) -> str:
    lines = [f"{result.records_erased} records erased from this laptop."]
    if result.backups_holding_him:
        lines.append("These backups were made before the erasure and still hold him.")
        lines.append("Delete them if they are no longer needed:")
        lines.extend(f"  {path}" for path in result.backups_holding_him)
    else:
        lines.append("No backup of this vault holds him.")
    return "\n".join(lines)


class EraseDialog(QDialog):
    erased = Signal(object)

    def __init__(
        self, vault: Any, man_id: str, parent: QWidget | None = None, name: str | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.man_id = man_id
        self.result: ErasureResult | None = None
        self.setWindowTitle("Erase this man")
        self.setAccessibleName("Erase this man")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.confirm = QLineEdit()
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("What was erased")
        self.report.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton("&Erase for good")
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(label_for(f"Type {CONFIRM_WORD} to confirm:", self.confirm))
        layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        if name:
            self._named(name)
        else:
            self._named("this man")
            load_name(vault, man_id, self, self._named)

    def _named(self, name: str) -> None:
        self.warning.setText(WARNING.format(name=name))

    def _enable(self, *_args: Any) -> None:
        busy = self.result is not None or not self.confirm.isEnabled()
        self.erase_button.setEnabled(not busy and self.confirm.text().strip() == CONFIRM_WORD)

    def erase(self) -> None:
        if self.confirm.text().strip() != CONFIRM_WORD or self.result is not None:
            return
        self.confirm.setEnabled(False)
        self._enable()
        self.status.setText("Erasing…")
        ops.run(lambda: erase_man(self.vault, self.man_id), self._done, self._failed, owner=self)

    def _done(self, result: ErasureResult) -> None:
        self.result = result
        self.status.setText("He has been erased.")
        self.report.setPlainText(result_text(result))
        self.report.show()
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)
        self.erased.emit(result)

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.status.setText(message)
        self.confirm.setEnabled(True)
        self._enable()


def open_erase_dialog(
    vault: Any, man_id: str, parent: QWidget | None = None, *, name: str | None = None
) -> EraseDialog:
    """The confirmation dialog for erasing one man, shown (window-modal)."""
    dialog = EraseDialog(vault, man_id, parent, name)
    dialog.open()
    return dialog
