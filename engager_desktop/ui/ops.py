"""Run slow work off the UI thread: ``run(fn, success, failure)``, callbacks back on the UI thread.

``fn`` runs in a worker of a private QThreadPool and must never touch a widget. While any runs,
the cycle collector runs only on the UI thread (``gc_guard``), and the callbacks and ``fn`` are
let go of on the UI thread: a Qt wrapper freed on a worker crashes PySide6. Its result goes to
``success`` and any exception, as a plain one-line message, to ``failure`` (both on the UI
thread). ``cancel_all`` (used when the vault locks) stops every pending callback from arriving.

``run_in_order`` is for work whose order matters (a wizard's draft saves, its commit): it runs on
a second pool with one thread, first in, first out, so a job starts only after every job queued
before it has finished, and no worker of the main pool sits waiting for its turn. Nothing on the
UI thread waits for it either; ``wait_in_order`` exists for the lock (the vault must not close
under a draft being written) and for tests. Notes: docs/threads.md.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from engager_desktop.domain.errors import UserError, describe
from engager_desktop.ui import gc_guard

log = logging.getLogger(__name__)

MAX_WORKERS = 4
GENERIC_FAILURE = "Something went wrong and that step was not finished. Nothing you typed is lost."

Success = Callable[[Any], None]
Failure = Callable[[str, BaseException], None]

_pool: QThreadPool | None = None
_serial: QThreadPool | None = None
_live: set[Op] = set()
_generation = 0


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_WORKERS)
        gc_guard.watch(_pool, lambda: pending() > 0)
    return _pool


def serial_pool() -> QThreadPool:
    """One thread: jobs run one at a time, in the order they were queued."""
    global _serial
    if _serial is None:
        _serial = QThreadPool()
        _serial.setMaxThreadCount(1)
        gc_guard.watch(_serial, lambda: pending() > 0)
    return _serial


def plain_message(exc: BaseException) -> str:
    """What the practitioner reads (``domain.errors.describe``); anything unexpected is logged."""
    if not isinstance(exc, UserError | OSError):
        from engager_desktop.ui import errors  # late: errors imports widgets

        errors.log_exception(exc)
    return describe(exc, GENERIC_FAILURE)


class Op(QObject):
    """One piece of work in flight; lives on the UI thread and delivers its result there."""

    _finished = Signal(bool, object)

    def __init__(
        self,
        success: Success | None,
        failure: Failure | None,
        owner: QObject | None,
        work: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self._success = success
        self._failure = failure
        self._owner = owner
        self._keep = work  # held here too, so the last reference goes on the UI thread
        self._generation = _generation
        self.cancelled = False
        self.done = False
        self._finished.connect(self._deliver)

    def cancel(self) -> None:
        """Drop the callbacks; the worker still finishes what it started."""
        self.cancelled = True

    @Slot(bool, object)
    def _deliver(self, ok: bool, payload: object) -> None:
        self.done = True
        # Forget this op only after the event that called us is over: dropping the last
        # reference here would delete the QObject while Qt is still delivering to it.
        QTimer.singleShot(0, lambda: _live.discard(self))
        try:
            self._call_back(ok, payload)
        finally:
            # Drop the callbacks and the work here, on the UI thread. They may hold the last
            # reference to a window (a bound method, a closure over ``self``); released in a
            # worker, shiboken would delete that window's C++ object a second time.
            self._success = self._failure = self._owner = self._keep = None

    def _call_back(self, ok: bool, payload: object) -> None:
        if self.cancelled or self._generation != _generation:
            return
        if self._owner is not None and not shiboken6.isValid(self._owner):
            return  # the window that asked has gone
        if ok:
            if self._success is not None:
                self._success(payload)
        else:
            assert isinstance(payload, BaseException)
            message = plain_message(payload)
            if self._failure is not None:
                self._failure(message, payload)
            else:
                log.warning("background step failed: %s", type(payload).__name__)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], op: Op) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._op = op

    def run(self) -> None:
        # The work (often a closure over a window) is held by the Op on the UI thread as well;
        # this worker lets go of it before reporting, so the last reference is dropped there.
        fn, self._fn = self._fn, None
        assert fn is not None  # a task runs once
        op = self._op
        try:
            result = fn()
        except BaseException as exc:  # every failure is reported, never lost in a thread
            traceback.clear_frames(exc.__traceback__)  # the frames' locals: the closure again
            ok, payload = False, exc
        else:
            ok, payload = True, result
        del fn
        op._finished.emit(ok, payload)


def run(
    fn: Callable[[], Any],
    success: Success | None = None,
    failure: Failure | None = None,
    *,
    owner: QObject | None = None,
) -> Op:
    """Run ``fn`` in the pool, then ``success(result)`` or ``failure(message, exc)`` here.

    ``owner``: the widget asking; if it is deleted meanwhile, neither callback runs.
    """
    return _start(pool(), fn, success, failure, owner)


def run_in_order(
    fn: Callable[[], Any],
    success: Success | None = None,
    failure: Failure | None = None,
    *,
    owner: QObject | None = None,
) -> Op:
    """Like ``run``, but ``fn`` starts only once every ``run_in_order`` job before it is done."""
    return _start(serial_pool(), fn, success, failure, owner)


def _start(
    where: QThreadPool,
    fn: Callable[[], Any],
    success: Success | None,
    failure: Failure | None,
    owner: QObject | None,
) -> Op:
    op = Op(success, failure, owner, fn)
    _live.add(op)
    gc_guard.hold()  # no cycle collection on a worker: see gc_guard
    where.start(_Task(fn, op))
    return op


def pending() -> int:
    """Ops started and not yet delivered (for tests and for a busy indicator)."""
    return sum(not op.done for op in _live)


def cancel_all() -> None:
    """Every op started before now will deliver nothing (the vault is locking)."""
    global _generation
    _generation += 1


def wait_in_order(msecs: int = 5000) -> bool:
    """Block until every ``run_in_order`` job has run (locking, and tests); not other work."""
    return serial_pool().waitForDone(msecs)


def wait_for_workers(msecs: int = 5000) -> bool:
    """Block until both pools are idle (used when quitting, never while the window is in use)."""
    return serial_pool().waitForDone(msecs) and pool().waitForDone(msecs)
