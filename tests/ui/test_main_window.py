"""The main window on a demo caseload: search as you type, filters and counts, sorting, the
workspace of the chosen man, and the table models checked by qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from engager_desktop.services import caseload
from engager_desktop.store.vault import Vault
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.models.caseload_model import COL_NAME, COL_RELEASE, CaseloadModel
from engager_desktop.ui.models.rows_model import RowsModel, TextRow
from engager_desktop.ui.settings import Settings
from engager_desktop.ui.workspace.workspace import NO_MAN
from tests.ui.app_fixtures import DEMO_MEN, wait_ops


def open_window(qtbot: QtBot, vault: Vault, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    return window


def shown_ids(window: MainWindow) -> list[str]:
    return window.panel.model.ids()


def test_caseload_lists_everyone_with_counts(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    assert window.panel.model.rowCount() == DEMO_MEN
    assert window.panel.count_label.text() == f"{DEMO_MEN} men"
    counts = caseload.filter_counts(demo_vault)
    assert f"({counts.overdue})" in window.panel.overdue.text()
    assert f"({counts.release_within})" in window.panel.release.text()
    assert window.panel.phase.itemText(0) == f"All phases ({DEMO_MEN})"
    assert "(demo)" in window.windowTitle()


def test_search_as_you_type(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = open_window(qtbot, demo_vault, settings)
    target = caseload.list_caseload(demo_vault)[5]
    qtbot.keyClicks(window.panel.search, target.prison_number or target.family_name)
    assert window.panel.busy()  # typing only starts the pause; nothing has run yet
    qtbot.waitUntil(lambda: shown_ids(window) == [target.id], timeout=5000)
    assert window.panel.count_label.text() == f"Showing 1 of {DEMO_MEN} men"
    window.panel.search.clear()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == DEMO_MEN, timeout=5000)


def test_filters_match_the_service(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = open_window(qtbot, demo_vault, settings)
    panel = window.panel
    panel.overdue.setChecked(True)
    wait_ops(qtbot)
    wanted = caseload.list_caseload(demo_vault, caseload.CaseloadFilter(overdue=True))
    assert shown_ids(window) == [r.id for r in wanted]
    assert all(panel.model.row_at(n).overdue_steps > 0 for n in range(panel.model.rowCount()))
    panel.overdue.setChecked(False)
    panel.phase.setCurrentIndex(panel.phase.findData("in_prison"))
    wait_ops(qtbot)
    rows = [panel.model.row_at(n) for n in range(panel.model.rowCount())]
    assert rows and all(r.phase == "in_prison" for r in rows)
    panel.phase.setCurrentIndex(0)
    for box, flt in (
        (panel.release, caseload.CaseloadFilter(release_within=28)),
        (panel.no_contact, caseload.CaseloadFilter(no_contact_days=14)),
        (panel.conflicts, caseload.CaseloadFilter(conflicts=True)),
    ):
        box.setChecked(True)
        wait_ops(qtbot)
        assert shown_ids(window) == [r.id for r in caseload.list_caseload(demo_vault, flt)]
        box.setChecked(False)


def test_sorting_by_a_column_and_back(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = open_window(qtbot, demo_vault, settings)
    model = window.panel.model
    given = model.ids()
    window.panel.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(n).family_name.casefold() for n in range(model.rowCount())]
    assert names == sorted(names)
    window.panel.table.sortByColumn(COL_RELEASE, Qt.SortOrder.DescendingOrder)
    days = [model.row_at(n).days_to_release for n in range(model.rowCount())]
    known = [d for d in days if d is not None]
    assert known == sorted(known, reverse=True) and days[: len(known)] == known
    model.sort(-1)
    assert model.ids() == given


def test_choosing_a_man_fills_the_workspace(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    window = open_window(qtbot, demo_vault, settings)
    assert window.workspace.name_label.text() == NO_MAN
    row = window.panel.model.row_at(0)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    workspace = window.workspace
    assert workspace.man_id() == row.id
    assert row.family_name in workspace.name_label.text()
    overview = workspace.tabs[0]
    assert overview.facts.text("phase") != "—"
    assert workspace.tab_titles()[0] == "Overview" and len(workspace.tabs) == 10
    workspace.set_current_tab(9)
    assert workspace.stack.currentIndex() == 9
    workspace.step_tab(1)
    assert workspace.current_tab() == 0


def test_a_man_removed_elsewhere_shows_a_plain_message(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    from tests.deletion_helpers import delete_participant

    window = open_window(qtbot, demo_vault, settings)
    man = window.panel.model.row_at(0)
    delete_participant(demo_vault, man.id)
    window.workspace.show_man(man.id)
    wait_ops(qtbot)
    assert "no such man" in window.workspace.sub_label.text().lower()
    assert window.workspace.name_label.text() == NO_MAN


def test_new_man_dialog_saves_and_selects_him(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    from engager_desktop.ui.new_man_dialog import NewManDialog

    window = open_window(qtbot, demo_vault, settings)
    dialog = NewManDialog(demo_vault, window)  # the window owns it and deletes it
    dialog.created.connect(window._created)
    dialog.show()
    dialog.save()  # nothing typed: refused beside the field
    wait_ops(qtbot)
    assert dialog.errors["given_name"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.edits["given_name"], "Testy")
    qtbot.keyClicks(dialog.edits["family_name"], "Newcomer")
    assert dialog.edits["preferred_name"].text() == "Testy"
    with qtbot.waitSignal(dialog.created, timeout=5000) as signal:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_ops(qtbot)
    assert window.panel.model.row_of(signal.args[0]) >= 0
    assert window.workspace.man_id() == signal.args[0]
    assert "Newcomer" in window.workspace.name_label.text()


def test_table_models_pass_qtmodeltester(qtmodeltester, demo_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    model = CaseloadModel()
    model.set_rows(caseload.list_caseload(demo_vault))
    qtmodeltester.check(model)
    model.sort(COL_RELEASE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)
    rows = RowsModel(("When", "What"))
    rows.set_rows([TextRow(("1 Nov", "Held"), id="a"), TextRow(("2 Nov", ""), id="b")])
    qtmodeltester.check(rows)
    rows.clear()
    qtmodeltester.check(rows)
