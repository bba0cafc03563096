"""The wizards: open one for a man (non-blocking), or render every page for screenshots.

``launch(kind, vault, man_id, parent, opened)`` reads what the wizard opens on (his record and
his draft) on a worker, then builds the wizard on the UI thread, opens it with ``open()`` and
passes it to ``opened``; connect to its ``committed(kind, man_id)`` signal (or ``finished``) to
refresh what the caller shows. ``create`` builds one at once, reading on the calling thread
(tests and the screenshot command only).
Before an auto-lock call ``close_all_for_lock()``: it keeps every open wizard's draft, closes
them and returns (kind, man id) pairs to launch again after unlock (each reopens on its draft).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from engager_desktop.crypto.errors import VaultError
from engager_desktop.i18n import tr
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.wizards.base import (
    EngagerWizard,
    Opening,
    close_all_for_lock,
    open_wizards,
)

# Each wizard's module is imported when first opened, not when the app starts.
WIZARDS: dict[str, str] = {
    "first_meeting": "engager_desktop.ui.wizards.first_meeting:FirstMeetingWizard",
    "understanding": "engager_desktop.ui.wizards.understanding:UnderstandingWizard",
    "review": "engager_desktop.ui.wizards.review:ReviewWizard",
    "release": "engager_desktop.ui.wizards.release:ReleaseWizard",
    "ending": "engager_desktop.ui.wizards.ending:EndingWizard",
}
KINDS = tuple(WIZARDS)


def wizard_class(kind: str) -> type[EngagerWizard]:
    try:
        module, name = WIZARDS[kind].split(":")
    except KeyError:
        raise ValueError(f"unknown wizard {kind!r}; expected one of {', '.join(KINDS)}") from None
    cls: type[EngagerWizard] = getattr(importlib.import_module(module), name)
    return cls


def create(
    kind: str, vault: Vault, man_id: str, parent: QWidget | None = None, *, use_drafts: bool = True
) -> EngagerWizard:
    """Build (without showing) the wizard of ``kind`` for one man."""
    return wizard_class(kind)(vault, man_id, parent, use_drafts=use_drafts)


def _unavailable(message: str, parent: QWidget | None) -> QWizard:
    """A one-page wizard saying plainly why the real one cannot open (no traceback)."""
    wizard = QWizard(parent)
    wizard.setWindowTitle(tr("Wizard", "Not available"))
    page = QWizardPage()
    page.setTitle(tr("Wizard", "This cannot be opened"))
    layout = QVBoxLayout(page)
    label = QLabel(message, page)
    label.setWordWrap(True)
    layout.addWidget(label)
    wizard.addPage(page)
    return wizard


def launch(
    kind: str,
    vault: Vault,
    man_id: str,
    parent: QWidget | None = None,
    opened: Callable[[QWizard], Any] | None = None,
) -> ops.Op:
    """Open the wizard of ``kind`` for one man, window-modal but not blocking, once what it
    opens on has been read on a worker; then ``opened(wizard)``. Nothing opens if ``parent``
    has gone meanwhile or the vault locks first."""
    cls = wizard_class(kind)  # imported here: a module import is no database call

    def read() -> Opening:
        return cls.read_opening(vault, man_id)

    def show(wizard: QWizard) -> None:
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        wizard.open()
        if opened is not None:
            opened(wizard)

    def ready(opening: Opening) -> None:
        show(cls(vault, man_id, parent, opening=opening))

    def failed(message: str, exc: BaseException) -> None:
        # He was removed elsewhere, the vault is damaged, or something unexpected: say so.
        show(_unavailable(str(exc) if isinstance(exc, VaultError) else message, parent))

    return ops.run(read, ready, failed, owner=parent)


def _show_a_blank_row(wizard: EngagerWizard) -> None:
    """An empty list shows one blank row in a screenshot, so its inputs can be seen."""
    for page in wizard.pages:
        for rows in page.lists.values():
            if not rows.rows and rows.add_button is not None and rows.add_button.isEnabled():
                rows.add_row(dict(rows.defaults))


def page_screenshots(
    vault: Vault,
    man_id: str,
    out_dir: Path,
    size: QSize,
    visit: Callable[[QWidget, str], None] | None = None,
) -> list[Path]:
    """Render every page of every wizard for one man to PNG (offscreen); returns the files.
    ``visit(wizard, name)``, if given, sees each page just before it is grabbed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind in KINDS:
        wizard = create(kind, vault, man_id, use_drafts=False)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        wizard.resize(size)
        _show_a_blank_row(wizard)
        wizard.show()
        for number, page_id in enumerate(wizard.pageIds(), start=1):
            wizard.setStartId(page_id)
            wizard.restart()
            QApplication.processEvents()
            name = wizard.page(page_id).__class__.__name__.removesuffix("Page").lower()
            path = out_dir / f"{kind}-{number:02d}-{name}.png"
            if visit is not None:
                visit(wizard, path.stem)
            wizard.grab().save(str(path), "PNG")
            written.append(path)
        wizard.close()
        wizard.deleteLater()
    return written


__all__ = [
    "KINDS",
    "WIZARDS",
    "Opening",
    "close_all_for_lock",
    "create",
    "launch",
    "open_wizards",
    "page_screenshots",
    "wizard_class",
]
