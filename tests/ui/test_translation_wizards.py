"""The five wizards in the catalogue: every page of each, walked in the pseudo-language (which marks
every catalogue string ⟦…⟧) for a man with a plan, page by page with Next, refusals included;
in Welsh their access keys stay unique, their words are Welsh and none is cut at 1024×768; the
practice guidance beside each page is shown from the catalogue, in Welsh in Welsh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from engager_desktop import i18n
from engager_desktop.domain import guidance
from engager_desktop.services.understanding import add_item
from engager_desktop.services.understanding_forms import (
    LinksMapForm,
    QuickWinForm,
    ServiceContactForm,
    StrengthForm,
)
from engager_desktop.store.vault import Vault
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.wizards import KINDS
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import BOX, CHOICE, TEXT, Field
from engager_desktop.ui.wizards.page import WizardPage
from tests.ui.test_translation import cut_words, not_in_catalogue, unmarked
from tests.ui.wizard_helpers import button, make_man, make_plan, open_wizard
from tests.ui.wizard_helpers import page as page_named

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]

# What the man's record holds, shown as it was typed (data, not words of the program).
DATA = ("Somewhere to live on release", "Housing advice", "Good with his hands")
PAGES = {"first_meeting": 15, "understanding": 12, "review": 5, "release": 6, "ending": 4}


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


def filled_man(vault: Vault) -> str:
    """A man with sessions agreed, a goal with two open steps, services, strengths and more."""
    man = make_man(vault, planned_sessions=12, planned_end=date(2027, 4, 30))
    make_plan(vault, man)
    add_item(vault, man, ServiceContactForm(service_name="Housing advice", still_involved=True))
    add_item(vault, man, StrengthForm(text="Good with his hands"))
    add_item(vault, man, LinksMapForm(situation="A visit was cancelled"))
    add_item(vault, man, QuickWinForm(text="A library card"))
    return man


def all_fields(page: WizardPage) -> list[Field]:
    found = list(page.fields.values())
    for rows in page.lists.values():
        for row in rows.rows:
            found.extend(row.fields.values())
    return found


def fill_needed(qtbot: QtBot, page: WizardPage) -> None:
    """Type into every empty required text and pick every required choice, so Next can go on."""
    for item in all_fields(page):
        widget = item.widget
        if not item.spec.required or not item.is_empty():
            continue
        if item.spec.kind in (TEXT, BOX) and isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setFocus()
            qtbot.keyClicks(widget, "typed")
        elif item.spec.kind == CHOICE and isinstance(widget, QComboBox):
            widget.setCurrentIndex(1)


def shown_problems(wizard: EngagerWizard) -> list[str]:
    page = wizard.currentPage()
    assert isinstance(page, WizardPage)
    found = [page.banner.text()] if not page.banner.isHidden() else []
    return found + [f.error.text() for f in all_fields(page) if not f.error.isHidden()]


def add_a_row_to_every_list(wizard: EngagerWizard) -> None:
    for page in wizard.pages:
        for rows in page.lists.values():
            if rows.add_button is not None and rows.add_button.isEnabled():
                rows.add_row(dict(rows.defaults))  # a blank row: refused until filled in


def walk(wizard: EngagerWizard) -> list[str]:
    """Unmarked strings of the wizard. Its guidance panels and its page index (a list the shared
    walk cannot read) are checked apart: ``page_index_texts`` and the guidance test below."""
    apart = (*(page.guidance for page in wizard.pages), wizard.page_index)
    problems = not_in_catalogue(wizard, skip=apart, data=DATA)
    index = wizard.page_index
    problems += [f"page index: {text}" for text in page_index_texts(wizard) if unmarked(text)]
    return problems + [f"page index: {index.accessibleName()}"] * unmarked(index.accessibleName())


def page_index_texts(wizard: EngagerWizard) -> list[str]:
    index = wizard.page_index
    return [index.item(row).text() for row in range(index.count())]


def go_through(qtbot: QtBot, wizard: EngagerWizard) -> tuple[list[str], int]:
    """Every page with Next: walked on arrival, after Next refuses it, and once filled in.
    Returns what was found and how many pages were seen."""
    problems: list[str] = []
    seen = 0
    while True:
        seen += 1
        page = wizard.currentPage()
        assert isinstance(page, WizardPage)
        problems += [f"{page.NAME}: {p}" for p in walk(wizard)]
        if wizard.nextId() == -1:
            return problems, seen
        before = wizard.currentId()
        button(wizard, QWizard.WizardButton.NextButton).click()
        if wizard.currentId() == before:  # refused: the messages are walked too
            refusals = shown_problems(wizard)
            assert refusals and not [r for r in refusals if unmarked(r)], refusals
            problems += [f"{page.NAME} refused: {p}" for p in walk(wizard)]
            fill_needed(qtbot, page)
            button(wizard, QWizard.WizardButton.NextButton).click()
        assert wizard.currentId() != before, (page.NAME, shown_problems(wizard))


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_of_every_wizard_is_in_the_catalogue(
    qtbot: QtBot, vault: Vault, kind: str
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    man = filled_man(vault)
    wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
    add_a_row_to_every_list(wizard)
    assert not unmarked(wizard.windowTitle())
    assert not [text for text in page_index_texts(wizard) if unmarked(text)]
    problems, seen = go_through(qtbot, wizard)
    assert problems == []
    assert seen == PAGES[kind]
    wizard._draft_kept(datetime(2026, 11, 2, 10, 30, tzinfo=UTC))  # the draft's own words
    wizard._draft_lost(RuntimeError("x"))
    assert not unmarked(wizard.currentPage().status.text())  # type: ignore[attr-defined]
    assert not unmarked(wizard.buttonText(QWizard.WizardButton.CustomButton1))


def test_the_review_wizards_refusals_are_in_the_catalogue(qtbot: QtBot, vault: Vault) -> None:
    """A missed session with no follow-up; a step with a date and "before the next session"."""
    ui_i18n.apply(i18n.PSEUDO)
    man = filled_man(vault)
    wizard = open_wizard(qtbot, "review", vault, man, use_drafts=False)
    attended = wizard.pages[0].fields["attended"].widget
    assert isinstance(attended, QComboBox)
    attended.setCurrentIndex(attended.findData("no"))
    button(wizard, QWizard.WizardButton.NextButton).click()
    refused = shown_problems(wizard)
    assert refused and all(not unmarked(text) for text in refused), refused
    assert "\u27e6Say how you will follow up the missed session.\u27e7" in refused
    attended.setCurrentIndex(attended.findData("yes"))
    distress = page_named(wizard, "distress")
    score = distress.fields["distress"].widget
    assert isinstance(score, QComboBox)
    for value in ("2", "5", "9"):  # the suggestion for each band of distress
        score.setCurrentIndex(score.findData(value))
        assert distress.suggestion.text() and not unmarked(distress.suggestion.text())
    steps = page_named(wizard, "new_steps")
    row = steps.lists["new_steps"].add_row({"goal_id": "", "before_next_session": True})
    row.fields["due_on"].set_value("20/11/2026")
    found = steps.check_more(wizard.values())
    assert found and all(not unmarked(problem) for _field, problem in found)
    assert walk(wizard) == []


def test_the_guidance_beside_every_page_comes_from_the_catalogue(
    qtbot: QtBot, vault: Vault
) -> None:
    ui_i18n.apply(i18n.PSEUDO)
    man = filled_man(vault)
    for kind in KINDS:
        wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
        for page in wizard.pages:
            prompts = page.guidance.prompts
            assert prompts, page.NAME
            for prompt in prompts:
                assert prompt.text.startswith("\u27e6") and prompt.text.endswith("\u27e7")
                assert all(tag.startswith("\u27e6") for tag in prompt.evidence), prompt.id
        wizard.close()


def test_in_welsh_every_wizard_shows_welsh_with_unique_access_keys(
    qtbot: QtBot, vault: Vault
) -> None:
    ui_i18n.apply("cy")
    man = filled_man(vault)
    english = {p.id: p.text for p in guidance.load_all()}
    for kind in KINDS:
        wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
        add_a_row_to_every_list(wizard)
        assert wizard.buttonText(QWizard.WizardButton.CustomButton1) == "Cuddio'r &canllawiau"
        for number, page_id in enumerate(wizard.pageIds()):
            wizard.setStartId(page_id)
            wizard.restart()
            page = wizard.currentPage()
            assert isinstance(page, WizardPage)
            assert page.title() == i18n.tr(page.CONTEXT, page.TITLE) != page.TITLE, page.NAME
            assert access_key_clashes(wizard) == {}, (kind, number)
            for prompt in page.guidance.prompts:
                assert prompt.text != english[prompt.id], prompt.id
                assert prompt.text == i18n.lookup(
                    guidance.text_context(prompt.id), english[prompt.id]
                )
        wizard.close()


@pytest.mark.parametrize("kind", KINDS)
def test_in_welsh_at_1024_by_768_no_label_or_button_is_cut(
    qtbot: QtBot, vault: Vault, kind: str, tmp_path: Path
) -> None:
    ui_i18n.apply("cy")
    man = filled_man(vault)
    wizard = open_wizard(qtbot, kind, vault, man, use_drafts=False)
    add_a_row_to_every_list(wizard)
    wizard.resize(1024, 768)
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        qtbot.wait(10)
        page = wizard.currentPage()
        assert isinstance(page, WizardPage)
        assert cut_words(page) == [], page.NAME
        assert page.scroll_area.horizontalScrollBar().maximum() == 0, page.NAME  # none off the side
        buttons: list[QWidget] = [wizard.button(which) for which in _ROW]
        assert [b.text() for b in buttons if b.isVisible() and cut(b)] == [], page.NAME


_ROW = (
    QWizard.WizardButton.CustomButton1,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
)


def cut(widget: QWidget) -> bool:
    return widget.sizeHint().width() > widget.width() + 1


def test_proposing_dates_without_sessions_agreed_says_why_in_the_catalogue(
    qtbot: QtBot, vault: Vault
) -> None:
    """The refusal names what is missing (not the "something went wrong" apology)."""
    ui_i18n.apply(i18n.PSEUDO)
    man = make_man(vault)  # no sessions agreed, no end date
    wizard = open_wizard(qtbot, "ending", vault, man, use_drafts=False)
    tapering = page_named(wizard, "tapering")
    tapering.propose()
    said = tapering.fields["planned_end"].error.text()
    assert said == "\u27e6Agree a number of sessions and an end date first.\u27e7"
    tapering.fields["planned_sessions"].set_value(9)
    tapering.fields["planned_end"].set_value("03/11/2026")  # the clock says 2 Nov 2026
    tapering.propose()
    said = tapering.fields["planned_end"].error.text()
    assert said.startswith("\u27e6There is 1 day before the end date, too few for 9 more")
