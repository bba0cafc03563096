"""Handing men over from the GUI, driven through the widgets; the caseload's "Held by" column and
filter."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from engager_desktop.services import sync, team
from engager_desktop.store.vault import Vault
from engager_desktop.ui.a11y import unnamed_inputs
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.caseload_panel import CaseloadPanel
from engager_desktop.ui.models.caseload_model import COL_HELD, ID_ROLE
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.ui.sync import HandoverDialog, open_handover_dialog
from engager_desktop.ui.workspace.workspace import Workspace
from tests.sync.conftest import Laptop, add_man, man_field
from tests.ui.test_sync_dialogs import Click, settle, shown, tick

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]


@pytest.fixture
def old_and_new(make_laptop: Callable[[str], Laptop]) -> tuple[Laptop, Laptop]:
    old, new = make_laptop("old"), make_laptop("new")
    old.enrol(new)
    new.enrol(old)
    return old, new


def test_hand_over_the_ticked_men_to_the_chosen_laptop(
    qtbot: QtBot, old_and_new: tuple[Laptop, Laptop]
) -> None:
    old, new = old_and_new
    team.save_team_settings(new.vault, "Priya Shah", team.PRACTITIONER)
    old.enrol(new)  # her card again: it now names her
    first = add_man(old, given_name="Aled", family_name="Morgan")
    second = add_man(old, given_name="Bryn", family_name="Jones")
    stays = add_man(old, given_name="Carys", family_name="Evans")
    dialog = shown(qtbot, HandoverDialog(old.vault, None, men=(first,)))
    assert unnamed_inputs(dialog) == [] and access_key_clashes(dialog) == {}
    laptops = [dialog.laptop.itemText(i) for i in range(dialog.laptop.count())]
    assert any(text.startswith("Priya Shah (") for text in laptops)  # her name, then the laptop's
    dialog.laptop.setCurrentIndex(dialog.laptop.findData(new.device_id))
    assert not dialog.hand_button.isEnabled()  # no folder yet
    tick(dialog.men, "Bryn Jones")
    qtbot.keyClicks(dialog.folder.edit, str(old.stick))
    assert dialog.hand_button.isEnabled()
    qtbot.mouseClick(dialog.hand_button, Click)
    settle(qtbot)
    assert dialog.result_ is not None, dialog.message.text()
    assert set(dialog.result_.men) == {first, second}
    assert "2 men handed over" in dialog.message.text()
    assert "Priya Shah" in dialog.message.text()
    assert not dialog.hand_button.isEnabled()
    for man in (first, second):
        assert man_field(old, man, "held_by") == new.device_id
    assert man_field(old, stays, "held_by") == old.device_id
    new.take(dialog.result_.bundle.path)
    assert man_field(new, first, "held_by") == new.device_id


def test_without_another_laptop_it_says_to_enrol_one(
    qtbot: QtBot, make_laptop: Callable[[str], Laptop]
) -> None:
    alone = make_laptop("alone")
    for device in sync.list_devices(alone.vault):  # its identity before the test renewed it
        if not device.is_self:
            sync.revoke(alone.vault, device.device_id)
    add_man(alone)
    dialog = open_handover_dialog(alone.vault, None)
    qtbot.addWidget(dialog)
    settle(qtbot)
    assert dialog.no_laptops.isVisibleTo(dialog), (dialog.message.text(), dialog.laptop.count())
    assert "enrol" in dialog.problem().lower() or "tick" in dialog.problem().lower()
    dialog.close()


def test_the_caseload_shows_who_holds_each_man_and_filters_by_it(
    qtbot: QtBot, old_and_new: tuple[Laptop, Laptop]
) -> None:
    old, new = old_and_new
    team.save_team_settings(new.vault, "Priya Shah", team.PRACTITIONER)
    old.enrol(new)
    team.save_team_settings(old.vault, "Sam Okafor", team.SUPERVISOR)
    mine = add_man(old, given_name="Aled", family_name="Morgan")
    hers = add_man(old, given_name="Bryn", family_name="Jones", held_by=new.device_id)
    panel = CaseloadPanel()
    qtbot.addWidget(panel)
    panel.set_vault(old.vault)
    panel.show()
    settle(qtbot)
    model = panel.model
    shown_held = {
        model.data(model.index(r, COL_HELD), ID_ROLE): model.data(model.index(r, COL_HELD))
        for r in range(model.rowCount())
    }
    assert shown_held == {mine: "Sam Okafor (this laptop)", hers: "Priya Shah"}
    assert model.headerData(COL_HELD, Qt.Orientation.Horizontal) == "Held by"
    row = model.row_of(hers)
    # On a supervisor's laptop, men held by others are marked (italic, and said in the tooltip).
    assert model.data(model.index(row, COL_HELD), Qt.ItemDataRole.FontRole).italic()
    tip = model.data(model.index(row, COL_HELD), Qt.ItemDataRole.ToolTipRole)
    assert "read-only" in tip
    assert model.data(model.index(model.row_of(mine), COL_HELD), Qt.ItemDataRole.FontRole) is None
    choices = [panel.held.itemText(i) for i in range(panel.held.count())]
    assert choices[:2] == ["Everyone", "Mine (this laptop)"] and "Priya Shah" in choices
    panel.held.setCurrentIndex(choices.index("Mine (this laptop)"))
    settle(qtbot)
    assert model.ids() == [mine]
    panel.held.setCurrentIndex(choices.index("Priya Shah"))
    settle(qtbot)
    assert model.ids() == [hers]
    panel.held.setCurrentIndex(0)
    settle(qtbot)
    assert set(model.ids()) == {mine, hers}


def test_settings_set_the_practitioner_and_role_the_card_carries(
    qtbot: QtBot, make_laptop: Callable[[str], Laptop], settings: Settings
) -> None:
    laptop = make_laptop("mine")
    dialog = SettingsDialog(settings, None, vault=laptop.vault)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    assert dialog.team is not None and dialog.team.loaded
    assert unnamed_inputs(dialog) == [] and access_key_clashes(dialog) == {}
    qtbot.keyClicks(dialog.team.name, "Sam Okafor")
    dialog.team.role.setCurrentIndex(dialog.team.role.findData(team.SUPERVISOR))
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Click)
    card = sync.read_card(sync.device_card(laptop.vault).data)
    assert (card.practitioner, card.role) == ("Sam Okafor", "supervisor")
    assert team.team_settings(laptop.vault).supervisor


def test_on_a_supervisors_laptop_men_held_by_others_open_read_mostly(
    qtbot: QtBot, old_and_new: tuple[Laptop, Laptop]
) -> None:
    supervisor, practitioner = old_and_new
    team.save_team_settings(practitioner.vault, "Priya Shah", team.PRACTITIONER)
    supervisor.enrol(practitioner)
    hers = add_man(supervisor, held_by=practitioner.device_id)
    mine = add_man(supervisor, given_name="Aled")
    workspace = Workspace()
    qtbot.addWidget(workspace)
    workspace.set_vault(supervisor.vault)
    for role, closed in ((team.PRACTITIONER, False), (team.SUPERVISOR, True)):
        team.save_team_settings(supervisor.vault, "Sam Okafor", role)
        workspace.show_man(hers)
        settle(qtbot)
        assert ("read-only" in workspace.sub_label.text()) is closed
        assert "Priya Shah" in workspace.sub_label.text() or not closed
        assert all(b.isEnabled() is not closed for b in workspace.buttons.values())
        if closed:
            assert workspace.launch_wizard("first_meeting") is False
    workspace.show_man(mine)
    settle(qtbot)
    assert all(b.isEnabled() for b in workspace.buttons.values())
    assert "read-only" not in workspace.sub_label.text()


def test_the_man_chosen_in_the_main_window_is_ticked_and_in_sight(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    from engager_desktop.services import caseload

    last = caseload.list_caseload(demo_vault)[-1].id  # at the foot of a long list
    dialog = shown(qtbot, HandoverDialog(demo_vault, None, men=(last,)))
    items = [dialog.men.item(i) for i in range(dialog.men.count())]
    assert len(items) > 20  # more men than the list shows at once
    ticked = [i for i in items if i.checkState() == Qt.CheckState.Checked]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in ticked] == [last]
    assert dialog.men.viewport().rect().contains(dialog.men.visualItemRect(ticked[0]))
