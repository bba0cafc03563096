"""Book or change an appointment with another service (P26) at any time, from the Community tab.

Before saving, it asks what the appointment would clash with: an overlap or a journey that
cannot be made in time is shown first, and saving again books it anyway (to talk over with him).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import (
    FormDialog,
    line,
    moment_edit,
    moment_of,
    paragraph,
    text_of,
)
from engager_desktop.ui.workspace.data import row_value
from engager_desktop.ui.workspace.undo import Edit, Made

NOT_KNOWN = -1
SAVE_ANYWAY = N_("AppointmentForm", "Save &anyway")


@dataclass(frozen=True)
class Clashes:
    """Saving was held back: what the appointment as typed would clash with."""

    wanted: Any
    messages: tuple[str, ...]


def spin(value: int, low: int, high: int, suffix: str | None = None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(tr("AppointmentForm", " minutes") if suffix is None else suffix)
    box.setValue(value)
    return box


class AppointmentDialog(FormDialog):
    """``row``: the appointment (a record row) to change, or None to book a new one."""

    def __init__(self, vault: Any, man_id: str, row: Any = None, parent: QWidget | None = None):
        title = (
            tr("AppointmentForm", "Change an appointment")
            if row is not None
            else tr("AppointmentForm", "Book an appointment")
        )
        super().__init__(vault, title, parent)
        self.man_id = man_id
        self.record = row
        self.checked: Any = None  # the input whose clashes were shown
        get = (lambda key: row_value(row, key)) if row is not None else (lambda key: None)
        self.with_whom = self.field(
            "with_whom", tr("AppointmentForm", "&With:"), line(get("with_whom") or ""), "service_id"
        )
        starts = get("starts_at") or _tomorrow_at_ten(vault.clock.now())
        self.starts = self.field("starts_at", tr("AppointmentForm", "&When:"), moment_edit(starts))
        self.minutes = self.field(
            "minutes", tr("AppointmentForm", "&How long:"), spin(get("minutes") or 60, 5, 1440)
        )
        self.location = self.field(
            "location", tr("AppointmentForm", "W&here:"), line(get("location") or "")
        )
        travel = get("travel_minutes")
        self.travel = self.field(
            "travel_minutes",
            tr("AppointmentForm", "&Journey there:"),
            spin(NOT_KNOWN if travel is None else travel, NOT_KNOWN, 720),
        )
        self.travel.setSpecialValueText(labels.yes_no(None))
        self.note = self.field(
            "note", tr("AppointmentForm", "&Note:"), paragraph(get("note") or "")
        )
        self.save_button = self.buttons.button(self.buttons.StandardButton.Save)

    def wanted(self) -> Any:
        from engager_desktop.services.meetings import AppointmentInput

        travel = self.travel.value()
        return AppointmentInput(
            with_whom=text_of(self.with_whom) or "",
            starts_at=moment_of(self.starts),
            minutes=self.minutes.value(),
            location=text_of(self.location),
            travel_minutes=None if travel == NOT_KNOWN else travel,
            service_id=row_value(self.record, "service_id") if self.record is not None else None,
            note=text_of(self.note),
        )

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services import appointment_edits, meetings

        wanted = self.wanted()
        seen = wanted == self.checked
        vault, man_id = self.vault, self.man_id
        appointment_id = row_value(self.record, "id") if self.record is not None else None
        before = input_of(self.record) if self.record is not None else None

        def save() -> Any:
            if not seen:
                found = appointment_edits.clashes_if(vault, man_id, wanted, appointment_id)
                if found:
                    return Clashes(wanted, tuple(_clash_line(c, appointment_id) for c in found))
            if appointment_id is None:
                made = Made(meetings.add_appointment(vault, man_id, wanted).id)

                def rebook() -> None:
                    made.id = appointment_edits.book_again(vault, man_id, wanted)

                return Edit(
                    tr("AppointmentForm", "book the appointment with {whom}").format(
                        whom=wanted.with_whom
                    ),
                    lambda: meetings.cancel_appointment(vault, made.id),
                    rebook,
                )
            meetings.edit_appointment(vault, appointment_id, wanted)
            assert before is not None  # an appointment being changed: what it was
            earlier = before
            return Edit(
                tr("AppointmentForm", "change the appointment with {whom}").format(
                    whom=wanted.with_whom
                ),
                lambda: meetings.edit_appointment(vault, appointment_id, earlier),
                lambda: meetings.edit_appointment(vault, appointment_id, wanted),
            )

        return save

    def _saved(self, result: Any) -> None:
        if not isinstance(result, Clashes):
            super()._saved(result)
            return
        self.buttons.setEnabled(True)
        self.checked = result.wanted
        lines = "\n".join(f"• {message}" for message in result.messages)
        self.status.setText(
            tr(
                "AppointmentForm",
                "This would clash:\n{clashes}\n"
                "Change it, or save anyway and talk it over with him.",
            ).format(clashes=lines)
        )
        if self.save_button is not None:
            self.save_button.setText(tr("AppointmentForm", SAVE_ANYWAY))


def _clash_line(clash: Any, appointment_id: str | None) -> str:
    """One clash in words, naming the other appointment or session."""
    from engager_desktop.services.appointment_edits import PROPOSED

    mine = appointment_id or PROPOSED
    other = clash.second if clash.first.id == mine else clash.first
    return f"{other.with_whom}, {labels.moment(other.starts_at)}: {clash.message}"


def input_of(row: Any) -> Any:
    """The ``AppointmentInput`` that saves a recorded appointment as it is."""
    from engager_desktop.services.meetings import AppointmentInput

    return AppointmentInput(
        with_whom=row_value(row, "with_whom"),
        starts_at=row_value(row, "starts_at"),
        minutes=row_value(row, "minutes"),
        location=row_value(row, "location"),
        travel_minutes=row_value(row, "travel_minutes"),
        service_id=row_value(row, "service_id"),
        note=row_value(row, "note"),
    )


def _tomorrow_at_ten(now: datetime) -> datetime:
    day = labels.local(now).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=labels.LONDON)
