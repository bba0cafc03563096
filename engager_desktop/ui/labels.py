"""Words shown to the practitioner for the practice vocabularies, dates and counts."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from engager_desktop.domain.wording import plural as plural  # re-exported for the screens

LONDON = ZoneInfo("Europe/London")
NONE = "—"

PHASE = {
    "engagement": "Engagement",
    "in_prison": "In prison",
    "through_the_gate": "Through the gate",
    "in_community": "In the community",
    "ending": "Ending",
    "closed": "Closed",
}

STEP_STATUS = {"open": "Open", "done": "Done", "not_done": "Not done", "dropped": "Dropped"}
GOAL_STATUS = {"open": "Open", "achieved": "Achieved", "changed": "Changed", "dropped": "Dropped"}
RESOURCE_KIND = {
    "him": "He does it",
    "practitioner": "Practitioner",
    "other_professional": "Another service",
    "family_or_peers": "Family or peers",
}
HORIZON = {"short_term_recovery": "Short term", "long_term_maintenance": "Longer term"}
PLACE = {"prison": "In prison", "community": "In the community", "phone": "By phone"}
CONSENT = {
    "contact_services": "Contact services for him",
    "share_contact_details": "Share his contact details",
    "share_whereabouts": "Share where he is",
    "involve_family": "Involve his family",
    "share_plan_with_service": "Share his plan with a service",
}
SUPPORT_ROLE = {
    "family": "Family",
    "friend": "Friend",
    "peer_mentor": "Peer mentor",
    "listener": "Listener",
    "other": "Other",
}
SUPERVISION = {"team": "Team", "mba": "MBA", "meta": "Meta-supervision"}
TREND = {
    "rising": "Rising",
    "falling": "Falling",
    "steady": "Steady",
    "not_enough": "Not enough ratings",
}


def word(table: dict[str, str], key: str | None) -> str:
    """The label for ``key``; an unknown key is shown as words rather than hidden."""
    if key is None:
        return NONE
    return table.get(key, key.replace("_", " ").capitalize())


def day(value: date | datetime | None) -> str:
    if value is None:
        return NONE
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%b %Y}"


def local(stored: datetime) -> datetime:
    """A stored time (naive UTC) as the practitioner's wall-clock time."""
    aware = stored if stored.tzinfo else stored.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(LONDON)


def moment(stored: datetime | None) -> str:
    if stored is None:
        return NONE
    when = local(stored)
    return f"{when:%a} {when.day} {when:%b %Y}, {when:%H:%M}"


def days_to_release(days: int | None) -> str:
    if days is None:
        return NONE
    if days == 0:
        return "Today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} ago"
    return f"{days} day{'s' if days != 1 else ''}"


def yes_no(value: bool | None) -> str:
    if value is None:
        return "Not known"
    return "Yes" if value else "No"


def name_of(preferred: str, given: str, family: str) -> str:
    """How a man appears in lists: family name, then the name he wants to be called."""
    if preferred and preferred != given:
        return f"{family}, {given} ({preferred})"
    return f"{family}, {given}"


def list_name(preferred: str, given: str, family: str) -> str:
    """``name_of`` made short for a narrow list: "Mr Jenkins" becomes "Jenkins, Carl (Mr)"."""
    title, _, rest = preferred.partition(" ")
    if rest and rest.casefold() == family.casefold() and title.rstrip(".").isalpha():
        return f"{family}, {given} ({title})"
    return name_of(preferred, given, family)
