"""A new passphrase typed twice, with live strength feedback and a generated suggestion."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from engager_desktop.crypto import passphrase_strength
from engager_desktop.i18n import N_, tr
from engager_desktop.ui.a11y import label_for

STRENGTH_WORDS = (
    N_("Unlock", "very weak"),
    N_("Unlock", "weak"),
    N_("Unlock", "fair"),
    N_("Unlock", "strong"),
    N_("Unlock", "very strong"),
)


class PassphraseInput(QWidget):
    """``acceptable()`` is true when the policy accepts the passphrase and both copies match."""

    changed = Signal()

    def __init__(self, context_words: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = tuple(context_words)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setObjectName("new_passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setObjectName("repeat_passphrase")
        self.show_box = QCheckBox(tr("Unlock", "Show the passphrase"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(tr("Unlock", "Passphrase strength"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("strength_feedback")
        self.suggestion = QLineEdit()
        self.suggestion.setReadOnly(True)
        self.suggestion.setObjectName("suggestion")
        self.use_button = QPushButton(tr("Unlock", "Use this suggestion"))
        self.another_button = QPushButton(tr("Unlock", "Another suggestion"))
        self._build()
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.show_box.toggled.connect(self._show)
        self.use_button.clicked.connect(self.use_suggestion)
        self.another_button.clicked.connect(self.new_suggestion)
        self.new_suggestion()
        self._update()

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label_for(tr("Unlock", "&New passphrase:"), self.first), 0, 0)
        grid.addWidget(self.first, 0, 1)
        grid.addWidget(self.show_box, 1, 1)
        grid.addWidget(QLabel(tr("Unlock", "Strength:")), 2, 0)
        grid.addWidget(self.meter, 2, 1)
        grid.addWidget(self.feedback, 3, 1)
        grid.addWidget(label_for(tr("Unlock", "Su&ggestion:"), self.suggestion), 4, 0)
        row = QHBoxLayout()
        row.addWidget(self.suggestion, 1)
        row.addWidget(self.use_button)
        row.addWidget(self.another_button)
        grid.addLayout(row, 4, 1)
        grid.addWidget(label_for(tr("Unlock", "&Type it again:"), self.second), 5, 0)
        grid.addWidget(self.second, 5, 1)
        grid.setColumnStretch(1, 1)

    def set_context_words(self, words: Sequence[str]) -> None:
        self._context = tuple(words)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def new_suggestion(self) -> None:
        self.suggestion.setText(passphrase_strength.suggest())

    def use_suggestion(self) -> None:
        """Copy the suggestion into both fields and show it, so it can be written down."""
        self.show_box.setChecked(True)
        self.first.setText(self.suggestion.text())
        self.second.setText(self.suggestion.text())

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def problems(self) -> list[str]:
        """Why the passphrase cannot be used yet (empty when it can)."""
        text = self.first.text()
        if not text:
            return [tr("Unlock", "Type a passphrase, or use the suggestion.")]
        result = passphrase_strength.assess(text, self._context)
        reasons = [r[:1].upper() + r[1:] + "." for r in result.reasons]
        if not result.acceptable and not reasons:
            reasons = [tr("Unlock", "It would be too easy to guess.")]
        if result.acceptable and self.second.text() != text:
            reasons.append(tr("Unlock", "The two copies are not the same yet."))
        return reasons

    def acceptable(self) -> bool:
        return not self.problems()

    def _update(self) -> None:
        text = self.first.text()
        score = passphrase_strength.assess(text, self._context).score if text else 0
        self.meter.setValue(score)
        self.meter.setFormat(
            tr("Unlock", STRENGTH_WORDS[score]) if text else tr("Unlock", "nothing typed yet")
        )
        problems = self.problems()
        self.feedback.setText(
            "\n".join(problems) if problems else tr("Unlock", "Good: this passphrase is strong.")
        )
        self.meter.setAccessibleDescription(self.meter.format())
        self.changed.emit()
