"""Bank holidays in England and Wales against the published GOV.UK list, and Easter by rule."""

from __future__ import annotations

from datetime import date

import pytest

from engager_desktop.domain.bank_holidays import (
    bank_holidays,
    easter_sunday,
    is_bank_holiday,
    is_working_day,
)

# As published on GOV.UK ("UK bank holidays", England and Wales).
PUBLISHED = {
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
    2028: "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_matches_the_published_list(year: int) -> None:
    expected = tuple(date.fromisoformat(f"{year}-{day}") for day in PUBLISHED[year].split())
    assert bank_holidays(year) == expected


@pytest.mark.parametrize(
    "year, easter",
    [(2024, "03-31"), (2025, "04-20"), (2026, "04-05"), (2027, "03-28"), (2028, "04-16"),
     (2029, "04-01"), (2030, "04-21"), (2038, "04-25"), (2285, "03-22")],
)  # fmt: skip
def test_easter_by_the_computus(year: int, easter: str) -> None:
    assert easter_sunday(year) == date.fromisoformat(f"{year}-{easter}")


@pytest.mark.parametrize("year", range(2024, 2031))
def test_eight_weekday_holidays_a_year_from_2024_to_2030(year: int) -> None:
    days = bank_holidays(year)
    assert len(days) == 8
    assert all(day.weekday() < 5 and day.year == year for day in days)


def test_2029_and_2030() -> None:
    assert bank_holidays(2029) == tuple(
        date.fromisoformat(f"2029-{d}")
        for d in "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26".split()
    )
    assert bank_holidays(2030) == tuple(
        date.fromisoformat(f"2030-{d}")
        for d in "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26".split()
    )


def test_christmas_on_a_sunday_puts_its_substitute_after_boxing_day() -> None:
    assert is_bank_holiday(date(2033, 12, 26)) and is_bank_holiday(date(2033, 12, 27))
    assert not is_bank_holiday(date(2033, 12, 25))


def test_working_days() -> None:
    assert is_working_day(date(2026, 12, 2))  # a Wednesday
    assert not is_working_day(date(2026, 12, 5))  # a Saturday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day's substitute
    assert not is_working_day(date(2027, 3, 26))  # Good Friday
