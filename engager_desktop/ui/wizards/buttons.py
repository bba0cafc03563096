"""A wizard's own buttons: the guidance toggle (also F1) and Tab order along the button row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget, QWizard

from engager_desktop.i18n import tr

Button = QWizard.WizardButton
GUIDANCE = Button.CustomButton1
ROW = (
    GUIDANCE,
    Button.BackButton,
    Button.NextButton,
    Button.CommitButton,
    Button.FinishButton,
    Button.CancelButton,
)


def guidance_text(visible: bool) -> str:
    return tr("Wizard", "Hide &guidance") if visible else tr("Wizard", "Show &guidance")


def set_up(wizard: QWizard, toggle_guidance: Callable[[], None]) -> None:
    """Add the guidance button and F1; Tab reaches the buttons as they read, left to right."""
    wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
    wizard.setButtonText(GUIDANCE, guidance_text(True))
    wizard.customButtonClicked.connect(
        lambda which: toggle_guidance() if which == GUIDANCE.value else None
    )
    QShortcut(QKeySequence("F1"), wizard, toggle_guidance)
    buttons = [wizard.button(which) for which in ROW]
    for first, second in zip(buttons, buttons[1:], strict=False):
        QWidget.setTabOrder(first, second)


def set_busy(wizard: QWizard, busy: bool) -> None:
    """No Back, Next, Finish or Cancel while a commit is under way."""
    for which in ROW[1:]:
        button = wizard.button(which)
        if button is not None:
            button.setEnabled(not busy)
