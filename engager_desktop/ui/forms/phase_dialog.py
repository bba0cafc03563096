"""Move him to another phase, with the date and the reason; a refusal is shown in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    paragraph,
    text_of,
    worded,
)

CLOSURE = {
    "signed_off": N_("PhaseForm", "Signed off"),
    "lost_contact": N_("PhaseForm", "Lost contact"),
    "withdrew": N_("PhaseForm", "He withdrew"),
    "recalled_or_transferred": N_("PhaseForm", "Recalled or transferred"),
    "other": N_("PhaseForm", "Other reason"),
}


class PhaseDialog(FormDialog):
    def __init__(
        self, vault: Any, man_id: str, current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, tr("PhaseForm", "Move him to another phase"), parent)
        self.man_id = man_id
        now = labels.word(labels.PHASE, current)
        self.set_intro(tr("PhaseForm", "He is now in: {phase}.").format(phase=now))
        targets = {k: v for k, v in worded(labels.PHASE).items() if k != current}
        self.phase = self.field("phase", tr("PhaseForm", "&Move to:"), choice(targets))
        self.day = self.field(
            "date_of_the_move", tr("PhaseForm", "&On:"), day_edit(vault.clock.today()), "on"
        )
        self.reason = self.field("reason", tr("PhaseForm", "&Why:"), paragraph())
        closures = {key: tr("PhaseForm", word) for key, word in CLOSURE.items()}
        self.closure = self.field(
            "closure_reason", tr("PhaseForm", "&Closing because:"), choice(closures)
        )
        self.phase.currentIndexChanged.connect(self._closing)
        self._closing()

    def _closing(self, *_: Any) -> None:
        self.closure.setEnabled(self.phase.currentData() == "closed")

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.participants import move_phase

        vault, man_id = self.vault, self.man_id
        target = str(self.phase.currentData())
        reason = text_of(self.reason) or ""
        day = day_of(self.day)
        closure = self.closure.currentData() if target == "closed" else None
        return lambda: move_phase(vault, man_id, target, reason, on=day, closure=closure)
