"""Change the passphrase, or (someone may know the old one) re-encrypt under a new key as well.

The change runs off the UI thread through ``ops``; a re-encryption shows its steps. Afterwards the
dialog says exactly what still opens the vault (an old copy of the key file, the old backups) and,
after a re-encryption, shows the new recovery code once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr
from engager_desktop.services import vault_access
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import label_for
from engager_desktop.ui.key_change import SomeoneMayKnow, result_text
from engager_desktop.ui.passphrase_input import PassphraseInput
from engager_desktop.ui.unlock_pages import CodePage, recovery_sheet, status_label

FORM, CODE = range(2)
INTRO = N_(
    "Passphrase",
    "Type your passphrase now, then choose a new one. If someone may know your old passphrase "
    "or recovery code, tick the box: only then does an old copy of the vault's key file stop "
    "opening it.",
)


class PassphraseDialog(QDialog):
    rekey_progress = Signal(int, int, str)  # emitted from the worker; shown on the UI thread

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.change: vault_access.KeyChange | None = None
        self.setWindowTitle(tr("Passphrase", "Change the passphrase"))
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setObjectName("current_passphrase")
        self.passphrase = PassphraseInput(vault.options.context_words)
        self.someone = SomeoneMayKnow(checked=False)
        self.status = status_label("passphrase_change_status")
        self.change_button = QPushButton(tr("Passphrase", "C&hange the passphrase"))
        self.close_button = QPushButton(tr("Passphrase", "&Close"))
        self.code_page = CodePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form())
        self.pages.addWidget(self.code_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.passphrase.changed.connect(self._update)
        self.current.textChanged.connect(self._update)
        self.change_button.clicked.connect(self.change_passphrase)
        self.close_button.clicked.connect(self.reject)
        self.rekey_progress.connect(self.someone.show_step)
        self.code_page.print_requested.connect(self.print_recovery_sheet)
        self.code_page.continue_requested.connect(self.accept)
        self._busy = False
        self._update()

    def _form(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(tr("Passphrase", INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(label_for(tr("Passphrase", "C&urrent passphrase:"), self.current), self.current)
        layout.addLayout(form)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.someone)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.change_button)
        layout.addLayout(buttons)
        return page

    def _update(self) -> None:
        ready = bool(self.current.text()) and self.passphrase.acceptable()
        self.change_button.setEnabled(ready and not self._busy)

    def change_passphrase(self) -> None:
        if self._busy or not self.change_button.isEnabled():
            return
        vault, current, new = self.vault, self.current.text(), self.passphrase.passphrase()
        someone, progress = self.someone.checked(), self.rekey_progress.emit
        self._set_busy(True)
        self.status.setText(
            tr("Passphrase", "Re-encrypting the vault under a new key…")
            if someone
            else tr("Passphrase", "Changing the passphrase…")
        )

        def work() -> vault_access.KeyChange:
            return vault_access.change_passphrase(
                vault, current, new, someone_may_know=someone, progress=progress
            )

        ops.run(work, self._changed, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.current, self.passphrase, self.someone.box, self.close_button):
            widget.setEnabled(not busy)
        self._update()

    def _changed(self, change: vault_access.KeyChange) -> None:
        self._set_busy(False)
        self.someone.done()
        self.change = change
        self.current.clear()
        self.passphrase.clear()
        if change.code is None:
            self.status.setText(
                tr("Passphrase", "The passphrase is changed.") + " " + result_text(change)
            )
            self.adjustSize()
            return
        self.code_page.show_code(change.code, result_text(change))
        self.pages.setCurrentIndex(CODE)

    def _failed(self, message: str, _exc: BaseException) -> None:
        self._set_busy(False)
        self.someone.done()
        self.status.setText(message)
        self.adjustSize()

    def print_recovery_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Passphrase", "Print the recovery sheet"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.recovery_sheet_document().print_(printer)

    def recovery_sheet_document(self) -> Any:
        code = self.code_page.code_label.text()
        return recovery_sheet(code, self.vault.path, date.today().isoformat())

    def done(self, result: int) -> None:
        self.code_page.forget()  # the code is shown once, then gone
        super().done(result)
