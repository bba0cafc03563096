"""Move a planned session, or correct a recorded one (time, place, what was written about it).

Whether he came stays as the session review recorded it; the fields shown follow from that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels, ops
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    line,
    moment_edit,
    moment_of,
    paragraph,
    text_of,
    worded,
)
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.undo import Edit

TITLES = {
    None: N_("SessionForm", "Move a planned session"),
    True: N_("SessionForm", "Change a held session"),
    False: N_("SessionForm", "Change a missed session"),
}


class SessionDialog(FormDialog):
    """``row``: the session (a record row) to change."""

    def __init__(self, vault: Any, row: Any, parent: QWidget | None = None) -> None:
        attended = row_value(row, "attended")
        super().__init__(vault, tr("SessionForm", TITLES[attended]), parent)
        self.record = row
        self.starts = self.field(
            "starts_at", tr("SessionForm", "&When:"), moment_edit(row_value(row, "starts_at"))
        )
        self.place = self.field(
            "place",
            tr("SessionForm", "&Place:"),
            choice(worded(labels.PLACE), row_value(row, "place")),
        )
        self.location = self.field(
            "location", tr("SessionForm", "W&here:"), line(row_value(row, "location") or "")
        )
        self.reviewed = self.notes = self.follow_up = None
        self.minutes: QSpinBox | None = None
        if attended is True:
            self.set_intro(
                tr(
                    "SessionForm",
                    "He came to this session. What was written about it can be corrected.",
                )
            )
            self.reviewed = self.field(
                "what_was_reviewed",
                tr("SessionForm", "What was &reviewed:"),
                paragraph(row_value(row, "reviewed") or ""),
            )
            self.notes = self.field(
                "notes", tr("SessionForm", "&Notes:"), paragraph(row_value(row, "notes") or "")
            )
            self.minutes = self.field(
                "minutes",
                tr("SessionForm", "How &long it lasted:"),
                minutes_box(row_value(row, "minutes")),
            )
            self.steps_reviewed = self.row(
                QLabel(tr("SessionForm", "Reading the steps reviewed at this session…"))
            )
            self.steps_reviewed.setWordWrap(True)
            self.steps_reviewed.setAccessibleName(
                tr("SessionForm", "Steps reviewed at this session")
            )
            self._read_steps_reviewed(vault, row_value(row, "id"))
        elif attended is False:
            self.set_intro(
                tr("SessionForm", "He missed this session. Say what was done to follow it up.")
            )
            self.follow_up = self.field(
                "follow_up",
                tr("SessionForm", "&Follow-up:"),
                paragraph(row_value(row, "follow_up") or ""),
            )

    def _read_steps_reviewed(self, vault: Any, meeting_id: str) -> None:
        """What the session review recorded about each step (shown, not changed, here), read
        off the UI thread."""
        from engager_desktop.services.session_review import workbook_page

        ops.run(
            lambda: workbook_page(vault, meeting_id),
            self._show_steps_reviewed,
            lambda message, _exc: self.steps_reviewed.setText(message),
            owner=self,
        )

    def _show_steps_reviewed(self, page: Any) -> None:
        self.steps_reviewed.setText(steps_reviewed_text(page.reviewed))
        self.steps_reviewed.setAccessibleDescription(self.steps_reviewed.text())

    def wanted(self) -> Any:
        from engager_desktop.services.session_edits import SessionChange

        def text(widget: Any) -> str | None:
            return text_of(widget) if widget is not None else None

        return SessionChange(
            moment_of(self.starts),
            str(self.place.currentData()),
            text_of(self.location),
            text(self.reviewed),
            text(self.notes),
            text(self.follow_up),
            (self.minutes.value() or None) if self.minutes is not None else None,
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.session_edits import change_of, edit_session

        row = self.record
        before = change_of(row)
        after, vault, meeting_id = self.wanted(), self.vault, row_value(row, "id")
        label = self.windowTitle().lower()

        def save() -> Edit:
            edit_session(vault, meeting_id, after)
            return Edit(
                label,
                lambda: edit_session(vault, meeting_id, before),
                lambda: edit_session(vault, meeting_id, after),
            )

        return save


def minutes_box(minutes: int | None) -> QSpinBox:
    """Minutes from 1 to 480, or "Not recorded" (0)."""
    box = QSpinBox()
    box.setRange(0, 480)
    box.setSpecialValueText(tr("SessionForm", "Not recorded"))
    box.setSuffix(tr("SessionForm", " min"))
    box.setValue(minutes or 0)
    return box


def steps_reviewed_text(lines: Any) -> str:
    """The text shown: a heading line, then one line a step with what, its outcome and why."""
    if not lines:
        return tr("SessionForm", "No steps were reviewed at this session.")
    said = [tr("SessionForm", "Steps reviewed at this session:")]
    for step in lines:
        outcome = labels.word(labels.STEP_STATUS, step.outcome)
        why = f" ({step.why})" if step.why else ""
        said.append(f"• {step.what}: {outcome}{why}")
    return "\n".join(said)
