"""His papers' language in the GUI: chosen in "Who he is" and when he is added, used by default
in the print preview, changed there for one print (Welsh and English side by side only for
papers meant for others), and the print audited with its language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services.participants import get_participant, update_participant
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from engager_desktop.ui.forms.parts_dialog import PartsDialog
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.printing import PreviewDialog
from tests.services import print_fixtures as f
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import (
    CTRL,
    choose_data,
    open_workspace,
    press_in_workspace,
    save_by_keyboard,
    tab,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def open_preview(qtbot: QtBot, vault: Vault, kind: str, man_id: str | None) -> PreviewDialog:
    dialog = PreviewDialog(vault, kind, man_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=15_000)
    return dialog


def offered(dialog: PreviewDialog) -> list[str]:
    box = dialog.language
    return [str(box.itemData(i)) for i in range(box.count())]


def test_who_he_is_sets_his_papers_language_and_undo_puts_it_back(
    qtbot: QtBot, vault: Vault
) -> None:
    man = f.add_full_man(vault)
    ws = open_workspace(qtbot, vault, man)
    tab(ws, "UnderstandingTab").buttons["edit_identity"].click()
    dialog = ws.tab_actions.dialogs[-1]
    assert isinstance(dialog, PartsDialog)
    box = dialog.parts["document_language"]
    assert box.currentText() == "English" and box.accessibleName()
    choose_data(box, "cy")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    assert get_participant(vault, man).document_language == "cy"
    about = tab(ws, "UnderstandingTab").about  # shown where he is read, named in its own words
    qtbot.waitUntil(lambda: about.text("papers") == "Cymraeg", timeout=10_000)
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert get_participant(vault, man).document_language is None
    qtbot.waitUntil(lambda: about.text("papers") == "English", timeout=10_000)


def test_a_new_man_can_have_his_papers_in_welsh(qtbot: QtBot, vault: Vault) -> None:
    dialog = NewManDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    created: list[str] = []
    dialog.created.connect(created.append)
    qtbot.keyClicks(dialog.edits["given_name"], "Iwan")
    qtbot.keyClicks(dialog.edits["family_name"], "Price")
    assert dialog.language.accessibleName()
    choose_data(dialog.language, "cy")
    dialog.save()
    qtbot.waitUntil(lambda: bool(created), timeout=10_000)
    assert get_participant(vault, created[0]).document_language == "cy"


def test_the_preview_starts_in_his_language_and_can_print_in_another(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    man = f.add_full_man(vault)
    update_participant(vault, man, replace(get_participant(vault, man), document_language="cy"))
    plan = open_preview(qtbot, vault, "action-plan", man)
    assert plan.prepared is not None and plan.prepared.language == "cy"
    assert plan.language.currentData() == "cy"
    assert offered(plan) == ["en", "cy"]  # his own paper: one language
    first = plan.prepared
    choose_data(plan.language, "en")
    qtbot.waitUntil(lambda: plan.prepared is not first, timeout=15_000)
    assert plan.prepared.language == "en"
    plan.for_others.setChecked(True)  # a copy for someone else may be bilingual
    wait_ops(qtbot)
    assert offered(plan) == ["en", "cy", "cy+en"]
    before = plan.prepared
    choose_data(plan.language, "cy+en")
    qtbot.waitUntil(
        lambda: plan.prepared is not before and plan.prepared.language == "cy+en",
        timeout=15_000,
    )
    target = tmp_path / "copy.pdf"
    plan.choose_save_path = lambda _name: str(target)
    plan.save_button.click()
    qtbot.waitUntil(lambda: plan.status.text().startswith("Saved"), timeout=15_000)
    with vault.read() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "print")
        ).all()
    assert details[-1].endswith("; language cy+en")
    plan.for_others.setChecked(False)  # back to his own paper: cy+en goes, one language stays
    wait_ops(qtbot)
    assert offered(plan) == ["en", "cy"] and plan.language.currentData() in ("en", "cy")
    explainer = open_preview(qtbot, vault, "explainer", None)
    assert offered(explainer) == ["en", "cy", "cy+en"]
