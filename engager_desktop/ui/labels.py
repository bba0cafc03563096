"""Words shown to the practitioner for the practice vocabularies, dates and counts."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from engager_desktop.domain.wording import plural as plural  # re-exported for the screens
from engager_desktop.i18n import N_, short_date, tr, trn, weekday_short

LONDON = ZoneInfo("Europe/London")
NONE = "—"

PHASE = {
    "engagement": N_("Labels", "Engagement"),
    "in_prison": N_("Labels", "In prison"),
    "through_the_gate": N_("Labels", "Through the gate"),
    "in_community": N_("Labels", "In the community"),
    "ending": N_("Labels", "Ending"),
    "closed": N_("Labels", "Closed"),
}

STEP_STATUS = {
    "open": N_("Labels", "Open"),
    "done": N_("Labels", "Done"),
    "not_done": N_("Labels", "Not done"),
    "dropped": N_("Labels", "Dropped"),
}
GOAL_STATUS = {
    "open": N_("Labels", "Open"),
    "achieved": N_("Labels", "Achieved"),
    "changed": N_("Labels", "Changed"),
    "dropped": N_("Labels", "Dropped"),
}
RESOURCE_KIND = {
    "him": N_("Labels", "He does it"),
    "practitioner": N_("Labels", "Practitioner"),
    "other_professional": N_("Labels", "Another service"),
    "family_or_peers": N_("Labels", "Family or peers"),
}
HORIZON = {
    "short_term_recovery": N_("Labels", "Short term"),
    "long_term_maintenance": N_("Labels", "Longer term"),
}
PLACE = {
    "prison": N_("Labels", "In prison"),
    "community": N_("Labels", "In the community"),
    "phone": N_("Labels", "By phone"),
}
CONSENT = {
    "contact_services": N_("Labels", "Contact services for him"),
    "share_contact_details": N_("Labels", "Share his contact details"),
    "share_whereabouts": N_("Labels", "Share where he is"),
    "involve_family": N_("Labels", "Involve his family"),
    "share_plan_with_service": N_("Labels", "Share his plan with a service"),
}
SUPPORT_ROLE = {
    "family": N_("Labels", "Family"),
    "friend": N_("Labels", "Friend"),
    "peer_mentor": N_("Labels", "Peer mentor"),
    "listener": N_("Labels", "Listener"),
    "other": N_("Labels", "Other"),
}
SUPERVISION = {
    "team": N_("Labels", "Team"),
    "mba": N_("Labels", "MBA"),
    "meta": N_("Labels", "Meta-supervision"),
}
TREND = {
    "rising": N_("Labels", "Rising"),
    "falling": N_("Labels", "Falling"),
    "steady": N_("Labels", "Steady"),
    "not_enough": N_("Labels", "Not enough ratings"),
}


def word(table: dict[str, str], key: str | None) -> str:
    """The label for ``key``; an unknown key is shown as words rather than hidden."""
    if key is None:
        return NONE
    if key in table:
        return tr("Labels", table[key])
    return key.replace("_", " ").capitalize()


def day(value: date | datetime | None) -> str:
    if value is None:
        return NONE
    if isinstance(value, datetime):
        value = value.date()
    return short_date(value)


def local(stored: datetime) -> datetime:
    """A stored time (naive UTC) as the practitioner's wall-clock time."""
    aware = stored if stored.tzinfo else stored.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(LONDON)


def moment(stored: datetime | None) -> str:
    if stored is None:
        return NONE
    when = local(stored)
    return f"{weekday_short(when)} {short_date(when)}, {when:%H:%M}"


def days_to_release(days: int | None) -> str:
    if days is None:
        return NONE
    if days == 0:
        return tr("Labels", "Today")
    if days < 0:
        return trn("Labels", "{n} day ago", "{n} days ago", -days)
    return trn("Labels", "{n} day", "{n} days", days)


def yes_no(value: bool | None) -> str:
    if value is None:
        return tr("Labels", "Not known")
    return tr("Labels", "Yes") if value else tr("Labels", "No")


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
