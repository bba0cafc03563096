"""His isolated flag (contact twice a week) and the risk notes behind the supervision flag."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from engager_desktop.i18n import tr
from engager_desktop.ui.forms.base import FormDialog, paragraph, text_of


class FlagsDialog(FormDialog):
    """``man``: his ``ParticipantView``; everything else on it is kept as it is."""

    def __init__(self, vault: Any, man: Any, parent: QWidget | None = None) -> None:
        super().__init__(vault, tr("FlagsForm", "Isolation and risk"), parent)
        self.man = man
        self.set_intro(
            tr(
                "FlagsForm",
                "A man who is isolated is contacted at least twice a week after release. Risk "
                "notes show as a flag in supervision; the notes themselves are never printed "
                "there.",
            )
        )
        self.isolated = self.row(QCheckBox(tr("FlagsForm", "He is &isolated")))
        self.isolated.setChecked(bool(man.isolated))
        self.risk = self.field(
            "risk_notes", tr("FlagsForm", "&Risk notes:"), paragraph(man.risk_notes or "")
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.participants import ParticipantForm, update_participant

        names = [f.name for f in dataclasses.fields(ParticipantForm)]
        values = {name: getattr(self.man, name) for name in names}
        values.update(isolated=self.isolated.isChecked(), risk_notes=text_of(self.risk))
        form = ParticipantForm(**values)
        vault, man_id = self.vault, self.man.id
        return lambda: update_participant(vault, man_id, form)
