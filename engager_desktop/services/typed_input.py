"""Dates, times and yes/no answers as a practitioner types them (day first, UK style), and back.

No Qt: the wizards' commits read their values with these on the worker thread.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import tr
from engager_desktop.services.meetings import LONDON
from engager_desktop.store.orm.base import LONG, MEDIUM, SHORT

__all__ = [
    "DATE_HINT",
    "TIME_HINT",
    "SHORT",
    "MEDIUM",
    "LONG",
    "BadInput",
    "parse_date",
    "parse_time",
    "date_text",
    "time_text",
    "long_date",
    "local_moment",
    "tri_value",
]

# SHORT, MEDIUM and LONG: the most characters a typed text of each kind holds (the columns'
# limits), re-exported for the forms that cap what is typed.
DATE_HINT = "dd/mm/yyyy"
TIME_HINT = "hh:mm"
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")


class BadInput(UserError, ValueError):
    """Typed input that cannot be read; the message says how to write it, never repeats it."""


def parse_date(text: str | None) -> date | None:
    """A typed date (``5/11/2026``, ``05-11-2026``, ``2026-11-05``), or None when blank."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    iso = _ISO.match(cleaned)
    found = _DAY_FIRST.match(cleaned)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif found:
        day, month, year = (int(part) for part in found.groups())
        if year < 1000:
            raise BadInput(tr("Errors", "Write the year in full, for example 05/11/2026."))
    else:
        raise BadInput(tr("Errors", "Write the date as day/month/year, for example 05/11/2026."))
    try:
        return date(year, month, day)
    except ValueError:
        raise BadInput(
            tr("Errors", "There is no such date. Check the day and the month.")
        ) from None


def parse_time(text: str | None) -> time | None:
    """A typed time of day (``14:30``, ``9.05``, ``0930``), or None when blank."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    found = _TIME.match(cleaned)
    if not found:
        raise BadInput(tr("Errors", "Write the time as hours:minutes, for example 14:30."))
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        raise BadInput(
            tr("Errors", "There is no such time. Use the 24-hour clock, for example 14:30.")
        )
    return time(hour, minute)


def date_text(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def time_text(moment: time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def long_date(day: date | None) -> str:
    """A date for reading: ``Thu 5 Nov 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}" if day else "no date"


def local_moment(day: date, at: time | None) -> datetime:
    """A day and time of day in London, as an aware datetime (10:00 when no time is given)."""
    return datetime.combine(day, at or time(10, 0), LONDON)


def tri_value(text: Any) -> bool | None:
    """A yes/no answer that may not have been given: ``"yes"``, ``"no"`` or None."""
    return {"yes": True, "no": False}.get(str(text or ""))
