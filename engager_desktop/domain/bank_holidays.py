"""Bank holidays in England and Wales, worked out by rule (Easter by the computus, substitute days).

The regular holidays: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first
Monday in May), the spring bank holiday (last Monday in May), the summer bank holiday (last Monday
in August), Christmas Day and Boxing Day. A holiday falling on a weekend moves to the next weekday
that is not already a holiday. One-off changes by proclamation are in ``ONE_OFF`` and ``MOVED``
(checked against the published GOV.UK list for 2018-2028); a year with a new proclamation needs a
line there.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

SATURDAY = 5

# Extra days declared by proclamation.
ONE_OFF: dict[int, tuple[date, ...]] = {
    2022: (date(2022, 6, 3), date(2022, 9, 19)),  # Platinum Jubilee; the Queen's funeral
    2023: (date(2023, 5, 8),),  # the King's coronation
}
# Regular holidays moved to another day that year: rule date -> day observed.
MOVED: dict[date, date] = {
    date(2020, 5, 4): date(2020, 5, 8),  # early May moved to VE Day
    date(2022, 5, 30): date(2022, 6, 2),  # spring bank holiday moved for the Jubilee
}


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    after = date(year + month // 12, month % 12 + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _observed(days: list[date]) -> list[date]:
    """Each day, or for one on a weekend the next free weekday (in the order given)."""
    taken: list[date] = []
    for day in days:
        while day.weekday() >= SATURDAY or day in taken:
            day += timedelta(days=1)
        taken.append(day)
    return taken


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> tuple[date, ...]:
    """Every bank holiday in England and Wales in ``year``, in date order."""
    easter = easter_sunday(year)
    fixed = [
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    ]
    days = [*_observed([date(year, 1, 1)]), *fixed]
    days += [d for d in _observed([date(year, 12, 25), date(year, 12, 26)]) if d.year == year]
    days = [MOVED.get(day, day) for day in days]
    days += ONE_OFF.get(year, ())
    return tuple(sorted(set(days)))


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """A weekday that is not a bank holiday in England and Wales."""
    return day.weekday() < SATURDAY and not is_bank_holiday(day)
