"""Tests for ending plans: sessions progress, tapering dates, support in place, ending checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engager_desktop.domain.bank_holidays import is_working_day
from engager_desktop.domain.endings import (
    NO_SUPPORT_WARNING,
    EndingCheckInput,
    TaperingError,
    ending_checks,
    on_working_days,
    propose_tapering,
    sessions_progress,
    support_in_place,
)
from engager_desktop.domain.enums import ContinuingSupportKind as Kind

LAST = date(2026, 11, 2)


def gaps(start: date, dates: list[date]) -> list[int]:
    points = [start, *dates]
    return [(b - a).days for a, b in zip(points, points[1:], strict=False)]


# --- sessions ---------------------------------------------------------------------------------


def test_sessions_progress() -> None:
    p = sessions_progress(4, 12)
    assert (p.remaining, p.percent, p.over_plan) == (8, 33, False)
    assert p.message == "4 of 12 sessions held, 8 to go."
    done = sessions_progress(12, 12)
    assert (done.remaining, done.percent) == (0, 100) and "All 12" in done.message
    over = sessions_progress(14, 12)
    assert (over.remaining, over.percent, over.over_plan) == (0, 100, True)
    none = sessions_progress(0, None)
    assert none.remaining is None and none.percent is None and "agree" in none.message.lower()


def test_sessions_progress_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        sessions_progress(-1, 10)
    with pytest.raises(ValueError):
        sessions_progress(1, 0)


# --- tapering ---------------------------------------------------------------------------------


def test_exact_fit_is_weekly_fortnightly_three_weekly() -> None:
    dates = propose_tapering(LAST, LAST + timedelta(days=42), 3)
    assert gaps(LAST, dates) == [7, 14, 21]
    assert dates[-1] == LAST + timedelta(days=42)


def test_six_sessions_taper_in_pairs() -> None:
    dates = propose_tapering(LAST, LAST + timedelta(days=84), 6)
    assert gaps(LAST, dates) == [7, 7, 14, 14, 21, 21]


@pytest.mark.parametrize("sessions", [1, 2, 3, 4, 5, 7, 10, 20])
@pytest.mark.parametrize("days", [20, 21, 30, 45, 63, 100, 150, 365])
def test_always_lands_on_the_end_date_with_widening_gaps(sessions: int, days: int) -> None:
    end = LAST + timedelta(days=days)
    dates = propose_tapering(LAST, end, sessions)
    assert len(dates) == sessions
    assert dates[-1] == end
    assert all(d <= end for d in dates)
    steps = gaps(LAST, dates)
    assert all(step >= 1 for step in steps)
    assert steps == sorted(steps)
    if sessions >= 3 and days >= 2 * sessions:
        assert steps[-1] > steps[0]


def test_single_session_is_on_the_end_date() -> None:
    assert propose_tapering(LAST, LAST + timedelta(days=10), 1) == [LAST + timedelta(days=10)]


def test_no_sessions_left() -> None:
    assert propose_tapering(LAST, LAST + timedelta(days=30), 0) == []
    assert propose_tapering(LAST, LAST - timedelta(days=30), 0) == []


def test_tight_time_squeezes_but_stays_one_a_day_at_most() -> None:
    dates = propose_tapering(LAST, LAST + timedelta(days=4), 4)
    assert gaps(LAST, dates) == [1, 1, 1, 1]


def test_too_little_time_is_a_clear_error() -> None:
    with pytest.raises(TaperingError, match="too few for 4 more sessions"):
        propose_tapering(LAST, LAST + timedelta(days=3), 4)
    with pytest.raises(TaperingError, match="There are 0 days"):
        propose_tapering(LAST, LAST, 1)
    with pytest.raises(TaperingError, match="There are 0 days"):
        propose_tapering(LAST, LAST - timedelta(days=5), 2)
    with pytest.raises(ValueError):
        propose_tapering(LAST, LAST + timedelta(days=30), -1)


def test_far_end_date_stretches_in_proportion() -> None:
    dates = propose_tapering(LAST, LAST + timedelta(days=120), 3)
    assert gaps(LAST, dates) == [20, 40, 60]


# --- support in place -------------------------------------------------------------------------


def test_no_support_arranged_is_refused() -> None:
    check = support_in_place(None, "", "  ", None)
    assert not check.ok_to_end
    assert check.arranged == ()
    assert check.missing == (Kind.MENTORING, Kind.SERVICES, Kind.FAMILY_AND_FRIENDS, Kind.SELF_CARE)
    assert check.message == NO_SUPPORT_WARNING


def test_some_support_arranged() -> None:
    check = support_in_place(None, "Drop-in at the Wallich, Tuesdays", None, "Gym, walks")
    assert check.ok_to_end
    assert check.arranged == (Kind.SERVICES, Kind.SELF_CARE)
    assert check.missing == (Kind.MENTORING, Kind.FAMILY_AND_FRIENDS)
    assert "2 of the 4" in check.message


def test_all_four_ways() -> None:
    check = support_in_place("Peer mentor", "CMHT", "His sister", "Reading")
    assert check.ok_to_end and check.missing == () and "All 4" in check.message


# --- ending checks ----------------------------------------------------------------------------

COMPLETE = EndingCheckInput(
    signs_to_watch="Not sleeping, skipping meals",
    what_helps="Calling his sister, the gym",
    who_to_contact="Mentor, GP, Samaritans",
    services="Drop-in",
    aftercare_call_on=date(2027, 3, 1),
    sign_off_meeting_planned=True,
    how_to_mark_it="Coffee at the café",
    tapering="Weekly, then fortnightly",
    end_date=date(2027, 2, 1),
)


def test_everything_in_place_is_ready() -> None:
    checks = ending_checks(COMPLETE)
    assert checks.ready and checks.missing == ()
    assert checks.support.ok_to_end


def test_empty_plan_lists_required_items_first() -> None:
    checks = ending_checks(EndingCheckInput())
    assert not checks.ready
    keys = [item.key for item in checks.missing]
    assert keys[:6] == [
        "signs_to_watch", "what_helps", "who_to_contact", "continuing_support",
        "sign_off_in_person", "aftercare_call",
    ]  # fmt: skip
    assert set(keys[6:]) == {"end_date", "tapering", "how_to_mark_it"}
    assert all(item.required for item in checks.missing[:6])
    assert not any(item.required for item in checks.missing[6:])


def test_no_continuing_support_blocks_the_ending() -> None:
    plan = EndingCheckInput(**{**COMPLETE.__dict__, "services": None})
    checks = ending_checks(plan)
    assert not checks.ready
    assert [item.key for item in checks.missing] == ["continuing_support"]
    assert checks.support.message == NO_SUPPORT_WARNING


def test_sign_off_done_in_person_counts() -> None:
    plan = EndingCheckInput(
        **{**COMPLETE.__dict__, "sign_off_meeting_planned": False, "signed_off_in_person": True}
    )
    assert ending_checks(plan).ready
    plan = EndingCheckInput(**{**COMPLETE.__dict__, "sign_off_meeting_planned": False})
    assert [item.key for item in ending_checks(plan).missing] == ["sign_off_in_person"]


def test_optional_items_do_not_block() -> None:
    plan = EndingCheckInput(**{**COMPLETE.__dict__, "how_to_mark_it": None, "end_date": None})
    checks = ending_checks(plan)
    assert checks.ready
    assert {item.key for item in checks.missing} == {"how_to_mark_it", "end_date"}


@given(
    days=st.integers(min_value=1, max_value=500), sessions=st.integers(min_value=1, max_value=40)
)
def test_tapering_property(days: int, sessions: int) -> None:
    end = LAST + timedelta(days=days)
    if days < sessions:
        with pytest.raises(TaperingError):
            propose_tapering(LAST, end, sessions)
        return
    dates = propose_tapering(LAST, end, sessions)
    steps = gaps(LAST, dates)
    assert dates[-1] == end and len(dates) == sessions
    assert min(steps) >= 1 and steps == sorted(steps)


# --- tapering on working days -----------------------------------------------------------------


def test_proposals_move_off_weekends_and_bank_holidays() -> None:
    start = date(2026, 11, 30)  # a Monday
    end = date(2027, 1, 25)  # a Monday
    plain = propose_tapering(start, end, 4)
    moved = on_working_days(start, plain)
    assert any(not is_working_day(d) for d in plain)  # the plain spacing lands on days off
    assert all(is_working_day(d) for d in moved)
    assert moved[-1] == end and len(moved) == 4
    assert moved == sorted(set(moved)) and moved[0] > start


def test_christmas_and_new_year_are_avoided() -> None:
    start = date(2026, 12, 21)
    dates = [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 8)]
    assert on_working_days(start, dates) == [
        date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 8),
    ]  # fmt: skip


def test_the_end_date_is_kept_even_on_a_weekend() -> None:
    start = date(2026, 11, 2)
    dates = [date(2026, 11, 7), date(2026, 11, 14)]  # both Saturdays
    assert on_working_days(start, dates) == [date(2026, 11, 6), date(2026, 11, 14)]


def test_no_free_working_day_between_leaves_the_date() -> None:
    start = date(2026, 11, 6)  # a Friday
    dates = [date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 9)]
    assert on_working_days(start, dates) == dates
