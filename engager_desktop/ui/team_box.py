"""Who uses this laptop in the team: the practitioner's name and role (practitioner or
supervisor), in the Settings dialog. Kept in the vault and carried on this laptop's device card
(partners see it once they enrol the card again); read and saved through ``services.team`` off
the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from engager_desktop.i18n import tr
from engager_desktop.ui import ops


class TeamBox(QGroupBox):
    """The name and role inputs, disabled until the saved ones have been read."""

    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(tr("Team", "You in the team (shown on this laptop's device card)"), parent)
        self.setObjectName("team")
        self.vault = vault
        self.loaded = False
        from engager_desktop.services import team

        self.name = QLineEdit()
        self.name.setObjectName("team_name")
        self.name.setMaxLength(team.MAX_NAME)
        self.name.setAccessibleName(tr("Team", "Practitioner's name on the card"))
        self.role = QComboBox()
        self.role.setObjectName("team_role")
        self.role.setAccessibleName(tr("Team", "Role"))
        for key, text in team.ROLES.items():
            self.role.addItem(tr("Team", text), key)
        form = QFormLayout(self)
        for text, widget in (
            (tr("Team", "Name on the c&ard:"), self.name),
            (tr("Team", "R&ole:"), self.role),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setEnabled(False)
            form.addRow(label, widget)
        ops.run(lambda: team.team_settings(vault), self._loaded, lambda _m, _e: None, owner=self)

    def _loaded(self, settings: Any) -> None:
        self.name.setText(settings.name or "")
        self.role.setCurrentIndex(max(self.role.findData(settings.role), 0))
        for widget in (self.name, self.role):
            widget.setEnabled(True)
        self.loaded = True

    def save(self, done: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Save what is chosen (nothing, if the saved values were never read), then ``done``."""
        if not self.loaded:
            done()
            return
        from engager_desktop.services import team

        name, role, vault = self.name.text(), str(self.role.currentData()), self.vault
        ops.run(
            lambda: team.save_team_settings(vault, name, role),
            lambda _saved: done(),
            lambda message, _exc: failed(message),
            owner=self,
        )
