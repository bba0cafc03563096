"""Print (or save) action plans for every man on the caseload, with progress and a cancel button.

The batch runs off the UI thread (see ``services.printing_batch``); progress comes back through a
signal, and Cancel stops it before the next man. Every plan that went out is audited. Who is on
the caseload is read on a worker as the dialog opens; until it arrives the buttons are off.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr, trn
from engager_desktop.services import printing_batch
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import SpokenLabel, describe_value
from engager_desktop.ui.printing.pdf_pages import PrinterSink
from engager_desktop.ui.printing.preview_dialog import (
    ChoosePrinter,
    NoPrinter,
    ask_printer,
    default_folder,
    one_line,
)
from engager_desktop.worksheets.kinds import KINDS
from engager_desktop.worksheets.options import PrintOptions


def ask_folder(parent: QWidget) -> str | None:
    path = QFileDialog.getExistingDirectory(
        parent, tr("Print", "Choose the folder to save them in"), str(default_folder())
    )
    return path or None


class _Progress(QObject):
    """What the batch's worker reports to (a plain QObject, never the dialog): Qt queues the
    signal over to the UI thread."""

    said = Signal(int, int)


class BatchDialog(QDialog):
    """One document per man for every man still on the caseload (action plans by default)."""

    progressed = Signal(int, int)

    def __init__(
        self,
        vault: Vault,
        parent: QWidget | None = None,
        *,
        kind: str = "action-plan",
        large_print: bool = False,
        workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.kind, self.workers = vault, kind, workers
        self.men: tuple[str, ...] = ()
        self.outcome: printing_batch.BatchResult | None = None
        self.choose_folder: Callable[[QWidget], str | None] = ask_folder
        self.choose_printer: ChoosePrinter = ask_printer
        self._cancel = threading.Event()
        self._started = 0.0
        self.running = False
        self.setWindowTitle(tr("Print", "Print for everyone"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(tr("Print", "Finding the men still on the caseload…"))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.large_print = QCheckBox(tr("Print", "&Large print"))
        self.large_print.setChecked(large_print)
        layout.addWidget(self.large_print)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setAccessibleName(tr("Print", "Progress"))
        layout.addWidget(self.progress)
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        describe_value(self.status, tr("Print", "Status"))
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.progressed.connect(self._show_progress)
        self._progress = _Progress()
        self._progress.said.connect(self.progressed)
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        ops.run(lambda: printing_batch.men_to_print(vault), self.show_men, self._failed, owner=self)

    def show_men(self, men: tuple[str, ...]) -> None:
        """Who the batch is for (read on a worker): now it can start."""
        self.men = men
        title = KINDS[self.kind].title
        self.intro.setText(
            trn(
                "Print",
                "Print “{title}” for the {n} man still on the caseload. Each man's papers are "
                "in his own language. You can stop at any time.",
                "Print “{title}” for each of the {n} men still on the caseload, one after "
                "another. Each man's papers are in his own language. You can stop at any time.",
                len(men),
            ).format(title=title)
        )
        self.progress.setRange(0, max(1, len(men)))
        self._set_running(False)

    def ready(self) -> bool:
        """Whether the list of men has arrived."""
        return self.save_button.isEnabled() or self.running or self.outcome is not None

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton(tr("Print", "&Save them in a folder…"))
        self.print_button = QPushButton(tr("Print", "&Print them all…"))
        self.cancel_button = QPushButton(tr("Print", "S&top"))
        self.close_button = QPushButton(tr("Print", "&Close"))
        self.cancel_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_all)
        self.print_button.clicked.connect(self.print_all)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    def save_all(self) -> None:
        folder = self.choose_folder(self)
        if not folder:
            return
        try:
            sink = printing_batch.FolderSink(folder)
        except Exception as exc:
            self.status.setText(ops.plain_message(exc))
            return
        self._start(sink, "file", lambda: None)

    def print_all(self) -> None:
        try:
            printer = self.choose_printer(self)
        except NoPrinter as exc:
            self.status.setText(str(exc))
            return
        if printer is None:
            return
        sink = PrinterSink(printer)
        self._start(sink, "printer", sink.close)

    def _start(self, sink: printing_batch.Sink, destination: str, finish: Callable[[], None]):
        vault, kind, men, workers = self.vault, self.kind, self.men, self.workers
        options = PrintOptions(large_print=self.large_print.isChecked())
        cancelled, progress = self._cancel.is_set, self._progress.said.emit
        self._cancel.clear()

        def work() -> printing_batch.BatchResult:
            try:
                return printing_batch.run_batch(
                    vault,
                    kind,
                    men,
                    sink,
                    destination=destination,
                    options=options,
                    cancelled=cancelled,
                    progress=progress,
                    workers=workers,
                )
            finally:
                finish()

        self._set_running(True)
        self._started = time.monotonic()
        self.status.setText(tr("Print", "Starting…"))
        ops.run(work, self._finished, self._failed)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.close_button.setEnabled(not running)
        for button in (self.save_button, self.print_button):
            button.setEnabled(not running and bool(self.men))
        self.large_print.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        self.status.setText(tr("Print", "{done} of {total} done…").format(done=done, total=total))

    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText(tr("Print", "Stopping after the one in hand…"))

    def _finished(self, result: printing_batch.BatchResult) -> None:
        self.outcome = result
        self._set_running(False)
        seconds = time.monotonic() - self._started
        count = len(result.delivered)
        if result.cancelled:
            self.status.setText(
                tr("Print", "Stopped: {done} of {total} done.").format(
                    done=count, total=len(self.men)
                )
            )
        else:
            self.status.setText(
                trn(
                    "Print",
                    "Done: {count} in {n} second.",
                    "Done: {count} in {n} seconds.",
                    round(seconds),
                ).format(count=count)
            )

    def _failed(self, message: str, exc: BaseException) -> None:
        self._set_running(False)
        self.status.setText(
            tr("Print", "It stopped part-way: {reason}").format(reason=one_line(message, exc))
        )

    def reject(self) -> None:
        if self.running:  # closing while it runs would leave it printing unseen: stop it first
            self.cancel()
            return
        super().reject()
