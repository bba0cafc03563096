"""Release preparation tab: the checklist, what is still missing, and who meets him at the gate."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage

GATE = {
    "peer": N_("ReleaseTab", "A peer"),
    "practitioner": N_("ReleaseTab", "You (the practitioner)"),
}


class ReleaseTab(TabPage):
    title = N_("Workspace", "Release preparation")

    def __init__(self) -> None:
        super().__init__()
        self.action("print_release-plan", tr("ReleaseTab", "Pr&int his first week…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFormat(tr("ReleaseTab", "%p% of the checklist done"))
        self.progress.setAccessibleName(tr("ReleaseTab", "Release checklist done"))
        self.add(self.progress)
        self.facts = self.add(
            Facts(
                [
                    ("date", tr("ReleaseTab", "Release date")),
                    ("going_to", tr("ReleaseTab", "Going to")),
                    ("gate", tr("ReleaseTab", "Meets him at the gate")),
                    ("prompts", tr("ReleaseTab", "Prompts")),
                ]
            )
        )
        self.missing = self.add(
            Table(
                tr("ReleaseTab", "Still missing"),
                (tr("ReleaseTab", "Item"), tr("ReleaseTab", "Why it matters")),
                empty=tr("ReleaseTab", "Nothing is missing."),
            )
        )
        self.checklist = self.add(
            Table(
                tr("ReleaseTab", "Checklist"), (tr("ReleaseTab", "Item"), tr("ReleaseTab", "Done"))
            )
        )
        self.finish()

    def show_data(self, data: ManData) -> None:
        ready = data.readiness
        plan = data.release_plan
        self.progress.setValue(ready.percent)
        self.progress.setAccessibleDescription(
            tr("ReleaseTab", "{percent} percent done").format(percent=ready.percent)
        )
        release = plan.release_date if plan and plan.release_date else None
        self.facts.set("date", labels.day(release or data.record.participant.expected_release))
        self.facts.set("going_to", plan.going_to if plan else None)
        gate = ready.gate
        who = tr("ReleaseTab", GATE[gate.kind]) if gate.kind in GATE else gate.kind
        place = tr("ReleaseTab", "at {place}").format(place=gate.place) if gate.place else ""
        parts = [who, gate.name or "", place]
        self.facts.set("gate", " ".join(p for p in parts if p))
        prompts = list(ready.prompts)
        if gate.prompt and gate.prompt not in prompts:
            prompts.append(gate.prompt)
        self.facts.set("prompts", "\n".join(prompts))
        self.missing.set_rows(
            [
                TextRow((item.label, item.why_it_matters), id=item.key, emphasis=item.urgent)
                for item in ready.missing
            ]
        )
        self.checklist.set_rows(
            [
                TextRow(
                    (
                        item.label,
                        tr("ReleaseTab", "Done") if item.done else tr("ReleaseTab", "Not yet"),
                    ),
                    id=item.key,
                )
                for item in ready.items
                if item.applies
            ]
        )

    def clear(self) -> None:
        super().clear()
        self.progress.setValue(0)
