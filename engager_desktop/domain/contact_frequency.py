"""How often he has been in touch since release, and what to try when contact is lost (P24, P25).

Once he is out (through the gate, in the community, or in the ending phase) an isolated man with
fewer than two contacts in the last 7 days raises an alert, since twice a week may be what he
needs; anyone else raises one after 14 days with no contact. "The last N days" means the N
calendar days ending today, today included. Contacts dated after today are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from engager_desktop.domain.enums import Phase
from engager_desktop.i18n import N_, tr, trn

COMMUNITY_PHASES = frozenset({Phase.THROUGH_THE_GATE, Phase.IN_COMMUNITY, Phase.ENDING})
ISOLATED_WINDOW_DAYS = 7
ISOLATED_MIN_CONTACTS = 2
USUAL_WINDOW_DAYS = 14
USUAL_MIN_CONTACTS = 1

_LOST_CONTACT_STEPS: tuple[str, ...] = (
    N_(
        "ContactAlert",
        "Ask his probation officer when his next appointment is, and try to meet him there.",
    ),
    N_("ContactAlert", "Call or visit the hostel or address he gave, and leave a message for him."),
    N_("ContactAlert", "Try the other ways of reaching him that he agreed to before release."),
    N_(
        "ContactAlert",
        "Ask at the soup run, day centre or shelter he uses; staff or volunteers may have seen "
        "him.",
    ),
    N_(
        "ContactAlert",
        "Ask people who know where he sleeps, if he sleeps rough, to pass on that you are looking.",
    ),
    N_(
        "ContactAlert",
        "Check with his GP, drug or alcohol service, or any service he was due to see.",
    ),
    N_("ContactAlert", "When asking others about him, share only what he agreed could be shared."),
    N_("ContactAlert", "Write down each attempt, so the next person does not repeat it."),
    N_(
        "ContactAlert",
        "Remember he may not want to be found; keep the door open rather than chasing.",
    ),
)


class AlertKind(StrEnum):
    ISOLATED_LOW_CONTACT = "isolated_low_contact"
    NO_RECENT_CONTACT = "no_recent_contact"


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    contacts_in_window: int
    window_days: int
    needed: int
    days_since_last: int | None  # None: no contact recorded at all
    message: str


def _past_contacts(contacts: Sequence[date], today: date) -> list[date]:
    return [day for day in contacts if day <= today]


def no_contact_days(contacts: Sequence[date], today: date) -> int | None:
    """Days since the most recent contact on or before today; None when there has been none."""
    past = _past_contacts(contacts, today)
    return (today - max(past)).days if past else None


def contacts_in_last(contacts: Sequence[date], today: date, days: int) -> int:
    """How many contacts fall in the ``days`` calendar days ending today."""
    first = today - timedelta(days=days - 1)
    return sum(first <= day <= today for day in contacts)


def _message(kind: AlertKind, count: int, since: int | None) -> str:
    if kind is AlertKind.ISOLATED_LOW_CONTACT:
        if count == 0:
            return tr(
                "ContactAlert",
                "He is isolated and has had no contact in the last 7 days. "
                "Twice a week may be what he needs.",
            )
        if count == 1:
            return tr(
                "ContactAlert",
                "He is isolated and has had one contact in the last 7 days. "
                "Twice a week may be what he needs.",
            )
        return trn(
            "ContactAlert",
            "He is isolated and has had {n} contact in the last 7 days. "
            "Twice a week may be what he needs.",
            "He is isolated and has had {n} contacts in the last 7 days. "
            "Twice a week may be what he needs.",
            count,
        )
    if since is None:
        return tr("ContactAlert", "No contact with him is recorded. Try the lost-contact steps.")
    return trn(
        "ContactAlert",
        "No contact for {n} day. Try the lost-contact steps.",
        "No contact for {n} days. Try the lost-contact steps.",
        since,
    )


def contact_alert(
    phase: Phase | str, isolated: bool, contacts: Sequence[date], today: date
) -> Alert | None:
    """An alert when contact has been too thin for where he is, else None."""
    if Phase(phase) not in COMMUNITY_PHASES:
        return None
    if isolated:
        kind, window, needed = (
            AlertKind.ISOLATED_LOW_CONTACT,
            ISOLATED_WINDOW_DAYS,
            ISOLATED_MIN_CONTACTS,
        )
    else:
        kind, window, needed = AlertKind.NO_RECENT_CONTACT, USUAL_WINDOW_DAYS, USUAL_MIN_CONTACTS
    count = contacts_in_last(contacts, today, window)
    if count >= needed:
        return None
    since = no_contact_days(contacts, today)
    return Alert(kind, count, window, needed, since, _message(kind, count, since))


def lost_contact_steps() -> tuple[str, ...]:
    """Things to try, in a sensible order, when he cannot be reached after release (in the
    language in use)."""
    return tuple(tr("ContactAlert", step) for step in _LOST_CONTACT_STEPS)
