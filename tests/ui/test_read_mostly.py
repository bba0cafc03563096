"""A supervisor's laptop, driven through the workspace: a man another laptop holds is read-only
(every change button closed, saying why; a row's Enter opens nothing and the reason is heard;
printing stays open); a man she holds is hers to change."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from engager_desktop.services import people, team
from engager_desktop.ui.a11y import heard
from engager_desktop.ui.workspace import read_mostly
from engager_desktop.ui.workspace.workspace import Workspace
from tests.sync.conftest import Laptop, add_man
from tests.ui.test_sync_dialogs import settle

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


def _change_buttons(workspace: Workspace) -> dict[str, object]:
    return {
        key: button
        for tab in workspace.tabs
        for key, button in tab.buttons.items()
        if not key.startswith("print_")
    }


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_a_man_held_by_another_laptop_is_read_only_in_the_workspace(
    qtbot: QtBot, make_laptop: Callable[[str], Laptop]
) -> None:
    supervisor, practitioner = make_laptop("supervisor"), make_laptop("practitioner")
    team.save_team_settings(practitioner.vault, "Priya Shah", team.PRACTITIONER)
    supervisor.enrol(practitioner)
    hers = add_man(supervisor, held_by=practitioner.device_id)
    mine = add_man(supervisor, given_name="Aled")
    for man in (hers, mine):
        people.add_person(supervisor.vault, man, people.PersonForm(name="Sian"))
    team.save_team_settings(supervisor.vault, "Sam Okafor", team.SUPERVISOR)
    workspace = Workspace()
    qtbot.addWidget(workspace)
    workspace.set_vault(supervisor.vault)
    workspace.resize(1024, 700)
    workspace.show()

    workspace.show_man(hers)
    settle(qtbot)
    why = read_mostly.reason()
    buttons = _change_buttons(workspace)
    assert len(buttons) > 20  # every tab's add, change and remove buttons
    for key, button in buttons.items():
        assert not button.isEnabled(), key  # type: ignore[attr-defined]
        assert button.toolTip() == why and button.accessibleDescription() == why, key  # type: ignore[attr-defined]
    prints = [b for t in workspace.tabs for k, b in t.buttons.items() if k.startswith("print_")]
    assert prints and all(b.isEnabled() for b in prints)
    assert "Priya Shah" in workspace.sub_label.text() and "read-only" in workspace.sub_label.text()

    people_tab = next(t for t in workspace.tabs if type(t).__name__ == "PeopleTab")
    workspace.set_current_tab(workspace.tabs.index(people_tab))
    view = people_tab.people.view
    people_tab.people.choose_row(0)
    view.setFocus()
    with heard() as words:
        qtbot.keyClick(view, Qt.Key.Key_Return)  # would open the person's form
        view.doubleClicked.emit(view.currentIndex())
    settle(qtbot)
    assert why in words and workspace.sub_label.text() == why
    assert _dialogs() == []
    assert workspace.tab_actions.add_person() is None  # a handler called anyway opens nothing
    assert workspace.tab_actions.plan.handlers()  # (the tabs' handlers are wired)
    assert _dialogs() == []

    workspace.show_man(mine)  # hers to change: everything open again, the reason gone
    settle(qtbot)
    for key, button in _change_buttons(workspace).items():
        assert button.isEnabled(), key  # type: ignore[attr-defined]
        assert button.toolTip() != why and button.accessibleDescription() != why, key  # type: ignore[attr-defined]
    assert "read-only" not in workspace.sub_label.text()
    dialog = workspace.tab_actions.add_person()
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
