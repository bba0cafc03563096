"""Release preparation tab: the checklist, what is still missing, and who meets him at the gate."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage


class ReleaseTab(TabPage):
    title = "Release preparation"

    def __init__(self) -> None:
        super().__init__()
        self.action("print_release-plan", "Pr&int his first week…")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p% of the checklist done")
        self.progress.setAccessibleName("Release checklist done")
        self.add(self.progress)
        self.facts = self.add(
            Facts(
                [
                    ("date", "Release date"),
                    ("going_to", "Going to"),
                    ("gate", "Meets him at the gate"),
                    ("prompts", "Prompts"),
                ]
            )
        )
        self.missing = self.add(
            Table("Still missing", ("Item", "Why it matters"), empty="Nothing is missing.")
        )
        self.checklist = self.add(Table("Checklist", ("Item", "Done")))
        self.finish()

    def show_data(self, data: ManData) -> None:
        ready = data.readiness
        plan = data.release_plan
        self.progress.setValue(ready.percent)
        self.progress.setAccessibleDescription(f"{ready.percent} percent done")
        release = plan.release_date if plan and plan.release_date else None
        self.facts.set("date", labels.day(release or data.record.participant.expected_release))
        self.facts.set("going_to", plan.going_to if plan else None)
        gate = ready.gate
        who = {"peer": "A peer", "practitioner": "You (the practitioner)"}.get(gate.kind, gate.kind)
        parts = [who, gate.name or "", f"at {gate.place}" if gate.place else ""]
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
                TextRow((item.label, "Done" if item.done else "Not yet"), id=item.key)
                for item in ready.items
                if item.applies
            ]
        )

    def clear(self) -> None:
        super().clear()
        self.progress.setValue(0)
