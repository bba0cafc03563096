"""Add or change a distress rating where the ratings are shown (P9): rated together with him,
0 to 10, with a note, on a day, and at one of his sessions if it was rated there.

Saving hands back an ``Edit``: undoing an added rating takes it out again; undoing a change puts
the rating back as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import FormDialog, day_edit, day_of, paragraph, text_of
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.undo import Edit, adding

INTRO = N_(
    "DistressForm", "Rated together with him: 0 is no distress at all, 10 the most he can imagine."
)
NOT_AT_A_SESSION = N_("DistressForm", "Not at a session")


class DistressDialog(FormDialog):
    """``rating``: the ``DistressView`` to change, or None to add one for ``man_id``.
    ``meetings``: his sessions (the workspace's meeting rows), any order."""

    def __init__(
        self,
        vault: Any,
        man_id: str,
        meetings: Sequence[Any],
        rating: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            tr("DistressForm", "Add a distress rating")
            if rating is None
            else tr("DistressForm", "Change a distress rating")
        )
        super().__init__(vault, title, parent)
        self.man_id = man_id
        self.rating = rating
        self.set_intro(tr("DistressForm", INTRO))
        today = vault.clock.today()
        self.rated_on = self.field(
            "rated_on",
            tr("DistressForm", "&Rated on:"),
            day_edit(rating.rated_on if rating else today),
        )
        score = QSpinBox()
        score.setRange(0, 10)
        score.setValue(rating.score if rating else 0)
        self.score = self.field("distress", tr("DistressForm", "&Score (0 to 10):"), score, "score")
        self.note = self.field(
            "note", tr("DistressForm", "&What he said about it:"), paragraph(_note(rating))
        )
        self.note.setFixedHeight(64)
        at = rating.meeting_id if rating else None
        self.meeting = self.field(
            "meeting_id", tr("DistressForm", "At a s&ession:"), _sessions(meetings, at)
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.understanding import (
            change_distress,
            record_distress,
            remove_distress,
        )

        day, score, note = day_of(self.rated_on), self.score.value(), text_of(self.note)
        meeting_id = self.meeting.currentData() or None
        vault, man_id, before = self.vault, self.man_id, self.rating
        if before is None:
            return adding(
                tr("DistressForm", "add a distress rating of {score}").format(score=score),
                lambda: (
                    record_distress(
                        vault, man_id, score, note, rated_on=day, meeting_id=meeting_id
                    ).id
                ),
                lambda rating_id: remove_distress(vault, rating_id),
            )
        after = replace(before, rated_on=day, score=score, note=note, meeting_id=meeting_id)

        def save() -> Edit:
            if after != before:
                change_distress(vault, after)
            return Edit(
                tr("DistressForm", "change the distress rating of {day}").format(
                    day=labels.day(before.rated_on)
                ),
                lambda: change_distress(vault, before),
                lambda: change_distress(vault, after),
            )

        return save


def _note(rating: Any) -> str:
    return (rating.note or "") if rating is not None else ""


def _sessions(meetings: Sequence[Any], chosen: str | None) -> QComboBox:
    """His sessions, newest first, after "Not at a session"."""
    box = QComboBox()
    box.addItem(tr("DistressForm", NOT_AT_A_SESSION), "")
    ordered = sorted(meetings, key=lambda m: row_value(m, "starts_at"), reverse=True)
    for meeting in ordered:
        box.addItem(labels.moment(row_value(meeting, "starts_at")), row_value(meeting, "id"))
    index = box.findData(chosen) if chosen else 0
    box.setCurrentIndex(max(index, 0))
    return box
