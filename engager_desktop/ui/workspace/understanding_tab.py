"""Shared understanding tab: who he is, his story, family, readiness, problems and strengths.

Sensitive parts (trauma, contact restrictions) stay hidden until the practitioner asks for them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from engager_desktop import i18n
from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row, heading

HIDDEN = N_("UnderstandingTab", "Recorded; hidden until you choose to show sensitive parts.")
# The Change buttons under each section: (action key, text, accessible name).
ABOUT_BUTTONS = (
    (
        "edit_identity",
        N_("UnderstandingTab", "Change &who he is…"),
        N_("UnderstandingTab", "Change who he is"),
    ),
    (
        "edit_background",
        N_("UnderstandingTab", "Change his &background…"),
        N_("UnderstandingTab", "Change his background"),
    ),
)
STORY_BUTTONS = (
    (
        "edit_story",
        N_("UnderstandingTab", "Change his st&ory…"),
        N_("UnderstandingTab", "Change his story"),
    ),
)
FAMILY_BUTTONS = (
    (
        "edit_family",
        N_("UnderstandingTab", "Change famil&y…"),
        N_("UnderstandingTab", "Change what is recorded about family"),
    ),
)
DISTRESS_BUTTONS = (
    (
        "add_distress",
        N_("UnderstandingTab", "Add a rat&ing…"),
        N_("UnderstandingTab", "Add a distress rating"),
    ),
)
READINESS_BUTTONS = (
    (
        "edit_readiness",
        N_("UnderstandingTab", "Change rea&diness…"),
        N_("UnderstandingTab", "Change his readiness to change"),
    ),
    (
        "edit_pledge",
        N_("UnderstandingTab", "&Change the pledge…"),
        N_("UnderstandingTab", "Change his pledge"),
    ),
)


class UnderstandingTab(TabPage):
    title = N_("Workspace", "Shared understanding")

    def __init__(self) -> None:
        super().__init__()
        self._data: ManData | None = None
        self.sensitive = QCheckBox(
            tr("UnderstandingTab", "Show sensitive parts (trauma, contact restrictions)")
        )
        self.sensitive.toggled.connect(self._refresh)
        self.add(self.sensitive)
        self.add(heading(tr("UnderstandingTab", "About him")))
        self.about = self.add(
            Facts(
                [
                    ("preferred", tr("UnderstandingTab", "Wants to be called")),
                    ("identity", tr("UnderstandingTab", "Gender, ethnicity, faith")),
                    ("papers", tr("UnderstandingTab", "Language of his papers")),
                    ("assessments", tr("UnderstandingTab", "Existing assessments")),
                    ("experiences", tr("UnderstandingTab", "Previous experiences of help")),
                    ("expectations", tr("UnderstandingTab", "What he expects")),
                    ("told", tr("UnderstandingTab", "Told it does not change his sentence")),
                ]
            )
        )
        self.add(button_row(self, *ABOUT_BUTTONS, context="UnderstandingTab"))
        self.add(heading(tr("UnderstandingTab", "His story")))
        self.story = self.add(
            Facts(
                [
                    ("life_story", tr("UnderstandingTab", "Life story")),
                    ("trauma", tr("UnderstandingTab", "Trauma")),
                    ("substances", tr("UnderstandingTab", "Drink and drugs")),
                    ("needs", tr("UnderstandingTab", "Worries about basic needs")),
                    ("doing_time", tr("UnderstandingTab", "Doing his time")),
                ]
            )
        )
        self.add(button_row(self, *STORY_BUTTONS, context="UnderstandingTab"))
        self.add(heading(tr("UnderstandingTab", "Family")))
        self.family = self.add(
            Facts(
                [
                    ("context", tr("UnderstandingTab", "Family")),
                    ("restrictions", tr("UnderstandingTab", "Contact restrictions")),
                    ("worries", tr("UnderstandingTab", "Family worries")),
                    ("children", tr("UnderstandingTab", "Children")),
                    ("helps", tr("UnderstandingTab", "Relationships help him")),
                ]
            )
        )
        self.add(button_row(self, *FAMILY_BUTTONS, context="UnderstandingTab"))
        self.add(heading(tr("UnderstandingTab", "Readiness and pledge")))
        self.readiness = self.add(
            Facts(
                [
                    ("readiness", tr("UnderstandingTab", "Readiness")),
                    ("hopes", tr("UnderstandingTab", "Hopes for the ending")),
                    ("pledge", tr("UnderstandingTab", "Pledge")),
                ]
            )
        )
        self.add(button_row(self, *READINESS_BUTTONS, context="UnderstandingTab"))
        self.readiness_history = self.add(
            Table(
                tr("UnderstandingTab", "Readiness over time"),
                (
                    tr("UnderstandingTab", "Date"),
                    tr("UnderstandingTab", "Readiness"),
                    tr("UnderstandingTab", "What he said"),
                ),
                empty=tr("UnderstandingTab", "No readiness recorded yet."),
            )
        )
        self.problems = self.add(
            Table(
                tr("UnderstandingTab", "Priority problems"),
                (
                    tr("UnderstandingTab", "In his words"),
                    tr("UnderstandingTab", "As a goal or need"),
                ),
            )
        )
        self.strengths = self.add(
            Table(
                tr("UnderstandingTab", "Strengths"),
                (tr("UnderstandingTab", "Strength"), tr("UnderstandingTab", "Has or wants")),
            )
        )
        self.quick_wins = self.add(
            Table(
                tr("UnderstandingTab", "Quick wins"),
                (
                    tr("UnderstandingTab", "Quick win"),
                    tr("UnderstandingTab", "From"),
                    tr("UnderstandingTab", "Achieved"),
                ),
            )
        )
        self.distress = self.add(
            Table(
                tr("UnderstandingTab", "Distress ratings"),
                (
                    tr("UnderstandingTab", "Date"),
                    tr("UnderstandingTab", "Score"),
                    tr("UnderstandingTab", "Note"),
                ),
                empty=tr("UnderstandingTab", "No distress rated yet."),
            )
        )
        self.add(button_row(self, *DISTRESS_BUTTONS, context="UnderstandingTab"))
        self.finish()

    def show_data(self, data: ManData) -> None:
        self._data = data
        self._refresh()

    def clear(self) -> None:
        self._data = None
        self.sensitive.setChecked(False)
        super().clear()

    def _refresh(self) -> None:
        data = self._data
        if data is None:
            return
        u = data.record.understanding
        show = self.sensitive.isChecked()
        ident = u.identity
        self.about.set("preferred", ident.preferred_name)
        self.about.set(
            "identity", ", ".join(p for p in (ident.gender, ident.ethnicity, ident.faith) if p)
        )
        # named in its own words, as everywhere a language is chosen
        code = ident.document_language or i18n.ENGLISH
        self.about.set("papers", i18n.LANGUAGES.get(code, i18n.LANGUAGES[i18n.ENGLISH]))
        self.about.set("assessments", u.background.existing_assessments)
        self.about.set("experiences", u.background.previous_experiences)
        self.about.set("expectations", u.background.expectations)
        self.about.set("told", labels.yes_no(u.background.told_sentence_unaffected))
        story = u.life_story
        self.story.set("life_story", story.life_story)
        self.story.set("trauma", _sensitive(story.trauma, show))
        self.story.set("substances", story.substance_use)
        self.story.set("needs", story.basic_needs_worries)
        self.story.set("doing_time", story.doing_your_time)
        fam = u.family
        self.family.set("context", fam.family_context)
        self.family.set("restrictions", _sensitive(fam.contact_restrictions, show))
        self.family.set("worries", fam.family_worries)
        self.family.set("children", fam.children)
        self.family.set("helps", labels.yes_no(fam.relationships_help))
        ready = u.readiness
        self.readiness.set("readiness", _readiness(ready.readiness, ready.readiness_note))
        self.readiness.set("hopes", ready.hopes_for_ending)
        self.readiness.set("pledge", _pledge(u.pledge))
        self.readiness_history.set_rows(
            [
                TextRow(
                    (
                        labels.day(r.rated_on),
                        _ready_word(r.readiness),
                        r.note or "",
                    ),
                    id=r.id,
                    sort_keys=(r.rated_on, r.readiness or "", r.note or ""),
                )
                for r in reversed(u.readiness_history)
            ]
        )
        self.problems.set_rows(
            [TextRow((p.his_words, p.as_goal_or_need or ""), id=p.id) for p in u.priority_problems]
        )
        kinds = {
            "has": tr("UnderstandingTab", "Has"),
            "wants": tr("UnderstandingTab", "Wants to build"),
        }
        self.strengths.set_rows(
            [TextRow((s.text, kinds.get(s.kind, s.kind)), id=s.id) for s in u.strengths]
        )
        self.quick_wins.set_rows(
            [
                TextRow((q.text, _source(q.source), labels.day(q.achieved_on)), id=q.id)
                for q in u.quick_wins
            ]
        )
        self.distress.set_rows(
            [
                TextRow(
                    (labels.day(d.rated_on), str(d.score), d.note or ""),
                    id=d.id,
                    sort_keys=(d.rated_on, d.score, d.note or ""),
                )
                for d in reversed(u.distress)
            ]
        )


def _sensitive(text: str | None, show: bool) -> str | None:
    if not text:
        return None
    return text if show else tr("UnderstandingTab", HIDDEN)


READINESS_WORDS = {
    "not_yet": N_("UnderstandingTab", "Not ready yet"),
    "thinking_about_it": N_("UnderstandingTab", "Thinking about it"),
    "ready": N_("UnderstandingTab", "Ready"),
    "already_changing": N_("UnderstandingTab", "Already changing"),
}


def _readiness(readiness: str | None, note: str | None) -> str | None:
    parts = [_ready_word(readiness) if readiness else "", note or ""]
    return " — ".join(p for p in parts if p) or None


def _pledge(pledge: object) -> str:
    wanted = getattr(pledge, "wanted", None)
    signed = getattr(pledge, "signed_on", None)
    if wanted is None:
        return tr("UnderstandingTab", "Not asked yet")
    if not wanted:
        return tr("UnderstandingTab", "He did not want one")
    if signed:
        return tr("UnderstandingTab", "Signed on {day}").format(day=labels.day(signed))
    return tr("UnderstandingTab", "Wanted, not signed yet")


SOURCE_WORDS = {
    "practitioner": N_("UnderstandingTab", "Practitioner"),
    "himself": N_("UnderstandingTab", "Himself"),
}


def _source(source: str) -> str:
    """Who makes a quick win happen, in the table's words."""
    return tr("UnderstandingTab", SOURCE_WORDS[source]) if source in SOURCE_WORDS else source


def _ready_word(readiness: str | None) -> str:
    if readiness in READINESS_WORDS:
        return tr("UnderstandingTab", READINESS_WORDS[readiness])
    return labels.word({}, readiness)
