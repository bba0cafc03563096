"""Work around PySide6 6.12 reference-count bugs that abort the process on Python 3.11.

Measured with PySide6/shiboken6 6.12.0 on CPython 3.11: every Qt method returning nothing
(``setText``, ``processEvents`` …) hands back ``None`` without taking a reference, and every
``Signal.emit()`` from Python does the same with ``True``. Each call so costs one reference; once
a count reaches zero the interpreter aborts ("none_dealloc: deallocating None", "bool_dealloc").
A loaded program holds about 50,000 references to None, so a few hours of use would kill it.
Python 3.12 made these objects immortal, which is presumably why the bug went unnoticed.

``keep_singletons_alive()`` adds 2**40 references to None, True and False once, so no realistic
number of calls can bring them to zero (an extra reference to them costs nothing). On 3.12 and
later it does nothing. ``void_call_loses_none()`` tells whether the installed PySide6 still has
the bug.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40
_done = False


def keep_singletons_alive() -> None:
    """Make None, True and False effectively immortal (once per process; harmless if unneeded)."""
    global _done
    if _done:
        return
    _done = True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (None, True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _EXTRA_REFERENCES


def void_call_loses_none() -> bool:
    """Whether a Qt method returning nothing still costs a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def emit_loses_true() -> bool:
    """Whether emitting a Python-declared signal still costs a reference to True."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.ping.emit()
    return sys.getrefcount(True) < before
