"""Plain words for the practice vocabularies and for dates, as printed on paper."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from engager_desktop.i18n import N_, long_date, tr

RESOURCE_KIND = {
    "him": N_("Doc", "You"),
    "practitioner": N_("Doc", "Your Engager worker"),
    "other_professional": N_("Doc", "Another service"),
    "family_or_peers": N_("Doc", "Family, friends or peers"),
}

STEP_STATUS = {
    "open": N_("Doc", "To do"),
    "done": N_("Doc", "Done"),
    "not_done": N_("Doc", "Not done"),
    "dropped": N_("Doc", "Stopped"),
}

GOAL_STATUS = {
    "open": N_("Doc", "Working on it"),
    "achieved": N_("Doc", "Done"),
    "changed": N_("Doc", "Changed"),
    "dropped": N_("Doc", "Stopped"),
}

HORIZON = {
    "short_term_recovery": N_("Doc", "For now"),
    "long_term_maintenance": N_("Doc", "For the longer term"),
}

DOMAIN = {
    "housing": N_("Doc", "Somewhere to live"),
    "family_and_relationships": N_("Doc", "Family and people close to you"),
    "benefits_and_money": N_("Doc", "Money and benefits"),
    "work_and_learning": N_("Doc", "Work and learning"),
    "health": N_("Doc", "Health"),
    "substances": N_("Doc", "Drink and drugs"),
    "coping_with_prison": N_("Doc", "Doing your time"),
    "other": N_("Doc", "Other"),
}

READINESS = {
    "not_yet": N_("Doc", "Not ready yet"),
    "thinking_about_it": N_("Doc", "Thinking about it"),
    "ready": N_("Doc", "Ready to make changes"),
    "already_changing": N_("Doc", "Already making changes"),
}

PHASE = {
    "engagement": N_("Doc", "First meetings"),
    "in_prison": N_("Doc", "In prison"),
    "through_the_gate": N_("Doc", "Leaving prison"),
    "in_community": N_("Doc", "Out in the community"),
    "ending": N_("Doc", "Ending"),
    "closed": N_("Doc", "Closed"),
}

DAYS = (
    N_("Doc", "Monday"),
    N_("Doc", "Tuesday"),
    N_("Doc", "Wednesday"),
    N_("Doc", "Thursday"),
    N_("Doc", "Friday"),
    N_("Doc", "Saturday"),
    N_("Doc", "Sunday"),
)


def label(table: dict[str, str], value: object | None) -> str | None:
    """The plain words for an enum value, in the language in use (or its own text when the value
    is not listed)."""
    if value is None:
        return None
    key = str(value)
    return tr("Doc", table[key]) if key in table else key.replace("_", " ")


# What a practitioner types in "who does it" for themselves or for him, and the plain words his
# own papers print instead (his worker's name, or "you").
WORKER_WORDS = frozenset(
    {
        "practitioner", "the practitioner", "engager practitioner", "my practitioner",
        "worker", "the worker", "key worker", "keyworker", "engager worker", "engager",
        "support worker", "pract", "prac",
        # typed in Welsh
        "ymarferydd", "yr ymarferydd", "gweithiwr", "y gweithiwr", "gweithiwr engager",
        "fy ngweithiwr", "gweithiwr cymorth",
    }
)  # fmt: skip
HIM_WORDS = frozenset(
    {
        "client", "the client", "participant", "the participant", "service user", "him",
        "himself", "he", "self", "the man", "man", "pt", "su",
        # typed in Welsh
        "cleient", "y cleient", "cyfranogwr", "y cyfranogwr", "defnyddiwr gwasanaeth", "fe",
        "fo", "ef", "e", "y dyn",
    }
)  # fmt: skip
YOUR_WORKER = N_("Doc", "Your Engager worker")
YOUR_WORKER_LOWER = N_("Doc", "your Engager worker")  # after "and": "You and your Engager worker"
_JOINS = re.compile(r"(\s+(?:and|a|ac)\s+|\s*[&+/,]\s*)", re.IGNORECASE)
_WORD_JOINS = frozenset({"and", "a", "ac"})


def who_text(who: str | None, worker_name: str | None = None) -> str | None:
    """Who does a step, in the words his own copy uses: "Practitioner" becomes his worker's
    name (or "Your Engager worker"), "client" becomes "You"; "Practitioner and client" both.
    Anything else (a service, a person's name) prints as typed. Role words typed in Welsh
    ("ymarferydd a cleient") are known too, and a joining "and" or "a" beside a role word is
    put in the paper's language."""
    if who is None or not who.strip():
        return who
    pieces = _JOINS.split(who.strip())
    out = []
    replaced = [False] * len(pieces)
    for index, piece in enumerate(pieces):
        if index % 2:  # a joining word or mark, kept as typed (see below)
            out.append(piece)
            continue
        key = piece.strip().rstrip(".").casefold()
        replaced[index] = key in WORKER_WORDS or key in HIM_WORDS
        if key in WORKER_WORDS:
            name = (worker_name or "").strip()
            worker = tr("Doc", YOUR_WORKER if index == 0 else YOUR_WORKER_LOWER)
            out.append(name or worker)
        elif key in HIM_WORDS:
            out.append(tr("Doc", "You") if index == 0 else tr("Doc", "you"))
        else:
            out.append(piece)
    for index in range(1, len(pieces), 2):
        beside_role = replaced[index - 1] or replaced[index + 1]
        if beside_role and pieces[index].strip().casefold() in _WORD_JOINS:
            out[index] = f" {tr('Doc', 'and')} "
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
    """The day as "4 March 2025" ("4 Mawrth 2025"), in the language in use whatever the
    machine's locale."""
    if value is None:
        return None
    return long_date(value)


def long_day_text(value: date | None) -> str | None:
    """The day as "Tuesday 4 March 2025"."""
    if value is None:
        return None
    return tr("Doc", "{weekday} {day}").format(
        weekday=tr("Doc", DAYS[value.weekday()]), day=day_text(value)
    )


def time_text(value: datetime) -> str:
    """The time as "10:30am" or "2pm"."""
    hour = value.hour % 12 or 12
    suffix = tr("Doc", "am") if value.hour < 12 else tr("Doc", "pm")
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def when_text(value: date | datetime | None) -> str | None:
    """A day, with the time when there is one: "Tuesday 4 March 2025 at 10:30am"."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return tr("Doc", "{day} at {time}").format(
            day=long_day_text(value.date()), time=time_text(value)
        )
    return long_day_text(value)
