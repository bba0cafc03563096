"""Hand men over to another laptop: tick the men, pick the enrolled laptop, choose the stick.

The bundle carries each man's whole record and his handover. The men stay on this laptop until
the receiving laptop's next bundle back acknowledges them; then this laptop removes them
(docs/sync.md, "Handing a man over").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import tr, trn
from engager_desktop.services import caseload, handover, sync, team
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.sync.common import (
    MessageLine,
    PathField,
    action_row,
    add_checkable,
    ask_folder,
    busy_bar,
    check_list,
    checked_ids,
    labelled,
)


class HandoverDialog(QDialog):
    """Choose men and the laptop receiving them; write the handover bundle off the UI thread."""

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, men: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.preselected = tuple(men)
        self.result_: handover.HandoverResult | None = None
        self.setWindowTitle(tr("Handover", "Hand men over to another laptop"))
        self._ready = False
        self.busy = busy_bar(tr("Handover", "Writing the handover bundle"))
        self.message = MessageLine()
        explain = QLabel(
            tr(
                "Handover",
                "The men you tick go to the laptop you choose, with everything recorded about "
                "them. They stay on this laptop until that laptop's next bundle back says it has "
                "them; then they are removed from this laptop (they are not erased: they live on "
                "there).",
            )
        )
        explain.setWordWrap(True)
        self.men = check_list(tr("Handover", "Men to hand over"))
        self.men.itemChanged.connect(self._update)
        self.laptop = QComboBox()
        self.laptop.setObjectName("handover_laptop")
        self.laptop.currentIndexChanged.connect(self._update)
        self.no_laptops = QLabel(
            tr("Handover", "No other laptop is enrolled yet: enrol its card under Laptops.")
        )
        self.no_laptops.setWordWrap(True)
        self.no_laptops.hide()
        self.folder = PathField(tr("Handover", "Stick folder"), ask_folder)
        self.hand_button = QPushButton(tr("Handover", "&Hand over"))
        self.close_button = QPushButton(tr("Handover", "Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(labelled(tr("Handover", "&Men to hand over:"), self.men))
        layout.addWidget(self.men, 1)
        form = QFormLayout()
        form.addRow(labelled(tr("Handover", "&To the laptop of:"), self.laptop), self.laptop)
        form.addRow(labelled(tr("Handover", "&Stick folder:"), self.folder), self.folder)
        layout.addLayout(form)
        layout.addWidget(self.no_laptops)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addLayout(action_row(self, self.hand_button, self.hand_over, self.close_button))
        self.folder.edit.textChanged.connect(self._update)
        self.resize(560, 520)
        self._ready = True
        self._update()
        self.load()

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        vault = self.vault
        ops.run(
            lambda: (sync.list_devices(vault), team.holders(vault), caseload.list_caseload(vault)),
            self._loaded,
            lambda message, _exc: self.message.error(message),
            owner=self,
        )

    def _loaded(self, result: tuple[Any, dict[str, team.Holder], Any]) -> None:
        views, holders, rows = result
        self.laptop.clear()
        for view in views:
            if view.is_self or view.revoked_at is not None:
                continue
            who = holders.get(view.device_id)
            label = view.name
            if who is not None and who.practitioner:
                label = f"{who.practitioner} ({view.name})"
            self.laptop.addItem(label, view.device_id)
        self.no_laptops.setVisible(self.laptop.count() == 0)
        self.men.clear()
        for row in rows:
            label = f"{row.given_name} {row.family_name}"
            if row.prison_number:
                label += f"  ({row.prison_number})"
            add_checkable(self.men, label, row.id, row.id in self.preselected)
        ticked = [self.men.item(i) for i in range(self.men.count())]
        ticked = [item for item in ticked if item.checkState() == Qt.CheckState.Checked]
        if ticked:  # the man chosen in the main window is in sight, not somewhere below
            self.men.scrollToItem(ticked[0], QAbstractItemView.ScrollHint.PositionAtCenter)
        self._update()

    # ----------------------------------------------------------------- handing over

    def problem(self) -> str | None:
        """Why Hand over cannot go ahead yet, in plain words (None when it can)."""
        if not checked_ids(self.men):
            return tr("Handover", "Tick at least one man.")
        if self.laptop.currentData() is None:
            return tr("Handover", "Choose the laptop receiving them (enrol its card first).")
        if not self.folder.text():
            return tr("Handover", "Choose the folder on the stick.")
        return None

    def _update(self, *_args: object) -> None:
        if not self._ready:
            return
        running = not self.busy.isHidden()
        self.hand_button.setEnabled(not running and self.problem() is None)
        self.hand_button.setToolTip(self.problem() or "")

    def hand_over(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.message.error(problem)
            return
        vault, folder = self.vault, Path(self.folder.text())
        men, to = checked_ids(self.men), str(self.laptop.currentData())
        self.message.note(
            tr("Handover", "Writing the bundle and reading it back to check it… keep the stick in.")
        )
        self._running(True)
        ops.run(
            lambda: handover.hand_over(vault, men, to, folder),
            self._done,
            self._failed,
            owner=self,
        )

    def _running(self, on: bool) -> None:
        self.busy.setVisible(on)
        for widget in (self.men, self.laptop, self.folder):
            widget.setEnabled(not on)
        self.close_button.setEnabled(not on)
        self._update()

    def _done(self, result: handover.HandoverResult) -> None:
        self.result_ = result
        self._running(False)
        self.message.ok(
            tr(
                "Handover",
                "Written {file} for “{name}”: {men} handed over. It was read back and checked; "
                "it is safe to remove the stick. They stay here until that laptop's next bundle "
                "back is brought in.",
            ).format(
                file=result.bundle.path.name,
                name=result.to_name,
                men=trn("Handover", "{n} man", "{n} men", len(result.men)),
            )
        )
        self.hand_button.setEnabled(False)
        self.close_button.setText(tr("Handover", "Done"))

    def _failed(self, message: str, _exc: BaseException) -> None:
        self._running(False)
        self.message.error(tr("Handover", "Nothing was written. {reason}").format(reason=message))
