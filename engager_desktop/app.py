"""Composition root: the QApplication, the unlock window, the main window, auto-lock.

Only Qt and the unlock window load before it shows; the vault code, SQLAlchemy, alembic, the
services and reportlab load in a worker while the passphrase is typed.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from engager_desktop import i18n, paths
from engager_desktop.ui import errors, ops
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.autolock import AutoLock, ClipboardGuard, close_dialogs
from engager_desktop.ui.lock_warning import LockWarning
from engager_desktop.ui.settings import DEFAULT_VAULT, IDLE_LOCK_MINUTES, LANGUAGE, Settings
from engager_desktop.ui.unlock_window import UnlockWindow

log = logging.getLogger(__name__)

PRELOAD = (
    "sqlalchemy",
    "engager_desktop.services.vault_access",
    "engager_desktop.services.caseload",
    "engager_desktop.services.participants",
    "engager_desktop.ui.workspace.data",
    "engager_desktop.ui.main_window",
    "alembic.command",
    "engager_desktop.worksheets.kinds",
)
_STARTED = time.perf_counter()


def preload(modules: Sequence[str] = PRELOAD) -> float:
    """Import what the main window needs (run in a worker); returns the seconds it took."""
    start = time.perf_counter()
    for name in modules:
        importlib.import_module(name)
    return time.perf_counter() - start


class AppController(QObject):
    """Unlock → main window → lock → unlock again at the same man and tab."""

    def __init__(
        self,
        settings: Settings,
        vault_dir: Path,
        *,
        options: Any = None,
        idle_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.vault: Any = None
        self.main_window: Any = None
        self.preloaded = False
        self.timings: dict[str, float] = {}
        self._place: tuple[str | None, int] = (None, 0)
        self._unlock_started = 0.0
        self._fixed_idle = idle_ms
        self._reopen: list[tuple[str, str]] = []
        ui_i18n.apply(str(settings.get(LANGUAGE)))
        self.unlock_window = self._make_unlock_window(vault_dir, options)
        self.autolock = AutoLock(self._idle_ms(), parent=self)
        self.autolock.timed_out.connect(self.lock)
        self.lock_warning = LockWarning(self.autolock)
        self.clipboard = ClipboardGuard(self)

    def _make_unlock_window(self, vault_dir: Path, options: Any) -> UnlockWindow:
        window = UnlockWindow(vault_dir, options)
        window.unlocked.connect(self._unlocked)
        window.busy_changed.connect(self._busy)
        window.close_requested.connect(self._unlock_window_closed)
        return window

    def start(self, *, preload_modules: bool = True) -> None:
        self.unlock_window.show()
        self.timings["unlock_shown"] = time.perf_counter() - _STARTED
        if preload_modules:
            ops.run(
                preload, self._preloaded, lambda message, _exc: log.warning(message), owner=self
            )
        else:
            self.preloaded = True

    def _preloaded(self, seconds: float) -> None:
        gc.freeze()  # the loaded modules are never garbage: keep full collections short
        self.preloaded = True
        self.timings["preload"] = seconds
        self.unlock_window.refresh_backoff()

    def _busy(self, busy: bool) -> None:
        if busy:
            self._unlock_started = time.perf_counter()

    # ------------------------------------------------------------------ unlock and lock

    def _unlocked(self, vault: Any) -> None:
        from engager_desktop.ui.main_window import MainWindow

        self.vault = vault
        if self.main_window is None:
            self.main_window = MainWindow(self.settings)
            self.main_window.lock_requested.connect(self.lock)
            self.main_window.quit_requested.connect(self.quit)
            self.main_window.settings_changed.connect(self._settings_saved)
            self.main_window.panel.rows_shown.connect(self._caseload_shown)
        window = self.main_window
        window.set_vault(vault)
        window.restore(self._place)
        window.show()
        window.raise_()
        window.activateWindow()
        self.unlock_window.hide()
        self.autolock.set_timeout(self._idle_ms())
        self.autolock.start()
        reopen, self._reopen = self._reopen, []
        for kind, man_id in reopen:
            window.workspace.reopen_wizard(kind, man_id)

    def _settings_saved(self) -> None:
        self.autolock.set_timeout(self._idle_ms())
        code = str(self.settings.get(LANGUAGE))
        if code != i18n.language():
            QTimer.singleShot(0, lambda: self.switch_language(code))  # after the dialog closes

    def switch_language(self, code: str) -> None:
        """Show every window in ``code`` without losing work: open wizards keep their drafts and
        come back on them, at the same man and tab (the windows are built again in the language).
        """
        ui_i18n.apply(code)
        if self.vault is None or self.main_window is None:
            return  # the settings are changed only while unlocked, in the main window
        old_unlock, folder = self.unlock_window, self.vault.path
        self.unlock_window = self._make_unlock_window(folder, old_unlock.options())
        old_unlock.deleteLater()
        place = self.main_window.place()
        reopen = close_wizards()
        close_dialogs()
        old, self.main_window = self.main_window, None
        geometry = old.saveGeometry()
        old.hide_data()
        old.hide()
        old.deleteLater()
        self._place, self._reopen = place, reopen
        self._unlocked(self.vault)
        self.main_window.restoreGeometry(geometry)

    def _idle_ms(self) -> int:
        """The idle timeout: injected (tests), else the setting, read again at every unlock."""
        if self._fixed_idle is not None:
            return self._fixed_idle
        return int(self.settings.get(IDLE_LOCK_MINUTES)) * 60_000

    def _unlock_window_closed(self) -> None:
        if self.vault is None:
            self.quit()

    def _caseload_shown(self, _count: int) -> None:
        if self._unlock_started and "unlock_to_caseload" not in self.timings:
            self.timings["unlock_to_caseload"] = time.perf_counter() - self._unlock_started
            gc.freeze()

    def lock(self) -> None:
        """Close dialogs, hide every man's data, dispose the database, clear our clipboard text."""
        if self.vault is None:
            return
        self.autolock.stop()
        if self.main_window is not None:
            self._place = self.main_window.place()
        self._reopen = close_wizards()
        close_dialogs()
        ops.cancel_all()
        if self.main_window is not None:
            self.main_window.hide_data()
            self.main_window.hide()
        vault, self.vault = self.vault, None
        path = vault.path
        vault.lock()
        self.clipboard.clear_if_ours()
        self.unlock_window.for_relock(path)
        self.unlock_window.show()
        self.unlock_window.raise_()

    def quit(self) -> None:
        self.autolock.stop()
        if self.main_window is not None:
            self.main_window.hide_data()
        self.unlock_window.discard_pending()
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        self.clipboard.clear_if_ours()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def close_wizards() -> list[tuple[str, str]]:
    """Ask the open wizards to keep their drafts and close; (kind, man id) to reopen."""
    if "engager_desktop.ui.wizards" not in sys.modules:
        return []  # never opened, so none is open
    closer = getattr(sys.modules["engager_desktop.ui.wizards"], "close_all_for_lock", None)
    return list(closer()) if callable(closer) else []


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="engager-desktop", add_help=True)
    parser.add_argument("--vault", type=Path, metavar="DIR", help="the vault folder to open")
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    known, _rest = parser.parse_known_args(argv)
    return known


def _report_shown(app: QApplication) -> None:
    print(f"shown_at={time.time():.6f}", flush=True)
    app.quit()


def default_vault(settings: Settings) -> Path:
    chosen = str(settings.get(DEFAULT_VAULT)).strip()
    return Path(chosen).expanduser() if chosen else paths.default_vault_dir()


def run_app(argv: list[str]) -> int:
    """Start the desktop program; returns the exit status."""
    args = _parse(argv)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Engager Desktop")
    app.setOrganizationName("Engager")
    app.setQuitOnLastWindowClosed(False)
    previous_hook = errors.install(paths.data_dir() / "logs")
    settings = Settings()
    controller = AppController(settings, args.vault or default_vault(settings))
    controller.start()
    if args.exit_when_shown:  # start-up benchmark: report when the window has been painted
        QTimer.singleShot(0, lambda: _report_shown(app))
    try:
        return int(app.exec())
    finally:
        ops.wait_for_workers(2000)
        sys.excepthook = previous_hook
