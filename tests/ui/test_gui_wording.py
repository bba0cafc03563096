"""The wording list applies to the GUI's own words: no "symptoms", no "relapse", no labels."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from engager_desktop.domain import wording
from engager_desktop.store.vault import Vault
from engager_desktop.ui.main_window import MainWindow
from engager_desktop.ui.new_man_dialog import NewManDialog
from engager_desktop.ui.settings import Settings, SettingsDialog
from engager_desktop.ui.wizards import KINDS, create
from tests.ui.app_fixtures import wait_ops
from tests.ui.gui_words import words_of
from tests.ui.wizard_helpers import make_man, make_plan

# Kept on screen on purpose: the role's own name, known to him and to other services; and the
# name of the approach practitioners are trained in (in their guidance only, never printed).
ALLOWED = {"offender manager", "mentalisation"}
BANNED = {"symptom", "relapse"}


def findings(texts: set[str]) -> list[tuple[str, str]]:
    """(term, the words around it) for every wording-list term found, allowed names aside."""
    return sorted(
        (finding.term, text[max(0, finding.start - 30) : finding.end + 30])
        for text in texts
        for finding in wording.check(text)
        if finding.term not in ALLOWED
    )


def _screens(qtbot: QtBot, vault: Vault, settings: Settings) -> Iterator[tuple[str, QWidget]]:
    """The main window (every tab), each wizard page, window and dialog, on a real vault."""
    man = make_man(vault)
    make_plan(vault, man)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.set_vault(vault)
    window.show()
    wait_ops(qtbot)
    window.panel.choose(man)
    wait_ops(qtbot)
    assert window.workspace.man_id() == man
    yield "main window", window
    actions = window.workspace.tab_actions
    for opened in (
        window.open_directory(),
        window.open_supervision(),
        window.open_retention(),
        window.open_subject_access(),
        window.open_erasure(),
        window.print_kind("action-plan", man),
        window.print_batch(),
        window.sync_export(),
        window.sync_import(),
        window.sync_devices(),
        window.sync_conflicts(),
        actions.move_phase(),
        actions.flags(),
        actions.add_person(),
        actions.log_contact(),
        NewManDialog(vault, window),
        SettingsDialog(settings, window),
    ):
        if opened is not None:
            wait_ops(qtbot)
            yield opened.windowTitle(), opened
    for kind in KINDS:
        wizard = create(kind, vault, man, use_drafts=False)
        qtbot.addWidget(wizard)
        yield f"{kind} wizard", wizard


def test_the_check_finds_symptoms_and_relapse_in_a_label(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    QLabel("<b>Signs</b> of relapse and his symptoms", holder)
    assert {term for term, _text in findings(words_of(holder))} == BANNED


def test_no_screen_uses_a_word_from_the_wording_list(
    qtbot: QtBot, vault: Vault, settings: Settings
) -> None:
    found: dict[str, list[tuple[str, str]]] = {}
    screens = 0
    texts = 0
    for where, widget in _screens(qtbot, vault, settings):
        words = words_of(widget)
        screens += 1
        texts += len(words)
        if hits := findings(words):
            found[where] = hits
    wait_ops(qtbot)
    assert found == {}
    assert screens >= 22 and texts >= 900, (screens, texts)
