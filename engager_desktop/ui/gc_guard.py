"""While background work runs, Python's cycle collector runs only on the UI thread.

Why: the collector runs on whichever thread happens to allocate. When it runs on a worker and
frees a cycle that holds the Python wrapper of a Qt widget (a dialog whose ``self.f = lambda:
…self…`` makes a cycle), shiboken (PySide6 6.12) hands the C++ deletion over to the UI thread, and
for a widget Qt has already deleted (a dialog closed with ``WA_DeleteOnClose``) it deletes it a
second time: the program crashes with a segmentation fault. Measured with a test that opens and
closes 150 print previews while their PDFs are built: 5 crashes in 9 runs without this guard.

So ``hold()`` (called by ``ops.run`` as work starts) turns automatic collection off, and a
UI-thread timer does what the collector would have done (collect the oldest generation over its
threshold). Once no op is waiting for delivery and no worker is running, automatic collection is
switched back on. All on the UI thread; the CLI never imports this.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QThreadPool, QTimer

TICK_MS = 100

_timer: QTimer | None = None
_held = False


def hold() -> None:
    """Keep automatic collection off until every worker of the watched pools is done (UI thread)."""
    global _held
    if not _held:
        if not gc.isenabled():
            return  # someone else (a test, a benchmark) turned it off: leave it to them
        gc.disable()
        _held = True
    timer = _tick_timer()
    if not timer.isActive():  # restarting it on every op would put the next tick off for ever
        timer.start()


def held() -> bool:
    return _held


def collect_due() -> int:
    """What automatic collection would do now: the oldest generation over its threshold."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            return gc.collect(generation)
    return 0


def _nothing_pending() -> bool:
    return False


_busy: Callable[[], bool] = _nothing_pending
_pools: list[QThreadPool] = []


def watch(pool: QThreadPool, busy: Callable[[], bool]) -> None:
    """A pool whose workers run Python, and how to ask whether ops are still undelivered."""
    global _busy
    if pool not in _pools:
        _pools.append(pool)
    _busy = busy


def tick() -> None:
    """Collect what is due; switch automatic collection back on once no work is left."""
    global _held
    collect_due()
    if _busy() or any(pool.activeThreadCount() > 0 for pool in _pools):
        return
    if _timer is not None:
        _timer.stop()
    if _held:
        _held = False
        gc.enable()


def _tick_timer() -> QTimer:
    global _timer
    if _timer is None:
        _timer = QTimer()
        _timer.setInterval(TICK_MS)
        _timer.timeout.connect(tick)
    return _timer
