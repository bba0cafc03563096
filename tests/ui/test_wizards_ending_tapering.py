"""Tapering in the ending wizard: dates off weekends and bank holidays unless he is fine with them.

Booked sessions are held where sessions are held in his phase now, not always "in the community".
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from engager_desktop.domain.bank_holidays import is_working_day
from engager_desktop.store.orm import Meeting
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards import base
from tests.ui.wizard_helpers import click, field, finish, make_man, next_page, open_wizard, page

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def proposed(qtbot: QtBot, wizard: base.EngagerWizard) -> list[date]:
    propose = next(b for b in page(wizard, "tapering").findChildren(QPushButton))
    click(qtbot, propose)
    text = field(wizard, "tapering").value().removeprefix("Sessions on ")
    return [date.fromisoformat(_iso(part)) for part in text.split(", ")]


def _iso(words: str) -> str:
    from datetime import datetime

    return datetime.strptime(words, "%d %b %Y").date().isoformat()


def test_proposed_dates_avoid_days_off_unless_chosen(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault, planned_sessions=4, planned_end=date(2027, 1, 25))
    w = open_wizard(qtbot, "ending", vault, man)
    working = proposed(qtbot, w)
    assert len(working) == 4 and all(is_working_day(d) for d in working)
    click(qtbot, field(w, "any_day"))
    plain = proposed(qtbot, w)
    assert date(2026, 12, 28) in plain  # Boxing Day's substitute, now that he is fine with it
    click(qtbot, field(w, "any_day"))
    proposed(qtbot, w)
    click(qtbot, field(w, "book_tapering"))
    for name in ("blueprint", "support", "sign_off"):
        next_page(qtbot, w, name)
    finish(qtbot, w)
    with vault.read() as session:
        rows = session.scalars(select(Meeting).where(Meeting.participant_id == man)).all()
        booked = sorted((m.starts_at.date(), m.place) for m in rows)
    assert [day for day, _ in booked] == working
    assert {place for _, place in booked} == {"prison"}  # he is still inside
