"""Child process for the GUI figures: ``python -m tests.benchmarks.gui_probe MODE [VAULT]``.

Modes: ``empty`` (an empty QMainWindow, the floor), ``app-unlock`` (the real ``run_app`` up to
the unlock window's first paint), ``app-caseload VAULT`` (the real app unlocks VAULT with the
passphrase in ENGAGER_BENCH_PASSPHRASE once its preload is done, as a practitioner would after
typing, and stops when the caseload rows are shown), ``services VAULT`` (no GUI: unlock and
load the caseload through the services) and ``imports`` (the same imports, nothing opened).
Each prints ``PROBE <key> <value>`` lines and ends with ``os._exit`` at once, so teardown is
never timed. Nothing heavy is imported at module level: process start-up is what is measured.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

DEADLINE = 150.0  # seconds for the app to show the caseload before the probe gives up


def say(key: str, value: float | str) -> None:
    print(f"PROBE {key} {value}", flush=True)


_PEAKS: dict[str, float] = {"before_reset": 0.0, "reset": 0.0}


def _status_mib(field: str) -> float | None:
    status = Path("/proc/self/status")
    if not status.is_file():
        return None
    for line in status.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def memory() -> None:
    """Peak resident memory in MiB over the whole run (Linux /proc; elsewhere rusage), and the
    peak since the key derivation ended when it was restarted then."""
    peak = _status_mib("VmHWM")
    if peak is None:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        say("peak_mib", rss / 2**20 if sys.platform == "darwin" else rss / 1024)
        return
    say("peak_mib", max(peak, _PEAKS["before_reset"]))
    if _PEAKS["reset"]:
        say("peak_after_unlock_mib", peak)
    say("rss_mib", _status_mib("VmRSS") or 0.0)


def reset_peak() -> None:
    """Restart the peak (VmHWM) from the current size, keeping the old one (Linux 4.0+)."""
    before = _status_mib("VmHWM")
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return
    _PEAKS["before_reset"] = max(_PEAKS["before_reset"], before or 0.0)
    _PEAKS["reset"] = 1.0


def timed_derivation(spent: list[float]) -> None:
    """Time every key derivation, and restart the peak once each is over (its memory freed)."""
    from engager_desktop.crypto import keyslots

    derive = keyslots.open_with_passphrase

    def timed(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return derive(*args)
        finally:
            spent.append(time.perf_counter() - start)
            reset_peak()

    keyslots.open_with_passphrase = timed  # type: ignore[assignment]


def finish() -> None:
    memory()
    sys.stdout.flush()
    os._exit(0)


def on_first_paint(widget: Any, then: Any) -> None:
    """Call ``then`` once the widget's first paint has been handled."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        done = False

        def eventFilter(self, _obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, then)
            return False

    watcher = Watcher(widget)
    widget.installEventFilter(watcher)


def shown() -> None:
    say("shown", time.monotonic())
    finish()


def empty() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(640, 480)
    on_first_paint(window, shown)
    window.show()
    app.exec()


def _patch_start(after: Any) -> Any:
    """Run ``after(controller)`` right after the real ``AppController.start``."""
    from engager_desktop import app

    original = app.AppController.start

    def start(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        after(self)

    app.AppController.start = start  # type: ignore[method-assign]
    return app


def app_unlock(vault: str) -> None:
    app = _patch_start(lambda controller: on_first_paint(controller.unlock_window, shown))
    app.run_app(["--vault", vault])


def app_caseload(vault: str) -> None:
    spent: list[float] = []
    timed_derivation(spent)

    def drive(controller: Any) -> None:
        from PySide6.QtCore import QTimer

        timer = QTimer(controller)
        state = {"asked": False}
        deadline = time.monotonic() + DEADLINE

        def tick() -> None:
            if time.monotonic() > deadline:
                print("the caseload was not shown in time", file=sys.stderr, flush=True)
                os._exit(4)
            if not state["asked"] and controller.preloaded:
                state["asked"] = True
                page = controller.unlock_window.unlock_page
                page.passphrase.setText(os.environ["ENGAGER_BENCH_PASSPHRASE"])
                controller.unlock_window.unlock()
            elif "unlock_to_caseload" in controller.timings:
                timer.stop()
                say("unlock_to_caseload", controller.timings["unlock_to_caseload"])
                say("key_derivation", sum(spent))
                say("rows", controller.main_window.panel.model.rowCount())
                finish()

        timer.timeout.connect(tick)
        timer.start(5)

    app = _patch_start(drive)
    app.run_app(["--vault", vault])


def _headless_imports() -> Any:
    from engager_desktop.services import caseload
    from engager_desktop.store import lifecycle
    from tests.benchmarks import vaults

    return caseload, lifecycle, vaults


def services(vault: str) -> None:
    caseload, lifecycle, vaults = _headless_imports()
    timed_derivation([])
    options = vaults.bench_options(vaults.VaultSpec(men=0))
    start = time.perf_counter()
    opened = lifecycle.unlock_vault(Path(vault), vaults.BENCH_PASSPHRASE, options)
    rows = caseload.list_caseload(opened)
    caseload.filter_counts(opened)
    say("seconds", time.perf_counter() - start)
    say("rows", len(rows))
    finish()


def imports() -> None:
    _headless_imports()
    finish()


MODES = {"empty": empty, "imports": imports}
VAULT_MODES = {"app-unlock": app_unlock, "app-caseload": app_caseload, "services": services}


def main(argv: list[str]) -> None:
    if argv and argv[0] in MODES:
        MODES[argv[0]]()
    elif len(argv) == 2 and argv[0] in VAULT_MODES:
        VAULT_MODES[argv[0]](argv[1])
    else:
        print(f"usage: gui_probe {{{','.join([*MODES, *VAULT_MODES])}}} [VAULT]", file=sys.stderr)
        os._exit(2)
    os._exit(3)  # the event loop ended without the probe's moment


if __name__ == "__main__":
    main(sys.argv[1:])
