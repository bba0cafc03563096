"""Uncaught errors: a plain apology for the practitioner, the details in a log without his data.

The log keeps the exception's type and where it happened (file, line, function), never its
message or any value, because a message could quote something typed about a man.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from engager_desktop.i18n import N_, tr

LOG_NAME = "engager-errors.log"
MAX_LOG_BYTES = 512 * 1024
APOLOGY = N_(
    "Errors",
    "Sorry, something went wrong inside Engager Desktop.\n\n"
    "What you were typing is kept as a draft. You can carry on, or close the window and "
    "open it again.",
)

_log_path: Path | None = None
_showing = False
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def safe_details(exc: BaseException) -> str:
    """Type and stack of ``exc`` (and of its causes), with no message text and no values."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by:")
    return "\n".join(lines)


def log_exception(exc: BaseException) -> None:
    """Append the safe details of ``exc`` to the error log (if one is set) and the logger."""
    details = safe_details(exc)
    logging.getLogger("engager_desktop").error("uncaught error:\n%s", details)
    if _log_path is None:
        return
    try:
        if _log_path.exists() and _log_path.stat().st_size > MAX_LOG_BYTES:
            _log_path.replace(_log_path.with_suffix(".old"))
        with _log_path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        pass  # a full disk must not turn an apology into a crash


def show_apology(parent: QWidget | None = None) -> None:
    global _showing
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Errors", "Something went wrong"))
        box.setText(tr("Errors", APOLOGY))
        if _log_path is not None:
            box.setInformativeText(
                tr("Errors", "Details for support were written to {path}.").format(path=_log_path)
            )
        box.setAccessibleName(tr("Errors", "Something went wrong"))
        box.exec()
    finally:
        _showing = False


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc.__traceback__ = tb
    log_exception(exc)
    show_apology(QApplication.activeWindow())


def install(log_dir: Path | None) -> ExceptHook:
    """Route uncaught exceptions to the apology; returns the previous hook (tests restore it)."""
    global _log_path
    previous: ExceptHook = sys.excepthook
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            _log_path = log_dir / LOG_NAME
        except OSError:
            _log_path = None
    sys.excepthook = excepthook
    return previous


def log_path() -> Path | None:
    return _log_path
