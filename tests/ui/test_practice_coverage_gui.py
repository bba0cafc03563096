"""docs/practice-coverage.md's GUI column, checked by driving the widgets: each claim is there.

Each wizard claim opens the wizard on that page and finds every named input shown, enabled and
named for a screen reader (a row list gets a row first). Each workspace claim chooses a demo man,
opens the tab and finds the part shown, or clicks the action and finds the form it opens.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.workspace.parts import Table
from tests.ui.app_fixtures import wait_ops
from tests.ui.wizard_helpers import click, make_man, make_plan, open_wizard, page

# (points, wizard, page, inputs) as the coverage table's GUI column names them.
WIZARD_CLAIMS = [
    ("P1", "understanding", "background", ("existing_assessments", "service_contacts")),
    ("P2", "understanding", "identity", ("gender", "ethnicity", "faith")),
    ("P3 P4", "understanding", "life_story", ("life_story", "doing_your_time")),
    ("P5", "understanding", "family", ("restrictions_checked_on", "relationship_work")),
    ("P6", "understanding", "trauma", ("trauma",)),
    ("P3 P7", "understanding", "needs", ("substance_use", "substance_links")),
    ("P8 P9", "understanding", "goals", ("priority_problems", "readiness")),
    ("P10", "understanding", "links_map", ("links_map",)),
    ("P16", "understanding", "strengths", ("strengths",)),
    ("P11", "understanding", "expectations", ("preferred_name", "told_sentence_unaffected")),
    ("P12", "understanding", "quick_wins", ("quick_wins",)),
    ("P13", "understanding", "pledge", ("pledge_wanted", "signed_on")),
    ("P9 P29", "review", "distress", ("distress", "distress_note")),
    ("P13", "review", "steps", ("step_outcomes",)),
    ("P13 P14", "review", "new_steps", ("new_steps",)),
    ("P26", "review", "next_session", ("next_date", "next_place")),
    ("P21", "release", "checklist", ("accommodation", "benefit_claim_prepared", "id_documents")),
    ("P21 P28", "release", "health_contact", ("gp_registered", "discharge_letter")),
    ("P22", "release", "gate", ("gate_meeter", "gate_meeting_place")),
    ("P22", "release", "first_day", ("first_24_hours",)),
    ("P19", "release", "family_meeting", ("family_meeting_held", "family_meeting_note")),
    ("P23 P30", "ending", "tapering", ("planned_sessions", "planned_end", "how_to_mark_it")),
    ("P31", "ending", "blueprint", ("signs_to_watch", "what_helps", "who_to_contact")),
    ("P32", "ending", "support", ("mentoring", "self_care", "peer_mentor_interest")),
    ("P33 P38", "ending", "sign_off", ("support_checked", "signed_off_in_person")),
]

# Inside a row list, the parts each claim rests on (P14: the four kinds, who, by when).
ROW_PARTS = {
    "new_steps": ("resource_kind", "responsible", "due_on", "before_next_session"),
    "strengths": ("text", "kind"),
    "quick_wins": ("source",),
}


@pytest.mark.parametrize(
    ("points", "kind", "name", "keys"), WIZARD_CLAIMS, ids=[f"{c[0]}-{c[2]}" for c in WIZARD_CLAIMS]
)
def test_wizard_page_holds_what_the_table_claims(
    qtbot: QtBot, vault: Vault, points: str, kind: str, name: str, keys: tuple[str, ...]
) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
    wizard.setStartId(wizard.page_ids[name])
    wizard.restart()
    shown = page(wizard, name)
    assert wizard.currentPage() is shown
    for key in keys:
        rows = shown.lists.get(key)
        if rows is not None and not rows.rows:
            assert rows.add_button is not None and rows.add_button.isEnabled(), (points, key)
            click(qtbot, rows.add_button)
        field = shown.find_field(key)
        assert field is not None, (points, key)
        for part in ROW_PARTS.get(key, ()):
            assert part in rows.rows[0].fields, (points, key, part)  # type: ignore[union-attr]
        _usable(field.widget)


def _usable(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled() and widget.accessibleName()


# (points, tab, a part's name or an action's key) as the GUI column names them.
TAB_CLAIMS = [
    ("P20", "Overview", "countdown"),
    ("P25 P34", "Overview", "flags"),
    ("P2 P5", "Shared understanding", "identity"),
    ("P12", "Shared understanding", "Quick wins"),
    ("P8 P14", "Action plan", "Steps"),
    ("P9 P29", "Sessions", "suggestion"),
    ("P20 P21", "Release preparation", "Checklist"),
    ("P24", "Community", "steps"),
    ("P24", "Community", "log_contact"),
    ("P26", "Community", "Appointments with services"),
    ("P30 P38", "Ending", "Still to do before the ending"),
    ("P1", "People and services", "Services he is in touch with"),
    ("P18 P22", "People and services", "add_person"),
    ("P35", "People and services", "record_consent"),
]


def _open_man(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    assert window.workspace.data is not None
    return window


def _part(tab: QWidget, name: str) -> QWidget | None:
    for part in getattr(tab, "parts", []):
        if isinstance(part, Table) and part.view.accessibleName() == name:
            return part
        values = getattr(part, "values", {})
        if name in values:
            return values[name]
    return None


def test_workspace_tabs_hold_what_the_table_claims(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _open_man(qtbot, demo_vault, settings)
    workspace = window.workspace
    checked = []
    for points, title, name in TAB_CLAIMS:
        workspace.set_current_tab(workspace.tab_titles().index(title))
        tab = workspace.tabs[workspace.current_tab()]
        button = tab.buttons.get(name)
        if button is not None:
            before = set(workspace.findChildren(QDialog))
            click(qtbot, button)
            qtbot.waitUntil(lambda b=before: bool(set(workspace.findChildren(QDialog)) - b))
            opened = (set(workspace.findChildren(QDialog)) - before).pop()
            assert opened.isVisible(), (points, name)
            opened.reject()
        else:
            part = _part(tab, name)
            assert part is not None and part.isVisible(), (points, title, name)
        checked.append(points)
    assert len(checked) == len(TAB_CLAIMS)
    wait_ops(qtbot)


def test_windows_and_prints_for_the_team(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = _open_man(qtbot, demo_vault, settings)
    assert window.commands["print_explainer"].isEnabled()  # P36 from File › Print for the team
    assert window.commands["print_supervision"].isEnabled()  # P34
    directory = window.open_directory()  # P15, P37
    supervision = window.open_supervision()  # P34
    wait_ops(qtbot)
    assert directory is not None and supervision is not None
    labels = {label.accessibleDescription() for label in directory.details.values.values()}
    assert {"Weekends", "Out of hours", "Cost to him", "How to refer"} <= labels
    assert directory.verify_button.text()
    assert supervision.tabs.count() == 2 and supervision.guidance.prompts
