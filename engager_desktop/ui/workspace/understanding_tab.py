"""Shared understanding tab: who he is, his story, family, readiness, problems and strengths.

Sensitive parts (trauma, contact restrictions) stay hidden until the practitioner asks for them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from engager_desktop.ui import labels
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.data import ManData
from engager_desktop.ui.workspace.parts import Facts, Table, TabPage, button_row, heading

HIDDEN = "Recorded; hidden until you choose to show sensitive parts."
# The Change buttons under each section: (action key, text, accessible name).
ABOUT_BUTTONS = (
    ("edit_identity", "Change &who he is…", "Change who he is"),
    ("edit_background", "Change his &background…", "Change his background"),
)
STORY_BUTTONS = (("edit_story", "Change his st&ory…", "Change his story"),)
FAMILY_BUTTONS = (("edit_family", "Change famil&y…", "Change what is recorded about family"),)
DISTRESS_BUTTONS = (("add_distress", "Add a rat&ing…", "Add a distress rating"),)
READINESS_BUTTONS = (
    ("edit_readiness", "Change rea&diness…", "Change his readiness to change"),
    ("edit_pledge", "&Change the pledge…", "Change his pledge"),
)


class UnderstandingTab(TabPage):
    title = "Shared understanding"

    def __init__(self) -> None:
        super().__init__()
        self._data: ManData | None = None
        self.sensitive = QCheckBox("Show sensitive parts (trauma, contact restrictions)")
        self.sensitive.toggled.connect(self._refresh)
        self.add(self.sensitive)
        self.add(heading("About him"))
        self.about = self.add(
            Facts(
                [
                    ("preferred", "Wants to be called"),
                    ("identity", "Gender, ethnicity, faith"),
                    ("assessments", "Existing assessments"),
                    ("experiences", "Previous experiences of help"),
                    ("expectations", "What he expects"),
                    ("told", "Told it does not change his sentence"),
                ]
            )
        )
        self.add(button_row(self, *ABOUT_BUTTONS))
        self.add(heading("His story"))
        self.story = self.add(
            Facts(
                [
                    ("life_story", "Life story"),
                    ("trauma", "Trauma"),
                    ("substances", "Drink and drugs"),
                    ("needs", "Worries about basic needs"),
                    ("doing_time", "Doing his time"),
                ]
            )
        )
        self.add(button_row(self, *STORY_BUTTONS))
        self.add(heading("Family"))
        self.family = self.add(
            Facts(
                [
                    ("context", "Family"),
                    ("restrictions", "Contact restrictions"),
                    ("worries", "Family worries"),
                    ("children", "Children"),
                    ("helps", "Relationships help him"),
                ]
            )
        )
        self.add(button_row(self, *FAMILY_BUTTONS))
        self.add(heading("Readiness and pledge"))
        self.readiness = self.add(
            Facts(
                [
                    ("readiness", "Readiness"),
                    ("hopes", "Hopes for the ending"),
                    ("pledge", "Pledge"),
                ]
            )
        )
        self.add(button_row(self, *READINESS_BUTTONS))
        self.readiness_history = self.add(
            Table(
                "Readiness over time",
                ("Date", "Readiness", "What he said"),
                empty="No readiness recorded yet.",
            )
        )
        self.problems = self.add(Table("Priority problems", ("In his words", "As a goal or need")))
        self.strengths = self.add(Table("Strengths", ("Strength", "Has or wants")))
        self.quick_wins = self.add(Table("Quick wins", ("Quick win", "From", "Achieved")))
        self.distress = self.add(
            Table("Distress ratings", ("Date", "Score", "Note"), empty="No distress rated yet.")
        )
        self.add(button_row(self, *DISTRESS_BUTTONS))
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
                        labels.word(READINESS_WORDS, r.readiness),
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
        kinds = {"has": "Has", "wants": "Wants to build"}
        self.strengths.set_rows(
            [TextRow((s.text, kinds.get(s.kind, s.kind)), id=s.id) for s in u.strengths]
        )
        self.quick_wins.set_rows(
            [
                TextRow((q.text, q.source.capitalize(), labels.day(q.achieved_on)), id=q.id)
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
    return text if show else HIDDEN


READINESS_WORDS = {
    "not_yet": "Not ready yet",
    "thinking_about_it": "Thinking about it",
    "ready": "Ready",
    "already_changing": "Already changing",
}


def _readiness(readiness: str | None, note: str | None) -> str | None:
    parts = [labels.word(READINESS_WORDS, readiness) if readiness else "", note or ""]
    return " — ".join(p for p in parts if p) or None


def _pledge(pledge: object) -> str:
    wanted = getattr(pledge, "wanted", None)
    signed = getattr(pledge, "signed_on", None)
    if wanted is None:
        return "Not asked yet"
    if not wanted:
        return "He did not want one"
    return f"Signed on {labels.day(signed)}" if signed else "Wanted, not signed yet"
