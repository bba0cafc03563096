"""The warning a minute before the vault locks itself: announced, and any key keeps it open."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from engager_desktop.i18n import tr, trn
from engager_desktop.ui.a11y import announce
from engager_desktop.ui.autolock import QUIET, AutoLock


def warning_words(seconds: float) -> str:
    whole = max(1, int(seconds + 0.5))
    return trn(
        "LockWarning",
        "The vault locks in {n} second because nothing has been typed or clicked. "
        "Press any key to keep working.",
        "The vault locks in {n} seconds because nothing has been typed or clicked. "
        "Press any key to keep working.",
        whole,
    )


class LockWarning(QDialog):
    """Shown when ``autolock`` warns; hidden again by any input or by the lock itself."""

    def __init__(self, autolock: AutoLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autolock = autolock
        self.setWindowTitle(tr("LockWarning", "The vault is about to lock"))
        self.setProperty(QUIET, True)  # its own focus is not the practitioner's activity
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.keep = buttons.addButton(
            tr("LockWarning", "&Keep working"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep.setDefault(True)
        buttons.accepted.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._left = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        autolock.warning.connect(self.warn)
        autolock.extended.connect(self.hide)
        autolock.timed_out.connect(self.hide)

    def warn(self, seconds: float) -> None:
        self._left = seconds
        self.message.setText(warning_words(seconds))
        self.show()
        self.raise_()
        self.activateWindow()
        self.keep.setFocus()
        self._tick.start()
        announce(self.message, self.message.text(), assertive=True)

    def _count_down(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._tick.stop()
            return
        self.message.setText(warning_words(self._left))  # the reader reads it as it is now

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        self._tick.stop()
        super().hideEvent(event)
