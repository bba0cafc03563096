"""Readiness to change keeps a dated history (P9): a rating per day it changed, corrected the
same day, removed again when the change is undone; the current value stays where it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engager_desktop.services import understanding as u
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.understanding_forms import ReadinessForm
from engager_desktop.store.vault import Vault
from tests.services.test_understanding import audited

TODAY = date(2026, 11, 2)
DAY = 86400


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id


def _history(vault: Vault, man: str) -> list[tuple[date, str | None, str | None]]:
    return [
        (r.rated_on, r.readiness, r.note)
        for r in u.load_understanding(vault, man).readiness_history
    ]


def test_each_day_it_changes_is_kept_and_the_current_value_stays(
    vault: Vault, clock: object, man: str
) -> None:
    u.save_readiness(vault, man, ReadinessForm("not_yet", "Wants to get through the first month"))
    clock.advance(14 * DAY)  # type: ignore[attr-defined]
    u.save_readiness(vault, man, ReadinessForm("ready", "Talks about his daughter", "A job"))
    clock.advance(DAY)  # type: ignore[attr-defined]
    u.save_readiness(vault, man, ReadinessForm("ready", "Talks about his daughter", "A home"))
    assert _history(vault, man) == [
        (TODAY, "not_yet", "Wants to get through the first month"),
        (TODAY + timedelta(days=14), "ready", "Talks about his daughter"),
    ]  # hopes alone changing is no new rating
    current = u.load_understanding(vault, man).readiness
    assert (current.readiness, current.hopes_for_ending) == ("ready", "A home")
    assert audited(vault, "readiness_ratings") == ["create", "create"]


def test_a_second_change_the_same_day_corrects_it_and_going_back_removes_it(
    vault: Vault, clock: object, man: str
) -> None:
    u.save_readiness(vault, man, ReadinessForm("not_yet"))
    clock.advance(7 * DAY)  # type: ignore[attr-defined]
    u.save_readiness(vault, man, ReadinessForm("thinking_about_it"))
    u.save_readiness(vault, man, ReadinessForm("ready", "He said so twice"))
    week = TODAY + timedelta(days=7)
    assert _history(vault, man) == [(TODAY, "not_yet", None), (week, "ready", "He said so twice")]
    u.save_readiness(vault, man, ReadinessForm("not_yet"))  # an undo: back to last week's
    assert _history(vault, man) == [(TODAY, "not_yet", None)]
    u.save_readiness(vault, man, ReadinessForm("ready", "He said so twice"))  # redo
    assert _history(vault, man) == [(TODAY, "not_yet", None), (week, "ready", "He said so twice")]


def test_a_bad_value_adds_nothing(vault: Vault, man: str) -> None:
    with pytest.raises(Exception, match="eadiness"):
        u.save_readiness(vault, man, ReadinessForm("desperate"))
    assert _history(vault, man) == []
