"""The guidance panel: practice prompts for one wizard page or tab, cautions marked and sourced."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from engager_desktop.domain import guidance
from engager_desktop.domain.guidance import Prompt

CAUTION_WORDS = "Take care:"
TOGGLE_HINT = "F1 hides or shows this guidance."


def prompts_html(prompts: Sequence[Prompt]) -> str:
    """The prompts as simple HTML: cautions first and marked in words, each with its evidence."""
    if not prompts:
        return "<p>No guidance for this page.</p>"
    parts = []
    for prompt in prompts:
        evidence = ", ".join(prompt.evidence)
        points = ", ".join(prompt.points)
        mark = f"<b>{CAUTION_WORDS}</b> " if prompt.caution else ""
        style = (
            ' style="background-color:#fff4e5; border-left: 3px solid #b35c00;"'
            if prompt.caution
            else ""
        )
        parts.append(
            f"<p{style}>{mark}{escape(prompt.text)}<br>"
            f'<span style="color:#555555;">Evidence: {escape(evidence)} ({escape(points)})'
            "</span></p>"
        )
    return "".join(parts)


def prompts_text(prompts: Sequence[Prompt]) -> str:
    """The same prompts as plain text (what a screen reader is told the panel holds)."""
    lines = []
    for prompt in prompts:
        mark = f"{CAUTION_WORDS} " if prompt.caution else ""
        lines.append(f"{mark}{prompt.text} Evidence: {', '.join(prompt.evidence)}.")
    return "\n".join(lines)


class GuidancePanel(QFrame):
    """Read-only, selectable prompts for ``place`` (one of ``domain.guidance.PLACES``)."""

    def __init__(self, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.place = place
        self.prompts = guidance.for_place(place)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel("<b>Guidance</b>", self)
        title.setAccessibleName("Guidance")
        layout.addWidget(title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guidanceText")
        self.browser.setOpenLinks(False)
        self.browser.setReadOnly(True)
        self.browser.setTabChangesFocus(True)
        # Reachable by mouse and by screen reader; not a Tab stop between a form's inputs.
        self.browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.browser.setAccessibleName("Practice guidance for this page")
        self.browser.setAccessibleDescription(prompts_text(self.prompts))
        self.browser.setHtml(prompts_html(self.prompts))
        layout.addWidget(self.browser, 1)
        hint = QLabel(TOGGLE_HINT, self)
        hint.setStyleSheet("color:#555555;")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    @property
    def cautions(self) -> list[Prompt]:
        return [prompt for prompt in self.prompts if prompt.caution]

    def plain_text(self) -> str:
        return self.browser.toPlainText()
