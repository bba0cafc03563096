"""Save a first meeting in ONE transaction: the meeting, what he told, the plan, consents (no Qt).

The meeting goes first (held or missed). A missed meeting saves only that and its follow-up.
Otherwise the understanding is saved as its own wizard saves it, then the number of sessions and
the end date, then each consent answer that is new: the day it is recorded is the meeting's day.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import consent
from engager_desktop.services.commit_problems import CommitFailed, in_one_transaction
from engager_desktop.services.common import NotFound, RuleBroken
from engager_desktop.services.ending_commit import save_sessions_plan
from engager_desktop.services.review_commit import review_input
from engager_desktop.services.session_review import save_review
from engager_desktop.services.understanding_commit import commit_understanding
from engager_desktop.store.vault import Vault

Values = dict[str, Any]
# The consent answers on the first meeting's consents page: every kind of sharing but the plan,
# then the plan with the service it goes to.
GENERAL = tuple(kind for kind in ConsentKind if kind is not ConsentKind.SHARE_PLAN_WITH_SERVICE)
PLAN = ConsentKind.SHARE_PLAN_WITH_SERVICE
PLAN_SERVICE = "consent_plan_service"


def consent_key(kind: ConsentKind | str) -> str:
    """The wizard value that holds his answer about one kind of sharing."""
    return f"consent_{kind}"


def commit_first_meeting(
    vault: Vault, man_id: str, initial: Values, values: Values, planned_id: str | None
) -> Values:
    """All of the first meeting, or none of it; returns the values as saved."""
    return in_one_transaction(
        vault, values, lambda: _commit(vault, man_id, initial, values, planned_id)
    )


def _commit(
    vault: Vault, man_id: str, initial: Values, values: Values, planned_id: str | None
) -> Values:
    state = copy.deepcopy(values)
    review = review_input(state, planned_id)
    try:
        save_review(vault, man_id, review)
    except (ValidationError, RuleBroken, NotFound) as exc:
        key = None if isinstance(exc, ValidationError) else "session_date"
        raise CommitFailed(exc, state, key) from None
    if state.get("attended") != "yes":
        return state
    state = commit_understanding(vault, man_id, initial, state)
    save_sessions_plan(vault, man_id, initial, state)
    _consents(vault, man_id, initial, state, review.starts_at.date())
    return state


def _consents(vault: Vault, man_id: str, initial: Values, state: Values, day: date) -> None:
    for kind in GENERAL:
        key = consent_key(kind)
        answer = state.get(key) or ""
        if answer and answer != initial.get(key):
            _record(vault, man_id, state, key, kind, answer, None, day)
    answer = state.get(consent_key(PLAN)) or ""
    if answer:
        service = state.get(PLAN_SERVICE) or None
        _record(vault, man_id, state, PLAN_SERVICE, PLAN, answer, service, day)


def _record(
    vault: Vault,
    man_id: str,
    state: Values,
    key: str,
    kind: Any,
    answer: str,
    service_id: str | None,
    day: date,
) -> None:
    try:
        consent.record_consent(
            vault, man_id, kind, answer == "yes", service_id=service_id, recorded_on=day
        )
    except (ValidationError, NotFound, VaultError) as exc:
        raise CommitFailed(exc, state, key) from None
