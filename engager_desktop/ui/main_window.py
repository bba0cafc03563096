"""The main window: the caseload on the left, the chosen man's workspace on the right, the menus.

It holds no database session: the caseload panel and the workspace call services through
``ops``. ``hide_data`` (on lock) empties every view; ``place``/``restore`` bring back the same
man and tab after unlocking.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QSplitter, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import settings as settings_module
from engager_desktop.ui.caseload_panel import CaseloadPanel
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.workspace.workspace import Workspace

log = logging.getLogger(__name__)
CASELOAD_WIDTH = 370
SYNC_MODULE = "engager_desktop.ui.sync"
TEAM_PRINTS = (
    ("supervision", N_("MainWindow", "Caseload summary for &supervision…")),
    ("explainer", N_("MainWindow", "What Engager does, for other &services…")),
    ("recovery-sheet", N_("MainWindow", "Vault &recovery sheet…")),
)


def sync_module() -> Any:
    """The USB sync dialogs, imported on first use."""
    return importlib.import_module(SYNC_MODULE)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault: Any = None
        self._windows: list[QWidget] = []
        self.setWindowTitle(tr("MainWindow", "Engager Desktop"))
        self.setAccessibleName(tr("MainWindow", "Engager Desktop"))
        self.panel = CaseloadPanel()
        self.workspace = Workspace()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.workspace)
        splitter.setStretchFactor(1, 1)
        caseload = max(CASELOAD_WIDTH, self.panel.wanted_width())
        splitter.setSizes([caseload, 1024 - caseload])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.demo_label = QLabel()
        self.statusBar().addPermanentWidget(self.demo_label)
        self.commands: dict[str, QAction] = {}
        self._menus()
        self.panel.man_chosen.connect(self.workspace.show_man)
        self.workspace.wizard_committed.connect(self._wizard_committed)
        self.workspace.record_changed.connect(self._wizard_committed)
        self.panel.man_chosen.connect(self._conflicts_for_chosen)
        self.setMinimumSize(640, 480)
        self.resize(1024, 768)

    # ------------------------------------------------------------------ menus and shortcuts

    def _action(self, key: str, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(tr("MainWindow", text), self)  # dev.py strings reads _action's text
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.commands[key] = action
        return action

    def _menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(tr("MainWindow", "&File"))
        file_menu.addAction(self._action("new", "&New man…", self.new_man, keys.New))
        file_menu.addAction(self._action("print", "&Print…", self.print_current, keys.Print))
        print_menu = file_menu.addMenu(tr("MainWindow", "Print &for the team"))
        for kind, text in TEAM_PRINTS:
            print_menu.addAction(
                self._action(f"print_{kind}", text, lambda _=False, k=kind: self.print_kind(k))
            )
        print_menu.addAction(
            self._action("print_batch", "Print action plans for &everyone…", self.print_batch)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("settings", "Se&ttings…", self.open_settings))
        file_menu.addAction(
            self._action("passphrase", "C&hange passphrase…", self.open_passphrase_change)
        )
        file_menu.addAction(self._action("lock", "&Lock", self.lock_requested.emit, "Ctrl+L"))
        file_menu.addAction(self._action("quit", "&Quit", self.quit_requested.emit, keys.Quit))
        view = self.menuBar().addMenu(tr("MainWindow", "&View"))
        view.addAction(self._action("find", "&Find a man", self.panel.focus_search, keys.Find))
        view.addAction(self._action("refresh", "&Refresh", self.refresh, keys.Refresh))
        view.addSeparator()
        view.addAction(self._action("directory", "Services &directory", self.open_directory))
        view.addAction(self._action("supervision", "S&upervision", self.open_supervision))
        view.addAction(self._action("figures", "Service fi&gures", self.open_figures))
        self._sync_menu()
        self._protection_menu()
        help_menu = self.menuBar().addMenu(tr("MainWindow", "&Help"))
        guidance = self._action(
            "guidance", "Practice &guidance", self._toggle_guidance, keys.HelpContents
        )
        guidance.setCheckable(True)
        guidance.setChecked(bool(self.settings.get(settings_module.SHOW_GUIDANCE)))
        help_menu.addAction(guidance)

    def _sync_menu(self) -> None:
        usb = self.menuBar().addMenu(tr("MainWindow", "&USB stick"))
        for key, text, slot in (
            ("sync_export", N_("MainWindow", "&Copy changes to a USB stick…"), self.sync_export),
            (
                "sync_import",
                N_("MainWindow", "&Bring in changes from a USB stick…"),
                self.sync_import,
            ),
            (
                "sync_conflicts",
                N_("MainWindow", "&Review conflicts…"),
                lambda: self.sync_conflicts(),
            ),
            ("sync_devices", N_("MainWindow", "&Laptops paired with this one…"), self.sync_devices),
            (
                "sync_handover",
                N_("MainWindow", "&Hand men over to another laptop…"),
                self.sync_handover,
            ),
        ):
            usb.addAction(self._action(key, text, slot))
        self.sync_keys = (
            "sync_export",
            "sync_import",
            "sync_conflicts",
            "sync_devices",
            "sync_handover",
        )

    def _protection_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("MainWindow", "Data &protection"))
        menu.addAction(self._action("retention", "&Retention review…", self.open_retention))
        menu.addAction(
            self._action("sar", "&Subject access copy for this man…", self.open_subject_access)
        )
        menu.addAction(self._action("erase", "&Erase this man…", self.open_erasure))

    def _toggle_guidance(self, on: bool) -> None:
        self.settings.set(settings_module.SHOW_GUIDANCE, on)
        if on:
            words = tr("MainWindow", "Practice guidance will be shown beside forms.")
        else:
            words = tr("MainWindow", "Practice guidance will be hidden beside forms.")
        self.statusBar().showMessage(words, 4000)

    # ------------------------------------------------------------------ vault

    def set_vault(self, vault: Any) -> None:
        self.vault = vault
        folder = getattr(vault, "path", None)
        title = tr("MainWindow", "Engager Desktop")
        if folder is not None:
            title += f" — {folder.name}"
        demo = bool(getattr(vault, "is_demo", False))
        self.setWindowTitle(title + (tr("MainWindow", " (demo)") if demo else ""))
        self.demo_label.setText(tr("MainWindow", "Demo vault: fictional men only") if demo else "")
        self.workspace.set_vault(vault)
        self.panel.set_vault(vault)
        for action in self.commands.values():
            action.setEnabled(True)

    def refresh(self) -> None:
        self.panel.refresh_team()
        self.panel.refresh_counts()
        self.panel.refresh()
        self.workspace.reload()

    def place(self) -> tuple[str | None, int]:
        """Where the practitioner is: the chosen man and the workspace tab."""
        return self.workspace.man_id() or self.panel.chosen(), self.workspace.current_tab()

    def restore(self, place: tuple[str | None, int]) -> None:
        man_id, tab = place
        self.workspace.set_current_tab(tab)
        if man_id is not None:
            self.panel.restore(man_id)
            self.workspace.show_man(man_id)

    def hide_data(self) -> None:
        """Empty every view and close the side windows (the vault is locking)."""
        for window in self._windows:
            if shiboken6.isValid(window):
                if isinstance(window, QDialog):
                    window.reject()
                window.close()
                window.deleteLater()
        self._windows.clear()
        self.workspace.tab_actions.close_all()
        self.panel.clear()
        self.workspace.clear()
        self.workspace.set_vault(None)
        self.vault = None
        self.statusBar().clearMessage()

    # ------------------------------------------------------------------ other windows

    def _keep(self, window: QWidget) -> QWidget:
        self._windows = [w for w in self._windows if shiboken6.isValid(w) and w.isVisible()]
        self._windows.append(window)
        window.show()
        window.raise_()
        return window

    def open_directory(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.directory_window import DirectoryWindow
        from engager_desktop.ui.forms.service_dialog import attach_to_directory

        window = DirectoryWindow(self.vault, self)
        attach_to_directory(window)
        return self._keep(window)

    def open_supervision(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.supervision_view import SupervisionView

        return self._keep(SupervisionView(self.vault, self))

    def open_figures(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.figures_window import FiguresWindow

        return self._keep(FiguresWindow(self.vault, self))

    # ------------------------------------------------------------------ data protection

    def open_retention(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.protection import open_retention_dialog

        return self._keep(open_retention_dialog(self.vault, self))

    def _for_chosen_man(self, opener: str) -> QWidget | None:
        man_id = self.workspace.man_id() or self.panel.chosen()
        if self.vault is None or man_id is None:
            self.statusBar().showMessage(
                tr("MainWindow", "Choose a man in the caseload first."), 6000
            )
            return None
        from engager_desktop.ui import protection

        dialog = getattr(protection, opener)(self.vault, man_id, self)
        dialog.finished.connect(lambda _r: self.refresh())
        return self._keep(dialog)

    def open_subject_access(self) -> QWidget | None:
        return self._for_chosen_man("open_sar_dialog")

    def open_erasure(self) -> QWidget | None:
        return self._for_chosen_man("open_erase_dialog")

    # ------------------------------------------------------------------ printing

    def print_current(self) -> QWidget | None:
        """Ctrl+P: the chosen man's action plan; with no man chosen, the choice of documents."""
        if self.vault is None:
            return None
        if self.workspace.man_id() is not None:
            return self.print_kind("action-plan", self.workspace.man_id())
        from engager_desktop.ui.forms.print_chooser import PrintChooser

        chooser = PrintChooser(self)
        chooser.chosen.connect(lambda kind, blank: self.print_kind(kind, blank=blank))
        self._keep(chooser)
        chooser.open()
        return chooser

    def print_kind(
        self, kind: str, man_id: str | None = None, *, blank: bool = False
    ) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.printing import open_document_dialog

        return self._keep(open_document_dialog(self.vault, kind, man_id, self, blank=blank))

    def print_batch(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.printing import open_batch_dialog

        return self._keep(open_batch_dialog(self.vault, self))

    # ------------------------------------------------------------------ USB sync

    def _sync(self, name: str, *args: Any, **kwargs: Any) -> QWidget | None:
        if self.vault is None:
            return None
        module = sync_module()
        try:
            dialog = getattr(module, name)(self.vault, self, *args, **kwargs)
        except Exception as exc:  # the sync part failing must not take the window down
            from engager_desktop.ui.ops import plain_message

            self.statusBar().showMessage(plain_message(exc), 8000)
            return None
        dialog.finished.connect(lambda _r: self.refresh())
        return self._keep(dialog)

    def sync_export(self) -> QWidget | None:
        return self._sync("open_export_dialog")

    def sync_import(self) -> QWidget | None:
        return self._sync("open_import_dialog")

    def sync_devices(self) -> QWidget | None:
        return self._sync("open_devices_dialog")

    def sync_handover(self) -> QWidget | None:
        """Hand men over to another laptop, the chosen man ticked to start with."""
        man_id = self.workspace.man_id() or self.panel.chosen()
        return self._sync("open_handover_dialog", men=(man_id,) if man_id else ())

    def sync_conflicts(self, man_id: str | None = None) -> QWidget | None:
        return self._sync("open_conflicts_dialog", man_id=man_id)

    def _conflicts_for_chosen(self, man_id: str | None) -> None:
        """With "conflicts to review" ticked, choosing a man opens his conflicts to review."""
        if man_id is not None and self.panel.conflicts.isChecked():
            self.sync_conflicts(man_id)

    def open_settings(self) -> None:
        dialog = settings_module.SettingsDialog(self.settings, self, vault=self.vault)
        dialog.accepted.connect(self.settings_changed)
        dialog.open()

    def open_passphrase_change(self) -> None:
        if self.vault is None:
            return
        from engager_desktop.ui.passphrase_dialog import PassphraseDialog

        PassphraseDialog(self.vault, self).open()

    def new_man(self) -> None:
        if self.vault is None:
            return
        from engager_desktop.ui.new_man_dialog import NewManDialog

        dialog = NewManDialog(self.vault, self)
        dialog.created.connect(self._created)
        dialog.open()

    def _wizard_committed(self) -> None:
        self.panel.refresh_counts()
        self.panel.refresh()

    def _created(self, man_id: str) -> None:
        self.panel.restore(man_id)
        self.panel.refresh_counts()
        self.panel.refresh()
        self.workspace.show_man(man_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.quit_requested.emit()
        event.accept()
