"""Save the release wizard: the plan and each new first-week appointment, in one transaction."""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr
from engager_desktop.services import meetings, release
from engager_desktop.services.commit_problems import CommitFailed, in_one_transaction
from engager_desktop.services.release import ReleasePlanInput
from engager_desktop.services.typed_input import BadInput, local_moment, parse_date, parse_time
from engager_desktop.store.vault import Vault


def plan_input(values: dict[str, Any]) -> ReleasePlanInput:
    """The plan from wizard values (BadInput if the release date cannot be read)."""
    kwargs: dict[str, Any] = {}
    for f in fields(ReleasePlanInput):
        raw = values.get(f.name)
        if f.name == "release_date":
            kwargs[f.name] = parse_date(raw)
        elif isinstance(f.default, bool):
            kwargs[f.name] = bool(raw)
        else:
            kwargs[f.name] = (str(raw).strip() or None) if raw is not None else None
    return ReleasePlanInput(**kwargs)


def _appointment(item: dict[str, Any]) -> meetings.AppointmentInput:
    day = parse_date(item.get("on"))
    if day is None:
        raise BadInput(tr("Errors", "Give the date of the appointment."))
    return meetings.AppointmentInput(
        with_whom=str(item.get("with_whom") or ""),
        starts_at=local_moment(day, parse_time(item.get("at"))),
        location=str(item.get("location") or "").strip() or None,
    )


def commit_release(vault: Vault, man_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """The plan and every new appointment in ONE transaction: all of it is saved, or none."""
    return in_one_transaction(vault, values, lambda: _commit_release(vault, man_id, values))


def _commit_release(vault: Vault, man_id: str, values: dict[str, Any]) -> dict[str, Any]:
    state = copy.deepcopy(values)
    try:
        release.save_release_plan(vault, man_id, plan_input(state))
    except BadInput as exc:
        raise CommitFailed(exc, state, "release_date") from None
    except (ValidationError, VaultError) as exc:
        raise CommitFailed(exc, state, getattr(exc, "field", None)) from None
    for index, item in enumerate(state.get("new_appointments", [])):
        if item.get("id"):
            continue  # booked by an earlier try
        try:
            item["id"] = meetings.add_appointment(vault, man_id, _appointment(item)).id
        except (ValidationError, VaultError, BadInput) as exc:
            raise CommitFailed(exc, state, "new_appointments", index) from None
    return state
