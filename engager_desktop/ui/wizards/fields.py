"""One labelled input of a wizard page: its widget, accessible name, value, checks and message.

Values are plain JSON data so a draft can hold them as typed: text and typed dates are strings,
ticks are booleans, yes / no / not known is ``"yes"``, ``"no"`` or ``""``, a choice is its stored
value, a number is an int or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.validation import ValidationError, check_length
from engager_desktop.i18n import N_, short_date, tr, weekday_short
from engager_desktop.services.typed_input import (
    MEDIUM,
    BadInput,
    parse_date,
    parse_time,
)

TEXT, BOX, DATE, TIME, CHECK, TRI, CHOICE, NUMBER = (
    "text",
    "box",
    "date",
    "time",
    "check",
    "tri",
    "choice",
    "number",
)
TRI_OPTIONS = (
    (N_("Wizard", "Not yet known"), ""),
    (N_("Wizard", "Yes"), "yes"),
    (N_("Wizard", "No"), "no"),
)
NEEDED = N_("Wizard", "Needed before you can go on.")
ERROR_STYLE = "color: #a4000f; font-weight: 600;"
HINT_STYLE = "color: #555555;"


@dataclass(frozen=True)
class Spec:
    """What one input is: its key in the wizard's values, its label and how it is checked."""

    key: str
    label: str
    kind: str = TEXT
    required: bool = False
    limit: int | None = MEDIUM
    options: Sequence[tuple[str, str]] = ()  # (shown, stored) for a choice
    lines: int = 3  # height of a text box, in lines
    sensitive: bool = False
    hint: str | None = None
    low: int = 0  # a number's range; ``low`` is shown as ``special`` when that is given
    high: int = 10
    special: str | None = None
    wide: bool = False  # in a row list: spans the whole row


def spec_in(context: str, spec: Spec) -> Spec:
    """``spec`` with its label, hint and special words in the language in use (marked with
    ``N_(context, ...)`` where the spec was defined); choice words are translated as shown."""
    return replace(
        spec,
        label=tr(context, spec.label),
        hint=tr(context, spec.hint) if spec.hint else spec.hint,
        special=tr(context, spec.special) if spec.special else spec.special,
    )


def day_words(day: date | None) -> str:
    """A date for reading in the language in use: "Thu 5 Nov 2026" / "Iau 5 Tach 2026"."""
    if day is None:
        return tr("Wizard", "no date")
    return f"{weekday_short(day)} {short_date(day)}"


def tri_text(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def plain_label(spec: Spec) -> str:
    return spec.label.replace("&", "").rstrip(":")


class _NumberBox(QSpinBox):
    """A number box whose text is selected on entry, so typing replaces it (also "Not agreed")."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self.selectAll)  # dropped if the box is gone by then


class Field:
    """The widgets of one input; ``prefix`` goes before the accessible name in a row list."""

    def __init__(self, spec: Spec, parent: QWidget, prefix: str = "") -> None:
        self.spec = spec
        self.about = ""  # what the input is about (a row's step), told to the reader after its name
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        self.widget = self._make_widget()
        name = f"{prefix}{plain_label(spec)}"
        self.widget.setAccessibleName(name)
        if isinstance(self.widget, QComboBox):
            self.widget.view().setAccessibleName(f"{name}: choices")
        self.widget.setObjectName(spec.key)
        self.label: QLabel | None = None
        if spec.kind != CHECK:
            self.label = QLabel(self._label_text(), self.container)
            self.label.setWordWrap(True)
            self.label.setBuddy(self.widget)
            layout.addWidget(self.label)
        layout.addWidget(self.widget)
        if spec.hint:
            hint = QLabel(spec.hint, self.container)
            hint.setWordWrap(True)
            hint.setStyleSheet(HINT_STYLE)
            self.widget.setAccessibleDescription(spec.hint)
            layout.addWidget(hint)
        self.error = QLabel(self.container)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        self._problem: str | None = None
        self.on_change(self._live_check)

    # --- building ----------------------------------------------------------------------------

    def _label_text(self) -> str:
        text = self.spec.label
        if self.spec.sensitive:
            text += " " + tr("Wizard", "(sensitive: kept out of print unless you choose)")
        if self.spec.required:
            text += " " + tr("Wizard", "(needed)")
        return text

    def _make_widget(self) -> QWidget:
        spec = self.spec
        parent = self.container
        if spec.kind == BOX:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)  # Tab moves on, so the form works by keyboard alone
            box.setFixedHeight(box.fontMetrics().lineSpacing() * spec.lines + 14)
            return box
        if spec.kind == CHECK:
            return QCheckBox(spec.label, parent)
        if spec.kind in (TRI, CHOICE):
            combo = QComboBox(parent)
            # As wide as the form gives it, not as its longest choice (longer in Welsh); the
            # list that opens still shows every choice whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            for shown, stored in TRI_OPTIONS if spec.kind == TRI else spec.options:
                combo.addItem(tr("Wizard", shown), stored)
            return combo
        if spec.kind == NUMBER:
            spin = _NumberBox(parent)
            spin.setRange(spec.low, spec.high)
            if spec.special:
                spin.setSpecialValueText(spec.special)
                spin.setValue(spec.low)
            return spin
        line = QLineEdit(parent)
        if spec.kind == DATE:
            line.setPlaceholderText(tr("Wizard", "dd/mm/yyyy"))
            line.editingFinished.connect(self.show_format_problem)
        elif spec.kind == TIME:
            line.setPlaceholderText(tr("Wizard", "hh:mm"))
            line.editingFinished.connect(self.show_format_problem)
        return line

    # --- value -------------------------------------------------------------------------------

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return "" if data is None else str(data)
        if isinstance(w, QSpinBox):
            return None if self.spec.special and w.value() == w.minimum() else w.value()
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            if w.toPlainText() != (value or ""):
                w.setPlainText(str(value or ""))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            index = w.findData("" if value is None else str(value))
            w.setCurrentIndex(max(index, 0))
        elif isinstance(w, QSpinBox):
            w.setValue(w.minimum() if value is None else int(value))
        elif isinstance(w, QLineEdit) and w.text() != (value or ""):
            w.setText(str(value or ""))

    def on_change(self, callback: Callable[[], None]) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit | QLineEdit):
            w.textChanged.connect(lambda *_: callback())
        elif isinstance(w, QCheckBox):
            w.toggled.connect(lambda *_: callback())
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(lambda *_: callback())
        elif isinstance(w, QSpinBox):
            w.valueChanged.connect(lambda *_: callback())

    def is_empty(self) -> bool:
        value = self.value()
        return value is None or (isinstance(value, str) and not value.strip())

    # --- checks ------------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the typed value cannot be saved, or None."""
        if self.spec.required and self.is_empty():
            return tr("Wizard", NEEDED)
        return self._format_problem()

    def _format_problem(self) -> str | None:
        value = self.value()
        if not isinstance(value, str):
            return None
        try:
            if self.spec.kind == DATE:
                parse_date(value)
            elif self.spec.kind == TIME:
                parse_time(value)
            elif self.spec.limit is not None:
                check_length(value.strip(), plain_label(self.spec), self.spec.limit)
        except (BadInput, ValidationError) as exc:
            return str(exc)
        return None

    def show_problem(self, message: str | None) -> None:
        self._problem = message
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.widget.setAccessibleDescription(self.description(message))

    def set_about(self, text: str) -> None:
        """Say which thing (a step, a row) this input is about, as its description."""
        self.about = " ".join(text.split())
        self.widget.setAccessibleDescription(self.description(self._problem))

    def description(self, message: str | None = None) -> str:
        parts = [part for part in (message, self.about, self.spec.hint) if part]
        if len(parts) == 1:
            return parts[0]
        return " ".join(p if p.endswith((".", "?", "!")) else f"{p}." for p in parts)

    def show_format_problem(self) -> None:
        problem = self._format_problem()
        if problem or self._problem:
            self.show_problem(problem)

    def _live_check(self) -> None:
        """While typing: over-long text is said at once; a stale message goes when fixed."""
        if self.spec.kind in (DATE, TIME):
            if self._problem and not self._format_problem():
                self.show_problem(None)
            return
        problem = self._format_problem()
        if problem is None and self.spec.required and self.is_empty():
            problem = tr("Wizard", NEEDED)
        if problem != self._problem:
            self.show_problem(problem)

    def focus_widgets(self) -> list[QWidget]:
        return [self.widget]
