"""The translated slice: the unlock window, the main window (menus, caseload, status bar) and the
Settings dialog show no string that misses the catalogue (walked in the pseudo-language, which
marks every catalogue string ⟦…⟧); in Welsh their access keys stay unique; switching the
language from Settings with a wizard open keeps the wizard's draft and the man and tab."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engager_desktop import i18n
from engager_desktop.app import AppController
from engager_desktop.services import drafts
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.settings import LANGUAGE, Settings, SettingsDialog
from engager_desktop.ui.unlock_window import UnlockWindow
from engager_desktop.ui.wizards import _worker
from tests.ui.app_fixtures import wait_ops
from tests.ui.wizard_helpers import field, type_in
from tests.vault_fixtures import TEST_PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]

LETTERS = re.compile(r"[^\W\d_]")
MARKED = re.compile("\u27e6[^\u27e7]*\u27e7")
QT_CODES = re.compile("%[pvm]")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


def unlock(qtbot: QtBot, controller: AppController) -> None:
    qtbot.keyClicks(controller.unlock_window.unlock_page.passphrase, TEST_PASSPHRASE)
    controller.unlock_window.unlock()
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=10_000)
    wait_ops(qtbot)


def unmarked(text: str) -> bool:
    """True when ``text`` shows words outside the pseudo-language's marks."""
    text = QT_CODES.sub("", text)  # a progress bar's "%p%" is Qt's code, not a word
    return bool(LETTERS.search(MARKED.sub("", text))) and "\u27e6" not in text


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    """(what, text) for every string a person sees or hears from ``widget`` (not typed data)."""
    found = [
        ("window title", widget.windowTitle() if widget.isWindow() else ""),
        ("tooltip", widget.toolTip()),
        ("accessible name", widget.accessibleName()),
        ("accessible description", widget.accessibleDescription()),
    ]
    if isinstance(widget, QLabel):
        found.append(("label", widget.text()))
    if isinstance(widget, QAbstractButton):
        found.append(("button", widget.text()))
    if isinstance(widget, QGroupBox):
        found.append(("group", widget.title()))
    if isinstance(widget, QLineEdit):
        found.append(("placeholder", widget.placeholderText()))
    if isinstance(widget, QComboBox):
        found += [("choice", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QProgressBar):
        found.append(("progress", widget.format()))
    # a list has no headings (and its Qt model hides columnCount): only tables and trees do
    if (
        isinstance(widget, QAbstractItemView)
        and not isinstance(widget, QListView)
        and widget.model() is not None
    ):
        model = widget.model()
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(column, Qt.Orientation.Horizontal, role)
                found.append(("heading", str(value or "")))
    if isinstance(widget, QMenu):
        found.append(("menu", widget.title()))
        found += [("menu item", a.text()) for a in widget.actions() if not a.isSeparator()]
        found += [
            ("menu item tip", a.toolTip())
            for a in widget.actions()
            if a.toolTip() != a.text().replace("&", "")
        ]
    return found


def not_in_catalogue(
    root: QWidget, skip: tuple[QWidget, ...] = (), data: tuple[str, ...] = ()
) -> list[str]:
    """Every shown string under ``root`` that did not come through the catalogue."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if any(widget is s or s.isAncestorOf(widget) for s in skip):
            continue
        for what, text in texts_of(widget):
            if text and text not in data and unmarked(text):
                problems.append(f"{type(widget).__name__} {widget.objectName()!r} {what}: {text!r}")
    return problems


def test_the_walk_finds_a_string_missing_from_the_catalogue(qtbot: QtBot) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    holder = QWidget()
    qtbot.addWidget(holder)
    QLabel(i18n.tr("MainWindow", "&File"), holder)
    assert not_in_catalogue(holder) == []
    QLabel("Hard-coded words", holder).setObjectName("odd")
    assert not_in_catalogue(holder) == ["QLabel 'odd' label: 'Hard-coded words'"]


def test_the_unlock_window_every_page_is_in_the_catalogue(
    qtbot: QtBot, vault_path: Path, options: VaultOptions
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    window = UnlockWindow(vault_path, options)
    qtbot.addWidget(window)
    window.show()
    window.unlock_page.passphrase.setText("not the passphrase")
    window.unlock()
    wait_ops(qtbot)
    assert window.unlock_page.status.text() == "\u27e6Wrong passphrase\u27e7"
    window.for_relock(vault_path)
    window._show_wait(3.0)
    window.recover_page.someone.show_step(1, 4, "\u27e6a step\u27e7")
    window.code_page.show_code("123456-123456", "\u27e6a note\u27e7")
    data = (window.code_page.code_label.text(),)
    typed = tuple(window.findChildren(QLineEdit))  # folder, laptop name, suggestion: data
    for edit in typed:
        assert not edit.placeholderText() or not unmarked(edit.placeholderText())
    problems = not_in_catalogue(window, data=data)
    problems = [p for p in problems if not p.startswith(("QLineEdit", "QLineEditIconButton"))]
    assert problems == []
    window._timer.stop()


def test_the_main_window_and_settings_are_in_the_catalogue(
    qtbot: QtBot, demo_vault: Vault, settings: Settings
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    window._toggle_guidance(False)
    assert not unmarked(window.statusBar().currentMessage())
    window._for_chosen_man("open_sar_dialog")
    assert not unmarked(window.statusBar().currentMessage())
    assert not_in_catalogue(window, skip=(window.workspace,)) == []
    dialog = SettingsDialog(settings, window, vault=demo_vault)
    dialog.show()
    wait_ops(qtbot)
    names = tuple(i18n.LANGUAGES.values())  # each language is named in its own words
    assert not_in_catalogue(dialog, skip=tuple(dialog.worker.inputs.values()), data=names) == []
    for edit in dialog.worker.inputs.values():
        assert not edit.placeholderText() or not unmarked(edit.placeholderText())
    assert not unmarked(window.panel.count_label.text())
    dialog.reject()


def test_in_welsh_the_access_keys_stay_unique(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, vault_path: Path, options: VaultOptions
) -> None:
    ui_i18n.apply("cy")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.show()
    wait_ops(qtbot)
    assert window.menuBar().actions()[0].text() == "&Ffeil"
    assert window.panel.count_label.text() == "40 o ddynion"
    assert access_key_clashes(window.panel) == {}
    for menu in window.menuBar().findChildren(QMenu):
        keys = [a.text().split("&")[1][0].lower() for a in menu.actions() if "&" in a.text()]
        assert len(keys) == len(set(keys)), menu.title()
    unlock_window = UnlockWindow(vault_path, options)
    qtbot.addWidget(unlock_window)
    unlock_window.show()
    for index in range(unlock_window.stack.count()):
        unlock_window._go(index)
        assert access_key_clashes(unlock_window) == {}, index
    dialog = SettingsDialog(settings, window, vault=demo_vault)
    dialog.show()
    wait_ops(qtbot)
    assert access_key_clashes(dialog) == {}
    assert [b.text() for b in dialog.buttons.buttons()] == ["Cadw", "Canslo"]
    dialog.reject()


def test_switching_to_welsh_with_a_wizard_open_keeps_the_draft(
    qtbot: QtBot, demo_path: Path, options: VaultOptions, settings: Settings
) -> None:
    controller = AppController(settings, demo_path, options=options, idle_ms=600_000)
    qtbot.addWidget(controller.unlock_window)
    controller.start(preload_modules=False)
    unlock(qtbot, controller)
    window = controller.main_window
    window.panel.table.selectRow(3)
    wait_ops(qtbot)
    man_id = window.workspace.man_id()
    tab = 1
    window.workspace.set_current_tab(tab)
    window.workspace.buttons["review"].click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5000)
    wizard = QApplication.activeModalWidget()
    typed = field(wizard, "location").value() + " Chapel"
    type_in(qtbot, field(wizard, "location"), " Chapel")  # no time for an autosave: switch now

    dialog = SettingsDialog(settings, window, vault=controller.vault)
    dialog.show()
    wait_ops(qtbot)
    combo = dialog._inputs[LANGUAGE.key]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("cy"))
    dialog.accepted.connect(window.settings_changed)
    dialog.accept()
    wait_ops(qtbot)
    qtbot.waitUntil(lambda: controller.main_window is not window, timeout=5000)
    assert settings.get(LANGUAGE) == "cy" and i18n.language() == "cy"
    welsh = controller.main_window
    qtbot.addWidget(welsh)
    assert welsh.menuBar().actions()[0].text() == "&Ffeil"
    assert welsh.place() == (man_id, tab)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=5000)
    reopened = QApplication.activeModalWidget()
    assert reopened is not wizard
    assert field(reopened, "location").value() == typed
    _worker.wait_idle()
    kept = drafts.load(controller.vault, reopened.draft_key)
    assert kept is not None and kept.content["values"]["location"] == typed
    assert controller.unlock_window.unlock_page.unlock_button.text() == "&Datgloi"
    reopened.close_for_lock()
    controller.quit()


def test_back_in_english_qt_keeps_its_own_words(qtbot: QtBot, settings: Settings) -> None:
    for code in ("cy", i18n.ENGLISH, "cy"):
        ui_i18n.apply(code)
        dialog = SettingsDialog(settings)
        qtbot.addWidget(dialog)
        words = [b.text() for b in dialog.buttons.buttons()]
        assert words == (["Cadw", "Canslo"] if code == "cy" else ["Save", "Cancel"])
    assert QCoreApplication.translate("QPlatformTheme", "Not one of ours") == "Not one of ours"


def cut_words(root: QWidget) -> list[str]:
    """Labels and buttons shown under ``root`` whose words need more room than they have."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
            if needed > widget.contentsRect().width() + 1:
                cut.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                cut.append(widget.text())
    return cut


def test_in_welsh_at_1024_by_768_no_label_or_button_is_cut(
    qtbot: QtBot, demo_vault: Vault, settings: Settings, vault_path: Path, options: VaultOptions
) -> None:
    ui_i18n.apply("cy")
    unlock_window = UnlockWindow(vault_path, options)
    qtbot.addWidget(unlock_window)
    unlock_window.resize(1024, 768)
    unlock_window.show()
    unlock_window.code_page.show_code("123456-" * 7 + "123456")
    for index in range(unlock_window.stack.count()):
        unlock_window._go(index)
        qtbot.wait(10)
        assert cut_words(unlock_window.stack.currentWidget()) == [], index
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(demo_vault)
    window.resize(1024, 768)
    window.show()
    wait_ops(qtbot)
    assert cut_words(window.panel) == []
    dialog = SettingsDialog(settings, window, vault=demo_vault)
    dialog.show()
    wait_ops(qtbot)
    assert cut_words(dialog) == []
    dialog.reject()
