"""Distress ratings over time (0-10, rated together): the trend and a support prompt (P9, P29).

The trend compares the latest rating with the earliest of the last ``TREND_WINDOW`` ratings (in
date order): a change of ``TREND_STEP`` points or more is rising or falling, less is steady; fewer
than two ratings is not enough to say. Suggestions are prompts to talk through with him: the app
never decides what support he gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from engager_desktop.domain.validation import check_score
from engager_desktop.i18n import N_, tr

TREND_WINDOW = 3
TREND_STEP = 2
LOW_MAX = 3  # 0-3: low
HIGH_MIN = 7  # 7-10: high


class Direction(StrEnum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"
    NOT_ENOUGH = "not_enough"


class Band(StrEnum):
    LOW = "low"
    MIDDLE = "middle"
    HIGH = "high"


@dataclass(frozen=True)
class Trend:
    direction: Direction
    latest: int | None
    change: int | None  # latest minus the earliest rating in the window
    used: int  # how many ratings the trend was read from

    @property
    def prompt(self) -> str | None:
        """A prompt when support may need to flex up or down with distress (P29)."""
        if self.direction is Direction.RISING:
            return tr(
                "Distress",
                "Distress is rising. More one-to-one support may be worth talking about.",
            )
        if self.direction is Direction.FALLING:
            return tr(
                "Distress", "Distress is falling. Group options may now be worth talking about."
            )
        return None


def trend(ratings: Sequence[tuple[date, int]]) -> Trend:
    """Rising, falling, steady or not enough, from the last few ratings."""
    for _, score in ratings:
        check_score(score)
    ordered = sorted(ratings, key=lambda pair: pair[0])  # stable: same-day ratings keep order
    window = [score for _, score in ordered[-TREND_WINDOW:]]
    if len(window) < 2:
        return Trend(Direction.NOT_ENOUGH, window[-1] if window else None, None, len(window))
    change = window[-1] - window[0]
    if change >= TREND_STEP:
        direction = Direction.RISING
    elif change <= -TREND_STEP:
        direction = Direction.FALLING
    else:
        direction = Direction.STEADY
    return Trend(direction, window[-1], change, len(window))


def band(score: int) -> Band:
    """Low (0-3), middle (4-6) or high (7-10)."""
    value = check_score(score)
    if value <= LOW_MAX:
        return Band.LOW
    if value >= HIGH_MIN:
        return Band.HIGH
    return Band.MIDDLE


_SUGGESTIONS = {
    Band.LOW: N_(
        "Distress",
        "Distress is low. Structured group options may suit him now. "
        "Talk it through with him and decide together.",
    ),
    Band.MIDDLE: N_(
        "Distress",
        "Distress is in the middle. Group or one-to-one support could both fit. "
        "Ask him what he would prefer.",
    ),
    Band.HIGH: N_(
        "Distress",
        "Distress is high. One-to-one support shaped around him may suit better than a group. "
        "Talk it through with him and decide together.",
    ),
}


def support_suggestion(score: int) -> str:
    """A prompt about the kind of support that may suit at this level, never a decision."""
    return tr("Distress", _SUGGESTIONS[band(score)])
