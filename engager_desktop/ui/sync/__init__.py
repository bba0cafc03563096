"""USB sync dialogs (devices, export, import, conflicts, handover) and their entry points."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.sync.conflicts_dialog import ConflictsDialog
from engager_desktop.ui.sync.devices_dialog import DevicesDialog
from engager_desktop.ui.sync.export_dialog import ExportDialog
from engager_desktop.ui.sync.handover_dialog import HandoverDialog
from engager_desktop.ui.sync.import_dialog import ImportDialog

__all__ = [
    "ConflictsDialog",
    "DevicesDialog",
    "ExportDialog",
    "HandoverDialog",
    "ImportDialog",
    "open_conflicts_dialog",
    "open_devices_dialog",
    "open_export_dialog",
    "open_handover_dialog",
    "open_import_dialog",
]


def _open(dialog: QDialog) -> QDialog:
    """Show ``dialog`` window-modal; it is deleted when closed. Returns it (for tests and hooks)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_devices_dialog(vault: Vault, parent: QWidget | None) -> DevicesDialog:
    return _open(DevicesDialog(vault, parent))  # type: ignore[return-value]


def open_export_dialog(
    vault: Vault, parent: QWidget | None, men: Sequence[str] = ()
) -> ExportDialog:
    return _open(ExportDialog(vault, parent, men))  # type: ignore[return-value]


def open_import_dialog(vault: Vault, parent: QWidget | None) -> ImportDialog:
    return _open(ImportDialog(vault, parent))  # type: ignore[return-value]


def open_conflicts_dialog(
    vault: Vault, parent: QWidget | None, man_id: str | None = None
) -> ConflictsDialog:
    return _open(ConflictsDialog(vault, parent, man_id))  # type: ignore[return-value]


def open_handover_dialog(
    vault: Vault, parent: QWidget | None, men: Sequence[str] = ()
) -> HandoverDialog:
    return _open(HandoverDialog(vault, parent, men))  # type: ignore[return-value]
