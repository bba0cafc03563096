"""What every wizard page shares: accessible names, Tab order, Back keeps input, guidance."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWizard,
)
from pytestqt.qtbot import QtBot

from engager_desktop.domain import guidance
from engager_desktop.services.understanding import add_item
from engager_desktop.services.understanding_forms import ServiceContactForm, StrengthForm
from engager_desktop.store.vault import Vault
from engager_desktop.ui import a11y
from engager_desktop.ui.guidance_panel import CAUTION_WORDS
from engager_desktop.ui.wizards import KINDS, create, launch, page_screenshots
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import BOX, CHOICE, TEXT, Field
from engager_desktop.ui.wizards.page import WizardPage
from tests.deletion_helpers import delete_participant
from tests.ui.wizard_helpers import (
    back_page,
    button,
    click,
    focused,
    make_man,
    make_plan,
    next_page,
    open_wizard,
    press,
)

pytestmark = pytest.mark.gui
PAGES = {"first_meeting": 15, "understanding": 12, "review": 5, "release": 6, "ending": 4}


def _full_man(vault: Vault) -> str:
    man = make_man(vault, planned_sessions=12, planned_end=date(2027, 4, 30))
    make_plan(vault, man)
    add_item(vault, man, ServiceContactForm(service_name="Housing advice", still_involved=True))
    add_item(vault, man, StrengthForm(text="Good with his hands"))
    return man


def _all_fields(page: WizardPage) -> list[Field]:
    found = list(page.fields.values())
    for rows in page.lists.values():
        for row in rows.rows:
            found.extend(row.fields.values())
    return found


def _fill(qtbot: QtBot, page: WizardPage) -> dict[str, Any]:
    """Type into every text input of the page and pick every choice still needed."""
    for item in _all_fields(page):
        widget = item.widget
        if item.spec.kind in (TEXT, BOX) and isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.clear()
            widget.setFocus()
            qtbot.keyClicks(widget, f"typed {item.spec.key}"[: item.spec.limit or 40])
        elif item.spec.kind == CHOICE and item.spec.required and not item.value():
            assert isinstance(widget, QComboBox)
            widget.setFocus()
            qtbot.keyClick(widget, Qt.Key.Key_Down)
    return page.values()


@pytest.mark.parametrize("kind", KINDS)
def test_back_then_next_keeps_what_was_typed_on_every_page(
    qtbot: QtBot, vault: Vault, kind: str
) -> None:
    man = _full_man(vault)
    wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
    typed: dict[int, dict[str, Any]] = {}
    while True:
        current = wizard.currentPage()
        assert isinstance(current, WizardPage)
        typed[wizard.currentId()] = _fill(qtbot, current)
        if wizard.nextId() == -1:
            break
        next_page(qtbot, wizard)
        back_page(qtbot, wizard)  # Back at once, then on again
        assert current.values() == typed[wizard.currentId()]
        next_page(qtbot, wizard)
    while wizard.currentId() != wizard.startId():
        back_page(qtbot, wizard)
        current = wizard.currentPage()
        assert isinstance(current, WizardPage)
        assert current.values() == typed[wizard.currentId()], current.NAME
    assert len(typed) == PAGES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_every_input_has_a_label_that_names_it(qtbot: QtBot, vault: Vault, kind: str) -> None:
    man = _full_man(vault)
    wizard = create(kind, vault, man, use_drafts=False)
    qtbot.addWidget(wizard)
    for page in wizard.pages:
        for rows in page.lists.values():
            if rows.add_button is not None and rows.add_button.isEnabled():
                rows.add_row()  # names of added rows too
        for item in _all_fields(page):
            name = item.widget.accessibleName()
            assert name.strip(), item.spec.key
            if item.label is not None:
                assert item.label.buddy() is item.widget
                words = item.label.text().removesuffix(" (needed)").split(" (sensitive")[0]
                assert name.endswith(words), (name, words)
    assert a11y.unnamed_inputs(wizard) == []


@pytest.mark.parametrize("kind", KINDS)
def test_tab_follows_reading_order_on_every_page(qtbot: QtBot, vault: Vault, kind: str) -> None:
    man = _full_man(vault)
    wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        QApplication.processEvents()
        page = wizard.currentPage()
        assert isinstance(page, WizardPage)
        expected = [w for w in page.focus_widgets() if w.isEnabled() and w.isVisible()]
        expected[0].setFocus()
        seen = [focused()]
        for _ in expected[1:]:
            press(qtbot, Qt.Key.Key_Tab)
            seen.append(focused())
        assert seen == expected, page.NAME


@pytest.mark.parametrize("kind", KINDS)
def test_each_page_shows_its_guidance_with_cautions_and_evidence(
    qtbot: QtBot, vault: Vault, kind: str
) -> None:
    man = make_man(vault)
    wizard = create(kind, vault, man, use_drafts=False)
    qtbot.addWidget(wizard)
    for page in wizard.pages:
        prompts = guidance.for_place(page.PLACE)
        assert prompts, page.PLACE
        text = page.guidance.plain_text()
        for prompt in prompts:
            assert prompt.text in text
            assert f"Evidence: {', '.join(prompt.evidence)}" in text
            if prompt.caution:
                assert f"{CAUTION_WORDS} {prompt.text}" in text
        browser = page.guidance.browser
        assert browser.isReadOnly() and browser.accessibleName()
        assert browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert CAUTION_WORDS in browser.accessibleDescription() or not page.guidance.cautions


def test_f1_and_the_button_hide_and_show_the_guidance(qtbot: QtBot, vault: Vault) -> None:
    man = make_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man, use_drafts=False)
    panels = [page.guidance for page in wizard.pages]
    assert panels[0].isVisible()
    press(qtbot, Qt.Key.Key_F1)
    assert not any(panel.isVisible() for panel in panels)
    assert not wizard.guidance_visible
    click(qtbot, button(wizard, QWizard.WizardButton.CustomButton1))
    assert panels[0].isVisible() and wizard.guidance_visible


def test_screenshots_render_every_page_of_every_wizard(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    man = _full_man(vault)
    files = page_screenshots(vault, man, tmp_path, QSize(1024, 768))
    assert len(files) == sum(PAGES.values())
    for path in files:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1024, 768), path.name


def _launched(qtbot: QtBot, kind: str, vault: Vault, man: str) -> QWizard:
    """``launch`` returns at once; the wizard comes once his data is read on a worker."""
    opened: list[QWizard] = []
    launch(kind, vault, man, None, opened.append)
    assert opened == []  # nothing read on the UI thread: it has not opened yet
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    qtbot.addWidget(opened[0])
    return opened[0]


def test_launch_opens_without_blocking_and_reports_a_missing_man(
    qtbot: QtBot, vault: Vault
) -> None:
    man = make_man(vault)
    wizard = _launched(qtbot, "ending", vault, man)
    assert isinstance(wizard, EngagerWizard) and wizard.isVisible()
    assert wizard.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.use_drafts = False
    delete_participant(vault, man)
    gone = _launched(qtbot, "review", vault, man)
    assert gone.windowTitle() == "Not available"
    assert any("deleted" in label.text() for label in gone.findChildren(QLabel))
    with pytest.raises(ValueError, match="unknown wizard"):
        create("holiday", vault, man)
