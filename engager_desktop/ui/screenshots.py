"""Screenshots of every main screen (and every wizard page, when the wizards exist) as PNG files.

Run offscreen on a demo vault by the ``screenshots`` command; each screen is shown, left to
settle (background loads finished), grabbed and saved. Main windows are 1024×768; dialogs keep
their natural size. In another language (``--language cy``) every screen is built in it and the
files are named ``NAME-cy.png``. ``visit(widget, name)``, if given, sees each screen just before
it is grabbed (the tests walk every screen with it).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from engager_desktop import i18n
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui import ops
from engager_desktop.ui.settings import Settings

SIZE = (1024, 768)
Save = Callable[[QWidget, str], Path]
Visit = Callable[[QWidget, str], None]


class ScreenshotsFailed(Exception):
    """A screen could not be opened as it should (its one-line message says which)."""


def settle(timeout: float = 30.0) -> None:
    """Process events until no background step is pending and the screen has been laid out."""
    deadline = time.monotonic() + timeout
    while ops.pending() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)
    for _ in range(5):
        QCoreApplication.processEvents()


class Shooter:
    """Saves ``name{suffix}.png`` for each screen; ``saved`` lists the files written."""

    def __init__(self, out: Path, suffix: str = "", visit: Visit | None = None) -> None:
        self.out = out
        self.suffix = suffix
        self.visit = visit
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> Path:
        if isinstance(widget, QDialog) or not widget.isWindow():
            # its natural size; adjustSize() would cap a window at 2/3 of the (small,
            # offscreen) screen, which at 2x squeezes a tall dialog below its minimum
            widget.resize(widget.sizeHint().expandedTo(widget.minimumSizeHint()))
        else:
            widget.resize(*SIZE)
        widget.show()
        settle()
        if self.visit is not None:
            self.visit(widget, name)
        path = self.out / f"{name}{self.suffix}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path.name}")
        self.saved.append(path)
        return path


def _unlock_screens(vault: Any, save: Save) -> None:
    from engager_desktop.crypto.recovery_code import generate
    from engager_desktop.ui.unlock_window import CODE, CREATE, RECOVER, UnlockWindow

    window = UnlockWindow(vault.path, vault.options)
    window.resize(*SIZE)
    save(window, "01-unlock")
    window._show_wait(8)
    save(window, "02-unlock-countdown")
    window._timer.stop()
    window._go(CREATE)
    window.create_page.folder.set_path(vault.path.parent / "New vault")
    window.create_page.passphrase.use_suggestion()
    save(window, "03-create-vault")
    window._go(RECOVER)
    save(window, "04-recover")
    window.code_page.show_code(generate())
    window._go(CODE)
    save(window, "05-recovery-code")
    window.for_relock(vault.path)
    save(window, "06-locked")
    window.close()


def _pick_men(window: Any) -> tuple[str, str]:
    """A man with the most alerts, and the man inside whose release is nearest."""
    model = window.panel.model
    rows = [model.row_at(n) for n in range(model.rowCount())]
    if not rows:
        problem = window.panel.count_label.text() or "the caseload is empty"
        raise ScreenshotsFailed(f"the caseload did not load: {problem}")
    busiest = max(rows, key=lambda r: (r.alerts, r.open_steps))
    inside = [r for r in rows if r.days_to_release is not None and r.days_to_release >= 0]
    nearest = min(inside, key=lambda r: r.days_to_release) if inside else busiest
    return busiest.id, nearest.id


def _main_screens(vault: Any, save: Save, settings: Settings) -> str:
    from engager_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    window.set_vault(vault)
    window.resize(*SIZE)
    window.show()
    settle()
    busiest, nearest = _pick_men(window)
    window.panel.restore(busiest)
    window.workspace.show_man(busiest)
    for index, tab in enumerate(window.workspace.tabs):
        window.workspace.set_current_tab(index)
        slug = type(tab).title.lower().replace(" ", "-")  # English: the same file names in Welsh
        save(window, f"10-main-{index:02d}-{slug}")
    window.panel.restore(nearest)
    window.workspace.show_man(nearest)
    window.workspace.set_current_tab(4)
    save(window, "11-main-release-soon")
    window.panel.overdue.setChecked(True)
    settle()
    window.panel.table.selectRow(0)
    save(window, "12-caseload-overdue")
    window.panel.overdue.setChecked(False)
    window.panel.search.setText("ka")
    window.panel.refresh()
    settle()
    window.panel.table.selectRow(0)
    window.workspace.set_current_tab(0)
    save(window, "13-caseload-search")
    _side_windows(window, save)
    window.hide_data()
    window.close()
    return busiest


def _side_windows(window: Any, save: Save) -> None:
    from engager_desktop.ui.new_man_dialog import NewManDialog
    from engager_desktop.ui.settings import SettingsDialog

    directory = window.open_directory()
    save(directory, "20-directory")
    directory.stale_only.setChecked(True)
    settle()
    directory.table.view.selectRow(0)
    save(directory, "21-directory-stale")
    directory.close()
    supervision = window.open_supervision()
    save(supervision, "22-supervision-summary")
    supervision.tabs.setCurrentIndex(1)
    save(supervision, "23-supervision-notes")
    supervision.close()
    dialog = NewManDialog(window.vault, window)
    save(dialog, "24-new-man")
    dialog.close()
    settings_dialog = SettingsDialog(window.settings, window)
    save(settings_dialog, "25-settings")
    settings_dialog.close()
    figures = window.open_figures()  # the last twelve months, so every month has its column
    if figures is None:
        raise ScreenshotsFailed("the figures window did not open")
    save(figures, "26-figures")
    figures.close()
    handover = window.sync_handover()  # the chosen man ticked; the laptops list as it is
    if handover is None:
        raise ScreenshotsFailed("the handover dialog did not open")
    handover.show()
    settle()  # sized after its lists have loaded, not before
    save(handover, "27-handover")
    handover.close()


def _wizard_pages(vault: Any, man_id: str, shooter: Shooter) -> int:
    """Every wizard page, through ``ui.wizards.page_screenshots``."""
    from engager_desktop.ui.wizards import page_screenshots as shoot

    with tempfile.TemporaryDirectory() as folder:
        written = shoot(vault, man_id, Path(folder), QSize(*SIZE), visit=shooter.visit)
        folder_out = shooter.out / "wizards"
        folder_out.mkdir(exist_ok=True)
        for path in written:
            target = folder_out / f"{Path(path).stem}{shooter.suffix}.png"
            target.unlink(missing_ok=True)
            shutil.move(str(path), target)
            shooter.saved.append(target)
    return len(written)


def take_all(
    vault: Any,
    out: Path,
    *,
    suffix: str = "",
    language: str = i18n.ENGLISH,
    visit: Visit | None = None,
) -> list[Path]:
    """Open every screen on ``vault`` in ``language`` and save its PNG in ``out``; returns the
    files written. The language in use before is put back afterwards."""
    app = QApplication.instance() or QApplication(["engager-screenshots"])
    app.setApplicationName("Engager Desktop")
    before = i18n.language()
    code = ui_i18n.apply(language, app)
    named = suffix if code == i18n.ENGLISH else f"-{code}{suffix}"
    shooter = Shooter(out, named, visit)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings.at(Path(folder) / "settings.ini")
            _unlock_screens(vault, shooter)
            man_id = _main_screens(vault, shooter, settings)
            _wizard_pages(vault, man_id, shooter)
        ops.wait_for_workers(10_000)
    finally:
        ui_i18n.apply(before, app)
    return shooter.saved
