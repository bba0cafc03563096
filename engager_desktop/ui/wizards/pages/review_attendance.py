"""Review page 1: the session itself, held or missed; a missed one needs a follow-up."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM, SHORT, BadInput, parse_date
from engager_desktop.ui.wizards.choices import ATTENDED, MEETING_PLACES
from engager_desktop.ui.wizards.page import Problem, WizardPage

MAX_MINUTES = 480  # the longest a session is recorded as lasting (services.session_review)


class AttendancePage(WizardPage):
    NAME = "attendance"
    PLACE = "review.attendance"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "The session")
    SUBTITLE = N_("ReviewWizard", "When and where you met, and whether he came.")

    def build(self) -> None:
        self.note(self.context.planned_text)
        self.date("session_date", tr("ReviewWizard", "Date of the session"), required=True)
        self.time(
            "session_time",
            tr("ReviewWizard", "Time it started"),
            hint=tr("ReviewWizard", "24-hour clock, for example 14:30."),
        )
        self.choice("place", tr("ReviewWizard", "Where"), MEETING_PLACES)
        self.text("location", tr("ReviewWizard", "Room or address"), limit=SHORT)
        self.choice("attended", tr("ReviewWizard", "Did he come?"), ATTENDED, required=True)
        self.number(
            "minutes",
            tr("ReviewWizard", "How long it lasted (minutes)"),
            low=0,
            high=MAX_MINUTES,
            special=tr("ReviewWizard", "Not recorded"),
            hint=tr("ReviewWizard", "Only when he came."),
        )
        self.box(
            "follow_up",
            tr("ReviewWizard", "If he missed it: how you will follow it up"),
            limit=MEDIUM,
            hint=tr(
                "ReviewWizard",
                "Needed when he missed it: for example a call today to find out what came up.",
            ),
        )

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        found: list[Problem] = []
        if values.get("attended") == "no" and not str(values.get("follow_up", "")).strip():
            found.append(
                (
                    self.fields["follow_up"],
                    tr("ReviewWizard", "Say how you will follow up the missed session."),
                )
            )
        try:
            day = parse_date(values.get("session_date"))
        except BadInput:
            return found
        if values.get("attended") == "yes" and day is not None and day > self.context.today:
            found.append(
                (
                    self.fields["session_date"],
                    "A session cannot be recorded as held on a later day.",
                )
            )
        return found

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        if self.fields["attended"].value() == "no" and hasattr(wizard, "page_ids"):
            return int(wizard.page_ids["new_steps"])
        return super().nextId()
