"""Shared parts of a passphrase change: "someone may know my old one", its progress, its result."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from engager_desktop.i18n import N_, tr

SOMEONE_MAY_KNOW = N_("KeyChange", "&Someone may know my old passphrase or recovery code")
SOMEONE_HINT = N_(
    "KeyChange",
    "Ticked, the vault is re-encrypted under a new key, so an old copy of its key file no longer "
    "opens it, and you get a new recovery code. It takes longer. Unticked, only the passphrase "
    "changes: a copy of the old key file would still open the vault with the old passphrase.",
)
REKEY_STEPS = 4  # store.credentials.REKEY_STEPS, not imported: it loads SQLAlchemy


class SomeoneMayKnow(QWidget):
    """The choice, with what it means, and the progress bar shown while the vault is re-keyed."""

    def __init__(self, checked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(tr("KeyChange", SOMEONE_MAY_KNOW))
        self.box.setObjectName("someone_may_know")
        self.box.setChecked(checked)
        hint = QLabel(tr("KeyChange", SOMEONE_HINT))
        hint.setWordWrap(True)
        self.box.setToolTip(tr("KeyChange", SOMEONE_HINT))
        self.progress = QProgressBar()
        self.progress.setRange(0, REKEY_STEPS)
        self.progress.setAccessibleName(tr("KeyChange", "Re-encrypting the vault"))
        self.progress.setFormat(tr("KeyChange", "%v of %m"))
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.box, hint, self.progress):
            layout.addWidget(widget)

    def checked(self) -> bool:
        return self.box.isChecked()

    def show_step(self, step: int, total: int, what: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(step)
        self.progress.setFormat(
            tr("KeyChange", "Step {step} of {total}: {what}…").format(
                step=step, total=total, what=what
            )
        )
        self.progress.show()

    def done(self) -> None:
        self.progress.hide()


def result_text(change: Any) -> str:
    """Exactly what still opens the vault after the change (``vault_access.KeyChange``)."""
    if change.rekeyed:
        text = tr(
            "KeyChange",
            "The vault is re-encrypted under a new key: an old copy of its key file no longer "
            "opens it, with the old passphrase or the old recovery code.",
        )
    else:
        text = tr(
            "KeyChange",
            "The vault's key is unchanged: a copy of its old key file (keyslots.json) would "
            "still open it with the old passphrase. If someone may know it, change the "
            "passphrase again with the box ticked.",
        )
    if change.old_backups:
        names = ", ".join(change.old_backups)
        text += " " + tr(
            "KeyChange",
            "These backups still open with the passphrase and recovery code of their time; "
            "delete them if someone may know those: {names}.",
        ).format(names=names)
    return text
