"""A wizard's service calls off the UI thread through ``ui.ops``, run one at a time, in order.

``ui.ops`` runs jobs on several workers at once. A wizard needs order: a draft saved before the
commit must be written before it, or the draft discarded by the commit would come back. So each
job takes a ticket when it is queued and waits, on its worker, for the jobs queued before it.
Workers take jobs first in, first out, so an earlier ticket is always already running: no job
waits for one that has not started. ``fn`` never touches a widget; ``success`` and ``failure``
run on the UI thread (and not at all once ``ops.cancel_all`` has run for a lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from engager_desktop.ui import ops

_turn = threading.Condition()
_issued = 0
_serving = 0


def _in_order(fn: Callable[[], Any]) -> Callable[[], Any]:
    global _issued
    with _turn:
        ticket = _issued
        _issued += 1

    def job() -> Any:
        global _serving
        with _turn:
            _turn.wait_for(lambda: _serving == ticket)
        try:
            return fn()
        finally:
            with _turn:
                _serving += 1
                _turn.notify_all()

    return job


def run(
    fn: Callable[[], Any],
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Queue ``fn`` after every job queued before it; then ``success`` or ``failure`` here."""

    def failed(_message: str, error: BaseException) -> None:
        if failure is not None:
            failure(error)

    ops.run(_in_order(fn), success, failed)


def wait_idle(msecs: int = 5000) -> bool:
    """Block until every queued job has run (before a lock or a close, and in tests)."""
    return ops.wait_for_workers(msecs)
