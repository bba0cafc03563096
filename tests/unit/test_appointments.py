"""Tests for clash detection, reminders and missed appointments, including clock-change days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from engager_desktop.domain.appointments import (
    DEFAULT_TRAVEL_MINUTES,
    ClashKind,
    Slot,
    SlotKind,
    awaiting_outcome,
    find_clashes,
    long_travel,
    missed_follow_ups,
    reminders_due,
)

LONDON = ZoneInfo("Europe/London")
DAY = datetime(2026, 11, 3)


def slot(
    id: str,
    hour: float,
    minutes: int = 60,
    location: str | None = "Probation, Newport",
    **kw: object,
) -> Slot:
    start = DAY + timedelta(hours=hour)
    return Slot(id, start, minutes, location, **kw)  # type: ignore[arg-type]


def pairs(clashes: list) -> list[tuple[str, str, ClashKind, int]]:  # type: ignore[type-arg]
    return [(c.first.id, c.second.id, c.kind, c.minutes_short) for c in clashes]


def test_no_slots_no_clashes() -> None:
    assert find_clashes([]) == []
    assert reminders_due([], DAY) == []
    assert missed_follow_ups([]) == []


def test_overlap_is_found_whatever_the_order() -> None:
    a, b = slot("a", 10), slot("b", 10.5, location="GP surgery")
    assert pairs(find_clashes([b, a])) == [("a", "b", ClashKind.OVERLAP, 30)]


def test_back_to_back_at_the_same_place_is_fine() -> None:
    assert find_clashes([slot("a", 10), slot("b", 11)]) == []
    assert find_clashes([slot("a", 10), slot("b", 11, location="  probation,  NEWPORT ")]) == []


def test_two_places_with_too_little_gap_uses_the_default_travel() -> None:
    a, b = slot("a", 10), slot("b", 11.25, location="Housing office")
    assert pairs(find_clashes([a, b])) == [
        ("a", "b", ClashKind.TRAVEL, DEFAULT_TRAVEL_MINUTES - 15)
    ]
    assert find_clashes([a, b], default_travel=None) == []
    assert find_clashes([a, slot("b", 11.5, location="Housing office")]) == []


def test_travel_time_entered_on_the_later_appointment() -> None:
    a = slot("a", 10)
    b = slot("b", 12, location="Jobcentre, Cardiff", travel_minutes=90)
    (clash,) = find_clashes([a, b])
    assert clash.kind is ClashKind.TRAVEL and clash.minutes_short == 30
    assert "60 minutes" in clash.message and "90" in clash.message


def test_travel_table_in_either_direction_wins_over_the_entered_time() -> None:
    a = slot("a", 10)
    b = slot("b", 12, location="Jobcentre, Cardiff", travel_minutes=90)
    table = {("jobcentre, cardiff", "Probation, Newport"): 45}
    assert find_clashes([a, b], travel_minutes=table) == []
    table = {("Probation, Newport", "Jobcentre, Cardiff"): 75}
    assert pairs(find_clashes([a, b], table)) == [("a", "b", ClashKind.TRAVEL, 15)]


def test_travel_function_and_its_fallback() -> None:
    a = slot("a", 10)
    b = slot("b", 11.5, location="Hostel")
    asked: list[tuple[str | None, str | None]] = []

    def journey(here: str | None, there: str | None) -> int | None:
        asked.append((here, there))
        return 40 if there == "Hostel" else None

    assert pairs(find_clashes([a, b], journey)) == [("a", "b", ClashKind.TRAVEL, 10)]
    assert asked == [("Probation, Newport", "Hostel")]
    # Unknown to the function: falls back to the default.
    c = slot("c", 11.25, location="GP")
    assert pairs(find_clashes([a, c], journey)) == [("a", "c", ClashKind.TRAVEL, 15)]


def test_different_days_never_need_travel() -> None:
    a = slot("a", 23, minutes=30)
    b = slot("b", 24.25, location="Elsewhere")  # 00:15 next day
    assert find_clashes([a, b]) == []


def test_overlap_across_midnight_is_found() -> None:
    a = slot("a", 23, minutes=120)
    b = slot("b", 24.5, location="Elsewhere")
    assert pairs(find_clashes([a, b])) == [("a", "b", ClashKind.OVERLAP, 30)]


def test_phone_call_without_place_can_overlap_but_needs_no_travel() -> None:
    phone = slot("p", 11, minutes=15, location=None, kind=SlotKind.SESSION)
    assert find_clashes([slot("a", 10), phone]) == []
    assert pairs(find_clashes([slot("a", 10.9), phone])) == [("a", "p", ClashKind.OVERLAP, 54)]


def test_three_way_overlap_reports_every_pair() -> None:
    found = pairs(find_clashes([slot("a", 10), slot("b", 10.25), slot("c", 10.5)]))
    assert [(f, s) for f, s, _, _ in found] == [("a", "b"), ("a", "c"), ("b", "c")]


def test_spring_forward_day_measures_real_minutes() -> None:
    # 29 March 2026: clocks go from 01:00 GMT to 02:00 BST.
    first = Slot("a", datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), 60, "Probation")
    second = Slot("b", datetime(2026, 3, 29, 2, 15, tzinfo=LONDON), 30, "Probation")
    # Wall clock says 00:30 + 60 min = 01:30, before 02:15; in real time the first ends at 02:30.
    assert pairs(find_clashes([first, second])) == [("a", "b", ClashKind.OVERLAP, 15)]


def test_fall_back_day_measures_real_minutes() -> None:
    # 25 October 2026: 02:00 BST becomes 01:00 GMT; 01:30 happens twice.
    first = Slot("a", datetime(2026, 10, 25, 0, 45, tzinfo=LONDON), 60, "Probation")
    second = Slot("b", datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON), 30, "Hostel")
    # Real gap: 00:45 BST + 60 min = 00:45 GMT; 01:30 GMT is 45 minutes later.
    assert pairs(find_clashes([first, second])) == []
    early = Slot("b", datetime(2026, 10, 25, 1, 30, fold=0, tzinfo=LONDON), 30, "Hostel")
    assert pairs(find_clashes([first, early])) == [("a", "b", ClashKind.OVERLAP, 15)]


def test_naive_and_aware_times_cannot_be_mixed() -> None:
    aware = Slot("x", datetime(2026, 11, 3, 10, tzinfo=UTC), 60, "Probation")
    with pytest.raises(ValueError):
        find_clashes([slot("a", 10), aware])
    with pytest.raises(ValueError):
        reminders_due([slot("a", 10)], datetime(2026, 11, 3, tzinfo=UTC))


def test_bad_slots_are_refused() -> None:
    with pytest.raises(ValueError):
        slot("a", 10, minutes=0)
    with pytest.raises(ValueError):
        slot("a", 10, minutes=24 * 60 + 1)
    with pytest.raises(ValueError):
        slot("a", 10, travel_minutes=-5)


def test_reminders_due_in_the_next_48_hours() -> None:
    now = DAY + timedelta(hours=9)
    items = [
        slot("past", 8),
        slot("now", 9),
        slot("soon", 30),
        slot("told", 31, reminder_given=True),
        slot("edge", 9 + 48),
        slot("later", 9 + 49),
        slot("held", 20, attended=True),
    ]
    assert [s.id for s in reminders_due(items, now)] == ["now", "soon"]
    assert [s.id for s in reminders_due(items, now, hours=72)] == ["now", "soon", "edge", "later"]


def test_reminders_across_the_clock_change() -> None:
    now = datetime(2026, 3, 27, 12, 0, tzinfo=LONDON)  # GMT
    monday = Slot("m", datetime(2026, 3, 29, 12, 30, tzinfo=LONDON), 60, "Probation")  # BST
    # Wall clock says 48.5 hours away; real time is 47.5 hours, so it is due.
    assert reminders_due([monday], now) == [monday]


def test_missed_ones_need_a_call_oldest_first() -> None:
    items = [
        slot("b", 14, attended=False),
        slot("a", 9, attended=False),
        slot("done", 10, attended=False, followed_up=True),
        slot("went", 11, attended=True),
        slot("future", 40),
    ]
    assert [s.id for s in missed_follow_ups(items)] == ["a", "b"]


def test_awaiting_outcome_after_the_end() -> None:
    now = DAY + timedelta(hours=12)
    items = [slot("ended", 10), slot("running", 11.5), slot("known", 9, attended=True)]
    assert [s.id for s in awaiting_outcome(items, now)] == ["ended"]


def test_long_travel() -> None:
    items = [slot("near", 9, travel_minutes=20), slot("far", 12, travel_minutes=75), slot("x", 15)]
    assert [s.id for s in long_travel(items)] == ["far"]
    assert [s.id for s in long_travel(items, limit=20)] == ["near", "far"]


def test_many_slots_stay_fast() -> None:
    many = [slot(str(i), i * 2.0, minutes=60, location=f"Place {i % 3}") for i in range(2000)]
    assert find_clashes(many) == []
