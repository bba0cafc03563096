"""Printing in the GUI: preview and print one document, blank forms, batches, the recovery sheet.

Entry points for the rest of the window (nothing else here is needed from outside):
``open_document_dialog`` (any kind, for one man or none), ``documents_list_widget`` (the
Documents tab's list for one man), ``open_batch_dialog`` (action plans for everyone) and
``open_recovery_dialog``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from engager_desktop.services import printing
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.printing.batch_dialog import BatchDialog
from engager_desktop.ui.printing.documents_list import DocumentsList
from engager_desktop.ui.printing.preview_dialog import PreviewDialog
from engager_desktop.ui.printing.recovery_dialog import RecoveryDialog


def _large_print_default() -> bool:
    from engager_desktop.ui.settings import LARGE_PRINT, Settings

    return bool(Settings().get(LARGE_PRINT))


def _show(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_document_dialog(
    vault: Vault,
    kind: str,
    man_id: str | None,
    parent: QWidget | None = None,
    *,
    blank: bool = False,
) -> QDialog:
    """Show the preview for ``kind`` (for ``man_id``; a blank form when None or ``blank``).

    The recovery sheet has no preview: it opens the dialog that prints it straight away.
    Returns the dialog, already shown (not modal); it deletes itself when closed.
    """
    if kind == printing.RECOVERY:
        return open_recovery_dialog(vault, parent)
    dialog = PreviewDialog(
        vault, kind, man_id, parent, blank=blank, large_print=_large_print_default()
    )
    return _show(dialog)


def open_recovery_dialog(vault: Vault, parent: QWidget | None = None) -> QDialog:
    return _show(RecoveryDialog(vault, parent))


def open_batch_dialog(
    vault: Vault, parent: QWidget | None = None, *, kind: str = "action-plan"
) -> QDialog:
    """Action plans (or another per-man kind) for every man still on the caseload."""
    return _show(BatchDialog(vault, parent, kind=kind, large_print=_large_print_default()))


def documents_list_widget(
    vault: Vault, man_id: str | None, parent: QWidget | None = None
) -> DocumentsList:
    """The list of documents for one man, with preview-and-print and blank-form buttons.

    Call ``set_man(man_id)`` on it when another man is chosen.
    """
    return DocumentsList(vault, man_id, open_document_dialog, parent)


__all__ = [
    "BatchDialog",
    "DocumentsList",
    "PreviewDialog",
    "RecoveryDialog",
    "documents_list_widget",
    "open_batch_dialog",
    "open_document_dialog",
    "open_recovery_dialog",
]
