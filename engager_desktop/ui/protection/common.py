"""Small shared pieces of the data-protection dialogs: reading a man's name off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from engager_desktop.services.participants import get_participant
from engager_desktop.ui import ops


def man_name(vault: Any, man_id: str) -> str:
    man = get_participant(vault, man_id)
    full = f"{man.given_name} {man.family_name}".strip()
    if man.preferred_name and man.preferred_name != man.given_name:
        return f"{man.preferred_name} ({full})"
    return full or man.preferred_name or "this man"


def load_name(vault: Any, man_id: str, owner: QWidget, shown: Callable[[str], None]) -> None:
    """Read his name in the pool and hand it to ``shown`` (a plain message if that fails)."""
    ops.run(lambda: man_name(vault, man_id), shown, lambda message, _e: shown(message), owner=owner)
