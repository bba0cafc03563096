"""No cycle collection on a worker thread while background work runs (see ui/gc_guard.py)."""

from __future__ import annotations

import gc
import random

import pytest
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui import gc_guard, ops
from engager_desktop.ui.printing import documents_list_widget
from tests.services import print_fixtures
from tests.ui.app_fixtures import wait_ops

pytestmark = pytest.mark.gui


def _settled(qtbot: QtBot) -> None:
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: not gc_guard.held(), timeout=5000)


def test_no_cycle_collection_on_a_worker_and_back_on_after(qtbot: QtBot) -> None:
    _settled(qtbot)  # nothing left over from an earlier test
    assert gc.isenabled()
    seen: list[bool] = []
    ops.run(gc.isenabled, seen.append)
    assert gc_guard.held() and not gc.isenabled()
    _settled(qtbot)
    assert seen == [False]  # the worker ran with automatic collection off
    assert gc.isenabled()


def test_while_held_the_ui_thread_collects_what_is_due(qtbot: QtBot) -> None:
    _settled(qtbot)
    gc.collect()
    gc_guard.hold()
    try:
        for _ in range(gc.get_threshold()[0] + 50):  # cycles: only the collector frees them
            ring: list[object] = []
            ring.append(ring)
        assert gc.get_count()[0] > gc.get_threshold()[0]
        assert gc_guard.collect_due() > 0
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        _settled(qtbot)
    assert gc.isenabled()


def test_work_started_faster_than_the_tick_does_not_put_collection_off(qtbot: QtBot) -> None:
    _settled(qtbot)
    gc_guard.hold()
    ticks = gc_guard._tick_timer()
    first = ticks.remainingTime()
    qtbot.wait(60)
    gc_guard.hold()  # another op, 60 ms later: the tick stays due when it was
    assert ticks.remainingTime() < first
    _settled(qtbot)


def test_collection_switched_off_elsewhere_is_left_alone(qtbot: QtBot) -> None:
    _settled(qtbot)
    gc.disable()
    try:
        ops.run(lambda: None)
        assert not gc_guard.held()
        _settled(qtbot)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _open_and_close_previews(qtbot: QtBot, vault: Vault, man_id: str, times: int) -> None:
    """Previews closed (and deleted) while their PDFs are still being built: before the guard,
    a collection on a worker freed their wrappers there and PySide6 crashed the process."""
    widget = documents_list_widget(vault, man_id)
    qtbot.addWidget(widget)
    titles = [widget.list.item(n).text() for n in range(widget.list.count())]
    rng = random.Random(3)
    for _ in range(times):
        widget.list.setCurrentRow(titles.index("Our plan"))
        widget.open_button.click()
        qtbot.wait(rng.randrange(0, 120))
        assert widget.opened is not None
        widget.opened.close()
        qtbot.wait(rng.randrange(0, 30))
    _settled(qtbot)


def test_previews_closed_while_building(qtbot: QtBot, vault: Vault) -> None:
    _open_and_close_previews(qtbot, vault, print_fixtures.add_full_man(vault), 30)


@pytest.mark.slow
def test_previews_closed_while_building_long(qtbot: QtBot, vault: Vault) -> None:
    _open_and_close_previews(qtbot, vault, print_fixtures.add_full_man(vault), 400)
