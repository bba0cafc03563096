"""Conflict review: open conflicts, each field's two values side by side, keep mine or theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.record_kinds import kind_words
from engager_desktop.i18n import N_, tr
from engager_desktop.services import caseload, sync
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.sync.common import MessageLine
from engager_desktop.ui.sync.conflicts_model import COL_FIELDS, ConflictRow, ConflictsModel
from engager_desktop.ui.sync.field_choices import FieldChoices

INTRO = N_(
    "Conflicts",
    "Both laptops changed these fields before they next exchanged a bundle (changes to different "
    "fields were both kept). The newer change was kept for now; the other was saved here. Choose "
    "which to keep, field by field. Your choice reaches the other laptop with the next bundle.",
)


_CHOOSE = N_("Conflicts", "Choose a conflict above to see both versions of each field.")


def _load(vault: Vault, man_id: str | None) -> list[ConflictRow]:
    views = sync.list_conflicts(vault, man_id)
    names = {row.id: f"{row.given_name} {row.family_name}" for row in caseload.list_caseload(vault)}
    return [ConflictRow(view, names.get(view.participant_id or "", "")) for view in views]


def _table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    return view


class ConflictsDialog(QDialog):
    """Unresolved conflicts (all, or one man's), reviewed one at a time."""

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, man_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.vault, self.man_id = vault, man_id
        self.current: ConflictRow | None = None
        self._reselect: str | None = None  # the conflict to show again after a reload
        self._reloaded = False
        self.setWindowTitle(tr("Conflicts", "Conflicts to review"))
        self.setMinimumSize(780, 540)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Conflicts", INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ConflictsModel(self)
        self.list = _table(self.model, tr("Conflicts", "Conflicts to review"))
        self.list.horizontalHeader().setSectionResizeMode(
            COL_FIELDS, QHeaderView.ResizeMode.Stretch
        )
        self.list.selectionModel().selectionChanged.connect(self._selected)
        self.empty = QLabel(tr("Conflicts", "There are no conflicts to review."))
        self.empty.hide()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self._detail())
        layout.addWidget(split, 1)
        layout.addWidget(self.empty)
        self.message = MessageLine()
        layout.addWidget(self.message)
        close = QHBoxLayout()
        close.addStretch(1)
        self.close_button = QPushButton(tr("Conflicts", "Close"))
        self.close_button.clicked.connect(self.reject)
        close.addWidget(self.close_button)
        layout.addLayout(close)
        self.load()

    def _detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail_head = QLabel(tr("Conflicts", _CHOOSE))
        self.detail_head.setWordWrap(True)
        layout.addWidget(self.detail_head)
        self.fields = FieldChoices(self)
        self.fields.chosen.connect(lambda name, choice: self.resolve(choice, name))
        layout.addWidget(self.fields, 1)
        buttons = QHBoxLayout()
        self.keep_mine = QPushButton(tr("Conflicts", "&Keep mine for every field"))
        self.take_theirs = QPushButton(tr("Conflicts", "&Take theirs for every field"))
        self.keep_mine.clicked.connect(lambda: self.resolve(sync.KEEP_MINE))
        self.take_theirs.clicked.connect(lambda: self.resolve(sync.TAKE_THEIRS))
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.take_theirs)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._enable(False)
        return box

    def _enable(self, on: bool) -> None:
        self.keep_mine.setEnabled(on)
        self.take_theirs.setEnabled(on)
        self.fields.set_enabled(on)

    def load(self) -> None:
        vault, man = self.vault, self.man_id
        ops.run(lambda: _load(vault, man), self._loaded, self._failed, owner=self)

    def _loaded(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.list.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self.current = None
        self.fields.show_items(())
        self.detail_head.setText(tr("Conflicts", _CHOOSE))
        self._enable(False)
        ids = [row.view.id for row in rows]
        if rows:
            self._reloaded = True  # keep the message about the choice just made
            self.list.selectRow(ids.index(self._reselect) if self._reselect in ids else 0)
            self._reloaded = False
        self._reselect = None

    def _selected(self) -> None:
        picked = self.list.selectionModel().selectedRows()
        if not picked:
            return
        row = self.model.row_at(picked[0].row())
        self.current = row
        self.fields.show_items(row.view.items)
        kind = kind_words(row.view.table)
        if row.man:
            head = tr("Conflicts", "{kind} for {man}.").format(kind=kind, man=row.man)
        else:
            head = f"{kind}."
        if row.view.deleted_now:
            head += " " + tr(
                "Conflicts",
                "This record is deleted now; choosing the other version brings it back, with"
                " what was deleted along with it.",
            )
        self.detail_head.setText(head)
        if not self._reloaded:
            self.message.clear_message()
        self._enable(True)

    def resolve(self, choice: str, field: str | None = None) -> None:
        """Settle one field of the conflict shown (or every open field, with no field)."""
        if self.current is None:
            return
        vault, conflict = self.vault, self.current.view.id
        self._enable(False)
        ops.run(
            lambda: sync.resolve_conflict(vault, conflict, choice, field),
            self._resolved,
            self._failed,
            owner=self,
        )

    def _resolved(self, result: sync.Resolution) -> None:
        if result.closed:
            kept = tr(
                "Conflicts",
                "Your choice is kept; it reaches the other laptop with the next bundle.",
            )
        else:
            kept = tr(
                "Conflicts",
                "Your choice for that field is kept; it reaches the other laptop with the next"
                " bundle.",
            )
        self.message.ok(kept)
        self._reselect = None if result.closed else result.conflict_id
        self.load()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.message.error(message)
        self._enable(self.current is not None)
