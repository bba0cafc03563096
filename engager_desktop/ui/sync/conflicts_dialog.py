"""Conflict review: open conflicts, both versions side by side, keep mine or take theirs."""

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
from engager_desktop.services import caseload, sync
from engager_desktop.store.vault import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.sync.common import MessageLine
from engager_desktop.ui.sync.conflicts_model import (
    COL_FIELDS,
    ID_ROLE,
    ConflictRow,
    ConflictsModel,
    VersionsModel,
    version_rows,
)

INTRO = (
    "Both laptops changed these records before they next exchanged a bundle. The newer change "
    "was kept for now; the other was saved here. Choose which version to keep. Your choice "
    "reaches the other laptop with the next bundle."
)


def _load(vault: Vault, man_id: str | None) -> list[ConflictRow]:
    views = sync.list_conflicts(vault, man_id)
    names = {row.id: f"{row.given_name} {row.family_name}" for row in caseload.list_caseload(vault)}
    return [ConflictRow(view, names.get(view.participant_id or "", "")) for view in views]


def _table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setAccessibleName(name)
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
        self.setWindowTitle("Conflicts to review")
        self.setMinimumSize(780, 540)
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ConflictsModel(self)
        self.list = _table(self.model, "Conflicts to review")
        self.list.horizontalHeader().setSectionResizeMode(
            COL_FIELDS, QHeaderView.ResizeMode.Stretch
        )
        self.list.selectionModel().selectionChanged.connect(self._selected)
        self.empty = QLabel("There are no conflicts to review.")
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
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        close.addWidget(self.close_button)
        layout.addLayout(close)
        self.load()

    def _detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail_head = QLabel("Choose a conflict above to see both versions.")
        self.detail_head.setWordWrap(True)
        layout.addWidget(self.detail_head)
        self.versions_model = VersionsModel(self)
        self.versions = _table(self.versions_model, "The two versions, fields that differ")
        header = self.versions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.versions, 1)
        buttons = QHBoxLayout()
        self.keep_mine = QPushButton("&Keep mine (this laptop's)")
        self.take_theirs = QPushButton("&Take theirs (the other laptop's)")
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

    def load(self) -> None:
        vault, man = self.vault, self.man_id
        ops.run(lambda: _load(vault, man), self._loaded, self._failed, owner=self)

    def _loaded(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.list.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self.current = None
        self.versions_model.set_rows(())
        self.detail_head.setText("Choose a conflict above to see both versions.")
        self._enable(False)
        if rows:
            self.list.selectRow(0)

    def _selected(self) -> None:
        picked = self.list.selectionModel().selectedRows()
        if not picked:
            return
        row = self.model.row_at(picked[0].row())
        self.current = row
        self._enable(False)
        vault, conflict = self.vault, str(picked[0].data(ID_ROLE))
        ops.run(
            lambda: sync.conflict_versions(vault, conflict),
            lambda versions: self._show_versions(row, versions),
            self._failed,
            owner=self,
        )

    def _show_versions(self, row: ConflictRow, versions: tuple[dict[str, object], ...]) -> None:
        if self.current is not row:
            return  # another conflict was chosen meanwhile
        now, loser = versions
        self.versions_model.set_rows(version_rows(row.view, now, loser))
        self.versions.resizeRowsToContents()
        who = f" for {row.man}" if row.man else ""
        head = f"{kind_words(row.view.table)}{who}."
        if row.view.deleted_now:
            head += (
                " This record is deleted now; choosing the other version brings it back, with"
                " what was deleted along with it."
            )
        self.detail_head.setText(head)
        self.message.clear_message()
        self._enable(True)

    def resolve(self, choice: str) -> None:
        if self.current is None:
            return
        vault, conflict = self.vault, self.current.view.id
        self._enable(False)
        ops.run(
            lambda: sync.resolve_conflict(vault, conflict, choice),
            self._resolved,
            self._failed,
            owner=self,
        )

    def _resolved(self, result: sync.Resolution) -> None:
        kept = "Your choice is kept"
        self.message.ok(f"{kept}; it reaches the other laptop with the next bundle.")
        self.load()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.message.error(message)
        self._enable(self.current is not None)
