"""Review page 5: what you went over, notes from today, and when you meet next."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import (
    LONG,
    MEDIUM,
    SHORT,
    BadInput,
    local_moment,
    parse_date,
    parse_time,
)
from engager_desktop.ui.wizards.choices import MEETING_PLACES
from engager_desktop.ui.wizards.page import Problem, WizardPage


class NextSessionPage(WizardPage):
    NAME = "next_session"
    PLACE = "review.next_session"
    CONTEXT = "ReviewWizard"
    TITLE = N_("ReviewWizard", "Notes and the next session")
    SUBTITLE = N_("ReviewWizard", "What you went over together, and when you will meet again.")

    def build(self) -> None:
        self.box(
            "reviewed", tr("ReviewWizard", "What you went over together"), limit=MEDIUM, lines=3
        )
        self.box("notes", tr("ReviewWizard", "Notes from this session"), limit=LONG, lines=4)
        self.heading(tr("ReviewWizard", "Next session"))
        self.date("next_date", tr("ReviewWizard", "Date of the next session"))
        self.time("next_time", tr("ReviewWizard", "Time"))
        self.choice("next_place", tr("ReviewWizard", "Where"), MEETING_PLACES)
        self.text("next_location", tr("ReviewWizard", "Room or address"), limit=SHORT)

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        try:
            today = parse_date(values.get("session_date"))
            next_day = parse_date(values.get("next_date"))
            today_at = parse_time(values.get("session_time"))
            next_at = parse_time(values.get("next_time"))
        except BadInput:
            return []
        field = self.fields["next_date"]
        if next_day is None:
            if next_at is not None:
                return [
                    (
                        field,
                        tr(
                            "ReviewWizard", "Give the date of the next session as well as the time."
                        ),
                    )
                ]
            return []
        if today is not None and local_moment(next_day, next_at) <= local_moment(today, today_at):
            return [(field, tr("ReviewWizard", "The next session must come after this one."))]
        return []
