"""A whole first meeting driven through real widgets: new man, then one flow, then the vault.

The flow records the meeting (held, where), the understanding pages he got to, the number of
sessions and end date (P23, P30), the next session and his consent to each kind of sharing (P35).
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import consent, endings, participants
from engager_desktop.services.meetings import local_day
from engager_desktop.services.understanding import load_understanding
from engager_desktop.store.orm import Meeting
from engager_desktop.store.vault import Vault
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.wizards import base
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.workspace.workspace import Workspace
from tests.ui.app_fixtures import wait_ops
from tests.ui.wizard_helpers import (
    button,
    click,
    current_problems,
    field,
    finish,
    focused,
    make_man,
    open_wizard,
    page,
    press,
    tab_to,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


class Clicks:
    """Counts what the practitioner does: each click, and each input typed into or chosen."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot, self.clicks, self.inputs = qtbot, 0, 0

    def click(self, target: object) -> None:
        self.clicks += 1
        click(self.qtbot, target)  # type: ignore[arg-type]

    def type(self, target: object, text: str) -> None:
        self.inputs += 1
        type_in(self.qtbot, target, text)  # type: ignore[arg-type]

    def choose(self, wizard: EngagerWizard, key: str, text: str) -> None:
        self.inputs += 1
        self.qtbot.keyClicks(field(wizard, key).widget, text)

    def go_to(self, wizard: EngagerWizard, name: str) -> None:
        """Click the page's entry in the page index."""
        self.clicks += 1
        index = wizard.page_index
        row = list(wizard.page_ids).index(name)
        rect = index.visualItemRect(index.item(row))
        self.qtbot.mouseClick(index.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert wizard.currentId() == wizard.page_ids[name], current_problems(wizard)


def new_man(qtbot: QtBot, vault: Vault, did: Clicks) -> str:
    dialog = NewManDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    did.type(dialog.edits["given_name"], "Daniel")
    did.type(dialog.edits["family_name"], "Okafor")
    with qtbot.waitSignal(dialog.created, timeout=5000) as signal:
        did.click(dialog.buttons.button(dialog.buttons.StandardButton.Save))
    wait_ops(qtbot)
    return str(signal.args[0])


def open_from_workspace(qtbot: QtBot, vault: Vault, man: str, did: Clicks) -> EngagerWizard:
    workspace = Workspace()
    qtbot.addWidget(workspace)
    workspace.set_vault(vault)
    workspace.show_man(man)
    wait_ops(qtbot)
    workspace.show()
    did.click(workspace.buttons["first_meeting"])
    qtbot.waitUntil(lambda: any(w.man_id == man for w in base.open_wizards()), timeout=10_000)
    wizard = next(w for w in base.open_wizards() if w.man_id == man)
    wizard.ask_close = lambda: "keep"  # type: ignore[method-assign]
    qtbot.waitExposed(wizard)
    return wizard  # the workspace owns it: it goes when the workspace is closed


def meetings(vault: Vault, man: str) -> list[tuple[date, str, bool | None]]:
    with vault.read() as session:
        rows = session.scalars(
            select(Meeting).where(Meeting.participant_id == man).order_by(Meeting.starts_at)
        ).all()
        return [(local_day(m.starts_at), m.place, m.attended) for m in rows]


def test_a_whole_first_meeting_in_one_flow(qtbot: QtBot, vault: Vault) -> None:
    did = Clicks(qtbot)
    man = new_man(qtbot, vault, did)
    w = open_from_workspace(qtbot, vault, man, did)
    assert w.currentId() == w.page_ids["meeting"]
    assert field(w, "session_date").value() == "02/11/2026"  # today, already there
    assert field(w, "place").value() == "prison"  # he is inside
    did.type(field(w, "session_time"), "10:00")
    did.choose(w, "attended", "Yes")
    did.click(button(w, QWizard.WizardButton.NextButton))
    did.type(field(w, "existing_assessments"), "Care plan from in-reach")
    did.go_to(w, "goals")  # the pages between are left for another day
    rows = page(w, "goals").lists["priority_problems"]
    assert rows.add_button is not None
    did.click(rows.add_button)
    did.type(rows.field(0, "his_words"), "Nowhere to live")
    did.choose(w, "readiness", "Thinking")
    did.go_to(w, "sessions_plan")
    sessions = field(w, "planned_sessions").widget
    sessions.setFocus()
    qtbot.keyClick(sessions, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # "Not agreed"
    did.type(sessions, "12")
    did.type(field(w, "planned_end"), "01/06/2027")
    did.type(field(w, "next_date"), "09/11/2026")
    did.type(field(w, "next_time"), "10:00")
    did.click(button(w, QWizard.WizardButton.NextButton))
    assert w.currentId() == w.page_ids["consents"]
    did.choose(w, "consent_contact_services", "He agrees")
    did.inputs += 1  # the arrow keys to the third answer, "He does not agree"
    details = field(w, "consent_share_contact_details").widget
    for _ in range(2):
        qtbot.keyClick(details, Qt.Key.Key_Down)
    did.choose(w, "consent_involve_family", "He agrees")
    did.clicks += 1
    finish(qtbot, w)

    assert meetings(vault, man) == [
        (date(2026, 11, 2), "prison", True),
        (date(2026, 11, 9), "prison", None),
    ]
    got = load_understanding(vault, man)
    assert got.background.existing_assessments == "Care plan from in-reach"
    assert [p.his_words for p in got.priority_problems] == ["Nowhere to live"]
    assert got.readiness.readiness == "thinking_about_it"
    assert got.family.relationships_help is None  # a page he did not get to: nothing assumed
    man_now = participants.get_participant(vault, man)
    assert (man_now.planned_sessions, man_now.planned_end) == (12, date(2027, 6, 1))
    answers = {(s.kind, s.given, s.recorded_on) for s in consent.current_consents(vault, man)}
    assert answers == {
        ("contact_services", True, date(2026, 11, 2)),
        ("share_contact_details", False, date(2026, 11, 2)),
        ("involve_family", True, date(2026, 11, 2)),
    }  # "share where he is" was not asked: nothing recorded for it
    assert endings.ending_plan(vault, man) is None  # no ending plan, nothing counted as arranged
    # One dialog and one flow: 2 screens besides the workspace, and this many actions.
    assert (did.clicks, did.inputs) == (8, 14)


def test_a_missed_first_meeting_records_only_that(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "first_meeting", vault, man)
    qtbot.keyClicks(field(w, "attended").widget, "No")
    type_in(qtbot, field(w, "follow_up"), "Ask the wing officer why he did not come")
    assert w.currentPage().isFinalPage()
    finish(qtbot, w)
    with vault.read() as session:
        row = session.scalars(select(Meeting).where(Meeting.participant_id == man)).one()
        assert row.attended is False and row.follow_up.startswith("Ask the wing officer")
    assert consent.current_consents(vault, man) == ()


def test_leaving_part_way_keeps_a_draft_and_reopens_on_it(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "first_meeting", vault, man)
    qtbot.keyClicks(field(w, "attended").widget, "Yes")
    click(qtbot, button(w, QWizard.WizardButton.NextButton))
    type_in(qtbot, field(w, "existing_assessments"), "Care plan from in-reach")
    with qtbot.waitSignal(w.draft_saved, timeout=5000):
        pass
    w.reject()
    again = open_wizard(qtbot, "first_meeting", vault, man)
    assert field(again, "existing_assessments").value() == "Care plan from in-reach"
    assert field(again, "attended").value() == "yes"
    qtbot.waitUntil(lambda: again.currentId() == again.page_ids["background"])
    assert load_understanding(vault, man).background.existing_assessments is None  # not saved yet


def test_a_first_meeting_by_keyboard_alone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    w = open_wizard(qtbot, "first_meeting", vault, man)
    tab_to(qtbot, field(w, "attended").widget)
    press(qtbot, Qt.Key.Key_Down)  # "Yes, we met"
    tab_to(qtbot, w.page_index)
    for _ in range(13):  # down to "14 of 15 — Sessions and the end date"
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert w.currentId() == w.page_ids["sessions_plan"], current_problems(w)
    assert focused() is field(w, "planned_sessions").widget
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "10")
    tab_to(qtbot, field(w, "planned_end").widget)
    qtbot.keyClicks(focused(), "30/04/2027")
    tab_to(qtbot, button(w, QWizard.WizardButton.NextButton))
    press(qtbot, Qt.Key.Key_Space)
    assert w.currentId() == w.page_ids["consents"]
    tab_to(qtbot, field(w, "consent_share_whereabouts").widget)
    press(qtbot, Qt.Key.Key_Down)  # "He agrees"
    tab_to(qtbot, button(w, QWizard.WizardButton.FinishButton))
    with qtbot.waitSignal(w.committed, timeout=10_000):
        press(qtbot, Qt.Key.Key_Space)
    man_now = participants.get_participant(vault, man)
    assert (man_now.planned_sessions, man_now.planned_end) == (10, date(2027, 4, 30))
    assert consent.has_consent(vault, man, "share_whereabouts")
    assert not consent.has_consent(vault, man, "contact_services")  # not asked: not assumed
