"""Open one release checklist item's form from the Release preparation tab's rows."""

from __future__ import annotations

from functools import partial
from typing import Any

from engager_desktop.i18n import tr
from engager_desktop.ui.workspace.row_editing import RowEdits


class ReleaseEdits(RowEdits):
    """A row of *Still missing* or *Checklist* opens that item's part of his release plan."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "ReleaseTab")
        for table in (self.tab.missing, self.tab.checklist):
            self.edit_from_rows(table, partial(self.edit_item, table))

    def edit_item(self, table: Any) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.services.release import ReleasePlanInput
        from engager_desktop.ui.forms.checklist_item_dialog import checklist_item_dialog

        data = self.ws.data
        chosen = table.chosen_id()
        item = next((i for i in data.readiness.items if i.key == chosen), None)
        if item is None:
            self.ws.say(tr("ReleaseTab", "Choose an item in the list first."))
            return None
        plan = data.release_plan or ReleasePlanInput()
        return self.open(checklist_item_dialog(*ready, plan, item, self.ws))
