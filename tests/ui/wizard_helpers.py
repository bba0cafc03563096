"""Shared steps for the wizard tests: a man with a plan, opening a wizard, typing, moving on."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from engager_desktop.services import action_plan, participants
from engager_desktop.store.vault import Vault
from engager_desktop.ui.wizards import _worker, create
from engager_desktop.ui.wizards.base import EngagerWizard
from engager_desktop.ui.wizards.fields import Field
from engager_desktop.ui.wizards.page import WizardPage

RELEASE = date(2026, 12, 1)  # the vault fixture's clock says 2 Nov 2026


def make_man(vault: Vault, **extra: Any) -> str:
    form = participants.ParticipantForm(
        "Daniel", "Okafor", "Mr Okafor", expected_release=RELEASE, **extra
    )
    return participants.create_participant(vault, form).id


def make_plan(vault: Vault, man_id: str) -> tuple[str, list[str]]:
    """One goal with two open steps; returns (goal id, step ids)."""
    goal = action_plan.add_goal(
        vault,
        man_id,
        action_plan.GoalInput("Somewhere to live on release", "short_term_recovery", "housing"),
    )
    steps = [
        action_plan.add_step(
            vault,
            goal,
            action_plan.StepInput(
                "Fill in the housing form", "him", "Mr Okafor", due_on=date(2026, 11, 5)
            ),
        ),
        action_plan.add_step(
            vault,
            goal,
            action_plan.StepInput(
                "Ring the council", "practitioner", "Practitioner", before_next_session=True
            ),
        ),
    ]
    return goal, steps


def open_wizard(
    qtbot: QtBot, kind: str, vault: Vault, man_id: str, *, use_drafts: bool = True
) -> EngagerWizard:
    wizard = create(kind, vault, man_id, use_drafts=use_drafts)
    wizard.ask_close = lambda: "keep"  # type: ignore[method-assign]  # no modal box in tests

    def quietly(w: EngagerWizard = wizard) -> None:
        _worker.wait_idle()
        w.use_drafts = False

    qtbot.addWidget(wizard, before_close_func=quietly)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def page(wizard: EngagerWizard, name: str) -> WizardPage:
    return wizard.pages[list(wizard.page_ids).index(name)]


def field(wizard: EngagerWizard, key: str) -> Field:
    owner = wizard.page_of(key)
    assert owner is not None, key
    return owner.fields[key]


def type_in(qtbot: QtBot, target: Field | QWidget, text: str) -> None:
    widget = target.widget if isinstance(target, Field) else target
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def button(wizard: QWizard, which: QWizard.WizardButton) -> QPushButton:
    found = wizard.button(which)
    assert isinstance(found, QPushButton)
    return found


def click(qtbot: QtBot, target: Field | QWidget) -> None:
    """Click a button, or a check box on its box (its blank right-hand side does nothing)."""
    widget = target.widget if isinstance(target, Field) else target
    if isinstance(widget, QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(6, widget.height() // 2))
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def next_page(qtbot: QtBot, wizard: EngagerWizard, expect: str | None = None) -> None:
    before = wizard.currentId()
    click(qtbot, button(wizard, QWizard.WizardButton.NextButton))
    assert wizard.currentId() != before, current_problems(wizard)
    if expect is not None:
        assert wizard.currentId() == wizard.page_ids[expect]


def back_page(qtbot: QtBot, wizard: EngagerWizard) -> None:
    click(qtbot, button(wizard, QWizard.WizardButton.BackButton))


def finish(qtbot: QtBot, wizard: EngagerWizard) -> None:
    with qtbot.waitSignal(wizard.committed, timeout=10_000):
        click(qtbot, button(wizard, QWizard.WizardButton.FinishButton))


def current_problems(wizard: EngagerWizard) -> list[str]:
    current = wizard.currentPage()
    assert isinstance(current, WizardPage)
    shown = [current.banner.text()] if current.banner.isVisible() else []
    for item in current.fields.values():
        if item.error.isVisible():
            shown.append(f"{item.spec.key}: {item.error.text()}")
    for rows in current.lists.values():
        for row in rows.rows:
            for item in row.fields.values():
                if not item.error.isHidden():
                    shown.append(f"{rows.key}.{item.spec.key}: {item.error.text()}")
    return shown


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()  # as between a person's key presses


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 60) -> None:
    """Press Tab until ``target`` has focus: proof that the keyboard reaches it."""
    seen = []
    for _ in range(limit):
        if focused() is target:
            return
        seen.append(focused().objectName() or focused().accessibleName())
        press(qtbot, Qt.Key.Key_Tab)
    name = target.objectName() or target.accessibleName()
    raise AssertionError(f"Tab never reached {name}; went {seen[:20]}")


def wait_for_draft(qtbot: QtBot, wizard: EngagerWizard) -> None:
    with qtbot.waitSignal(wizard.draft_saved, timeout=5000):
        pass
