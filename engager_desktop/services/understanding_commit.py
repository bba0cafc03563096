"""Save the shared understanding wizard's values through the understanding use cases (no Qt).

A problem already in his plan carries a changed wording, kind or area into its goal.
The services save each section and each list item in its own transaction, so this goes section
by section and item by item. Ids of items it adds are written back into the values it reports on
failure, so pressing Finish again updates them instead of adding them twice. Sections nobody
changed are left alone, so a man who has told nothing about a section gets no empty record.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import N_, tr
from engager_desktop.services import action_plan
from engager_desktop.services import understanding as service
from engager_desktop.services.commit_problems import CommitFailed, in_one_transaction
from engager_desktop.services.common import RuleBroken
from engager_desktop.services.typed_input import BadInput, parse_date, tri_value
from engager_desktop.services.understanding_forms import (
    BackgroundForm,
    FamilyForm,
    IdentityForm,
    LifeStoryForm,
    LinksMapForm,
    PledgeForm,
    PriorityProblemForm,
    QuickWinForm,
    ReadinessForm,
    ServiceContactForm,
    StrengthForm,
)
from engager_desktop.store.vault import Vault

DATE_FIELDS = frozenset({"recorded_on", "achieved_on", "restrictions_checked_on", "signed_on"})
TITLE_MAX = 300
Values = dict[str, Any]
Saver = Callable[[Vault, str, Any], Any]

SECTIONS: tuple[tuple[type[Any], Saver, str | None], ...] = (
    # (form, use case, input a refusal of the whole section is shown beside)
    (IdentityForm, service.save_identity, "preferred_name"),
    (BackgroundForm, service.save_background, None),
    (FamilyForm, service.save_family, "restrictions_checked_on"),
    (LifeStoryForm, service.save_life_story, None),
    (ReadinessForm, service.save_readiness, "readiness"),
    (PledgeForm, service.save_pledge, "signed_on"),
)
LISTS: dict[str, type[Any]] = {
    "service_contacts": ServiceContactForm,
    "priority_problems": PriorityProblemForm,
    "links_map": LinksMapForm,
    "strengths": StrengthForm,
    "quick_wins": QuickWinForm,
}
# Wizard keys that differ from the form's field names.
RENAMED = {"wanted": "pledge_wanted"}
SHOWN_AS_YES_NO = frozenset({"wanted", "relationships_help"})
# A problem's words, kind and area that its goal in the plan is made from.
GOAL_KEYS = ("his_words", "as_goal_or_need", "horizon", "domain")
OUT_OF_PLAN = N_(
    "Errors",
    "This goal is in his action plan. To take it out, mark it dropped on the Action plan tab.",
)


def _convert(name: str, default: Any, raw: Any) -> Any:
    if name in DATE_FIELDS:
        return parse_date(raw)
    if name in SHOWN_AS_YES_NO:
        return tri_value(raw)
    if isinstance(default, bool):
        return bool(raw)
    text = "" if raw is None else str(raw).strip()
    if default is None:
        return text or None
    if default is MISSING:
        return text
    return text or default


def form_of(form_type: type[Any], values: Values) -> Any:
    """The service's form from wizard values (dates read, blanks made None)."""
    kwargs = {}
    for f in fields(form_type):
        raw = values.get(RENAMED.get(f.name, f.name))
        kwargs[f.name] = _convert(f.name, f.default, raw)
    return form_type(**kwargs)


def _keys(form_type: type[Any]) -> list[str]:
    return [RENAMED.get(f.name, f.name) for f in fields(form_type)]


def _save_sections(vault: Vault, man_id: str, initial: Values, state: Values) -> None:
    for form_type, save, rule_key in SECTIONS:
        keys = _keys(form_type)
        if all(state.get(k) == initial.get(k) for k in keys):
            continue
        try:
            save(vault, man_id, form_of(form_type, state))
        except RuleBroken as exc:
            raise CommitFailed(exc, state, rule_key) from None
        except BadInput as exc:
            bad = next((k for k in keys if k in DATE_FIELDS), None)
            raise CommitFailed(exc, state, bad) from None
        except (ValidationError, VaultError) as exc:
            field = getattr(exc, "field", None)
            raise CommitFailed(exc, state, RENAMED.get(field, field) if field else None) from None


def _goal_input(item: Values) -> action_plan.GoalInput:
    title = str(item.get("as_goal_or_need") or item.get("his_words") or "").strip()[:TITLE_MAX]
    return action_plan.GoalInput(
        title=title,
        horizon=str(item.get("horizon") or ""),
        domain=str(item.get("domain") or ""),
        his_words=str(item.get("his_words") or "").strip() or None,
    )


def _save_goal(vault: Vault, man_id: str, item: Values, before: Values | None) -> None:
    """Add the goal a problem became, or carry a changed wording, kind or area into it."""
    goal_id = item.get("goal_id")
    if not goal_id:
        if item.get("make_goal"):
            item["goal_id"] = action_plan.add_goal(vault, man_id, _goal_input(item))
        return
    if not item.get("make_goal"):
        raise ValidationError("make_goal", tr("Errors", OUT_OF_PLAN))
    if before is None or any(item.get(k) != before.get(k) for k in GOAL_KEYS):
        action_plan.edit_goal(vault, goal_id, _goal_input(item))


def _save_item(vault: Vault, man_id: str, key: str, item: Values, before: Values | None) -> None:
    form_type = LISTS[key]
    if key == "priority_problems":
        _save_goal(vault, man_id, item, before)
    form = form_of(form_type, item)
    if not item.get("id"):
        item["id"] = service.add_item(vault, man_id, form).id
    elif before is None or any(item.get(k) != before.get(k) for k in _keys(form_type)):
        service.update_item(vault, item["id"], form)


def _save_lists(vault: Vault, man_id: str, initial: Values, state: Values) -> None:
    for key, form_type in LISTS.items():
        earlier = {i["id"]: i for i in initial.get(key, []) if i.get("id")}
        items = state.get(key, [])
        for index, item in enumerate(items):
            try:
                _save_item(vault, man_id, key, item, earlier.get(item.get("id") or ""))
            except (ValidationError, VaultError, BadInput) as exc:
                part = getattr(exc, "field", None)
                raise CommitFailed(exc, state, key, index, part) from None
        kept = {item.get("id") for item in items}
        for gone in earlier.keys() - kept:
            try:
                service.remove_item(vault, form_type, gone)
            except VaultError as exc:
                raise CommitFailed(exc, state, key) from None


def commit_understanding(vault: Vault, man_id: str, initial: Values, values: Values) -> Values:
    """Save what changed in ONE transaction; returns the values as saved (ids of new items)."""
    return in_one_transaction(
        vault, values, lambda: _commit_understanding(vault, man_id, initial, values)
    )


def _commit_understanding(vault: Vault, man_id: str, initial: Values, values: Values) -> Values:
    state = copy.deepcopy(values)
    _save_sections(vault, man_id, initial, state)
    _save_lists(vault, man_id, initial, state)
    return state
