"""The shared understanding wizard for first meetings (P1-P13), pre-filled from his record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from engager_desktop.i18n import N_
from engager_desktop.services import action_plan, participants
from engager_desktop.services.action_plan import GoalView
from engager_desktop.services.typed_input import date_text
from engager_desktop.services.understanding import load_understanding
from engager_desktop.services.understanding_commit import LISTS, commit_understanding
from engager_desktop.services.understanding_forms import UnderstandingRecord
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import tri_text
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.pages.understanding_background import BackgroundPage
from engager_desktop.ui.wizards.pages.understanding_expectations import ExpectationsPage
from engager_desktop.ui.wizards.pages.understanding_family import FamilyPage
from engager_desktop.ui.wizards.pages.understanding_goals import DEFAULTS, GoalsPage
from engager_desktop.ui.wizards.pages.understanding_identity import IdentityPage
from engager_desktop.ui.wizards.pages.understanding_life_story import LifeStoryPage
from engager_desktop.ui.wizards.pages.understanding_links_map import LinksMapPage
from engager_desktop.ui.wizards.pages.understanding_needs import NeedsPage
from engager_desktop.ui.wizards.pages.understanding_pledge import PledgePage
from engager_desktop.ui.wizards.pages.understanding_quick_wins import QuickWinsPage
from engager_desktop.ui.wizards.pages.understanding_strengths import StrengthsPage
from engager_desktop.ui.wizards.pages.understanding_trauma import TraumaPage


@dataclass
class UnderstandingContext:
    name: str
    today: date
    record: UnderstandingRecord
    name_choices: tuple[str, ...]
    goals: dict[str, GoalView]

    @property
    def goal_titles(self) -> dict[str, str]:
        return {goal_id: goal.title for goal_id, goal in self.goals.items()}

    initial: dict[str, Any] = field(default_factory=dict)


def _text_values(form: object) -> dict[str, Any]:
    """A stored form as wizard values: dates typed out, yes / no / not known as words."""
    values = {}
    for key, value in asdict(form).items():  # type: ignore[call-overload]
        if isinstance(value, date):
            value = date_text(value)
        elif value is None:
            value = ""
        values[key] = value
    return values


def initial_values(
    record: UnderstandingRecord, goals: dict[str, GoalView] | None = None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for section in (record.identity, record.background, record.life_story, record.readiness):
        values.update(_text_values(section))
    family = _text_values(record.family)
    family["relationships_help"] = tri_text(record.family.relationships_help)
    values.update(family)
    pledge = _text_values(record.pledge)
    del pledge["wanted"]
    pledge["pledge_wanted"] = tri_text(record.pledge.wanted)  # not known: not asked yet
    values.update(pledge)
    for key, items in (
        ("service_contacts", record.service_contacts),
        ("links_map", record.links_map),
        ("strengths", record.strengths),
        ("quick_wins", record.quick_wins),
    ):
        values[key] = [_text_values(item) for item in items]
    values["priority_problems"] = [
        _problem(item, (goals or {}).get(item.goal_id or "")) for item in record.priority_problems
    ]
    return values


def _problem(item: Any, goal: GoalView | None) -> dict[str, Any]:
    """A problem as a row; one already in his plan shows the kind and area of its goal."""
    row = {**DEFAULTS, **_text_values(item), "make_goal": bool(item.goal_id)}
    if goal is not None:
        row.update(horizon=goal.horizon, domain=goal.domain)
    return row


class UnderstandingWizard(EngagerWizard):
    KIND = "understanding"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Shared understanding")
    ALIASES = {"wanted": "pledge_wanted", "goal": "priority_problems"}

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> UnderstandingContext:
        record = load_understanding(vault, man_id)
        man = participants.get_participant(vault, man_id)
        plan = action_plan.plan_for(vault, man_id)
        choices = tuple(dict.fromkeys((f"Mr {man.family_name}", man.given_name)))
        context = UnderstandingContext(
            record.identity.preferred_name,
            vault.clock.today(),
            record,
            choices,
            {goal.id: goal for goal in plan.goals},
        )
        context.initial = initial_values(record, context.goals)
        return context

    def make_pages(self, context: UnderstandingContext) -> list[WizardPage]:
        return [
            BackgroundPage(context),
            IdentityPage(context),
            FamilyPage(context),
            LifeStoryPage(context),
            TraumaPage(context),
            NeedsPage(context),
            GoalsPage(context),
            LinksMapPage(context),
            StrengthsPage(context),
            ExpectationsPage(context),
            QuickWinsPage(context),
            PledgePage(context),
        ]

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        return commit_understanding(vault, man_id, context.initial, values)


__all__ = ["LISTS", "UnderstandingWizard", "initial_values"]
