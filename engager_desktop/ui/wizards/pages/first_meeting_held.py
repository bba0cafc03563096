"""First meeting page 1: the meeting itself, held or missed; a missed one ends the flow here."""

from __future__ import annotations

from PySide6.QtWidgets import QWizardPage

from engager_desktop.i18n import N_
from engager_desktop.ui.wizards.pages.review_attendance import AttendancePage


class MeetingPage(AttendancePage):
    """The review's session page; if he missed it, Finish records only that and its follow-up."""

    NAME = "meeting"
    CONTEXT = "FirstMeetingWizard"
    TITLE = N_("FirstMeetingWizard", "This meeting")
    SUBTITLE = N_("FirstMeetingWizard", "When and where you met, and whether he came.")

    def build(self) -> None:
        super().build()
        self.fields["attended"].on_change(self._next_or_finish)

    def _next_or_finish(self) -> None:
        """Missed: Finish shows here (Qt lays the buttons out again for a page made final)."""
        self.setFinalPage(self.fields["attended"].value() == "no")

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        if self.fields["attended"].value() == "no":
            return -1
        return QWizardPage.nextId(self)
