"""The accessibility walk: every input named, every shown word reachable, keys unique, no traps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.a11y import describe, describe_value, label_for, tab_leaves, unnamed_inputs
from engager_desktop.ui.a11y_checks import (
    access_key_clashes,
    labels_out_of_step,
    names_with_ampersands,
    opens_on_button,
    shown_ampersands,
    shown_text,
    tab_traps,
)
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.ui.unlock_window import UnlockWindow
from tests.ui.app_fixtures import wait_ops


def assert_all_named(widget: QWidget) -> None:
    missing = [describe(w) for w in unnamed_inputs(widget)]
    assert missing == [], f"inputs without an accessible name: {missing}"


def assert_reachable(window: QWidget) -> None:
    """The whole walk on one window as it is shown now."""
    assert_all_named(window)
    hidden = [(shown_text(label), label.accessibleName()) for label in labels_out_of_step(window)]
    assert hidden == [], f"shown words the reader never receives: {hidden}"
    assert access_key_clashes(window) == {}
    assert [label.text() for label in shown_ampersands(window)] == []
    assert [w.accessibleName() for w in names_with_ampersands(window)] == []
    traps = [describe(w) for w in tab_traps(window)]
    assert traps == [], f"widgets that keep Tab: {traps}"


def test_the_walk_finds_words_the_reader_never_hears(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    code = QLabel("ABCD-EFGH", holder)
    code.setAccessibleName("Recovery code")  # the old way: a fixed name hides the code
    assert labels_out_of_step(holder) == [code]
    describe_value(code, "Recovery code")
    assert labels_out_of_step(holder) == []
    code.setText("WXYZ-1234")
    assert labels_out_of_step(holder) == []


def test_the_walk_finds_clashing_access_keys(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    QPushButton("&Phase", holder)
    edit = QLineEdit(holder)
    label = label_for("&Print:", edit)
    label.setParent(holder)
    assert access_key_clashes(holder) == {"p": ["Phase", "Print"]}
    label.setText("P&rint:")
    assert access_key_clashes(holder) == {}


def test_the_walk_finds_an_ampersand_shown_or_spoken(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("&Phase:", holder)  # no buddy: Qt shows the "&"
    button = QPushButton("Choose…", holder)
    button.setAccessibleName("Choose the &vault folder")
    assert shown_ampersands(holder) == [label]
    assert names_with_ampersands(holder) == [button]
    label.setBuddy(QLineEdit(holder))
    button.setAccessibleName("Choose the vault folder")
    assert shown_ampersands(holder) == [] and names_with_ampersands(holder) == []


def test_the_walk_finds_tab_traps(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    table = QTableView(holder)
    day = QDateEdit(holder)
    assert set(tab_traps(holder)) == {table, day}
    table.setTabKeyNavigation(False)
    tab_leaves(day)
    assert tab_traps(holder) == []


def test_one_tab_leaves_a_date_box(qtbot: QtBot) -> None:
    holder = QDialog()
    qtbot.addWidget(holder)
    before, day, after = QLineEdit(holder), tab_leaves(QDateEdit(holder)), QLineEdit(holder)
    holder.show()
    qtbot.waitExposed(holder)
    day.setFocus()
    qtbot.keyClick(day, Qt.Key.Key_Tab)
    assert holder.focusWidget() is after
    day.setFocus()
    qtbot.keyClick(day, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert holder.focusWidget() is before


def test_the_walk_finds_a_dialog_opening_on_a_button(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    button = QPushButton("Save", dialog)
    QLineEdit(dialog)
    button.setFocus()
    assert opens_on_button(dialog)


def test_the_check_finds_an_unnamed_input(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    named = QLineEdit(holder)
    label_for("&Given name:", named)
    assert named.accessibleName() == "Given name"
    QLineEdit(holder)
    assert len(unnamed_inputs(holder)) == 1


def test_unlock_window_pages(qtbot: QtBot, tmp_path: Path, options: VaultOptions) -> None:
    window = UnlockWindow(tmp_path / "vault", options)
    qtbot.addWidget(window)
    window.show()
    assert_all_named(window)  # every page is a child of the window, shown or not
    for index in range(window.stack.count()):
        window._go(index)
        assert_reachable(window)


def test_main_window_every_tab(qtbot: QtBot, demo_vault: Vault, settings: Settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    window.panel.table.selectRow(0)
    wait_ops(qtbot)
    for index in range(len(window.workspace.tabs)):
        window.workspace.set_current_tab(index)
        wait_ops(qtbot)
        assert_reachable(window)
    directory = window.open_directory()
    supervision = window.open_supervision()
    figures = window.open_figures()
    wait_ops(qtbot)
    assert directory is not None and supervision is not None and figures is not None
    directory.table.choose_row(0)
    wait_ops(qtbot)
    assert_reachable(directory)
    assert_reachable(supervision)
    assert figures.model.rowCount() > 0  # walked with its table filled
    assert_reachable(figures)
    for dialog in (NewManDialog(demo_vault, window), SettingsDialog(settings, window)):
        assert_reachable(dialog)  # the window owns the dialogs and deletes them


def test_tab_order_follows_reading_order(
    qtbot: QtBot, tmp_path: Path, options: VaultOptions
) -> None:
    window = UnlockWindow(tmp_path / "vault", options)
    qtbot.addWidget(window)
    window.show()
    window._go(0)
    page = window.unlock_page
    order = [page.folder.edit, page.folder.choose, page.passphrase, page.show_box]
    for before, after in zip(order, order[1:], strict=False):
        assert before.nextInFocusChain() is after or _next_focusable(before) is after


def _next_focusable(widget: QWidget) -> QWidget:
    nxt = widget.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus) or not nxt.isVisible():
        nxt = nxt.nextInFocusChain()
    return nxt
