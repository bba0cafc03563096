"""The Ending tab's Change buttons: how it ends, his blueprint, and the support that carries on,
each a few fields of his ending plan saved through ``endings.save_ending_plan``."""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.parts_dialog import CHECK, DAY, TEXT, Part, PartsDialog
from engager_desktop.ui.workspace.row_editing import RowEdits, shown_parts

# (action key, dialog title, the ending plan's fields it changes), worded as in the wizard.
SECTIONS: tuple[tuple[str, str, tuple[Part, ...]], ...] = (
    (
        "edit_ending",
        N_("EndingTab", "How the work ends"),
        (
            ("tapering", N_("EndingTab", "&Tapering (fewer, further apart):"), TEXT),
            ("how_to_mark_it", N_("EndingTab", "How he wants to &mark the ending:"), TEXT),
        ),
    ),
    (
        "edit_blueprint",
        N_("EndingTab", "His blueprint for staying well"),
        (
            ("signs_to_watch", N_("EndingTab", "&Signs to watch for:"), TEXT),
            ("what_helps", N_("EndingTab", "What &helps:"), TEXT),
            ("who_to_contact", N_("EndingTab", "&Who to contact:"), TEXT),
        ),
    ),
    (
        "edit_support",
        N_("EndingTab", "Support that carries on"),
        (
            ("mentoring", N_("EndingTab", "&Mentoring:"), TEXT),
            ("services", N_("EndingTab", "Ser&vices:"), TEXT),
            ("family_and_friends", N_("EndingTab", "&Family and friends:"), TEXT),
            ("self_care", N_("EndingTab", "Self-&care:"), TEXT),
            (
                "peer_mentor_interest",
                N_("EndingTab", "He would like to become a &peer mentor"),
                CHECK,
            ),
            ("aftercare_call_on", N_("EndingTab", "&Aftercare phone call on:"), DAY),
        ),
    ),
)

# A row of "Still to do before the ending" → the button whose form fills it in.
FILLED_BY = {
    "signs_to_watch": "edit_blueprint",
    "what_helps": "edit_blueprint",
    "who_to_contact": "edit_blueprint",
    "continuing_support": "edit_support",
    "aftercare_call": "edit_support",
    "tapering": "edit_ending",
    "how_to_mark_it": "edit_ending",
}
IN_THE_WIZARD = N_("EndingTab", "The end date and the sign-off are recorded in the Ending wizard.")


class EndingEdits(RowEdits):
    """Each Change button opens its part of his ending plan (a new plan when there is none)."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "EndingTab")
        self.edit_from_rows(self.tab.missing, self.edit_missing)

    def handlers(self) -> dict[str, Any]:
        return {key: (lambda k=key: self.edit_section(k)) for key, _title, _parts in SECTIONS}

    def edit_missing(self) -> Any:
        section = FILLED_BY.get(self.tab.missing.chosen_id() or "")
        if section is None:
            self.ws.say(tr("EndingTab", IN_THE_WIZARD))
            return None
        return self.edit_section(section)

    def edit_section(self, key: str) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        from engager_desktop.services.endings import EndingPlanInput, save_ending_plan

        vault, man_id = ready
        _key, title, parts = next(s for s in SECTIONS if s[0] == key)
        ending = self.ws.data.ending
        plan = ending.plan if ending is not None else EndingPlanInput()

        def save(wanted: Any) -> Any:
            return save_ending_plan(vault, man_id, wanted)

        shown = shown_parts("EndingTab", parts)
        return self.open(PartsDialog(vault, tr("EndingTab", title), plan, shown, save, self.ws))
