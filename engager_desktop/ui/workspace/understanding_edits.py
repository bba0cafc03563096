"""Open an item's form from its row: the Shared understanding tab's problems, strengths, quick
wins and distress ratings (which also has *Add a rating…*), and the People and services tab's
services he is in touch with."""

from __future__ import annotations

from functools import partial
from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.parts_dialog import CHECK, LINE, TEXT, Part, PartsDialog
from engager_desktop.ui.workspace.row_editing import RowEdits, shown_parts

# A service he is in touch with, worded as on the wizard's background page.
SERVICE_PARTS: tuple[Part, ...] = (
    ("service_name", N_("UnderstandingTab", "&Service:"), LINE),
    ("when", N_("UnderstandingTab", "&When:"), LINE),
    ("referral_made", N_("UnderstandingTab", "A &referral was made"), CHECK),
    ("still_involved", N_("UnderstandingTab", "Still &involved with him"), CHECK),
    ("outcome", N_("UnderstandingTab", "What came of i&t:"), TEXT),
    ("excluded", N_("UnderstandingTab", "He is e&xcluded from this service"), CHECK),
    ("exclusion_reason", N_("UnderstandingTab", "Why he is exc&luded:"), TEXT),
)


class UnderstandingEdits(RowEdits):
    """Each list's rows open *Change a problem / strength / quick win*."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "UnderstandingTab")
        for table, key in (
            (self.tab.problems, "priority_problems"),
            (self.tab.strengths, "strengths"),
            (self.tab.quick_wins, "quick_wins"),
        ):
            self.edit_from_rows(table, partial(self.edit_item, table, key))
        self.edit_from_rows(self.tab.distress, self.change_distress)
        self.services = actions._tab("PeopleTab").services
        self.edit_from_rows(self.services, self.edit_service_contact)

    def handlers(self) -> dict[str, Any]:
        return {"add_distress": self.add_distress}

    def add_distress(self) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.ui.forms.distress_dialog import DistressDialog

        vault, man_id = ready
        meetings = self.ws.data.record.plan.meetings
        return self.open(DistressDialog(vault, man_id, meetings, None, self.ws))

    def change_distress(self) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.ui.forms.distress_dialog import DistressDialog

        vault, man_id = ready
        chosen = self.tab.distress.chosen_id()
        ratings = self.ws.data.record.understanding.distress
        rating = next((d for d in ratings if d.id == chosen), None)
        if rating is None:
            self.ws.say(tr("UnderstandingTab", "Choose a rating in the list first."))
            return None
        meetings = self.ws.data.record.plan.meetings
        return self.open(DistressDialog(vault, man_id, meetings, rating, self.ws))

    def edit_item(self, table: Any, key: str) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        data = self.ws.data
        chosen = table.chosen_id()
        item = next((i for i in getattr(data.record.understanding, key) if i.id == chosen), None)
        if item is None:
            self.ws.say(tr("UnderstandingTab", "Choose a row in the list first."))
            return None
        goal_id = getattr(item, "goal_id", None)
        goal = next((g for g in data.plan.goals if g.id == goal_id), None)
        from engager_desktop.ui.forms.understanding_item_dialog import ItemDialog

        return self.open(ItemDialog(ready[0], item, goal, data.today, self.ws))

    def edit_service_contact(self) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.services.understanding import update_item

        chosen = self.services.chosen_id()
        contacts = self.ws.data.record.understanding.service_contacts
        item = next((c for c in contacts if c.id == chosen), None)
        if item is None:
            self.ws.say(tr("UnderstandingTab", "Choose a service in the list first."))
            return None
        vault = ready[0]

        def store(wanted: Any) -> Any:
            return update_item(vault, item.id, wanted)

        title = tr("UnderstandingTab", "Change a service he is in touch with")
        parts = shown_parts("UnderstandingTab", SERVICE_PARTS)
        return self.open(PartsDialog(vault, title, item, parts, store, self.ws))
