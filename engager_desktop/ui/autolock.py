"""Lock after idle minutes, and when the laptop sleeps: an application event filter notes input,
a timer checks the time.

The check timer runs in whatever event loop is turning (a modal dialog's too), so the lock fires
while a dialog is open. Sleep (lid closed, suspend) is seen two ways: the platform saying the
application is suspended, where it does; and a clock that counts sleep running ahead of one that
does not (``time.monotonic`` stops during sleep on Linux and macOS; the boot-time or wall clock
does not). Idle time is the longer of the two clocks' counts, so a laptop opened after a long
sleep is never left unlocked while the idle countdown catches up, and a wall clock set back does
not postpone the lock.

``close_dialogs`` ends every dialog and popup; ``ClipboardGuard`` clears
the clipboard if it holds text copied from this program.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
# Moving the focus counts as activity: a screen reader that moves the focus (NVDA, Narrator and
# Orca do when they follow the reading) reaches us as a focus change, not as a key press.
ACTIVITY_EVENTS = frozenset({QEvent.Type.FocusIn})
WARN_S = 60.0  # the warning comes this long before the lock (half the timeout when shorter)
QUIET = "engagerNotActivity"  # a window whose focus changes are not activity (the warning)
MAX_CHECK_MS = 5000
SLEEP_GAP_S = 15.0  # the sleep-counting clock ahead of the other by this much: the laptop slept


def sleep_counting_clock() -> float:
    """Seconds on a clock that keeps counting while the laptop sleeps."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)  # Linux: monotonic, and counts suspend
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()  # elsewhere the wall clock; a jump forward only locks early


class AutoLock(QObject):
    """Emits ``timed_out`` once after ``timeout_ms`` without keyboard or mouse input, or as soon
    as it sees that the laptop slept (``slept`` is then true).

    ``warning`` (seconds left) comes once, a minute before an idle lock; ``extended`` when input
    after the warning puts the lock off again.
    """

    timed_out = Signal()
    warning = Signal(float)
    extended = Signal()

    def __init__(
        self,
        timeout_ms: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
        sleep_clock: Callable[[], float] = sleep_counting_clock,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._sleep_clock = sleep_clock
        self._timeout = timeout_ms / 1000
        self._ticks = self._last = (clock(), sleep_clock())
        self._armed = False
        self._warned = False
        self.slept = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._set_interval(timeout_ms)

    def _set_interval(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(20, min(MAX_CHECK_MS, timeout_ms // 4)))

    def set_timeout(self, timeout_ms: int) -> None:
        self._timeout = timeout_ms / 1000
        self._set_interval(timeout_ms)

    def start(self) -> None:
        """Watch the whole application from now on."""
        app = QApplication.instance()
        if isinstance(app, QGuiApplication) and not self._armed:
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)
        self._armed = True
        self.slept = False
        self.poke()
        self._ticks = self._last
        self._timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QGuiApplication) and self._armed:
            app.removeEventFilter(self)
            app.applicationStateChanged.disconnect(self._state_changed)
        self._armed = False
        self._timer.stop()

    def active(self) -> bool:
        return self._armed

    def poke(self) -> None:
        self._last = (self._clock(), self._sleep_clock())
        if self._warned:
            self._warned = False
            self.extended.emit()

    def warn_lead(self) -> float:
        """How many seconds before the lock the warning comes."""
        return min(WARN_S, self._timeout / 2)

    def idle_seconds(self) -> float:
        awake, counting = self._last
        return max(self._clock() - awake, self._sleep_clock() - counting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.poke()
        elif kind in ACTIVITY_EVENTS and isinstance(watched, QWidget):
            if not watched.window().property(QUIET):
                self.poke()
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self._fire(slept=True)

    def _check(self) -> None:
        awake, counting = self._clock(), self._sleep_clock()
        before_awake, before_counting = self._ticks
        self._ticks = (awake, counting)
        if (counting - before_counting) - (awake - before_awake) > SLEEP_GAP_S:
            self._fire(slept=True)
        elif self.idle_seconds() >= self._timeout:
            self._fire(slept=False)
        elif not self._warned and self.idle_seconds() >= self._timeout - self.warn_lead():
            self._warned = True
            self.warning.emit(self._timeout - self.idle_seconds())

    def _fire(self, *, slept: bool) -> None:
        if self._armed:
            self.stop()
            self._warned = False
            self.slept = slept
            self.timed_out.emit()


def close_dialogs() -> int:
    """Close every popup and dialog; a dialog with ``close_for_lock()`` is asked to do it itself.

    ``close_for_lock`` lets a form keep its draft and skip its "discard changes?" question.
    Returns the number of dialogs closed.
    """
    app = QApplication.instance()
    if app is None:
        return 0
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            closer = getattr(widget, "close_for_lock", None)
            if callable(closer):
                closer()
            else:
                widget.reject()
            widget.hide()
            closed += 1
    return closed


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    """Remembers a fingerprint of text copied while this program is in front, to clear it later.

    ``ownsClipboard`` answers this on X11 and Windows; the fingerprint covers the other systems.
    Only a hash is kept, never the text.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: bytes | None = None
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        if QGuiApplication.focusWindow() is not None:
            self._ours = _digest(QGuiApplication.clipboard().text())

    def clear_if_ours(self) -> bool:
        board = QGuiApplication.clipboard()
        ours = board.ownsClipboard() or (
            self._ours is not None and board.text() and _digest(board.text()) == self._ours
        )
        self._ours = None
        if ours:
            board.clear()
        return bool(ours)
