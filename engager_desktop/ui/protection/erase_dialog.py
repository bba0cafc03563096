"""Erasing one man for good: a plain warning, ERASE typed to confirm, then the result shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton, QWidget

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services.erasure import ErasureResult, erase_man
from engager_desktop.services.mentions import Mention, mentions_of
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import label_for
from engager_desktop.ui.protection.common import OneManDialog

CONFIRM_WORD = "ERASE"
WARNING = N_(
    "Protection",
    "Every record about {name} will be removed from this laptop now. The laptops that get "
    "bundles from this one will remove him too, at their next import. This cannot be undone.",
)


def result_text(result: ErasureResult) -> str:
    lines = [
        trn(
            "Protection",
            "{n} record erased from this laptop.",
            "{n} records erased from this laptop.",
            result.records_erased,
        )
    ]
    if result.backups_holding_him:
        lines.append(
            tr("Protection", "These backups were made before the erasure and still hold him.")
        )
        lines.append(tr("Protection", "Delete them if they are no longer needed:"))
        lines.extend(f"  {path}" for path in result.backups_holding_him)
    else:
        lines.append(tr("Protection", "No backup of this vault holds him."))
    return "\n".join(lines)


class EraseDialog(OneManDialog):
    erased = Signal(object)
    MESSAGE = WARNING
    ELSEWHERE = N_(
        "Protection",
        "His name is also in {records} filed elsewhere. Erasing him leaves those as they "
        "are: edit his name out of them by hand.",
    )

    def __init__(
        self, vault: Any, man_id: str, parent: QWidget | None = None, name: str | None = None
    ) -> None:
        super().__init__(
            vault,
            man_id,
            parent,
            title=tr("Protection", "Erase this man"),
            report_name=tr("Protection", "What was erased"),
            button=QDialogButtonBox.StandardButton.Cancel,
        )
        self.outcome: ErasureResult | None = None
        self.confirm = QLineEdit()
        self.erase_button = QPushButton(tr("Protection", "&Erase for good"))
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.confirm.textChanged.connect(self._enable)
        self.body.addWidget(
            label_for(
                tr("Protection", "Type {word} to confirm:").format(word=CONFIRM_WORD), self.confirm
            )
        )
        self.body.addWidget(self.confirm)
        self.finish(name)

    def _named(self, name: str) -> None:
        super()._named(name)
        self.confirm.setAccessibleDescription(self.message.text())  # the warning, on the field

    def _enable(self, *_args: Any) -> None:
        busy = self.outcome is not None or not self.confirm.isEnabled()
        self.erase_button.setEnabled(not busy and self.confirm.text().strip() == CONFIRM_WORD)

    def erase(self) -> None:
        if self.confirm.text().strip() != CONFIRM_WORD or self.outcome is not None:
            return
        self.confirm.setEnabled(False)
        self._enable()
        self.status.setText(tr("Protection", "Erasing…"))
        vault, man_id, known = self.vault, self.man_id, self.found_elsewhere

        def work() -> tuple[tuple[Mention, ...], ErasureResult]:
            # Once he is erased his name is gone from his record: if the list read at opening
            # has not arrived yet, read it first.
            elsewhere = known if known is not None else mentions_of(vault, man_id)
            return elsewhere, erase_man(vault, man_id)

        ops.run(work, self._done, self._failed, owner=self)

    def _done(self, done: tuple[tuple[Mention, ...], ErasureResult]) -> None:
        elsewhere, result = done
        self.outcome = result
        self.status.setText(tr("Protection", "He has been erased."))
        self._show_elsewhere(elsewhere, final=True)
        self.show_report(result_text(result))
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
