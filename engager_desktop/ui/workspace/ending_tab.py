"""Ending tab: sessions against the plan, the ending plan, support after it, and what is missing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row

BLUEPRINT_DUE = N_(
    "EndingTab",
    "His end date is less than four weeks away and his blueprint for staying well is not "
    "finished: go through the signs to watch, what helps and who to contact with him in the "
    "final sessions.",
)


class EndingTab(TabPage):
    title = N_("Workspace", "Ending")

    def __init__(self) -> None:
        super().__init__()
        self.action("print_ending", tr("EndingTab", "Pr&int his plan for staying well…"))
        self.facts = self.add(
            Facts(
                [
                    ("sessions", tr("EndingTab", "Sessions")),
                    ("end", tr("EndingTab", "Planned end")),
                    ("tapering", tr("EndingTab", "Tapering")),
                    ("mark", tr("EndingTab", "How he wants to mark it")),
                    ("support", tr("EndingTab", "Support after the ending")),
                    ("signed", tr("EndingTab", "Signed off")),
                ]
            )
        )
        self.add(
            button_row(
                self,
                (
                    "edit_ending",
                    tr("EndingTab", "&Change how it ends…"),
                    tr("EndingTab", "Change the tapering and how he marks it"),
                ),
                (
                    "edit_support",
                    tr("EndingTab", "Change the supp&ort…"),
                    tr("EndingTab", "Change the support that carries on"),
                ),
            )
        )
        self.blueprint_due = self.add(QLabel(tr("EndingTab", BLUEPRINT_DUE)))
        self.blueprint_due.setObjectName("blueprint_due")
        self.blueprint_due.setWordWrap(True)
        self.blueprint_due.setAccessibleName(tr("EndingTab", "Blueprint still to finish"))
        self.blueprint_due.setStyleSheet("font-weight: bold;")
        self.blueprint_due.hide()
        self.blueprint = self.add(
            Facts(
                [
                    ("signs", tr("EndingTab", "Signs to watch")),
                    ("helps", tr("EndingTab", "What helps")),
                    ("who", tr("EndingTab", "Who to contact")),
                ]
            )
        )
        self.add(
            button_row(
                self,
                (
                    "edit_blueprint",
                    tr("EndingTab", "Change his &blueprint…"),
                    tr("EndingTab", "Change his blueprint for staying well"),
                ),
            )
        )
        self.missing = self.add(
            Table(
                tr("EndingTab", "Still to do before the ending"),
                (tr("EndingTab", "Item"), tr("EndingTab", "Needed")),
                empty=tr("EndingTab", "Nothing is missing."),
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        check = data.ending_check
        self.facts.set("sessions", check.sessions.message)
        self.facts.set("end", labels.day(data.record.participant.planned_end))
        self.facts.set("support", check.checks.support.message)
        plan = data.ending.plan if data.ending else None
        self.facts.set("tapering", plan.tapering if plan else None)
        self.facts.set("mark", plan.how_to_mark_it if plan else None)
        signed = data.ending.signed_off_on if data.ending else None
        in_person = data.ending.signed_off_in_person if data.ending else False
        self.facts.set(
            "signed",
            _signed(labels.day(signed), in_person) if signed else tr("EndingTab", "Not yet"),
        )
        self.blueprint_due.setVisible(data.blueprint_due)
        self.blueprint.set("signs", plan.signs_to_watch if plan else None)
        self.blueprint.set("helps", plan.what_helps if plan else None)
        self.blueprint.set("who", plan.who_to_contact if plan else None)
        self.missing.set_rows(
            [
                TextRow(
                    (
                        item.label,
                        tr("EndingTab", "Required")
                        if item.required
                        else tr("EndingTab", "Good to have"),
                    ),
                    id=item.key,
                    emphasis=item.required,
                )
                for item in check.checks.missing
            ]
        )

    def clear(self) -> None:
        self.blueprint_due.hide()
        super().clear()


def _signed(day: str, in_person: bool) -> str:
    if in_person:
        return tr("EndingTab", "{day} in person").format(day=day)
    return day
