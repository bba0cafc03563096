"""The caseload on the left: search as you type, the filters with their counts, the sortable list.

Searching and filtering run through ``ops`` after a short pause in typing, so the window never
waits on the database; a newer request makes an older one's result be dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr, trn
from engager_desktop.ui import labels, ops
from engager_desktop.ui.a11y import label_for, say
from engager_desktop.ui.caseload_columns import fit_columns, panel_width
from engager_desktop.ui.models.caseload_model import COL_NUMBER, ID_ROLE, CaseloadModel

SEARCH_PAUSE_MS = 200
RELEASE_DAYS = 28
NO_CONTACT_DAYS = 14


class CaseloadPanel(QWidget):
    man_chosen = Signal(object)  # his id, or None when nobody is chosen
    rows_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault: Any = None
        self._request = 0
        self._chosen: str | None = None
        self.total = 0
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Caseload", "Name, prison number, goal or note"))
        self.phase = QComboBox()
        self.phase.setObjectName("phase_filter")
        self.held = QComboBox()
        self.held.setObjectName("held_filter")
        self.team: Any = None  # services.team.TeamView, once read
        self.release = QCheckBox()
        self.overdue = QCheckBox()
        self.no_contact = QCheckBox()
        self.conflicts = QCheckBox()
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.model = CaseloadModel(self)
        self.table = QTableView()
        self._build()
        self._set_held_choices(None)
        self._set_counts(None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._to_table)
        self.phase.currentIndexChanged.connect(lambda _i: self.refresh())
        self.held.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.release, self.overdue, self.no_contact, self.conflicts):
            box.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build(self) -> None:
        self.table.setModel(self.model)
        self.table.setObjectName("caseload")
        self.table.setAccessibleName(tr("Caseload", "Caseload"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(100)
        fit_columns(self.table)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # soonest release first until a heading is clicked
        header.setSectionHidden(COL_NUMBER, True)
        header.setStretchLastSection(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label_for(tr("Caseload", "&Search:"), self.search), 0, 0)
        grid.addWidget(self.search, 0, 1)
        grid.addWidget(label_for(tr("Caseload", "Ph&ase:"), self.phase), 1, 0)
        grid.addWidget(self.phase, 1, 1)
        grid.addWidget(label_for(tr("Caseload", "Held by:"), self.held), 2, 0)
        grid.addWidget(self.held, 2, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        for box in (self.release, self.overdue, self.no_contact, self.conflicts):
            layout.addWidget(box)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    # ------------------------------------------------------------------ filters

    def filters(self) -> Any:
        from engager_desktop.services.caseload import CaseloadFilter

        phase = self.phase.currentData()
        return CaseloadFilter(
            phases=(phase,) if phase else (),
            release_within=RELEASE_DAYS if self.release.isChecked() else None,
            overdue=self.overdue.isChecked(),
            no_contact_days=NO_CONTACT_DAYS if self.no_contact.isChecked() else None,
            conflicts=self.conflicts.isChecked(),
            held_by=self.held.currentData() or (),
        )

    def _set_counts(self, counts: Any) -> None:
        def n(value: int | None) -> str:
            return "" if value is None else f" ({value})"

        get = (lambda name: getattr(counts, name)) if counts is not None else (lambda _n: None)
        self.release.setText(
            tr("Caseload", "Release within {days} days").format(days=RELEASE_DAYS)
            + n(get("release_within"))
        )
        self.overdue.setText(tr("Caseload", "Overdue steps") + n(get("overdue")))
        self.no_contact.setText(
            tr("Caseload", "No contact for {days} days").format(days=NO_CONTACT_DAYS)
            + n(get("no_contact"))
        )
        self.conflicts.setText(tr("Caseload", "Conflicts to review") + n(get("conflicts")))
        chosen = self.phase.currentData()
        self.phase.blockSignals(True)
        self.phase.clear()
        everyone = get("everyone")
        self.phase.addItem(tr("Caseload", "All phases") + n(everyone), None)
        phases = get("phases") or {}
        for key, text in labels.PHASE.items():
            self.phase.addItem(tr("Labels", text) + n(phases.get(key) if counts else None), key)
        index = self.phase.findData(chosen)
        self.phase.setCurrentIndex(max(index, 0))
        self.phase.blockSignals(False)
        if everyone is not None:
            self.total = everyone

    # ------------------------------------------------------------------ loading

    def set_vault(self, vault: Any) -> None:
        self._vault = vault
        self.refresh_team()
        self.refresh_counts()
        self.refresh()

    def refresh_team(self) -> None:
        """Read who holds men (laptops and practitioners) for the "Held by" column and filter."""
        vault = self._vault
        if vault is None:
            return
        from engager_desktop.services import team

        ops.run(lambda: team.team_view(vault), self._team_loaded, owner=self)

    def _team_loaded(self, view: Any) -> None:
        if self._vault is None:
            return
        self.team = view
        self.model.set_holders(view.labels(), view.own, view.settings.supervisor)
        self._set_held_choices(view)

    def _set_held_choices(self, view: Any) -> None:
        chosen = self.held.currentData()
        self.held.blockSignals(True)
        self.held.clear()
        self.held.addItem(tr("Caseload", "Everyone"), None)
        if view is not None:
            self.held.addItem(tr("Caseload", "Mine (this laptop)"), (view.own,))
            for label, ids in view.others_by_label().items():
                self.held.addItem(label, ids)
        index = self.held.findData(chosen) if chosen is not None else 0
        self.held.setCurrentIndex(max(index, 0))
        self.held.blockSignals(False)
        if chosen is not None and index < 0:
            self.refresh()

    def refresh_counts(self) -> None:
        vault = self._vault
        if vault is None:
            return
        from engager_desktop.services import caseload

        ops.run(lambda: caseload.filter_counts(vault), self._counts_loaded, owner=self)

    def _counts_loaded(self, counts: Any) -> None:
        if self._vault is not None:
            self._set_counts(counts)
            self._show_count()

    def refresh(self) -> None:
        """Run the search and filters now (typing calls this after a short pause)."""
        self._timer.stop()
        vault = self._vault
        if vault is None:
            return
        from engager_desktop.services import caseload

        self._request += 1
        request = self._request
        text = self.search.text().strip()
        filters = self.filters()

        def work() -> Any:
            if text:
                return caseload.search(vault, text, filters=filters)
            return caseload.list_caseload(vault, filters)

        ops.run(
            work,
            lambda rows: self._loaded(request, rows),
            lambda message, _exc: self._failed(request, message),
            owner=self,
        )

    def wanted_width(self) -> int:
        """Width that shows name, phase, release and overdue whole (the rest scroll)."""
        return panel_width(self.table)

    def busy(self) -> bool:
        return self._timer.isActive()

    def _loaded(self, request: int, rows: Any) -> None:
        if request != self._request:
            return
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._show_count()
        self.rows_shown.emit(len(rows))
        if self._chosen is not None:
            self.choose(self._chosen, emit=False)

    def _failed(self, request: int, message: str) -> None:
        if request == self._request:
            say(self.count_label, message, assertive=True)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self.total and shown != self.total:
            words = trn(
                "Caseload", "Showing {shown} of {n} man", "Showing {shown} of {n} men", self.total
            ).replace("{shown}", str(shown))
        else:
            words = trn("Caseload", "{n} man", "{n} men", shown)
        if words != self.count_label.text():  # a search or filter changed what is shown
            say(self.count_label, words)

    # ------------------------------------------------------------------ choosing

    def chosen(self) -> str | None:
        return self._chosen

    def restore(self, man_id: str) -> None:
        """Select him once the list has loaded (after unlocking, or a new man added)."""
        self._chosen = man_id
        self.choose(man_id, emit=False)

    def choose(self, man_id: str | None, *, emit: bool = True) -> bool:
        """Select his line (if shown); returns whether he is in the list."""
        if man_id is None:
            self.table.clearSelection()
            return False
        row = self.model.row_of(man_id)
        if row < 0:
            return False
        selection = self.table.selectionModel()
        if not emit:
            selection.blockSignals(True)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(self.model.index(row, 0), flags)
        selection.blockSignals(False)
        self.table.scrollTo(self.model.index(row, 0))
        self._chosen = man_id
        return True

    def _current_changed(self, current: Any, _previous: Any) -> None:
        man_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        if man_id != self._chosen:
            self._chosen = man_id
            self.man_chosen.emit(man_id)

    def _to_table(self) -> None:
        self.refresh()
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear(self) -> None:
        """Forget every man shown (on lock)."""
        self._request += 1
        self._timer.stop()
        self._vault = None
        self._chosen = None
        self.model.clear()
        self.search.clear()
        self.team = None
        self._set_held_choices(None)
        self._set_counts(None)
        self.count_label.clear()
        self.total = 0
