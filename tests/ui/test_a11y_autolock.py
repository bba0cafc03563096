"""The lock warns a minute ahead, out loud; any key or a focus move puts it off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.ui.a11y import heard
from engager_desktop.ui.autolock import AutoLock
from engager_desktop.ui.lock_warning import LockWarning

pytestmark = pytest.mark.gui


def armed(qtbot: QtBot, timeout_s: float) -> tuple[AutoLock, list[float], list[bool], LockWarning]:
    now = [0.0]
    lock = AutoLock(int(timeout_s * 1000), clock=lambda: now[0], sleep_clock=lambda: now[0])
    fired: list[bool] = []
    lock.timed_out.connect(lambda: fired.append(True))
    warning = LockWarning(lock)
    qtbot.addWidget(warning)
    lock.start()
    return lock, now, fired, warning


def test_a_warning_is_shown_and_spoken_a_minute_before_the_lock(qtbot: QtBot) -> None:
    lock, now, fired, warning = armed(qtbot, 600)
    now[0] = 539
    lock._check()
    assert not warning.isVisible()
    now[0] = 540
    with heard() as words:
        lock._check()
    assert warning.isVisible() and fired == []
    assert words == [warning.message.text()] and "60 seconds" in words[0]
    assert warning.focusWidget() is warning.keep
    now[0] = 600
    lock._check()
    assert fired == [True] and not warning.isVisible()


def test_any_key_in_the_warning_keeps_the_vault_open(qtbot: QtBot) -> None:
    lock, now, fired, warning = armed(qtbot, 600)
    now[0] = 550
    lock._check()
    assert warning.isVisible()
    qtbot.keyClick(warning.keep, Qt.Key.Key_A)
    assert not warning.isVisible()
    now[0] = 1100  # 550 s after the key: not yet
    lock._check()
    assert fired == [] and lock.active()
    now[0] = 1150
    lock._check()
    assert fired == [True]


def test_a_focus_move_counts_as_activity_but_not_the_warnings_own(qtbot: QtBot) -> None:
    lock, now, fired, warning = armed(qtbot, 600)
    holder = QWidget()
    qtbot.addWidget(holder)
    first, second = QLineEdit(holder), QLineEdit(holder)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    qtbot.waitUntil(holder.isActiveWindow)
    first.setFocus()
    now[0] = 500
    second.setFocus()  # as a screen reader moving the focus along does
    qtbot.waitUntil(second.hasFocus)
    assert lock.idle_seconds() == 0
    now[0] = 1040
    lock._check()
    assert warning.isVisible()  # its own focus did not put the lock off
    assert fired == [] and warning.isVisible()
    now[0] = 1100
    lock._check()
    assert fired == [True]
