"""Save the ending wizard through the endings use cases, in the order the rules need (no Qt).

Sessions and end date first (tapering is worked out from them), then the plan (the support
check reads it), then any tapering sessions booked, the support check and the sign-off.
"""

from __future__ import annotations

import copy
from dataclasses import fields
from datetime import date
from typing import Any

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import endings, session_review
from engager_desktop.services.commit_problems import CommitFailed, in_one_transaction
from engager_desktop.services.common import RuleBroken
from engager_desktop.services.endings import EndingPlanInput
from engager_desktop.services.typed_input import BadInput, parse_date
from engager_desktop.store.vault import Vault

Values = dict[str, Any]


def tapering_text(dates: list[date]) -> str:
    """The spacing as the plan records it (the same words the service writes when booking)."""
    return "Sessions on " + ", ".join(d.strftime("%d %b %Y") for d in dates) if dates else ""


def plan_input(values: Values) -> EndingPlanInput:
    kwargs: dict[str, Any] = {}
    for f in fields(EndingPlanInput):
        raw = values.get(f.name)
        if f.name == "aftercare_call_on":
            kwargs[f.name] = parse_date(raw)
        elif isinstance(f.default, bool):
            kwargs[f.name] = bool(raw)
        else:
            kwargs[f.name] = (str(raw).strip() or None) if raw is not None else None
    return EndingPlanInput(**kwargs)


def _fail(exc: BaseException, state: Values, key: str | None) -> CommitFailed:
    field = getattr(exc, "field", None) if isinstance(exc, ValidationError) else None
    return CommitFailed(exc, state, key or field)


def save_sessions_plan(vault: Vault, man_id: str, initial: Values, state: Values) -> None:
    """The number of sessions and the end date, when either changed."""
    keys = ("planned_sessions", "planned_end")
    if all(state.get(k) == initial.get(k) for k in keys):
        return
    try:
        end = parse_date(state.get("planned_end"))
        endings.set_sessions_plan(vault, man_id, state.get("planned_sessions") or None, end)
    except BadInput as exc:
        raise _fail(exc, state, "planned_end") from None
    except (ValidationError, VaultError) as exc:
        raise _fail(exc, state, None) from None


def _tapering(vault: Vault, man_id: str, state: Values) -> None:
    if not state.get("book_tapering"):
        return
    try:
        proposal = endings.propose_tapering(vault, man_id, any_day=bool(state.get("any_day")))
        place = session_review.usual_place(vault, man_id)
        endings.accept_tapering(vault, man_id, proposal.dates, place=place)
    except (ValidationError, VaultError) as exc:
        raise _fail(exc, state, "book_tapering") from None
    state["book_tapering"] = False  # booked: a second try must not book them again
    state["tapering"] = tapering_text(list(proposal.dates))


def _sign_off(vault: Vault, man_id: str, initial: Values, state: Values) -> None:
    try:
        if state.get("support_checked") and not initial.get("support_checked"):
            endings.confirm_support_in_place(vault, man_id)
    except RuleBroken as exc:
        raise _fail(exc, state, "support_checked") from None
    keys = ("signed_off_on", "signed_off_in_person", "closing_note")
    if not state.get("signed_off_on") or all(state.get(k) == initial.get(k) for k in keys):
        return
    try:
        on = parse_date(state.get("signed_off_on"))
        assert on is not None
        endings.sign_off(
            vault,
            man_id,
            on=on,
            in_person=bool(state.get("signed_off_in_person")),
            closing_note=str(state.get("closing_note") or "").strip() or None,
        )
    except BadInput as exc:
        raise _fail(exc, state, "signed_off_on") from None
    except RuleBroken as exc:
        raise _fail(exc, state, "signed_off_on") from None
    except (ValidationError, VaultError) as exc:
        raise _fail(exc, state, None) from None


def commit_ending(vault: Vault, man_id: str, initial: Values, values: Values) -> Values:
    """Sessions plan, ending plan, tapering, support check and sign-off in ONE transaction."""
    return in_one_transaction(vault, values, lambda: _commit_ending(vault, man_id, initial, values))


def _commit_ending(vault: Vault, man_id: str, initial: Values, values: Values) -> Values:
    state = copy.deepcopy(values)
    save_sessions_plan(vault, man_id, initial, state)
    try:
        endings.save_ending_plan(vault, man_id, plan_input(state))
    except BadInput as exc:
        raise _fail(exc, state, "aftercare_call_on") from None
    except (ValidationError, VaultError) as exc:
        raise _fail(exc, state, None) from None
    _tapering(vault, man_id, state)
    _sign_off(vault, man_id, initial, state)
    return state
