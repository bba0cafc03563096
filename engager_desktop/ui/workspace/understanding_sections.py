"""The Shared understanding tab's Change buttons: each section of his understanding (who he is,
his background, his story, family, readiness, the pledge) changed without the whole wizard.

Sensitive parts (trauma, contact restrictions) are in the form only while the tab shows them;
otherwise they are left out of it and kept exactly as recorded.
"""

from __future__ import annotations

from typing import Any

from engager_desktop.i18n import N_, tr
from engager_desktop.services import understanding as service
from engager_desktop.ui.document_languages import DOCUMENT_LANGUAGES
from engager_desktop.ui.forms.parts_dialog import CHECK, DAY, LINE, TEXT, TRI, Part, PartsDialog
from engager_desktop.ui.wizards.choices import READINESS, RELATIONSHIP_WORK
from engager_desktop.ui.workspace.row_editing import RowEdits, shown_parts

SENSITIVE_LEFT_OUT = N_(
    "UnderstandingTab",
    "Sensitive parts are left out of this form and kept as they are. Tick “Show sensitive parts” "
    "on the tab to change them.",
)
# (action key (the tab's button), title, record on UnderstandingRecord, save use case, parts),
# worded as in the understanding wizard.
SECTIONS: tuple[tuple[str, str, str, Any, tuple[Part, ...]], ...] = (
    (
        "edit_identity",
        N_("UnderstandingTab", "Who he is"),
        "identity",
        service.save_identity,
        (
            ("preferred_name", N_("UnderstandingTab", "What he wants to be &called:"), LINE),
            ("gender", N_("UnderstandingTab", "&Gender:"), LINE),
            ("ethnicity", N_("UnderstandingTab", "E&thnicity:"), LINE),
            ("faith", N_("UnderstandingTab", "&Faith or spirituality:"), LINE),
            (
                "document_language",
                N_("UnderstandingTab", "Language of his &papers:"),
                DOCUMENT_LANGUAGES,
            ),
        ),
    ),
    (
        "edit_background",
        N_("UnderstandingTab", "His background"),
        "background",
        service.save_background,
        (
            (
                "existing_assessments",
                N_("UnderstandingTab", "Existing &assessments and plans:"),
                TEXT,
            ),
            (
                "previous_experiences",
                N_("UnderstandingTab", "His experience of services &before:"),
                TEXT,
            ),
            ("expectations", N_("UnderstandingTab", "What he e&xpects from this work:"), TEXT),
            (
                "told_sentence_unaffected",
                N_("UnderstandingTab", "Told that talking does not change his &sentence"),
                CHECK,
            ),
        ),
    ),
    (
        "edit_story",
        N_("UnderstandingTab", "His story"),
        "life_story",
        service.save_life_story,
        (
            ("life_story", N_("UnderstandingTab", "His &life story, in his words:"), TEXT),
            (
                "trauma",
                N_("UnderstandingTab", "What he has chosen to &tell you (sensitive):"),
                TEXT,
            ),
            ("substance_use", N_("UnderstandingTab", "What he &uses, and how much:"), TEXT),
            (
                "substance_links",
                N_("UnderstandingTab", "How it links to his &mood and his life:"),
                TEXT,
            ),
            ("basic_needs_worries", N_("UnderstandingTab", "Worries about &basic needs:"), TEXT),
            (
                "doing_your_time",
                N_("UnderstandingTab", "How he is getting on with &doing his time:"),
                TEXT,
            ),
        ),
    ),
    (
        "edit_family",
        N_("UnderstandingTab", "Family"),
        "family",
        service.save_family,
        (
            (
                "restrictions_checked_on",
                N_("UnderstandingTab", "Date you &checked his notes for restrictions:"),
                DAY,
            ),
            (
                "contact_restrictions",
                N_("UnderstandingTab", "&Restrictions on contact (sensitive):"),
                TEXT,
            ),
            ("family_context", N_("UnderstandingTab", "His &family, as he describes it:"), TEXT),
            ("family_worries", N_("UnderstandingTab", "His &worries about family outside:"), TEXT),
            ("children", N_("UnderstandingTab", "Chil&dren:"), LINE),
            (
                "relationships_help",
                N_("UnderstandingTab", "Do these relationships &help him?"),
                TRI,
            ),
            (
                "relationship_work",
                N_("UnderstandingTab", "W&ork on relationships:"),
                {v: w for w, v in RELATIONSHIP_WORK},
            ),
        ),
    ),
    (
        "edit_readiness",
        N_("UnderstandingTab", "Readiness to change"),
        "readiness",
        service.save_readiness,
        (
            (
                "readiness",
                N_("UnderstandingTab", "How &ready he feels to change:"),
                {v: w for w, v in READINESS},
            ),
            ("readiness_note", N_("UnderstandingTab", "What he &said about it:"), TEXT),
            (
                "hopes_for_ending",
                N_("UnderstandingTab", "What he would like to see by the &end:"),
                TEXT,
            ),
        ),
    ),
    (
        "edit_pledge",
        N_("UnderstandingTab", "His pledge"),
        "pledge",
        service.save_pledge,
        (
            ("wanted", N_("UnderstandingTab", "Does he &want a pledge?"), TRI),
            ("his_commitments", N_("UnderstandingTab", "What &he commits to:"), TEXT),
            ("practitioner_commitments", N_("UnderstandingTab", "What &you commit to:"), TEXT),
            ("signed_on", N_("UnderstandingTab", "Date you both &signed it:"), DAY),
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

        shown = shown_parts("UnderstandingTab", kept)
        dialog = PartsDialog(vault, tr("UnderstandingTab", title), record, shown, store, self.ws)
        if len(kept) < len(parts):
            dialog.set_intro(tr("UnderstandingTab", SENSITIVE_LEFT_OUT))
        return self.open(dialog)
