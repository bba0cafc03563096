"""A review after release: the session proposed is the next one due outside, held in the community.

Before this, the wizard opened on a session planned months before in prison and copied its place,
so every community session after it was stored as "In prison".
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.services import session_review
from engager_desktop.services.meetings import LONDON, local_day
from engager_desktop.services.session_review import NextSession, ReviewInput
from engager_desktop.store.orm import Meeting, Participant
from engager_desktop.store.vault import Vault
from tests.ui.wizard_helpers import field, finish, make_man, next_page, open_wizard, type_in

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def at(day: str, hour: int) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), LONDON).replace(hour=hour)


def held(
    vault: Vault, man: str, day: str, place: str, next_day: str = "", next_place: str = ""
) -> None:
    review = ReviewInput(
        starts_at=at(day, 10),
        place=place,
        attended=True,
        next_session=NextSession(at(next_day, 14), next_place) if next_day else None,
    )
    session_review.save_review(vault, man, review)


def released(vault: Vault) -> str:
    """A man out since 1 October: a prison session planned for September was never recorded."""
    man = make_man(vault)
    held(vault, man, "2026-08-25", "prison", "2026-09-01", "prison")
    with vault.write() as session:  # set up: he has since been released
        row = session.get(Participant, man)
        assert row is not None
        row.phase, row.expected_release = "in_community", date(2026, 10, 1)
    return man


def meetings(vault: Vault, man: str) -> list[tuple[date, str, bool | None]]:
    with vault.read() as session:
        rows = session.scalars(
            select(Meeting).where(Meeting.participant_id == man).order_by(Meeting.starts_at)
        ).all()
        return [(local_day(m.starts_at), m.place, m.attended) for m in rows]


def test_review_after_release_proposes_the_session_due_outside(qtbot: QtBot, vault: Vault) -> None:
    man = released(vault)
    held(vault, man, "2026-10-26", "community", "2026-11-02", "community")
    wizard = open_wizard(qtbot, "review", vault, man)
    assert "2 Nov 2026" in wizard.context.planned_text
    assert field(wizard, "session_date").value() == "02/11/2026"
    assert field(wizard, "place").value() == "community"
    assert field(wizard, "next_place").value() == "community"
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    for name in ("distress", "steps", "new_steps", "next_session"):
        next_page(qtbot, wizard, name)
    type_in(qtbot, field(wizard, "next_date"), "09/11/2026")
    finish(qtbot, wizard)
    assert meetings(vault, man) == [
        (date(2026, 8, 25), "prison", True),
        (date(2026, 9, 1), "prison", None),  # left as it was, never proposed again
        (date(2026, 10, 26), "community", True),
        (date(2026, 11, 2), "community", True),
        (date(2026, 11, 9), "community", None),
    ]


def test_with_nothing_due_outside_the_place_is_the_community_place_last_used(
    qtbot: QtBot, vault: Vault
) -> None:
    man = released(vault)
    held(vault, man, "2026-10-13", "community")
    held(vault, man, "2026-10-27", "phone")
    wizard = open_wizard(qtbot, "review", vault, man)
    assert wizard.context.planned_text.startswith("No session was planned")
    assert field(wizard, "session_date").value() == "02/11/2026"
    assert field(wizard, "place").value() == "phone"
    assert field(wizard, "next_place").value() == "phone"


def test_inside_sessions_are_held_in_prison(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man)
    assert field(wizard, "place").value() == "prison"
    assert field(wizard, "next_place").value() == "prison"
