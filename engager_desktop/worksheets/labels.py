"""Plain words for the practice vocabularies and for dates, as printed on paper."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

RESOURCE_KIND = {
    "him": "You",
    "practitioner": "Your Engager worker",
    "other_professional": "Another service",
    "family_or_peers": "Family, friends or peers",
}

STEP_STATUS = {
    "open": "To do",
    "done": "Done",
    "not_done": "Not done",
    "dropped": "Stopped",
}

GOAL_STATUS = {
    "open": "Working on it",
    "achieved": "Done",
    "changed": "Changed",
    "dropped": "Stopped",
}

HORIZON = {
    "short_term_recovery": "For now",
    "long_term_maintenance": "For the longer term",
}

DOMAIN = {
    "housing": "Somewhere to live",
    "family_and_relationships": "Family and people close to you",
    "benefits_and_money": "Money and benefits",
    "work_and_learning": "Work and learning",
    "health": "Health",
    "substances": "Drink and drugs",
    "coping_with_prison": "Doing your time",
    "other": "Other",
}

READINESS = {
    "not_yet": "Not ready yet",
    "thinking_about_it": "Thinking about it",
    "ready": "Ready to make changes",
    "already_changing": "Already making changes",
}

PHASE = {
    "engagement": "First meetings",
    "in_prison": "In prison",
    "through_the_gate": "Leaving prison",
    "in_community": "Out in the community",
    "ending": "Ending",
    "closed": "Closed",
}

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def label(table: dict[str, str], value: object | None) -> str | None:
    """The plain words for an enum value (or its own text when the value is not listed)."""
    if value is None:
        return None
    key = str(value)
    return table.get(key, key.replace("_", " "))


# What a practitioner types in "who does it" for themselves or for him, and the plain words his
# own papers print instead (his worker's name, or "you").
WORKER_WORDS = frozenset(
    {
        "practitioner", "the practitioner", "engager practitioner", "my practitioner",
        "worker", "the worker", "key worker", "keyworker", "engager worker", "engager",
        "support worker", "pract", "prac",
    }
)  # fmt: skip
HIM_WORDS = frozenset(
    {
        "client", "the client", "participant", "the participant", "service user", "him",
        "himself", "he", "self", "the man", "man", "pt", "su",
    }
)  # fmt: skip
YOUR_WORKER = "Your Engager worker"
_JOINS = re.compile(r"(\s+and\s+|\s*[&+/,]\s*)", re.IGNORECASE)


def who_text(who: str | None, worker_name: str | None = None) -> str | None:
    """Who does a step, in the words his own copy uses: "Practitioner" becomes his worker's
    name (or "Your Engager worker"), "client" becomes "You"; "Practitioner and client" both.
    Anything else (a service, a person's name) prints as typed."""
    if who is None or not who.strip():
        return who
    pieces = _JOINS.split(who.strip())
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:  # a joining word or mark, kept as typed
            out.append(piece)
            continue
        key = piece.strip().rstrip(".").casefold()
        if key in WORKER_WORDS:
            name = (worker_name or "").strip()
            out.append(name or (YOUR_WORKER if index == 0 else YOUR_WORKER.lower()))
        elif key in HIM_WORDS:
            out.append("You" if index == 0 else "you")
        else:
            out.append(piece)
    return "".join(out)


def goal_names(goals: Sequence[tuple[str | None, str | None]]) -> list[str | None]:
    """What each goal is called on his papers, from ``(title, his_words)`` pairs: his own words
    first (the title where he gave none); where two read the same, the goal's own title is
    added, so that two different goals never print alike."""
    names = [(his or "").strip() or (title or "").strip() or None for title, his in goals]
    counts = Counter(name.casefold() for name in names if name)
    shown: list[str | None] = []
    for name, (title, _his) in zip(names, goals, strict=True):
        own = (title or "").strip()
        if name and counts[name.casefold()] > 1 and own and own.casefold() != name.casefold():
            shown.append(f"{name} ({own})")
        else:
            shown.append(name)
    return shown


def day_text(value: date | None) -> str | None:
    """The day as "4 March 2025", in English whatever the machine's locale."""
    if value is None:
        return None
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def long_day_text(value: date | None) -> str | None:
    """The day as "Tuesday 4 March 2025"."""
    if value is None:
        return None
    return f"{DAYS[value.weekday()]} {day_text(value)}"


def time_text(value: datetime) -> str:
    """The time as "10:30am" or "2pm"."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def when_text(value: date | datetime | None) -> str | None:
    """A day, with the time when there is one: "Tuesday 4 March 2025 at 10:30am"."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return f"{long_day_text(value.date())} at {time_text(value)}"
    return long_day_text(value)
