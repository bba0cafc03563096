"""Data-protection windows: retention review, erasing a man, and his subject access copy."""

from engager_desktop.ui.protection.erase_dialog import EraseDialog, open_erase_dialog
from engager_desktop.ui.protection.retention_dialog import RetentionDialog, open_retention_dialog
from engager_desktop.ui.protection.sar_dialog import SarDialog, open_sar_dialog

__all__ = [
    "EraseDialog",
    "RetentionDialog",
    "SarDialog",
    "open_erase_dialog",
    "open_retention_dialog",
    "open_sar_dialog",
]
