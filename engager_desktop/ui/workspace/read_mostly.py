"""On a supervisor's laptop, a man another laptop holds is read-only in the workspace.

Every tab's change buttons are disabled, each saying why (tooltip and accessible description);
printing stays. A row's Enter or double-click opens nothing and the reason is shown under his
name and announced. The services refuse such an edit too (``store/read_mostly.py``).
"""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import announce

_KEPT = "read_mostly_kept"  # the button's own tooltip and description, while it is closed


def reason() -> str:
    return tr(
        "ReadMostly",
        "Read-only here: another practitioner's laptop holds him. Only printing is open.",
    )


def close_edits(workspace: Any) -> None:
    """Disable (or enable again) every tab button that changes his record."""
    closed = bool(workspace.read_mostly)
    why = reason() if closed else ""
    for tab in workspace.tabs:
        for key, button in tab.buttons.items():
            if key.startswith("print_"):
                continue
            kept = button.property(_KEPT)
            if closed:
                if kept is None:
                    button.setProperty(_KEPT, (button.toolTip(), button.accessibleDescription()))
                button.setToolTip(why)
                button.setAccessibleDescription(why)
            elif kept is not None:
                button.setToolTip(kept[0])
                button.setAccessibleDescription(kept[1])
                button.setProperty(_KEPT, None)
            button.setEnabled(not closed)


def refuse(workspace: Any) -> bool:
    """True (and the reason shown and announced) when his record is read-only here."""
    if not workspace.read_mostly:
        return False
    text = reason()
    workspace.say(text)
    announce(workspace.sub_label, text)
    return True


__all__ = ["close_edits", "reason", "refuse"]
