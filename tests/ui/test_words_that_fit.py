"""Words that fit whose they are: a step's reason box by its owner; goals in his own voice."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards.pages.review_steps import WHY_BY_OWNER
from engager_desktop.ui.wizards.voice_flag import VoiceFlag
from tests.ui.wizard_helpers import click, field, make_man, next_page, open_wizard, page, type_in

OWNERS = ("him", "practitioner", "other_professional", "family_or_peers")


def _steps_of_every_owner(vault: Vault, man: str) -> None:
    goal = action_plan.add_goal(
        vault,
        man,
        action_plan.GoalInput("A bed for the first night", "short_term_recovery", "housing"),
    )
    for owner in OWNERS:
        action_plan.add_step(
            vault,
            goal,
            action_plan.StepInput(
                f"A step for {owner}", owner, "Someone named", due_on=date(2026, 11, 5)
            ),
        )


def test_each_reason_box_fits_who_owned_the_step(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    _steps_of_every_owner(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man, use_drafts=False)
    type_in(qtbot, field(wizard, "session_time"), "10:30")
    qtbot.keyClicks(field(wizard, "attended").widget, "Yes")
    next_page(qtbot, wizard, "distress")
    next_page(qtbot, wizard, "steps")
    rows = page(wizard, "steps").lists["step_outcomes"].rows
    shown = {}
    for row in rows:
        step_id = str(row.extra["step_id"])
        why = row.fields["why"]
        assert why.label is not None and why.label.isVisible()
        shown[step_id] = (why.label.text(), why.widget.accessibleName())
    by_text = sorted(text for text, _name in shown.values())
    assert by_text == sorted(WHY_BY_OWNER[o] for o in OWNERS)
    his = [text for text, _name in shown.values() if "his words" in text]
    assert his == [WHY_BY_OWNER["him"]]
    assert all(name.endswith(text) and name.startswith("Step ") for text, name in shown.values())


def test_a_goal_written_about_him_is_flagged_with_his_voice(qtbot: QtBot, vault: Vault) -> None:
    wizard = open_wizard(qtbot, "understanding", vault, make_man(vault), use_drafts=False)
    wizard.setStartId(wizard.page_ids["goals"])
    wizard.restart()
    rows = page(wizard, "goals").lists["priority_problems"]
    assert rows.add_button is not None
    click(qtbot, rows.add_button)
    goal = rows.field(0, "as_goal_or_need")
    assert goal is not None
    flag = goal.container.findChild(VoiceFlag)
    assert flag is not None and not flag.isVisible()
    type_in(qtbot, goal, "He will find a flat near his mum")
    assert flag.isVisible()
    assert "\u201cI will find a flat near my mum.\u201d" in flag.text()
    assert "I will find a flat" in goal.widget.accessibleDescription()
    assert goal.value() == "He will find a flat near his mum"  # a suggestion, not a change
    goal.widget.clear()
    type_in(qtbot, goal, "I will find a flat")
    assert not flag.isVisible()
