"""The services directory window: search entries, see what each does and does not do, and the
list of entries not checked for 90 days, each of which can be marked as checked today."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.ui import labels, ops
from engager_desktop.ui.a11y import closes_like_a_dialog, focus_first_field, label_for, window_role
from engager_desktop.ui.guidance_panel import FoldingGuidance
from engager_desktop.ui.models.rows_model import ID_ROLE, TextRow
from engager_desktop.ui.workspace.parts import Facts, Table, heading

DETAILS = (
    ("kind", N_("Directory", "Kind")),
    ("setting", N_("Directory", "Where")),
    ("area", N_("Directory", "Area")),
    ("phone", N_("Directory", "Phone")),
    ("hours", N_("Directory", "Opening hours")),
    ("weekend", N_("Directory", "Weekends")),
    ("out_of_hours", N_("Directory", "Out of hours")),
    ("cost", N_("Directory", "Cost to him")),
    ("referral", N_("Directory", "How to refer")),
    ("does", N_("Directory", "Does")),
    ("does_not", N_("Directory", "Does not do")),
    ("checked", N_("Directory", "Last checked")),
)


class DirectoryWindow(QWidget):
    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("Directory", "Services directory"))
        self.setAccessibleName(tr("Directory", "Services directory"))
        closes_like_a_dialog(window_role(self))
        self._vault = vault
        self._views: dict[str, Any] = {}
        self._request = 0
        self.search = QLineEdit()
        self.search.setObjectName("directory_search")
        self.search.setClearButtonEnabled(True)
        self.setting = QComboBox()
        self.setting.addItem(tr("Directory", "Prison and community"), None)
        self.setting.addItem(tr("Directory", "In prison"), "prison")
        self.setting.addItem(tr("Directory", "In the community"), "community")
        self.stale_only = QCheckBox(
            tr("Directory", "Only entries to check again (not checked for 90 days)")
        )
        self.count = QLabel()
        self.table = Table(
            tr("Directory", "Services"),
            (
                tr("Directory", "Name"),
                tr("Directory", "Kind"),
                tr("Directory", "Area"),
                tr("Directory", "Checked"),
            ),
            empty=tr("Directory", "No entries."),
            fit=False,
        )
        self.details = Facts([(key, tr("Directory", text)) for key, text in DETAILS])
        self.name_label = heading(tr("Directory", "Choose an entry to see its details."))
        self.verify_button = QPushButton(tr("Directory", "&Mark as checked today"))
        self.verify_button.setEnabled(False)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.setting.currentIndexChanged.connect(lambda _i: self.refresh())
        self.stale_only.toggled.connect(lambda _on: self.refresh())
        self.table.view.selectionModel().currentRowChanged.connect(self._chosen)
        self.verify_button.clicked.connect(self._verify)
        self.search.returnPressed.connect(self._to_table)  # Enter: on to the entries found
        focus_first_field(self)  # opens on its first field, not the guidance button
        self.resize(1000, 700)
        self.refresh()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.addWidget(label_for(tr("Directory", "&Search:"), self.search), 0, 0)
        grid.addWidget(self.search, 0, 1)
        grid.addWidget(label_for(tr("Directory", "S&etting:"), self.setting), 1, 0)
        grid.addWidget(self.setting, 1, 1)
        grid.setColumnStretch(1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(grid)
        left_layout.addWidget(self.stale_only)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.name_label)
        right_layout.addWidget(self.details)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 440])
        self.guidance = FoldingGuidance("directory")
        layout = QVBoxLayout(self)
        layout.addWidget(self.guidance)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        from engager_desktop.services import directory

        self._timer.stop()
        vault, text = self._vault, self.search.text().strip() or None
        setting, stale_only = self.setting.currentData(), self.stale_only.isChecked()
        self._request += 1
        request = self._request

        def work() -> Any:
            found = directory.search_services(vault, text, setting=setting)
            if stale_only:
                stale_ids = {s.id for s in directory.stale(vault)}
                found = [s for s in found if s.id in stale_ids]
            return found

        ops.run(
            work,
            lambda views: self._loaded(request, views),
            lambda message, _exc: self.count.setText(message),
            owner=self,
        )

    def _loaded(self, request: int, views: list[Any]) -> None:
        if request != self._request:
            return
        self._views = {v.id: v for v in views}
        stale = sum(v.stale for v in views)
        self.count.setText(
            tr("Directory", "{entries}, {stale} to check again").format(
                entries=trn("Directory", "{n} entry", "{n} entries", len(views)), stale=stale
            )
        )
        self.table.set_rows(
            [
                TextRow(
                    (v.entry.name, _kind(v.entry.kind), v.entry.area or "", _checked(v)),
                    id=v.id,
                    sort_keys=(
                        v.entry.name,
                        v.entry.kind,
                        v.entry.area or "",
                        v.days_since_verified if v.days_since_verified is not None else 10**6,
                    ),
                    emphasis=v.stale and not self.stale_only.isChecked(),
                )
                for v in views
            ]
        )
        self._show(None)

    def _to_table(self) -> None:
        if self.table.model.rowCount():
            if not self.table.view.currentIndex().isValid():
                self.table.choose_row(0)
            self.table.view.setFocus()

    def _chosen(self, current: Any, _previous: Any) -> None:
        man = current.data(ID_ROLE) if current.isValid() else None
        self._show(self._views.get(man) if man else None)

    def _show(self, view: Any) -> None:
        self._current = view
        self.verify_button.setEnabled(view is not None)
        if view is None:
            self.name_label.setText(tr("Directory", "Choose an entry to see its details."))
            self.details.clear()
            return
        e = view.entry
        self.name_label.setText(e.name)
        values = {
            "kind": _kind(e.kind),
            "setting": labels.word(labels.PLACE, str(e.setting)),
            "area": e.area,
            "phone": e.phone,
            "hours": e.opening_hours,
            "weekend": e.weekend_hours,
            "out_of_hours": e.out_of_hours,
            "cost": e.cost_to_him,
            "referral": e.referral_route,
            "does": e.does,
            "does_not": e.does_not,
            "checked": _checked(view),
        }
        for key, value in values.items():
            self.details.set(key, value)

    def _verify(self) -> None:
        from engager_desktop.services import directory

        view = getattr(self, "_current", None)
        if view is None:
            return
        vault = self._vault
        ops.run(
            lambda: directory.mark_verified(vault, view.id),
            lambda _r: self.refresh(),
            lambda message, _exc: self.count.setText(message),
            owner=self,
        )


def _kind(kind: str) -> str:
    """A kind of service as words (``drug_and_alcohol`` → ``Drug and alcohol``)."""
    words = kind.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _checked(view: Any) -> str:
    days = view.days_since_verified
    if days is None:
        return tr("Directory", "Never")
    if days == 0:
        return tr("Directory", "Today")
    return trn("Directory", "{n} day ago", "{n} days ago", days)
