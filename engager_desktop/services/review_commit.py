"""Turn the review wizard's values into one ``save_review`` call (no Qt: runs on the worker)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.services.action_plan import StepInput
from engager_desktop.services.commit_problems import CommitFailed
from engager_desktop.services.common import NotFound
from engager_desktop.services.session_review import (
    NewStep,
    NextSession,
    ReviewInput,
    ReviewSaved,
    StepOutcome,
    save_review,
)
from engager_desktop.services.typed_input import BadInput, local_moment, parse_date, parse_time
from engager_desktop.store.vault import Vault


def _text(values: dict[str, Any], key: str) -> str | None:
    return str(values.get(key) or "").strip() or None


def _day(
    values: dict[str, Any], key: str, index: int | None = None, part: str | None = None
) -> date | None:
    source = values if index is None else values[key][index]
    try:
        return parse_date(source.get(part or key))
    except BadInput as exc:
        raise CommitFailed(exc, values, key, index, part) from None


def _time(values: dict[str, Any], key: str) -> time | None:
    try:
        return parse_time(values.get(key))
    except BadInput as exc:
        raise CommitFailed(exc, values, key) from None


def _score(values: dict[str, Any]) -> int | None:
    raw = str(values.get("distress") or "").strip()
    return int(raw) if raw.isdigit() else None


def _minutes(values: dict[str, Any]) -> int | None:
    raw = values.get("minutes")
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else None


def _outcomes(values: dict[str, Any]) -> tuple[StepOutcome, ...]:
    return tuple(
        StepOutcome(
            step_id=item["step_id"],
            outcome=item.get("outcome") or "",
            why=_text(item, "why"),
            carry_on=bool(item.get("carry_on", True)),
        )
        for item in values.get("step_outcomes", [])
        if item.get("step_id")
    )


def _new_steps(values: dict[str, Any]) -> tuple[NewStep, ...]:
    steps = []
    for index, item in enumerate(values.get("new_steps", [])):
        steps.append(
            NewStep(
                goal_id=str(item.get("goal_id") or ""),
                step=StepInput(
                    what=str(item.get("what") or ""),
                    resource_kind=str(item.get("resource_kind") or ""),
                    responsible=str(item.get("responsible") or ""),
                    due_on=_day(values, "new_steps", index, "due_on"),
                    before_next_session=bool(item.get("before_next_session")),
                    quick_win=bool(item.get("quick_win")),
                ),
            )
        )
    return tuple(steps)


def review_input(values: dict[str, Any], planned_id: str | None) -> ReviewInput:
    """The service's input from what was typed; a missed session carries no rating or steps."""
    day = _day(values, "session_date")
    if day is None:
        raise CommitFailed(
            BadInput(tr("Errors", "Give the date of the session.")), values, "session_date"
        )
    attended = values.get("attended") == "yes"
    next_day = _day(values, "next_date")
    nxt = None
    if next_day is not None:
        nxt = NextSession(
            starts_at=local_moment(next_day, _time(values, "next_time")),
            place=str(values.get("next_place") or ""),
            location=_text(values, "next_location"),
        )
    return ReviewInput(
        starts_at=local_moment(day, _time(values, "session_time")),
        place=str(values.get("place") or ""),
        attended=attended,
        location=_text(values, "location"),
        follow_up=None if attended else _text(values, "follow_up"),
        minutes=_minutes(values) if attended else None,
        distress=_score(values) if attended else None,
        distress_note=_text(values, "distress_note") if attended else None,
        reviewed=_text(values, "reviewed"),
        notes=_text(values, "notes"),
        outcomes=_outcomes(values) if attended else (),
        new_steps=_new_steps(values),
        next_session=nxt,
        planned_meeting_id=planned_id,
    )


def commit_review(
    vault: Vault, man_id: str, planned_id: str | None, values: dict[str, Any]
) -> ReviewSaved:
    """All of the review in one transaction, or none of it."""
    review = review_input(values, planned_id)
    try:
        return save_review(vault, man_id, review)
    except NotFound as exc:
        if planned_id is not None and "session" in exc.what:
            raise CommitFailed(exc, values, "session_date") from None
        if "step" in exc.what or "goal" in exc.what:
            raise CommitFailed(exc, values, "new_steps") from None
        raise
