"""Small shared input checks; each raises ValidationError with a plain message, never the value."""

from __future__ import annotations

from datetime import date, timedelta

from engager_desktop.domain.enums import Phase
from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import N_, tr

# A due date or release date further ahead than this is almost always a typing slip in the year.
MAX_DUE_AHEAD = timedelta(days=5 * 366)
MAX_RELEASE_AHEAD = timedelta(days=10 * 366)

# Phases in which he is still inside, and phases in which he has left prison.
STILL_INSIDE = frozenset({Phase.ENGAGEMENT, Phase.IN_PRISON})
OUT_OF_PRISON = frozenset({Phase.IN_COMMUNITY, Phase.ENDING})

_ALLOWED_CONTROL = frozenset("\n\r\t")


class ValidationError(UserError, ValueError):
    """One field's input was refused. ``message`` is plain English and never repeats the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


# The fields most messages name, in the words of the language in use ("Given name").
FIELD_WORDS = {
    "title": N_("Fields", "Title"),
    "goal": N_("Fields", "Goal"),
    "step": N_("Fields", "Step"),
    "what": N_("Fields", "What"),
    "who_is_responsible": N_("Fields", "Who is responsible"),
    "given_name": N_("Fields", "Given name"),
    "family_name": N_("Fields", "Family name"),
    "preferred_name": N_("Fields", "Preferred name"),
    "prison_number": N_("Fields", "Prison number"),
    "name": N_("Fields", "Name"),
    "reason": N_("Fields", "Reason"),
    "notes": N_("Fields", "Notes"),
    "note": N_("Fields", "Note"),
    "his_words": N_("Fields", "His words"),
    "location": N_("Fields", "Location"),
    "with_whom": N_("Fields", "With whom"),
    "what_happened": N_("Fields", "What happened"),
    "status_reason": N_("Fields", "Status reason"),
    "place": N_("Fields", "Place"),
    "purpose": N_("Fields", "Purpose"),
    "closing_note": N_("Fields", "Closing note"),
    "distress_note": N_("Fields", "Distress note"),
    "outcome": N_("Fields", "Outcome"),
    "why": N_("Fields", "Why"),
    "method": N_("Fields", "Method"),
    "achieved_on": N_("Fields", "Achieved on"),
    "rated_on": N_("Fields", "Rated on"),
    "recorded_on": N_("Fields", "Recorded on"),
    "signed_on": N_("Fields", "Signed on"),
    "set_on": N_("Fields", "Set on"),
    "due_on": N_("Fields", "Due on"),
    "release_date": N_("Fields", "Release date"),
    "date_of_birth": N_("Fields", "Date of birth"),
    "held_on": N_("Fields", "Held on"),
    "phone_number": N_("Fields", "Phone number"),
    "text": N_("Fields", "Text"),
    "situation": N_("Fields", "Situation"),
    "thoughts": N_("Fields", "Thoughts"),
    "feelings": N_("Fields", "Feelings"),
    "behaviour": N_("Fields", "Behaviour"),
    "social_outcome": N_("Fields", "Social outcome"),
    "service_name": N_("Fields", "Service name"),
    "what_was_reviewed": N_("Fields", "What was reviewed"),
    "follow_up": N_("Fields", "Follow up"),
    "relationship_work": N_("Fields", "Relationship work"),
}


def field_label(field: str) -> str:
    """Turn a field key such as ``given_name`` into words for a message: ``Given name``."""
    if field in FIELD_WORDS:
        return tr("Fields", FIELD_WORDS[field])
    words = field.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else tr("Fields", "This field")


def check_length(value: str | None, field: str, max_len: int) -> None:
    """Refuse text over ``max_len`` characters or holding characters that cannot be stored."""
    if value is None:
        return
    if len(value) > max_len:
        raise ValidationError(
            field,
            tr("Errors", "{field} is too long: keep it to {max_len:,} characters or fewer.").format(
                field=field_label(field), max_len=max_len
            ),
        )
    if any(ord(ch) < 32 and ch not in _ALLOWED_CONTROL for ch in value):
        raise ValidationError(
            field,
            tr("Errors", "{field} contains a hidden character that cannot be saved.").format(
                field=field_label(field)
            ),
        )


def require_text(value: str | None, field: str, max_len: int) -> str:
    """Return ``value`` with outer spaces removed; refuse it when empty or too long."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(
            field, tr("Errors", "{field} needs filling in.").format(field=field_label(field))
        )
    check_length(cleaned, field, max_len)
    return cleaned


def optional_text(value: str | None, field: str, max_len: int) -> str | None:
    """Like ``require_text`` but blank input becomes None instead of an error."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    check_length(cleaned, field, max_len)
    return cleaned


def check_score(value: object, field: str = "distress", low: int = 0, high: int = 10) -> int:
    """Refuse anything but a whole number from ``low`` to ``high``; return it as an int."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            field, tr("Errors", "{field} must be a whole number.").format(field=field_label(field))
        )
    if not low <= value <= high:
        raise ValidationError(
            field,
            tr("Errors", "{field} must be between {low} and {high}.").format(
                field=field_label(field), low=low, high=high
            ),
        )
    return value


def check_due_date(due: date | None, goal_set_on: date, field: str = "due") -> None:
    """A due date may be empty; otherwise it cannot come before the goal was set or years later."""
    if due is None:
        return
    if due < goal_set_on:
        raise ValidationError(
            field, tr("Errors", "The due date is before the goal was set. Check the date.")
        )
    if due - goal_set_on > MAX_DUE_AHEAD:
        raise ValidationError(
            field,
            tr(
                "Errors",
                "The due date is more than five years after the goal was set. Check the year.",
            ),
        )


def _as_phase(phase: Phase | str) -> Phase:
    try:
        return Phase(phase)
    except ValueError:
        raise ValidationError(
            "phase", tr("Errors", "That is not one of the phases of the work.")
        ) from None


def check_release_date(
    release: date | None, today: date, phase: Phase | str, field: str = "expected_release"
) -> None:
    """Check a release date against today and where he is in the work.

    A date in the past is refused while he is still in prison; a future date is refused once he is
    recorded as out in the community; a date more than ten years ahead is taken as a slip.
    """
    current = _as_phase(phase)
    if release is None:
        return
    if current in STILL_INSIDE and release < today:
        raise ValidationError(
            field,
            tr(
                "Errors",
                (
                    "The release date is in the past but he is recorded as still in prison. "
                    "Check the date, or move him on to the next phase."
                ),
            ),
        )
    if current in OUT_OF_PRISON and release > today:
        raise ValidationError(
            field,
            tr(
                "Errors",
                (
                    "The release date is in the future but he is recorded as out of prison. "
                    "Check the date or his phase."
                ),
            ),
        )
    if release - today > MAX_RELEASE_AHEAD:
        raise ValidationError(
            field, tr("Errors", "The release date is more than ten years away. Check the year.")
        )
