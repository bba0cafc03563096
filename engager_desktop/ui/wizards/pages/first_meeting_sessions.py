"""First meeting page: how many sessions, until when (P23, P30), and the next session."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import SHORT, BadInput, parse_date
from engager_desktop.ui.wizards.choices import MEETING_PLACES
from engager_desktop.ui.wizards.page import Problem, WizardPage

FROM_THE_START = N_(
    "FirstMeetingWizard",
    "Tell him from the start how many sessions there will be and when the work ends, so the "
    "ending is no surprise. Both can change later, with him.",
)


class SessionsPlanPage(WizardPage):
    NAME = "sessions_plan"
    PLACE = "ending.plan"
    CONTEXT = "FirstMeetingWizard"
    TITLE = N_("FirstMeetingWizard", "Sessions and the end date")
    SUBTITLE = N_(
        "FirstMeetingWizard",
        "How many sessions you agreed with him, when the work will end, and when you meet next.",
    )

    def build(self) -> None:
        self.note(tr("FirstMeetingWizard", FROM_THE_START))
        self.number(
            "planned_sessions",
            tr("FirstMeetingWizard", "Number of sessions agreed"),
            low=0,
            high=100,
            special=tr("FirstMeetingWizard", "Not agreed"),
        )
        self.date("planned_end", tr("FirstMeetingWizard", "End date agreed with him"))
        self.heading(tr("FirstMeetingWizard", "The next session"))
        self.date("next_date", tr("FirstMeetingWizard", "Date of the next session"))
        self.time("next_time", tr("FirstMeetingWizard", "Time"))
        self.choice("next_place", tr("FirstMeetingWizard", "Where"), MEETING_PLACES)
        self.text("next_location", tr("FirstMeetingWizard", "Room or address"), limit=SHORT)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        try:
            end = parse_date(values.get("planned_end"))
        except BadInput:
            return []
        if end is not None and end < self.context.today:
            return [
                (
                    self.fields["planned_end"],
                    tr("FirstMeetingWizard", "The end date has already passed."),
                )
            ]
        return []
