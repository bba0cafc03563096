"""Tests for the distress trend, bands and the support prompts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engager_desktop.domain.distress import Band, Direction, band, support_suggestion, trend
from engager_desktop.domain.validation import ValidationError

START = date(2026, 9, 1)


def rated(*scores: int) -> list[tuple[date, int]]:
    return [(START + timedelta(weeks=i), score) for i, score in enumerate(scores)]


def test_not_enough_ratings() -> None:
    empty = trend([])
    assert empty.direction is Direction.NOT_ENOUGH and empty.latest is None and empty.used == 0
    one = trend(rated(6))
    assert one.direction is Direction.NOT_ENOUGH and one.latest == 6 and one.change is None
    assert one.prompt is None


def test_rising_falling_steady() -> None:
    assert trend(rated(3, 5)).direction is Direction.RISING
    assert trend(rated(8, 6)).direction is Direction.FALLING
    assert trend(rated(5, 6)).direction is Direction.STEADY
    assert trend(rated(5, 9, 6)).direction is Direction.STEADY  # a spike that settled


def test_only_the_last_three_count() -> None:
    t = trend(rated(0, 0, 0, 9, 9, 9))
    assert t.direction is Direction.STEADY and t.used == 3 and t.latest == 9
    t = trend(rated(9, 9, 2, 4, 6))
    assert t.direction is Direction.RISING and t.change == 4


def test_order_comes_from_the_dates_not_the_list() -> None:
    ratings = rated(2, 4, 8)
    t = trend(list(reversed(ratings)))
    assert t.direction is Direction.RISING and t.latest == 8


def test_same_day_ratings_keep_their_order() -> None:
    t = trend([(START, 4), (START, 7)])
    assert t.latest == 7 and t.direction is Direction.RISING


def test_far_apart_dates_still_work() -> None:
    t = trend([(date(2000, 1, 1), 9), (date(2030, 1, 1), 1)])
    assert t.direction is Direction.FALLING and t.change == -8


def test_prompts_flex_support() -> None:
    assert "one-to-one" in (trend(rated(2, 6)).prompt or "")
    assert "Group" in (trend(rated(8, 3)).prompt or "")
    assert trend(rated(5, 5)).prompt is None


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True])
def test_ratings_out_of_range_are_refused(bad: object) -> None:
    with pytest.raises(ValidationError):
        trend([(START, 3), (START + timedelta(days=7), bad)])  # type: ignore[list-item]
    with pytest.raises(ValidationError):
        band(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Band.LOW),
        (3, Band.LOW),
        (4, Band.MIDDLE),
        (6, Band.MIDDLE),
        (7, Band.HIGH),
        (10, Band.HIGH),
    ],
)
def test_bands(score: int, expected: Band) -> None:
    assert band(score) is expected


def test_suggestions_are_prompts_not_decisions() -> None:
    low, middle, high = support_suggestion(1), support_suggestion(5), support_suggestion(9)
    assert "group" in low.lower() and "may suit" in low
    assert "one-to-one" in high.lower() and "may suit" in high
    assert "prefer" in middle
    for text in (low, middle, high):
        assert "must" not in text and "should" not in text
        assert "him" in text
