"""Open the item form from the Shared understanding tab's problems, strengths and quick wins."""

from __future__ import annotations

from typing import Any

from engager_desktop.ui.workspace.row_editing import RowEdits


class UnderstandingEdits(RowEdits):
    """Each list's rows open *Change a problem / strength / quick win*."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "UnderstandingTab")
        for table, key in (
            (self.tab.problems, "priority_problems"),
            (self.tab.strengths, "strengths"),
            (self.tab.quick_wins, "quick_wins"),
        ):
            self.edit_from_rows(table, lambda t=table, k=key: self.edit_item(t, k))

    def edit_item(self, table: Any, key: str) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        data = self.ws.data
        chosen = table.chosen_id()
        item = next((i for i in getattr(data.record.understanding, key) if i.id == chosen), None)
        if item is None:
            self.ws.say("Choose a row in the list first.")
            return None
        goal_id = getattr(item, "goal_id", None)
        goal = next((g for g in data.plan.goals if g.id == goal_id), None)
        from engager_desktop.ui.forms.understanding_item_dialog import ItemDialog

        return self.open(ItemDialog(ready[0], item, goal, data.today, self.ws))
