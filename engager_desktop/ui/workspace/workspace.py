"""The selected man's workspace: his name, the wizard buttons, and the tabs as a section list.

The tabs are listed down the left (not across the top) so all ten fit at 1024×768 and at 200%.
Loading runs through ``ops``; a newer choice of man makes an older load's result be dropped.
A wizard opens once its data has been read on a worker: meanwhile its button is off and a line
says it is opening, so a double click opens it once.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.enums import Phase
from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels, ops
from engager_desktop.ui.a11y import announce
from engager_desktop.ui.workspace.community_tab import CommunityTab
from engager_desktop.ui.workspace.data import man_name
from engager_desktop.ui.workspace.documents_tab import DocumentsTab
from engager_desktop.ui.workspace.ending_tab import EndingTab
from engager_desktop.ui.workspace.history_tab import HistoryTab
from engager_desktop.ui.workspace.overview import OverviewTab
from engager_desktop.ui.workspace.parts import TabPage, heading
from engager_desktop.ui.workspace.people_tab import PeopleTab
from engager_desktop.ui.workspace.plan_tab import PlanTab
from engager_desktop.ui.workspace.read_mostly import close_edits
from engager_desktop.ui.workspace.release_tab import ReleaseTab
from engager_desktop.ui.workspace.sessions_tab import SessionsTab
from engager_desktop.ui.workspace.understanding_tab import UnderstandingTab

log = logging.getLogger(__name__)
WIZARDS_MODULE = "engager_desktop.ui.wizards"
WIZARD_BUTTONS = (
    ("first_meeting", N_("Workspace", "Firs&t meeting…")),
    ("understanding", N_("Workspace", "Shared u&nderstanding…")),
    ("review", N_("Workspace", "Session &review…")),
    ("release", N_("Workspace", "Re&lease preparation…")),
    ("ending", N_("Workspace", "&Ending…")),
)
NO_MAN = N_("Workspace", "Choose a man from the caseload to see his record.")


def wizards_module() -> Any:
    """The wizards, imported on first use (the unlock window does not wait for them)."""
    return importlib.import_module(WIZARDS_MODULE)


class Workspace(QWidget):
    loaded = Signal(str)  # man id, once his data is shown
    failed = Signal(str)  # plain message
    wizard_committed = Signal()
    record_changed = Signal()  # a form saved something about him

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault: Any = None
        self._man_id: str | None = None
        self._request = 0
        self._opening: set[tuple[str, str]] = set()  # (kind, man id) of wizards being read
        self.data: Any = None
        self.read_mostly: str | None = None  # on a supervisor's laptop: what is read-only
        self.name_label = heading(tr("Workspace", NO_MAN), level=1)
        self.name_label.setObjectName("man_name")
        self.sub_label = QLabel()
        self.sub_label.setWordWrap(True)
        self.opening_label = QLabel()
        self.opening_label.setObjectName("wizard_opening")
        self.opening_label.setAccessibleName(tr("Workspace", "Opening"))
        self.opening_label.hide()
        self.buttons: dict[str, QPushButton] = {}
        self.tabs: list[TabPage] = [
            OverviewTab(),
            UnderstandingTab(),
            PlanTab(),
            SessionsTab(),
            ReleaseTab(),
            CommunityTab(),
            EndingTab(),
            PeopleTab(),
            DocumentsTab(),
            HistoryTab(),
        ]
        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("Workspace", "Sections of his record"))
        self.nav.setObjectName("sections")
        self.stack = QStackedWidget()
        for tab in self.tabs:
            self.nav.addItem(tab.title)
            self.stack.addWidget(tab)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self._build()
        self._shortcuts()
        from engager_desktop.ui.workspace.actions import WorkspaceActions
        from engager_desktop.ui.workspace.undo import EditHistory

        self.history = EditHistory(self, self.form_saved, self.say)
        self.tab_actions = WorkspaceActions(self)
        self.clear()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (kind, text) in enumerate(WIZARD_BUTTONS):
            button = QPushButton(tr("Workspace", text))
            button.setObjectName(f"wizard_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.launch_wizard(k))
            self.buttons[kind] = button
            grid.addWidget(button, n // 3, n % 3)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.sub_label)
        layout.addLayout(grid)
        layout.addWidget(self.opening_label)
        layout.addLayout(body, 1)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, step in (
            (QKeySequence.StandardKey.NextChild, 1),
            ("Ctrl+PgDown", 1),
            (QKeySequence.StandardKey.PreviousChild, -1),
            ("Ctrl+PgUp", -1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(lambda s=step: self.step_tab(s))

    # ------------------------------------------------------------------ tabs

    def current_tab(self) -> int:
        return self.nav.currentRow()

    def set_current_tab(self, index: int) -> None:
        if 0 <= index < len(self.tabs):
            self.nav.setCurrentRow(index)

    def step_tab(self, step: int) -> None:
        self.set_current_tab((self.current_tab() + step) % len(self.tabs))

    def tab_titles(self) -> list[str]:
        return [tab.title for tab in self.tabs]

    # ------------------------------------------------------------------ data

    def set_vault(self, vault: Any) -> None:
        if vault is None:
            self.tab_actions.close_all()
            self.history.clear()
            self._opening.clear()
            self._show_opening()
        self._vault = vault
        self.documents_tab().set_vault(vault)
        self._update_buttons()

    def documents_tab(self) -> DocumentsTab:
        return next(t for t in self.tabs if isinstance(t, DocumentsTab))

    def say(self, message: str) -> None:
        """A plain line under his name (a refusal, or what to do first)."""
        self.sub_label.setText(message)

    def form_saved(self) -> None:
        self.reload()
        self.record_changed.emit()

    def man_id(self) -> str | None:
        return self._man_id

    def show_man(self, man_id: str | None) -> None:
        """Load his record in the background; None shows the empty workspace."""
        self._request += 1
        if man_id is None or self._vault is None:
            self.clear()
            return
        if man_id != self._man_id:
            self.history.clear()
            self.read_mostly = None
        self._man_id = man_id
        request = self._request
        vault = self._vault
        self.sub_label.setText(tr("Workspace", "Loading his record…"))
        self._update_buttons()

        def work() -> Any:
            from engager_desktop.services.team import read_mostly_note
            from engager_desktop.services.workspace_read import load_workspace

            data = load_workspace(vault, man_id)
            return data, read_mostly_note(vault, data.record.summary.held_by)

        ops.run(
            work,
            lambda got: self._loaded(request, *got),
            lambda message, _exc: self._failed(request, message),
            owner=self,
        )

    def reload(self) -> None:
        self.show_man(self._man_id)

    def _loaded(self, request: int, data: Any, read_mostly: str | None = None) -> None:
        if request != self._request:
            return
        self.data = data
        self.read_mostly = read_mostly
        man = data.record.participant
        if man.phase == Phase.CLOSED:  # his work is closed: nothing before it can be undone
            self.history.clear()
        self.name_label.setText(man_name(data))
        phase = labels.word(labels.PHASE, man.phase)
        self.sub_label.setText(" · ".join(p for p in (phase, man.prison_number) if p))
        if read_mostly:
            self.sub_label.setText(f"{self.sub_label.text()}\n{read_mostly}")
        self._update_buttons()
        for tab in self.tabs:
            tab.show_data(data)
        self.stack.setEnabled(True)
        self.loaded.emit(data.man_id)

    def _failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.clear()
        self.sub_label.setText(message)
        self.failed.emit(message)

    def clear(self) -> None:
        """Hide every trace of the man shown (on lock, or when none is chosen)."""
        self._request += 1
        self._man_id = None
        self._opening.clear()
        self._show_opening()
        self.history.clear()
        self.data = None
        self.read_mostly = None
        self.name_label.setText(tr("Workspace", NO_MAN))
        self.sub_label.clear()
        for tab in self.tabs:
            tab.clear()
        self.stack.setEnabled(False)
        self._update_buttons()

    # ------------------------------------------------------------------ wizards

    def _update_buttons(self) -> None:
        usable = self._man_id is not None and self._vault is not None and not self.read_mostly
        for kind, button in self.buttons.items():
            opening = (kind, self._man_id) in self._opening
            button.setEnabled(usable and not opening)
        close_edits(self)  # a man held elsewhere, on a supervisor's laptop

    def launch_wizard(self, kind: str) -> bool:
        """Start opening the wizard of ``kind`` for him (it shows once his data is read); his
        record reloads when it is committed. False if it is already opening, or he is read-only
        here."""
        if self._man_id is None or self._vault is None or self.read_mostly:
            return False
        return self._launch(kind, self._man_id)

    def reopen_wizard(self, kind: str, man_id: str) -> bool:
        """Open a wizard closed by a lock again (it comes back on its draft)."""
        if self._vault is None:
            return False
        return self._launch(kind, man_id)

    def opening(self) -> bool:
        """Whether a wizard is still being read (for tests and a busy indicator)."""
        return bool(self._opening)

    def _launch(self, kind: str, man_id: str) -> bool:
        key = (kind, man_id)
        if key in self._opening:
            return False  # a second click while the first is still reading
        self._opening.add(key)
        self._update_buttons()
        self._show_opening()

        def opened(wizard: Any) -> None:
            self._opening.discard(key)
            self._update_buttons()
            self._show_opening()
            self.watch_wizard(wizard)

        wizards_module().launch(kind, self._vault, man_id, self, opened)
        return True

    def _show_opening(self) -> None:
        titles = dict(WIZARD_BUTTONS)
        if not self._opening:
            self.opening_label.hide()
            self.opening_label.clear()
            return
        kind = next(iter(self._opening))[0]
        title = tr("Workspace", titles[kind]).replace("&", "").rstrip("…")
        text = tr("Workspace", "Opening {wizard}…").format(wizard=title)
        self.opening_label.setText(text)
        self.opening_label.show()
        announce(self, text)

    def watch_wizard(self, wizard: Any) -> Any:
        signal = getattr(wizard, "committed", None) or getattr(wizard, "finished", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(lambda *_: self._after_wizard())
        return wizard

    def _after_wizard(self) -> None:
        if self._vault is not None and self._man_id is not None:
            self.reload()
            self.wizard_committed.emit()
