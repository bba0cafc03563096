"""A wizard's service calls off the UI thread, one at a time, in the order they were queued.

A wizard needs order: a draft saved before the commit must be written before it, or the draft
discarded by the commit would come back. ``ops.run_in_order`` gives that (one worker thread, first
in, first out) without making any thread wait for its turn, and without the UI thread waiting for
anything. ``fn`` takes plain values (the vault, ids, a dict of typed values), never a widget;
``success`` and ``failure`` run on the UI thread (and not at all once ``ops.cancel_all`` has run
for a lock, or once ``owner`` is deleted). Notes: docs/threads.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from engager_desktop.ui import ops


def run(
    fn: Callable[[], Any],
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Queue ``fn`` after every job queued before it; then ``success`` or ``failure`` here."""

    def failed(_message: str, error: BaseException) -> None:
        if failure is not None:
            failure(error)

    ops.run_in_order(fn, success, failed, owner=owner)


def wait_idle(msecs: int = 5000) -> bool:
    """Block until every queued wizard job has run: only before a lock, and in tests."""
    return ops.wait_in_order(msecs)
