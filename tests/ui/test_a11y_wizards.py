"""Wizards for a screen reader: each new page takes the focus and is announced; saving is heard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import heard
from engager_desktop.ui.a11y_checks import access_keys
from engager_desktop.ui.wizards import KINDS
from engager_desktop.ui.wizards.page_focus import first_input
from tests.ui.test_accessibility import assert_reachable
from tests.ui.wizard_helpers import (
    button,
    field,
    focused,
    make_man,
    make_plan,
    next_page,
    open_wizard,
    press,
    tab_to,
    type_in,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def test_each_new_page_takes_the_focus_and_is_announced(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "understanding", vault, man)
    next_button = button(wizard, QWizard.WizardButton.NextButton)
    total = len(wizard.pageIds())
    for number in range(2, total + 1):
        assert_reachable(wizard)
        tab_to(qtbot, next_button)
        with heard() as words:
            press(qtbot, Qt.Key.Key_Space)
        current = wizard.currentPage()
        assert wizard.pageIds().index(wizard.currentId()) + 1 == number, words
        assert words == [f"{current.title()}. Page {number} of {total}."]
        assert focused() is first_input(current), f"focus left on {focused()!r}"
    assert_reachable(wizard)


def test_saving_is_heard_and_the_focus_does_not_wander(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    qtbot.keyClicks(field(wizard, "attended").widget, "No")  # a missed session: few pages
    type_in(qtbot, field(wizard, "follow_up"), "Rang the wing; he had a visit.")
    next_page(qtbot, wizard, "new_steps")
    next_page(qtbot, wizard, "next_session")
    focus_went: list[QWidget] = []
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def moved(_old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            focus_went.append(new)

    app.focusChanged.connect(moved)
    finish = button(wizard, QWizard.WizardButton.FinishButton)
    finish.setFocus()
    focus_went.clear()
    try:
        with heard() as words, qtbot.waitSignal(wizard.committed, timeout=10_000):
            press(qtbot, Qt.Key.Key_Space)
    finally:
        app.focusChanged.disconnect(moved)
    assert words[0] == "Saving…" and words[-1] == "Saved."
    assert not [w for w in focus_went if isinstance(w, QPushButton)], focus_went


def test_each_step_outcome_box_says_which_step(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, "review", vault, man)
    steps = wizard.pages[list(wizard.page_ids).index("steps")].lists["step_outcomes"]
    heard_as = []
    for index, row in enumerate(steps.rows):
        outcome = steps.field(index, "outcome")
        assert outcome is not None and row.extra
        heard_as.append((outcome.widget.accessibleName(), outcome.widget.accessibleDescription()))
        assert outcome.widget.accessibleName().startswith(f"Step {index + 1}: What happened")
    assert len(heard_as) == 2 and heard_as[0][1] and heard_as[0][1] != heard_as[1][1]


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_of_every_wizard_passes_the_walk(qtbot: QtBot, vault: Vault, kind: str) -> None:
    man = make_man(vault)
    make_plan(vault, man)
    wizard = open_wizard(qtbot, kind, vault, man)
    assert_reachable(wizard)  # the first page, with the buttons and the page index
    around = access_keys(wizard)  # the wizard's own keys, less the first page's
    for key, owners in access_keys(wizard.pages[0]).items():
        around[key] = [o for o in around[key] if o not in owners]
    assert sum(map(len, around.values())) >= 3  # Back, Next, Cancel at least
    for page in wizard.pages:
        assert_reachable(page)  # each page as it will show (its words, keys and traps)
        assert first_input(page) is not None, page.title()
        clashes = {
            key: [*around.get(key, []), *owners]
            for key, owners in access_keys(page).items()
            if around.get(key)
        }
        assert clashes == {}, page.title()
