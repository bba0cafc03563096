"""The guidance panel: practice prompts for a wizard page, tab or window, cautions marked.

``GuidancePanel`` sits beside a wizard page's form. ``FoldingGuidance`` is the same panel behind a
button, for tabs and windows where it must not crowd the screen at 1024×768.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from engager_desktop.domain import guidance
from engager_desktop.domain.guidance import Prompt
from engager_desktop.i18n import N_, tr, trn

CAUTION_WORDS = N_("GuidancePanel", "Take care:")
TOGGLE_HINT = N_("GuidancePanel", "F1 hides or shows this guidance.")
SHARED_WORDS = N_("GuidancePanel", "Also useful here:")
FOLDED_HEIGHT_LINES = 14  # an opened folding panel shows about this many lines, then scrolls

Places = str | Sequence[str]


def _places(places: Places) -> tuple[str, ...]:
    return (places,) if isinstance(places, str) else tuple(places)


def _starts_shared(before: Prompt, prompt: Prompt, own: Sequence[str]) -> bool:
    return guidance.is_own(before, own) and not guidance.is_own(prompt, own)


def prompts_html(prompts: Sequence[Prompt], places: Places = ()) -> str:
    """The prompts as simple HTML: the page's own first, cautions marked in words, each sourced."""
    if not prompts:
        return f"<p>{escape(tr('GuidancePanel', 'No guidance for this page.'))}</p>"
    parts = []
    own = _places(places)
    for index, prompt in enumerate(prompts):
        if own and index and _starts_shared(prompts[index - 1], prompt, own):
            shared = escape(tr("GuidancePanel", SHARED_WORDS))
            parts.append(f'<p style="color:#555555;"><i>{shared}</i></p>')
        evidence = ", ".join(prompt.evidence)
        points = ", ".join(prompt.points)
        mark = f"<b>{escape(tr('GuidancePanel', CAUTION_WORDS))}</b> " if prompt.caution else ""
        sources = tr("GuidancePanel", "Evidence: {evidence} ({points})").format(
            evidence=evidence, points=points
        )
        style = (
            ' style="background-color:#fff4e5; border-left: 3px solid #b35c00;"'
            if prompt.caution
            else ""
        )
        parts.append(
            f"<p{style}>{mark}{escape(prompt.text)}<br>"
            f'<span style="color:#555555;">{escape(sources)}</span></p>'
        )
    return "".join(parts)


def prompts_text(prompts: Sequence[Prompt]) -> str:
    """The same prompts as plain text (what a screen reader is told the panel holds)."""
    lines = []
    for prompt in prompts:
        mark = tr("GuidancePanel", CAUTION_WORDS) + " " if prompt.caution else ""
        sources = tr("GuidancePanel", "Evidence: {evidence}.").format(
            evidence=", ".join(prompt.evidence)
        )
        lines.append(f"{mark}{prompt.text} {sources}")
    return "\n".join(lines)


class GuidancePanel(QFrame):
    """Read-only, selectable prompts for one or more places (``domain.guidance.PLACES``)."""

    def __init__(
        self, place: Places, parent: QWidget | None = None, *, hint: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.places = _places(place)
        self.place = self.places[0]
        self.prompts = guidance.for_places(self.places)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel(f"<b>{escape(tr('GuidancePanel', 'Guidance'))}</b>", self)
        title.setAccessibleName(tr("GuidancePanel", "Guidance"))
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
        self.browser.setAccessibleName(tr("GuidancePanel", "Practice guidance for this page"))
        self.browser.setAccessibleDescription(prompts_text(self.prompts))
        self.browser.setHtml(prompts_html(self.prompts, self.places))
        layout.addWidget(self.browser, 1)
        if hint is None:
            hint = tr("GuidancePanel", TOGGLE_HINT)
        if hint:
            hint_label = QLabel(hint, self)
            hint_label.setStyleSheet("color:#555555;")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)

    @property
    def cautions(self) -> list[Prompt]:
        return [prompt for prompt in self.prompts if prompt.caution]

    def plain_text(self) -> str:
        return self.browser.toPlainText()


def fold_text(prompts: Sequence[Prompt], opened: bool) -> str:
    """The folding button's words: what it does, and how many prompts and cautions it holds."""
    cautions = sum(prompt.caution for prompt in prompts)
    count = trn("GuidancePanel", "{n} prompt", "{n} prompts", len(prompts))
    if cautions:
        count = trn(
            "GuidancePanel", "{prompts}, {n} caution", "{prompts}, {n} cautions", cautions
        ).format(prompts=count)
    if opened:
        return tr("GuidancePanel", "Hide guidance ({count})").format(count=count)
    return tr("GuidancePanel", "Show guidance ({count})").format(count=count)


class FoldingGuidance(QWidget):
    """A button that opens and closes the guidance panel for a tab or window (closed at first)."""

    def __init__(self, place: Places, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("foldingGuidance")
        self.panel = GuidancePanel(place, self, hint="")
        self.panel.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        lines = self.panel.browser.fontMetrics().lineSpacing() * FOLDED_HEIGHT_LINES
        self.panel.setMaximumHeight(lines)
        self.button = QToolButton(self)
        self.button.setObjectName("guidanceToggle")
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.toggled.connect(self.set_open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.panel)
        self.set_open(False)

    @property
    def prompts(self) -> list[Prompt]:
        return self.panel.prompts

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_open(self, opened: bool) -> None:
        if self.button.isChecked() != opened:
            self.button.setChecked(opened)  # toggled comes back here
            return
        self.panel.setVisible(opened)
        arrow = Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow
        self.button.setArrowType(arrow)
        words = fold_text(self.prompts, opened)
        self.button.setText(words)
        self.button.setAccessibleName(words)
