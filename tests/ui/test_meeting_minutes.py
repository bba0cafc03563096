"""How long a meeting lasted: asked on the review's session page and the first meeting's "This
meeting" page, kept on the meeting and shown on the Sessions tab."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services.review_commit import review_input
from engager_desktop.store.orm import Meeting
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from tests.ui.edit_helpers import (
    CTRL,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.test_session_edits import NOW, _meeting, _row
from tests.ui.wizard_helpers import field, finish, make_man, next_page, open_wizard, type_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _minutes(vault: Vault, man: str) -> list[int | None]:
    with vault.read() as session:
        return list(session.scalars(select(Meeting.minutes).where(Meeting.participant_id == man)))


def test_the_review_keeps_how_long_it_lasted_and_the_sessions_tab_shows_it(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    minutes = field(wizard, "minutes")
    assert minutes.widget.accessibleName() and minutes.value() is None  # "Not recorded"
    type_in(qtbot, field(wizard, "session_time"), "10:30")
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    minutes.widget.selectAll()
    type_in(qtbot, minutes, "50")
    assert minutes.value() == 50
    wizard.currentPage().grab().save("/tmp/living-data-review-attendance.png")
    next_page(qtbot, wizard, "distress")
    next_page(qtbot, wizard, "steps")
    next_page(qtbot, wizard, "new_steps")
    next_page(qtbot, wizard, "next_session")
    finish(qtbot, wizard)
    assert _minutes(vault, man) == [50]

    ws = open_workspace(qtbot, vault, man)
    sessions = tab(ws, "SessionsTab").sessions
    sessions.grab().save("/tmp/living-data-sessions.png")
    assert sessions.model.row_at(0).cells[2] == "Held, 50 min"


def test_the_first_meeting_asks_it_on_its_first_page(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "first_meeting", vault, man)
    page = wizard.currentPage()
    assert page.NAME == "meeting" and "minutes" in page.fields
    assert [describe(w) for w in unnamed_inputs(page)] == []


def test_minutes_go_with_a_held_meeting_only() -> None:
    held = {"session_date": "02/11/2026", "place": "prison", "attended": "yes", "minutes": 45}
    assert review_input(held, None).minutes == 45
    assert review_input({**held, "attended": "no", "follow_up": "Ring"}, None).minutes is None
    assert review_input({**held, "minutes": None}, None).minutes is None
    assert review_input(held, None).starts_at.date() == date(2026, 11, 2)


def test_a_held_sessions_length_is_corrected_from_its_row_and_undone(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    held = _meeting(vault, man, NOW - timedelta(days=1), True)
    ws = open_workspace(qtbot, vault, man)
    sessions = tab(ws, "SessionsTab").sessions
    dialog = press_enter_on(qtbot, sessions, 0)
    assert dialog.minutes is not None and dialog.minutes.text() == "Not recorded"
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    dialog.minutes.setValue(75)
    save_by_keyboard(qtbot, dialog)
    assert _minutes(vault, man) == [75]
    qtbot.waitUntil(lambda: sessions.model.row_at(0).cells[2] == "Held, 75 min")
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _minutes(vault, man) == [None]
    assert _row(vault, held).reviewed == "Went over the plan"
