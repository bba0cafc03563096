"""Understanding page 7: his problems in his words, each turned into a goal; readiness (P8, P9)."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.choices import DOMAINS, HORIZONS, READINESS
from engager_desktop.ui.wizards.fields import BOX, CHECK, CHOICE, Spec
from engager_desktop.ui.wizards.page import WizardPage
from engager_desktop.ui.wizards.voice_flag import flag_rows

PROBLEM_SPECS = (
    Spec(
        "his_words",
        N_("UnderstandingWizard", "The problem, in his words"),
        BOX,
        required=True,
        limit=MEDIUM,
        lines=2,
    ),
    Spec(
        "as_goal_or_need", N_("UnderstandingWizard", "As a goal or need"), BOX, limit=300, lines=2
    ),
    Spec(
        "make_goal",
        N_("UnderstandingWizard", "Put this goal in his action plan"),
        CHECK,
        limit=None,
        wide=True,
    ),
    Spec(
        "horizon", N_("UnderstandingWizard", "Kind of goal"), CHOICE, limit=None, options=HORIZONS
    ),
    Spec(
        "domain", N_("UnderstandingWizard", "Area of his life"), CHOICE, limit=None, options=DOMAINS
    ),
)
DEFAULTS = {"make_goal": True, "horizon": HORIZONS[0][1], "domain": DOMAINS[0][1]}


class GoalsPage(WizardPage):
    NAME = "goals"
    PLACE = "understanding.goals"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Problems and goals")
    SUBTITLE = N_(
        "UnderstandingWizard", "The problems he names, each turned into something to work towards."
    )

    def build(self) -> None:
        self.problems_list = self.rows(
            "priority_problems",
            tr("UnderstandingWizard", "problem"),
            PROBLEM_SPECS,
            header=self._in_plan,
            empty_text=tr(
                "UnderstandingWizard", "None yet. Ask him what matters most to him just now."
            ),
            defaults=DEFAULTS,
        )
        self.problems_list.rows_changed.connect(self._flag_goals)
        self.heading(tr("UnderstandingWizard", "Readiness to change"))
        self.choice(
            "readiness", tr("UnderstandingWizard", "How ready he feels to change"), READINESS
        )
        self.box(
            "readiness_note",
            tr("UnderstandingWizard", "What he said about it"),
            limit=MEDIUM,
            lines=2,
        )

    def _flag_goals(self) -> None:
        """Goals written about him get a suggestion in his voice (he keeps his plan)."""
        flag_rows([row.fields["as_goal_or_need"] for row in self.problems_list.rows])

    def _in_plan(self, values: dict[str, Any]) -> str:
        title = self.context.goal_titles.get(values.get("goal_id") or "")
        said = tr("UnderstandingWizard", "In his action plan as: {title}")
        return said.format(title=title) if title else ""
