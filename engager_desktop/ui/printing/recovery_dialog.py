"""The recovery sheet: a new recovery code, straight to the printer (a file only on purpose).

There is no preview: the code is shown nowhere but on paper. Saving it as a file needs an explicit
tick beside a warning that the file unlocks the vault. The printer is chosen before the new code
is made, so cancelling the print dialog leaves the old code working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import N_, tr
from engager_desktop.services import printing
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import SpokenLabel, describe_value
from engager_desktop.ui.printing.pdf_pages import print_pdf
from engager_desktop.ui.printing.preview_dialog import (
    ChoosePrinter,
    NoPrinter,
    ask_printer,
    ask_save_path,
    one_line,
)
from engager_desktop.worksheets.save import SavePdfError, save_pdf

EXPLAIN = N_(
    "Print",
    "Printing a recovery sheet makes a new recovery code. The code on any older sheet stops "
    "working, so shred it. The new sheet goes straight to the printer: keep it locked up, "
    "away from the laptop.",
)
SAVE_CHOICE = N_(
    "Print", "Save it as a file instead. I understand that the file unlocks the vault."
)
NOT_PRINTED = N_(
    "Print",
    "The new code was made but did not print ({reason}), and the old code no longer works. "
    "The passphrase still opens the vault: print again to make another code.",
)
NOT_SAVED = N_(
    "Print",
    "The new code was made but not saved ({reason}), and the old code no longer works. "
    "The passphrase still opens the vault: try again to make another code.",
)


class RecoveryNotSaved(UserError):
    """Saving failed after the new code was made."""


class RecoveryDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.choose_printer: ChoosePrinter = ask_printer
        self.choose_save_path: Callable[[str], str | None] = lambda n: ask_save_path(self, n)
        self.setWindowTitle(tr("Print", "Print a recovery sheet"))
        layout = QVBoxLayout(self)
        explain = QLabel(tr("Print", EXPLAIN))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Print", "Passphrase"))
        form.addRow(tr("Print", "&Passphrase (to make the new code):"), self.passphrase)
        layout.addLayout(form)
        self.print_button = QPushButton(tr("Print", "&Print the recovery sheet…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_sheet)
        layout.addWidget(self.print_button)
        self.save_choice = QCheckBox(tr("Print", SAVE_CHOICE))
        self.warning = QLabel(f"<b>{tr('Print', printing.RECOVERY_WARNING)}</b>")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.save_button = QPushButton(tr("Print", "&Save as a file…"))
        self.save_button.setEnabled(False)
        self.save_choice.toggled.connect(self._save_chosen)
        self.save_button.clicked.connect(self.save_sheet)
        layout.addWidget(self.save_choice)
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        close = QPushButton(tr("Print", "&Close"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        describe_value(self.status, tr("Print", "Status"))
        layout.addWidget(self.status)

    def _save_chosen(self, chosen: bool) -> None:
        self.save_button.setEnabled(chosen)
        self.warning.setVisible(chosen)

    def _take_passphrase(self) -> str | None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.status.setText(tr("Print", "Type the passphrase first."))
            return None
        return passphrase

    def _busy(self, busy: bool, message: str = "") -> None:
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self.save_choice.isChecked())
        if message:
            self.status.setText(message)

    def print_sheet(self) -> None:
        passphrase = self._take_passphrase()
        if passphrase is None:
            return
        try:
            printer = self.choose_printer(self)
        except NoPrinter as exc:
            self.status.setText(str(exc))
            return
        if printer is None:
            return
        vault = self.vault
        self._busy(True, tr("Print", "Making the new code…"))
        ops.run(
            lambda: printing.issue_recovery_sheet(vault, passphrase),
            lambda doc: self._print_issued(doc, printer),
            self._failed,
        )

    def _print_issued(self, doc: printing.PreparedDocument, printer: QPrinter) -> None:
        self.passphrase.clear()
        try:
            print_pdf(doc.pdf, printer)
        except Exception as exc:  # the code is already replaced: say exactly where things stand
            self._busy(False, tr("Print", NOT_PRINTED).format(reason=ops.plain_message(exc)))
            return
        vault = self.vault
        ops.run(
            lambda: printing.record_print(vault, printing.RECOVERY, None, "printer", document=doc),
            lambda _none: self._busy(
                False, tr("Print", "Printed. The old recovery code no longer works.")
            ),
            self._failed,
        )

    def save_sheet(self) -> None:
        if not self.save_choice.isChecked():
            return
        passphrase = self._take_passphrase()
        if passphrase is None:
            return
        path = self.choose_save_path(tr("Print", "Vault recovery code.pdf"))
        if not path:
            return
        vault = self.vault

        def work() -> str:
            printing.check_writable_target(path)  # before the old code is replaced
            doc = printing.issue_recovery_sheet(vault, passphrase)
            try:
                save_pdf(doc.pdf, path)
            except SavePdfError as exc:
                raise RecoveryNotSaved(tr("Print", NOT_SAVED).format(reason=exc)) from None
            printing.record_print(vault, printing.RECOVERY, None, "file", document=doc)
            return path

        self._busy(True, tr("Print", "Making the new code…"))
        ops.run(work, self._saved, self._failed)

    def _saved(self, _path: str) -> None:
        self.passphrase.clear()
        self._busy(
            False,
            tr("Print", "Saved. {warning}").format(warning=tr("Print", printing.RECOVERY_WARNING)),
        )

    def _failed(self, message: str, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, RecoveryNotSaved) else one_line(message, exc)
        self._busy(False, text)
