"""The Shared understanding tab's Change buttons: each section of his understanding (who he is,
his background, his story, family, readiness, the pledge) changed without the whole wizard.

Sensitive parts (trauma, contact restrictions) are in the form only while the tab shows them;
otherwise they are left out of it and kept exactly as recorded.
"""

from __future__ import annotations

from typing import Any

from engager_desktop.services import understanding as service
from engager_desktop.ui.document_languages import DOCUMENT_LANGUAGES
from engager_desktop.ui.forms.parts_dialog import CHECK, DAY, LINE, TEXT, TRI, Part, PartsDialog
from engager_desktop.ui.wizards.choices import READINESS, RELATIONSHIP_WORK
from engager_desktop.ui.workspace.row_editing import RowEdits

SENSITIVE_LEFT_OUT = (
    "Sensitive parts are left out of this form and kept as they are. Tick “Show sensitive parts” "
    "on the tab to change them."
)
# (action key (the tab's button), title, record on UnderstandingRecord, save use case, parts),
# worded as in the understanding wizard.
SECTIONS: tuple[tuple[str, str, str, Any, tuple[Part, ...]], ...] = (
    (
        "edit_identity",
        "Who he is",
        "identity",
        service.save_identity,
        (
            ("preferred_name", "What he wants to be &called:", LINE),
            ("gender", "&Gender:", LINE),
            ("ethnicity", "E&thnicity:", LINE),
            ("faith", "&Faith or spirituality:", LINE),
            ("document_language", "Language of his &papers:", DOCUMENT_LANGUAGES),
        ),
    ),
    (
        "edit_background",
        "His background",
        "background",
        service.save_background,
        (
            ("existing_assessments", "Existing &assessments and plans:", TEXT),
            ("previous_experiences", "His experience of services &before:", TEXT),
            ("expectations", "What he e&xpects from this work:", TEXT),
            ("told_sentence_unaffected", "Told that talking does not change his &sentence", CHECK),
        ),
    ),
    (
        "edit_story",
        "His story",
        "life_story",
        service.save_life_story,
        (
            ("life_story", "His &life story, in his words:", TEXT),
            ("trauma", "What he has chosen to &tell you (sensitive):", TEXT),
            ("substance_use", "What he &uses, and how much:", TEXT),
            ("substance_links", "How it &links to his mood and his life:", TEXT),
            ("basic_needs_worries", "Worries about &basic needs:", TEXT),
            ("doing_your_time", "How he is getting on with &doing his time:", TEXT),
        ),
    ),
    (
        "edit_family",
        "Family",
        "family",
        service.save_family,
        (
            ("restrictions_checked_on", "Date you &checked his notes for restrictions:", DAY),
            ("contact_restrictions", "&Restrictions on contact (sensitive):", TEXT),
            ("family_context", "His &family, as he describes it:", TEXT),
            ("family_worries", "His &worries about family outside:", TEXT),
            ("children", "C&hildren:", LINE),
            ("relationships_help", "Do these relationships &help him?", TRI),
            ("relationship_work", "W&ork on relationships:", {v: w for w, v in RELATIONSHIP_WORK}),
        ),
    ),
    (
        "edit_readiness",
        "Readiness to change",
        "readiness",
        service.save_readiness,
        (
            ("readiness", "How &ready he feels to change:", {v: w for w, v in READINESS}),
            ("readiness_note", "What he &said about it:", TEXT),
            ("hopes_for_ending", "What he would like to see by the &end:", TEXT),
        ),
    ),
    (
        "edit_pledge",
        "His pledge",
        "pledge",
        service.save_pledge,
        (
            ("wanted", "Does he &want a pledge?", TRI),
            ("his_commitments", "What &he commits to:", TEXT),
            ("practitioner_commitments", "What &you commit to:", TEXT),
            ("signed_on", "Date you both &signed it:", DAY),
        ),
    ),
)


class UnderstandingSections(RowEdits):
    """Each Change button opens its section of his shared understanding."""

    def __init__(self, actions: Any) -> None:
        super().__init__(actions, "UnderstandingTab")

    def handlers(self) -> dict[str, Any]:
        return {key: (lambda k=key: self.edit_section(k)) for key, *_rest in SECTIONS}

    def edit_section(self, key: str) -> Any:
        if (ready := self.actions._ready()) is None:
            return None
        vault, man_id = ready
        _key, title, name, save, parts = next(s for s in SECTIONS if s[0] == key)
        shown = self.tab.sensitive.isChecked()
        kept = [p for p in parts if shown or p[0] not in service.SENSITIVE_FIELDS]
        record = getattr(self.ws.data.record.understanding, name)

        def store(wanted: Any) -> Any:
            return save(vault, man_id, wanted)

        dialog = PartsDialog(vault, title, record, kept, store, self.ws)
        if len(kept) < len(parts):
            dialog.set_intro(SENSITIVE_LEFT_OUT)
        return self.open(dialog)
