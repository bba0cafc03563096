"""Whether this process may start worker processes: always from source, once marked when frozen.

A packaged (frozen) program may start worker processes only after its entry point has called
``multiprocessing.freeze_support()``; the entry point then calls ``mark_ready()``. Kept apart from
the printing code so the entry point can mark it without importing SQLAlchemy or reportlab.
"""

from __future__ import annotations

import sys

_ready_when_frozen = False


def mark_ready() -> None:
    """Called by the packaged entry point right after ``multiprocessing.freeze_support()``."""
    global _ready_when_frozen
    _ready_when_frozen = True


def allowed() -> bool:
    return not getattr(sys, "frozen", False) or _ready_when_frozen
