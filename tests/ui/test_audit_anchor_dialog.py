"""The import dialog refuses a bundle from a laptop whose audit log was rewritten, and says why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.ui import ops
from engager_desktop.ui.sync import ImportDialog
from tests.sync.conftest import Laptop, add_man
from tests.sync.test_audit_anchor import _exchange, _refusals, _reopen_after

pytestmark = pytest.mark.gui


def test_a_rewritten_log_is_refused_in_the_import_dialog(
    qtbot: QtBot, pair: tuple[Laptop, Laptop]
) -> None:
    prison, community = pair
    _exchange(prison, community)
    _reopen_after(prison, {3})  # the attack: an early entry removed, the chain relinked
    add_man(prison)
    bundle = prison.export(community)
    before = community.digest()
    dialog = ImportDialog(community.vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.bundle.edit, str(bundle))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ops.pending() == 0, timeout=15_000)
    text = dialog.message.text()
    assert text.startswith("Nothing was imported.") and "rewritten or cut short" in text
    assert dialog.import_button.isHidden()
    assert community.digest() == before
    assert _refusals(community) == ["audit_head"]
    dialog.grab().save("/tmp/sync-audit-import-refused.png")


def test_the_supervision_view_shows_a_head_check_accepts(qtbot: QtBot, vault) -> None:  # type: ignore[no-untyped-def]
    from engager_desktop.domain.audit_head import parse_head
    from engager_desktop.ui.supervision_view import SupervisionView

    view = SupervisionView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: "check --head" in view.head.text(), timeout=15_000)
    shown = view.head.text().split("check --head: ")[1].rstrip(".")
    head = vault.audit_head()
    typed = parse_head(shown)  # what a supervisor copies from the screen is accepted
    assert typed.count <= head.count and len(typed.hash_prefix) == 16
    view.grab().save("/tmp/sync-audit-supervision-view.png")
