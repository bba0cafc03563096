"""The main window: the caseload on the left, the chosen man's workspace on the right, the menus.

It holds no database session: the caseload panel and the workspace call services through
``ops``. ``hide_data`` (on lock) empties every view; ``place``/``restore`` bring back the same
man and tab after unlocking.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from engager_desktop.ui import settings as settings_module
from engager_desktop.ui.caseload_panel import CaseloadPanel
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.workspace.workspace import Workspace

CASELOAD_WIDTH = 370


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault: Any = None
        self._windows: list[QWidget] = []
        self.setWindowTitle("Engager Desktop")
        self.setAccessibleName("Engager Desktop")
        self.panel = CaseloadPanel()
        self.workspace = Workspace()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.workspace)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([CASELOAD_WIDTH, 1024 - CASELOAD_WIDTH])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.demo_label = QLabel()
        self.statusBar().addPermanentWidget(self.demo_label)
        self.commands: dict[str, QAction] = {}
        self._menus()
        self.panel.man_chosen.connect(self.workspace.show_man)
        self.workspace.wizard_committed.connect(self._wizard_committed)
        self.setMinimumSize(640, 480)
        self.resize(1024, 768)

    # ------------------------------------------------------------------ menus and shortcuts

    def _action(self, key: str, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.commands[key] = action
        return action

    def _menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("new", "&New man…", self.new_man, keys.New))
        file_menu.addAction(self._action("save", "&Save", lambda: None, keys.Save))
        file_menu.addAction(self._action("print", "&Print…", lambda: None, keys.Print))
        file_menu.addSeparator()
        file_menu.addAction(self._action("settings", "Se&ttings…", self.open_settings))
        file_menu.addAction(self._action("lock", "&Lock", self.lock_requested.emit, "Ctrl+L"))
        file_menu.addAction(self._action("quit", "&Quit", self.quit_requested.emit, keys.Quit))
        self.commands["save"].setEnabled(False)
        self.commands["save"].setToolTip("Records save as you finish each form.")
        self.commands["print"].setEnabled(False)
        self.commands["print"].setToolTip("Printing comes in a later version.")
        view = self.menuBar().addMenu("&View")
        view.addAction(self._action("find", "&Find a man", self.panel.focus_search, keys.Find))
        view.addAction(self._action("refresh", "&Refresh", self.refresh, keys.Refresh))
        view.addSeparator()
        view.addAction(self._action("directory", "Services &directory", self.open_directory))
        view.addAction(self._action("supervision", "S&upervision", self.open_supervision))
        help_menu = self.menuBar().addMenu("&Help")
        guidance = self._action(
            "guidance", "Practice &guidance", self._toggle_guidance, keys.HelpContents
        )
        guidance.setCheckable(True)
        guidance.setChecked(bool(self.settings.get(settings_module.SHOW_GUIDANCE)))
        help_menu.addAction(guidance)

    def _toggle_guidance(self, on: bool) -> None:
        self.settings.set(settings_module.SHOW_GUIDANCE, on)
        shown = "shown" if on else "hidden"
        self.statusBar().showMessage(f"Practice guidance will be {shown} beside forms.", 4000)

    # ------------------------------------------------------------------ vault

    def set_vault(self, vault: Any) -> None:
        self.vault = vault
        folder = getattr(vault, "path", None)
        title = "Engager Desktop"
        if folder is not None:
            title += f" — {folder.name}"
        demo = bool(getattr(vault, "is_demo", False))
        self.setWindowTitle(title + (" (demo)" if demo else ""))
        self.demo_label.setText("Demo vault: fictional men only" if demo else "")
        self.workspace.set_vault(vault)
        self.panel.set_vault(vault)
        for action in self.commands.values():
            action.setEnabled(action not in (self.commands["save"], self.commands["print"]))

    def refresh(self) -> None:
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
            window.close()
            window.deleteLater()
        self._windows.clear()
        self.panel.clear()
        self.workspace.clear()
        self.workspace.set_vault(None)
        self.vault = None
        self.statusBar().clearMessage()

    # ------------------------------------------------------------------ other windows

    def _keep(self, window: QWidget) -> QWidget:
        self._windows = [w for w in self._windows if w.isVisible()]
        self._windows.append(window)
        window.show()
        window.raise_()
        return window

    def open_directory(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.directory_window import DirectoryWindow

        return self._keep(DirectoryWindow(self.vault, self))

    def open_supervision(self) -> QWidget | None:
        if self.vault is None:
            return None
        from engager_desktop.ui.supervision_view import SupervisionView

        return self._keep(SupervisionView(self.vault, self))

    def open_settings(self) -> None:
        dialog = settings_module.SettingsDialog(self.settings, self)
        dialog.accepted.connect(self.settings_changed)
        dialog.open()

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
