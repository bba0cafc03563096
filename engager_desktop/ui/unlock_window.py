"""The unlock window: open a vault, make one, or recover it; the back-off shown as a countdown.

It imports only Qt, the passphrase policy and these pages, so it shows before SQLAlchemy and the
rest have loaded; the vault code is imported inside the background steps. Every slow step
(key derivation, creating, recovering) runs through ``ops`` so the window never freezes.
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr, trn
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import announce, label_for, say, window_role
from engager_desktop.ui.i18n import error_text
from engager_desktop.ui.key_change import result_text
from engager_desktop.ui.unlock_pages import (
    HEADING,
    CodePage,
    CreatePage,
    FolderRow,
    RecoverPage,
    heading,
    recovery_sheet,
    status_label,
)

KEYSLOTS_NAME = "keyslots.json"  # store.vault.KEYSLOTS_FILE, not imported: it loads SQLAlchemy
UNLOCK, CREATE, RECOVER, CODE = range(4)
MAX_WIDTH = 760


def _access() -> Any:
    """Vault use cases, imported late: the window shows before the database libraries load."""
    return importlib.import_module("engager_desktop.services.vault_access")


def is_vault(path: Path | None) -> bool:
    return path is not None and (path / KEYSLOTS_NAME).is_file()


class UnlockPage(QWidget):
    unlock_requested = Signal()
    forgot_requested = Signal()
    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(tr("Unlock", "Open your vault"))
        self.folder = FolderRow(tr("Unlock", "&Vault folder:"), new=False)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.show_box = QCheckBox(tr("Unlock", "Show the passphrase"))
        self.unlock_button = QPushButton(tr("Unlock", "&Unlock"))
        self.unlock_button.setDefault(True)
        self.status = status_label("unlock_status")
        self.countdown = status_label("countdown")
        self.forgot_button = QPushButton(tr("Unlock", "&Forgot your passphrase?"))
        self.create_button = QPushButton(tr("Unlock", "Create a &new vault…"))
        form = QFormLayout()
        form.addRow(self.folder.label, self.folder)
        form.addRow(label_for(tr("Unlock", "&Passphrase:"), self.passphrase), self.passphrase)
        form.addRow("", self.show_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.countdown)
        others = QHBoxLayout()
        others.addWidget(self.forgot_button)
        others.addWidget(self.create_button)
        others.addStretch(1)
        layout.addLayout(others)
        layout.addStretch(1)
        self.show_box.toggled.connect(
            lambda on: self.passphrase.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.passphrase.returnPressed.connect(self.unlock_requested)
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.forgot_button.clicked.connect(self.forgot_requested)
        self.create_button.clicked.connect(self.create_requested)


class UnlockWindow(QWidget):
    """Emits ``unlocked(vault)`` once a vault is open (after the code page for a new one)."""

    unlocked = Signal(object)
    busy_changed = Signal(bool)
    close_requested = Signal()
    rekey_progress = Signal(int, int, str)  # emitted from the worker; shown on the UI thread

    def __init__(self, vault_dir: Path, options: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Unlock", "Engager Desktop"))
        self.setAccessibleName(tr("Unlock", "Engager Desktop: open your vault"))
        self._announced: str | None = None
        window_role(self)
        self._options = options
        self._busy = False
        self._relock_path: Path | None = None
        self._pending_vault: Any = None
        self._code_folder: Path | None = None
        self.stack = QStackedWidget()
        self.unlock_page = UnlockPage()
        self.create_page = CreatePage()
        self.recover_page = RecoverPage()
        self.code_page = CodePage()
        for page in (self.unlock_page, self.create_page, self.recover_page, self.code_page):
            self.stack.addWidget(page)
        self.stack.setMaximumWidth(MAX_WIDTH)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.stack, 100)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh_backoff)
        self._connect()
        self.resize(640, 480)
        self.set_folder(vault_dir)

    def _connect(self) -> None:
        self.unlock_page.unlock_requested.connect(self.unlock)
        self.unlock_page.forgot_requested.connect(lambda: self._go(RECOVER))
        self.unlock_page.create_requested.connect(lambda: self._go(CREATE))
        self.unlock_page.folder.edit.editingFinished.connect(self.refresh_backoff)
        self.create_page.create_requested.connect(self.create_vault)
        self.create_page.back_requested.connect(lambda: self._go(UNLOCK))
        self.recover_page.recover_requested.connect(self.recover)
        self.rekey_progress.connect(self.recover_page.someone.show_step)
        self.recover_page.back_requested.connect(lambda: self._go(UNLOCK))
        self.code_page.continue_requested.connect(self._finish_code)
        self.code_page.print_requested.connect(self.print_recovery_sheet)

    # ------------------------------------------------------------------ state

    def options(self) -> Any:
        """The vault options; made on first use (in a worker: it imports the vault code)."""
        if self._options is None:
            vault_module = importlib.import_module("engager_desktop.services.vault_types")
            self._options = vault_module.VaultOptions()
        return self._options

    def set_folder(self, path: Path) -> None:
        for page in (self.unlock_page, self.create_page, self.recover_page):
            page.folder.set_path(path)
        self._go(UNLOCK if is_vault(path) else CREATE)

    def for_relock(self, path: Path) -> None:
        """After an automatic lock: only this vault, passphrase or recovery code."""
        self._relock_path = path
        self.unlock_page.title.setText(tr("Unlock", "The vault is locked"))
        self._announced = None  # said again at every lock
        self.set_folder(path)
        self.unlock_page.folder.setEnabled(False)
        self.recover_page.folder.setEnabled(False)
        self.unlock_page.create_button.hide()
        self.unlock_page.status.setText(
            tr("Unlock", "Type your passphrase to carry on where you were.")
        )
        self._go(UNLOCK)  # announces its title: tr("Unlock", "The vault is locked")

    def page(self) -> int:
        return self.stack.currentIndex()

    def _go(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        focus = {
            UNLOCK: self.unlock_page.passphrase,
            CREATE: self.create_page.passphrase.first,
            RECOVER: self.recover_page.code,
            CODE: self.code_page.code_label,
        }[index]
        focus.setFocus()
        page = self.stack.widget(index)
        title = page.findChild(QLabel, HEADING) if page is not None else None
        if title is not None and self._announced != title.text():
            self._announced = title.text()  # a page's title once, until another is announced
            announce(title, title.text())
        if index == UNLOCK:
            self.refresh_backoff()

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for button in (
            self.unlock_page.unlock_button,
            self.create_page.create_button,
            self.recover_page.recover_button,
        ):
            button.setEnabled(not busy)
        if not busy:
            self.create_page._update()
            self.recover_page._update()
        self.unlock_page.status.setText(message)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self.busy_changed.emit(busy)

    # ------------------------------------------------------------------ back-off

    def refresh_backoff(self) -> None:
        """Show how long until the next attempt; the button comes back when the wait is over."""
        path = self.unlock_page.folder.path()
        if (
            path is None
            or not is_vault(path)
            or "engager_desktop.services.vault_access" not in sys.modules
        ):
            self._show_wait(0.0)
            return
        self._show_wait(_access().backoff_wait(path, self.options()))

    def _show_wait(self, seconds: float) -> None:
        waiting = seconds > 0
        if waiting:
            whole = int(seconds + 0.999)
            self.unlock_page.countdown.setText(self._wait_words(whole))
            if not self._timer.isActive():
                self._timer.start()
                announce(
                    self.unlock_page.countdown, self.unlock_page.countdown.text(), assertive=True
                )
        else:
            if self._timer.isActive():
                announce(
                    self.unlock_page.countdown,
                    tr("Unlock", "You can try your passphrase again now."),
                )
            self.unlock_page.countdown.clear()
            self._timer.stop()
        self.unlock_page.unlock_button.setEnabled(not waiting and not self._busy)

    @staticmethod
    def _wait_words(seconds: int) -> str:
        return trn(
            "Unlock",
            "Too many wrong attempts. You can try again in {n} second.",
            "Too many wrong attempts. You can try again in {n} seconds.",
            seconds,
        )

    def waiting(self) -> bool:
        return self._timer.isActive()

    # ------------------------------------------------------------------ unlock

    def unlock(self) -> None:
        path = self.unlock_page.folder.path()
        passphrase = self.unlock_page.passphrase.text()
        if self._busy or self.waiting():
            return
        if path is None or not is_vault(path):
            say(
                self.unlock_page.status,
                tr(
                    "Unlock",
                    "There is no vault in that folder. Choose another folder, "
                    "or create a new vault.",
                ),
                assertive=True,
            )
            return
        if not passphrase:
            say(
                self.unlock_page.status, tr("Unlock", "Type your passphrase first."), assertive=True
            )
            return
        self._set_busy(True, tr("Unlock", "Opening the vault…"))
        ops.run(
            lambda: _access().unlock(path, passphrase, self.options()),
            self._unlocked,
            self._unlock_failed,
            owner=self,
        )

    def _unlocked(self, vault: Any) -> None:
        self._set_busy(False)
        self.unlock_page.passphrase.clear()
        self.unlocked.emit(vault)

    def _unlock_failed(self, message: str, exc: BaseException) -> None:
        message = error_text(message)
        if type(exc).__name__ == "BackoffActive":
            message = self._wait_words(int(float(getattr(exc, "seconds", 1.0)) + 0.999))
        self._set_busy(False, message)
        announce(self.unlock_page.status, message, assertive=True)
        self.unlock_page.passphrase.selectAll()
        self.unlock_page.passphrase.setFocus()
        if type(exc).__name__ == "BackoffActive":
            self._show_wait(float(getattr(exc, "seconds", 1.0)))
        else:
            self.refresh_backoff()

    # ------------------------------------------------------------------ create and recover

    def create_vault(self) -> None:
        page = self.create_page
        path = page.folder.path()
        passphrase = page.passphrase.passphrase()
        name = page.laptop_name.text()
        if self._busy or path is None or not page.passphrase.acceptable() or page.name_error():
            return
        self._set_busy(True)
        page.status.setText(tr("Unlock", "Making the vault. This takes a few seconds…"))
        ops.run(
            lambda: _access().create(path, passphrase, self.options(), laptop_name=name),
            lambda result: self._show_code(path, *result),
            lambda message, _exc: self._page_failed(page.status, message),
            owner=self,
        )

    def recover(self) -> None:
        page = self.recover_page
        path = page.folder.path()
        code = page.code.text()
        passphrase = page.passphrase.passphrase()
        if self._busy or path is None or not page.passphrase.acceptable():
            return
        self._set_busy(True)
        page.status.setText(tr("Unlock", "Checking the recovery code…"))

        someone, progress = page.someone.checked(), self.rekey_progress.emit

        def work() -> Any:
            return _access().recover(
                path, code, passphrase, self.options(), someone_may_know=someone, progress=progress
            )

        ops.run(
            work,
            lambda result: self._show_code(path, *result),
            lambda message, _exc: self._page_failed(page.status, message),
            owner=self,
        )

    def _page_failed(self, label: QLabel, message: str) -> None:
        message = error_text(message)
        self._set_busy(False)
        self.recover_page.someone.done()
        say(label, message, assertive=True)

    def _show_code(self, path: Path, vault: Any, code: str, change: Any = None) -> None:
        self._set_busy(False)
        self.recover_page.someone.done()
        self._pending_vault = vault
        self._code_folder = path
        for page in (self.create_page, self.recover_page):
            page.passphrase.clear()
            page.status.clear()
        self.recover_page.code.clear()
        self.code_page.show_code(code, "" if change is None else result_text(change))
        self._go(CODE)

    def print_recovery_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Unlock", "Print the recovery sheet"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        sheet = self.recovery_sheet_document()
        sheet.print_(printer)

    def recovery_sheet_document(self) -> Any:
        return recovery_sheet(
            self.code_page.code_label.text(), self._code_folder, date.today().isoformat()
        )

    def _finish_code(self) -> None:
        vault, self._pending_vault = self._pending_vault, None
        self.code_page.forget()
        if vault is not None:
            self.unlocked.emit(vault)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_requested.emit()
        event.accept()

    def discard_pending(self) -> None:
        """Lock a vault made or recovered but never continued into (the window was closed)."""
        if self._pending_vault is not None:
            self._pending_vault.lock()
            self._pending_vault = None
