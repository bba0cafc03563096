"""What a wizard says when it cannot save, and the question asked before closing with changes."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from engager_desktop.domain.errors import UserError, describe
from engager_desktop.i18n import N_, tr
from engager_desktop.services.vault_types import VaultLocked

log = logging.getLogger(__name__)

APOLOGY = N_(
    "Wizard",
    "Sorry, something went wrong and this was not saved. What you typed is kept as a draft: "
    "press Finish to try again, or close and come back to it.",
)
LOCKED = N_(
    "Wizard", "The vault is locked. Unlock it and press Finish again: nothing you typed is lost."
)
KEEP, DISCARD, STAY = "keep", "discard", "stay"


def message_for(error: BaseException) -> str:
    """A plain line for the practitioner; anything unexpected is logged and becomes an apology."""
    if isinstance(error, VaultLocked):
        return tr("Wizard", LOCKED)
    if isinstance(error, UserError):
        return describe(error)
    log.error("wizard could not save: %s", type(error).__name__, exc_info=error)
    return tr("Wizard", APOLOGY)


def ask_keep_or_discard(parent: QWidget) -> str:
    """KEEP the draft, DISCARD it, or STAY in the wizard (the default, also on Escape)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Wizard", "Unsaved changes"))
    box.setText(tr("Wizard", "What you typed here is not saved to his record yet."))
    box.setInformativeText(
        tr(
            "Wizard",
            "Keep it as a draft to finish later, or discard it. Nothing is lost if you keep it.",
        )
    )
    keep = box.addButton(tr("Wizard", "&Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(
        tr("Wizard", "&Discard what I typed"), QMessageBox.ButtonRole.DestructiveRole
    )
    stay = box.addButton(tr("Wizard", "&Go back to it"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return KEEP
    return DISCARD if clicked is discard else STAY
