"""Planning a good ending (P23, P30-P33, P38): sessions left, tapering dates, support in place.

Tapering: the sessions left are spread between the last session and the end date with gaps
that widen in three steps, in proportion 1 : 2 : 3 (weekly, fortnightly, three-weekly when the
time fits exactly). The final session falls on the end date, never after it. With more time the
gaps stretch in the same proportion; with less they shrink, down to one day each. When there are
fewer days than sessions, ``TaperingError`` says so: move the end date or plan fewer sessions.
``on_working_days`` then moves each date but the last off weekends and bank holidays (England and
Wales) to the nearest free working day between its neighbours; the end date stays as agreed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from engager_desktop.domain.bank_holidays import is_working_day
from engager_desktop.domain.enums import ContinuingSupportKind
from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import N_, tr, trn

NO_SUPPORT_WARNING = N_(
    "Endings",
    "No support is arranged for after the ending. Without it, things can get hard again or an "
    "order can be breached. Arrange at least one way before ending.",
)


class TaperingError(UserError, ValueError):
    """The sessions cannot be fitted before the end date."""


@dataclass(frozen=True)
class SessionsProgress:
    held: int
    planned: int | None
    remaining: int | None  # None when no number was agreed; never below zero
    percent: int | None  # held as a share of planned, capped at 100
    over_plan: bool
    message: str


@dataclass(frozen=True)
class SupportCheck:
    arranged: tuple[ContinuingSupportKind, ...]
    missing: tuple[ContinuingSupportKind, ...]
    ok_to_end: bool  # at least one way is arranged (P38)
    message: str


@dataclass(frozen=True)
class EndingCheckInput:
    """The EndingPlan columns that matter before an ending, plus one fact from his meetings."""

    signs_to_watch: str | None = None
    what_helps: str | None = None
    who_to_contact: str | None = None
    mentoring: str | None = None
    services: str | None = None
    family_and_friends: str | None = None
    self_care: str | None = None
    aftercare_call_on: date | None = None
    signed_off_in_person: bool = False
    sign_off_meeting_planned: bool = False  # fact: an in-person meeting is booked to sign off
    how_to_mark_it: str | None = None
    tapering: str | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class EndingItem:
    key: str
    label: str
    done: bool
    required: bool  # an ending should not go ahead while a required item is missing


@dataclass(frozen=True)
class EndingChecks:
    items: tuple[EndingItem, ...]
    missing: tuple[EndingItem, ...]  # required first
    support: SupportCheck

    @property
    def ready(self) -> bool:
        return not any(item.required for item in self.missing)


def sessions_progress(held: int, planned: int | None) -> SessionsProgress:
    """Sessions held against the number agreed at the start (P23)."""
    if held < 0:
        raise ValueError("sessions held cannot be negative")
    if planned is None:
        message = tr("Endings", "No number of sessions agreed yet. Agree one with him early on.")
        return SessionsProgress(held, None, None, None, False, message)
    if planned < 1:
        raise ValueError("the planned number of sessions must be at least one")
    remaining = max(planned - held, 0)
    over = held > planned
    if over:
        message = tr(
            "Endings",
            "{held} sessions held, more than the {planned} agreed. Talk about the ending.",
        ).format(held=held, planned=planned)
    elif remaining == 0:
        message = tr("Endings", "All {planned} agreed sessions held.").format(planned=planned)
    else:
        message = tr("Endings", "{held} of {planned} sessions held, {remaining} to go.").format(
            held=held, planned=planned, remaining=remaining
        )
    percent = min(100, 100 * held // planned)
    return SessionsProgress(held, planned, remaining, percent, over, message)


def _weights(count: int) -> list[int]:
    """1, 2 or 3 for each gap: the first third weekly-like, then fortnightly, then three-weekly."""
    return [min(3, max(1, math.ceil(3 * k / count))) for k in range(1, count + 1)]


def _gaps(total_days: int, count: int) -> list[int]:
    """Split ``total_days`` into ``count`` whole-day gaps, each at least 1, widening."""
    weights = _weights(count)
    whole = sum(weights)
    running = 0
    points: list[int] = []
    for weight in weights:
        running += weight
        points.append(math.floor(total_days * running / whole + 0.5))
    # Keep each date at least a day after the one before, working forwards then backwards.
    points[0] = max(points[0], 1)
    for i in range(1, count):
        points[i] = max(points[i], points[i - 1] + 1)
    points[-1] = total_days
    for i in range(count - 2, -1, -1):
        points[i] = min(points[i], points[i + 1] - 1)
    gaps = [b - a for a, b in zip([0, *points], points, strict=False)]
    return sorted(gaps)


def propose_tapering(last_session: date, end_date: date, sessions_left: int) -> list[date]:
    """Dates for the sessions left, gaps widening, the last on ``end_date``."""
    if sessions_left < 0:
        raise ValueError("sessions left cannot be negative")
    if sessions_left == 0:
        return []
    total = (end_date - last_session).days
    if total < sessions_left:
        raise TaperingError(
            trn(
                "Endings",
                "There is {n} day before the end date, too few for {sessions} more sessions. "
                "Move the end date or plan fewer sessions.",
                "There are {n} days before the end date, too few for {sessions} more sessions. "
                "Move the end date or plan fewer sessions.",
                max(total, 0),
            ).format(sessions=sessions_left)
        )
    dates: list[date] = []
    current = last_session
    for gap in _gaps(total, sessions_left):
        current += timedelta(days=gap)
        dates.append(current)
    return dates


def on_working_days(
    last_session: date, dates: list[date], works: Callable[[date], bool] = is_working_day
) -> list[date]:
    """The same sessions moved off weekends and bank holidays, the end date kept as agreed.

    Each date but the last goes to the nearest working day (earlier first) that stays after the
    session before it and before the next one; when there is none it stays where it was.
    """
    moved: list[date] = []
    for index, day in enumerate(dates):
        after = moved[-1] if moved else last_session
        before = dates[index + 1] if index + 1 < len(dates) else None
        if before is None or works(day):
            moved.append(day)
            continue
        moved.append(_nearest(day, after, before, works) or day)
    return moved


def _nearest(day: date, after: date, before: date, works: Callable[[date], bool]) -> date | None:
    for shift in range(1, (before - after).days):
        for candidate in (day - timedelta(days=shift), day + timedelta(days=shift)):
            if after < candidate < before and works(candidate):
                return candidate
    return None


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def support_in_place(
    mentoring: str | None,
    services: str | None,
    family_and_friends: str | None,
    self_care: str | None,
) -> SupportCheck:
    """Which of the four ways support carries on after the ending are arranged (P32, P38)."""
    given = {
        ContinuingSupportKind.MENTORING: mentoring,
        ContinuingSupportKind.SERVICES: services,
        ContinuingSupportKind.FAMILY_AND_FRIENDS: family_and_friends,
        ContinuingSupportKind.SELF_CARE: self_care,
    }
    arranged = tuple(kind for kind, text in given.items() if _filled(text))
    missing = tuple(kind for kind, text in given.items() if not _filled(text))
    if not arranged:
        message = tr("Endings", NO_SUPPORT_WARNING)
    elif missing:
        message = trn(
            "Endings",
            "{n} of the 4 ways of carrying on support are arranged.",
            "{n} of the 4 ways of carrying on support are arranged.",
            len(arranged),
        )
    else:
        message = tr("Endings", "All 4 ways of carrying on support are arranged.")
    return SupportCheck(arranged, missing, bool(arranged), message)


def ending_checks(inp: EndingCheckInput) -> EndingChecks:
    """What is still missing before the ending, required items first."""
    support = support_in_place(inp.mentoring, inp.services, inp.family_and_friends, inp.self_care)
    items = (
        EndingItem(
            "signs_to_watch",
            tr("Endings", "Signs to watch for, in his words"),
            _filled(inp.signs_to_watch),
            True,
        ),
        EndingItem(
            "what_helps",
            tr("Endings", "What helps when things get hard"),
            _filled(inp.what_helps),
            True,
        ),
        EndingItem(
            "who_to_contact",
            tr("Endings", "Who to contact for help"),
            _filled(inp.who_to_contact),
            True,
        ),
        EndingItem(
            "continuing_support",
            tr("Endings", "At least one way support carries on"),
            support.ok_to_end,
            True,
        ),
        EndingItem(
            "sign_off_in_person",
            tr("Endings", "A last meeting in person to sign off (letters may go unread)"),
            inp.signed_off_in_person or inp.sign_off_meeting_planned,
            True,
        ),
        EndingItem(
            "aftercare_call",
            tr("Endings", "A date for a follow-up call after the ending"),
            inp.aftercare_call_on is not None,
            True,
        ),
        EndingItem(
            "end_date",
            tr("Endings", "An end date agreed with him"),
            inp.end_date is not None,
            False,
        ),
        EndingItem(
            "tapering",
            tr("Endings", "Sessions spaced out towards the end"),
            _filled(inp.tapering),
            False,
        ),
        EndingItem(
            "how_to_mark_it",
            tr("Endings", "How he would like to mark the ending"),
            _filled(inp.how_to_mark_it),
            False,
        ),
    )
    missing = sorted((item for item in items if not item.done), key=lambda item: not item.required)
    return EndingChecks(items, tuple(missing), support)
