"""Auto-lock: it fires while a modal dialog is open, leaves no man's data in any widget, disposes
the database connection and clears our clipboard text; unlocking returns to the same man and tab."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engager_desktop.app import AppController
from engager_desktop.services import caseload
from engager_desktop.store.vault import VaultLocked, VaultOptions
from engager_desktop.ui.autolock import AutoLock
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops
from tests.vault_fixtures import TEST_PASSPHRASE

IDLE_MS = 1500


def widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = widget.rootIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model's column count is private in PySide6
            columns = 1
        for row in range(model.rowCount(root)):
            for column in range(columns):
                texts.append(str(model.index(row, column, root).data() or ""))
    return texts


def data_left(words: list[str], older: frozenset[int] = frozenset()) -> list[str]:
    """Every text in every widget of the program that holds one of ``words`` (widgets made by
    earlier tests and not yet deleted, whose ids are in ``older``, are not this test's)."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b")
    found = []
    for widget in QApplication.allWidgets():
        if id(widget) in older:
            continue
        found += [t for t in widget_texts(widget) if t and pattern.search(t)]
    return found


def unlock(qtbot: QtBot, controller: AppController) -> None:
    page = controller.unlock_window.unlock_page
    qtbot.keyClicks(page.passphrase, TEST_PASSPHRASE)
    controller.unlock_window.unlock()
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=10_000)
    wait_ops(qtbot)


def test_autolock_with_a_modal_dialog_open_and_back_again(
    qtbot: QtBot, demo_path: Path, options: VaultOptions, settings: Settings
) -> None:
    older = frozenset(id(w) for w in QApplication.allWidgets())  # left by other tests
    controller = AppController(settings, demo_path, options=options, idle_ms=IDLE_MS)
    qtbot.addWidget(controller.unlock_window)
    controller.start(preload_modules=False)
    unlock(qtbot, controller)
    window = controller.main_window
    qtbot.addWidget(window)
    vault = controller.vault
    men = caseload.list_caseload(vault)
    words = [m.family_name for m in men] + [m.prison_number for m in men if m.prison_number]
    window.panel.table.selectRow(3)
    wait_ops(qtbot)
    window.workspace.set_current_tab(4)
    place = window.place()
    assert place[0] is not None and data_left(words, older)  # his data is on screen before
    QGuiApplication.clipboard().setText(men[3].family_name)
    controller.autolock.poke()

    box = QMessageBox(window)
    box.setText("A question that stays open")
    results: list[int] = []
    QTimer.singleShot(0, lambda: results.append(box.exec()))
    qtbot.waitUntil(lambda: controller.vault is None, timeout=IDLE_MS * 4)
    qtbot.waitUntil(lambda: bool(results), timeout=2000)  # the dialog's own loop ended
    QApplication.processEvents()

    assert not box.isVisible() and not window.isVisible()
    assert controller.unlock_window.isVisible()
    assert vault.closed and vault.engine.pool.checkedout() == 0
    try:
        with vault.read():
            raise AssertionError("a locked vault must not open a session")
    except VaultLocked:
        pass
    assert window.panel.model.rowCount() == 0
    assert data_left(words, older) == []
    assert QGuiApplication.clipboard().text() == ""

    unlock(qtbot, controller)
    assert window.isVisible() and window.place() == place
    assert window.panel.chosen() == place[0]
    assert window.workspace.data is not None and window.workspace.current_tab() == 4
    controller.quit()
    assert controller.vault is None


def test_lock_on_demand_then_idle_timer_restarts(
    qtbot: QtBot, demo_path: Path, options: VaultOptions, settings: Settings
) -> None:
    controller = AppController(settings, demo_path, options=options, idle_ms=60_000)
    qtbot.addWidget(controller.unlock_window)
    controller.start(preload_modules=False)
    unlock(qtbot, controller)
    qtbot.addWidget(controller.main_window)
    assert controller.autolock.active()
    controller.main_window.commands["lock"].trigger()
    assert controller.vault is None and not controller.autolock.active()
    assert controller.unlock_window.unlock_page.create_button.isHidden()
    unlock(qtbot, controller)
    assert controller.autolock.active()
    controller.quit()


def test_input_events_keep_it_unlocked(qtbot: QtBot) -> None:
    now = [0.0]
    lock = AutoLock(1000, clock=lambda: now[0], sleep_clock=lambda: now[0])
    fired: list[bool] = []
    lock.timed_out.connect(lambda: fired.append(True))
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    lock.start()
    now[0] = 0.9
    qtbot.keyClicks(field, "a")  # input: the idle time starts again
    now[0] = 1.5
    lock._check()
    assert fired == []
    now[0] = 2.0
    lock._check()
    assert fired == [True] and not lock.active()


def _clocks(qtbot: QtBot, timeout_ms: int) -> tuple[AutoLock, list[float], list[float], list[bool]]:
    """An armed AutoLock on injected clocks: (lock, awake clock, sleep-counting clock, fired)."""
    awake, counting = [100.0], [5000.0]
    lock = AutoLock(timeout_ms, clock=lambda: awake[0], sleep_clock=lambda: counting[0])
    fired: list[bool] = []
    lock.timed_out.connect(lambda: fired.append(lock.slept))
    lock.start()
    return lock, awake, counting, fired


def test_sleep_locks_at_once(qtbot: QtBot) -> None:
    lock, awake, counting, fired = _clocks(qtbot, 600_000)
    awake[0] += 1  # the lid closed a second after the last check
    counting[0] += 1 + 40  # and stayed closed 40 s: the sleep-counting clock ran on
    lock._check()
    assert fired == [True] and not lock.active()


def test_clocks_in_step_do_not_look_like_sleep(qtbot: QtBot) -> None:
    lock, awake, counting, fired = _clocks(qtbot, 600_000)
    for _ in range(50):  # 50 checks 5 s apart, with up to 14 s of drift between the clocks
        awake[0] += 5
        counting[0] += 5.28
        lock._check()
    assert fired == [] and lock.active()
    lock.stop()


def test_idle_time_counts_the_sleep(qtbot: QtBot) -> None:
    lock, awake, counting, fired = _clocks(qtbot, 60_000)
    for _ in range(10):  # short naps, each too short to count as sleep, add up to the timeout
        awake[0] += 1
        counting[0] += 7
        lock._check()
    assert fired == [False]


def test_a_wall_clock_set_back_does_not_postpone_the_lock(qtbot: QtBot) -> None:
    lock, awake, counting, fired = _clocks(qtbot, 60_000)
    counting[0] -= 3600  # someone set the clock back an hour
    for _ in range(11):
        awake[0] += 6
        counting[0] += 6
        lock._check()
    assert fired == [False]


def test_the_platform_saying_suspended_locks(qtbot: QtBot) -> None:
    lock, _awake, _counting, fired = _clocks(qtbot, 600_000)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert fired == []
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert fired == [True] and not lock.active()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert fired == [True]  # once: it is no longer armed


def test_an_open_wizard_is_closed_by_the_lock_and_reopened_after(
    qtbot: QtBot, demo_path: Path, options: VaultOptions, settings: Settings
) -> None:
    controller = AppController(settings, demo_path, options=options, idle_ms=60_000)
    qtbot.addWidget(controller.unlock_window)
    controller.start(preload_modules=False)
    unlock(qtbot, controller)
    window = controller.main_window
    qtbot.addWidget(window)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    man_id = window.workspace.man_id()
    button = window.workspace.buttons["review"]
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5000)
    wizard = QApplication.activeModalWidget()
    assert wizard is not None and wizard.isVisible()
    controller.lock()
    assert controller._reopen == [("review", man_id)]
    assert QApplication.activeModalWidget() is None
    unlock(qtbot, controller)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5000)
    reopened = QApplication.activeModalWidget()
    assert getattr(reopened, "man_id", man_id) == man_id
    reopened.close_for_lock()  # type: ignore[union-attr]
    controller.quit()
