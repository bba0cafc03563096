"""The Sessions tab kept up in place: a planned session moved from its row or cancelled, a held
one's notes corrected, each saved through services.session_edits and undone with Ctrl+Z."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from engager_desktop.store.orm import Meeting
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import describe, unnamed_inputs
from engager_desktop.ui.forms.session_dialog import SessionDialog
from tests.ui.app_fixtures import wait_ops
from tests.ui.edit_helpers import (
    CTRL,
    choose_data,
    open_workspace,
    press_enter_on,
    press_in_workspace,
    save_by_keyboard,
    tab,
)
from tests.ui.wizard_helpers import make_man

pytestmark = pytest.mark.gui
NOW = datetime(2026, 11, 2, 9, 0)


def _meeting(vault: Vault, man: str, when: datetime, attended: bool | None) -> str:
    with vault.write() as session:
        row = Meeting(
            participant_id=man,
            starts_at=when,
            place="prison",
            attended=attended,
            reviewed="Went over the plan" if attended else None,
        )
        session.add(row)
        session.flush()
        return row.id


def _row(vault: Vault, meeting_id: str) -> Meeting:
    with vault.read() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_planned_session_is_moved_from_its_row_and_undone(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    planned = _meeting(vault, man, NOW + timedelta(days=2), None)
    ws = open_workspace(qtbot, vault, man)
    sessions = tab(ws, "SessionsTab").sessions
    dialog = press_enter_on(qtbot, sessions, 0)
    assert isinstance(dialog, SessionDialog) and dialog.windowTitle() == "Move a planned session"
    assert [describe(w) for w in unnamed_inputs(dialog)] == []
    assert dialog.notes is None  # nothing to write about a session still to come
    dialog.starts.setDateTime(QDateTime(2026, 11, 5, 14, 0, 0))
    choose_data(dialog.place, "phone")
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible(), dialog.status.text()
    row = _row(vault, planned)
    assert (row.starts_at, row.place, row.attended) == (datetime(2026, 11, 5, 14, 0), "phone", None)
    assert sessions.model.row_at(0).cells[1] == "By phone"
    press_in_workspace(qtbot, ws, Qt.Key.Key_Z, CTRL)
    assert _row(vault, planned).starts_at == NOW + timedelta(days=2)


def test_held_notes_corrected_and_a_planned_one_cancelled(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    held = _meeting(vault, man, NOW - timedelta(days=1), True)
    planned = _meeting(vault, man, NOW + timedelta(days=6), None)
    ws = open_workspace(qtbot, vault, man)
    sessions_tab = tab(ws, "SessionsTab")
    ids = [sessions_tab.sessions.model.row_at(n).id for n in range(2)]
    sessions_tab.sessions.choose_row(ids.index(held))
    sessions_tab.buttons["cancel_session"].click()
    assert "only a planned session" in ws.sub_label.text().lower()
    dialog = press_enter_on(qtbot, sessions_tab.sessions, ids.index(held))
    qtbot.keyClicks(dialog.notes, "He was calmer by the end")
    save_by_keyboard(qtbot, dialog)
    row = _row(vault, held)
    assert (row.notes, row.reviewed, row.attended) == (
        "He was calmer by the end",
        "Went over the plan",
        True,
    )
    sessions_tab.sessions.choose_row(ids.index(planned))
    ws.tab_actions.sessions.cancel(confirm=False)
    wait_ops(qtbot)
    assert _row(vault, planned).deleted
    qtbot.waitUntil(lambda: sessions_tab.sessions.model.rowCount() == 1)
    ws.history.undo_action.trigger()  # planned again, as a new record
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: sessions_tab.sessions.model.rowCount() == 2)
    assert "Planned" in {sessions_tab.sessions.model.row_at(n).cells[2] for n in range(2)}


def test_a_held_session_shows_the_steps_its_review_recorded(qtbot: QtBot, vault: Vault) -> None:
    from engager_desktop.services import session_review as review
    from tests.ui.wizard_helpers import make_plan

    man = make_man(vault)
    _goal, steps = make_plan(vault, man)
    saved = review.save_review(
        vault,
        man,
        review.ReviewInput(
            NOW - timedelta(days=1),
            "prison",
            True,
            outcomes=[
                review.StepOutcome(steps[0], "done", None),
                review.StepOutcome(steps[1], "not_done", "The phones were down"),
            ],
        ),
    )
    assert saved.meeting_id
    ws = open_workspace(qtbot, vault, man)
    dialog = press_enter_on(qtbot, tab(ws, "SessionsTab").sessions, 0)
    assert isinstance(dialog, SessionDialog)
    wait_ops(qtbot)
    assert dialog.steps_reviewed.text().splitlines() == [
        "Steps reviewed at this session:",
        "• Fill in the housing form: Done",
        "• Ring the council: Not done (The phones were down)",
    ]
    assert dialog.steps_reviewed.accessibleName() == "Steps reviewed at this session"
    assert "Ring the council" in dialog.steps_reviewed.accessibleDescription()
    dialog.reject()
