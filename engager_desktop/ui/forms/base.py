"""A small form dialog: labelled fields, a message beside each refused field, saving through ops."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels, ops
from engager_desktop.ui.a11y import announce, buttons_last, focus_first_field, label_for, tab_leaves

ERROR_STYLE = "color: #a00000"
CHECK_FIELD = N_("FormDialog", "Please check the field marked below.")


class FormDialog(QDialog):
    """Subclasses add fields with ``field`` and implement ``work`` (runs off the UI thread)."""

    saved = Signal(object)

    def __init__(self, vault: Any, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._settled = False

    def showEvent(self, event: QShowEvent) -> None:
        """On first showing: Save and Cancel after the fields in Tab order, focus on the first."""
        super().showEvent(event)
        if not self._settled:
            self._settled = True
            buttons_last(self, self.buttons)
            focus_first_field(self)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def field(self, key: str, text: str, widget: QWidget, *aliases: str) -> Any:
        """Add ``widget`` with its label (its accessible name) and an error line under it.

        ``aliases``: other field names the service may use for the same input.
        """
        widget.setObjectName(key)
        self.form.addRow(label_for(text, widget), widget)
        error = QLabel()
        error.setObjectName(f"{key}_error")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        self.form.addRow("", error)
        for name in (key, *aliases):
            self.inputs[name] = widget
            self.errors[name] = error
        return widget

    def row(self, widget: QWidget) -> Any:
        """A widget that names itself (a check box, a button row)."""
        self.form.addRow("", widget)
        return widget

    # ------------------------------------------------------------------ saving

    def work(self) -> Callable[[], Any]:
        """What saving does: a function to run in a worker (read the widgets here, not there)."""
        raise NotImplementedError

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return
        for key, label in self.errors.items():
            if label.isVisibleTo(self):
                self.inputs[key].setAccessibleDescription("")
            label.hide()
        self.status.clear()
        try:
            fn = self.work()
        except ValueError as exc:  # a field read on the UI thread was refused
            self._refused(ops.plain_message(exc), exc)
            return
        self.buttons.setEnabled(False)
        self.status.setText(tr("FormDialog", "Saving…"))
        ops.run(fn, self._saved, self._refused, owner=self)

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.status.clear()
        announce(self.parentWidget() or self, tr("FormDialog", "Saved."))
        self.saved.emit(result)
        self.accept()

    def _refused(self, message: str, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        key = getattr(exc, "field", None)
        if key in self.errors:
            self.status.setText(tr("FormDialog", CHECK_FIELD))
            self.errors[key].setText(message)
            self.errors[key].show()
            self.inputs[key].setFocus()
            self.inputs[key].setAccessibleDescription(message)
        else:
            self.status.setText(message)
        announce(self.status, message, assertive=True)

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if label.isVisibleTo(self) else ""


# ---------------------------------------------------------------------- input helpers


def line(text: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(max_length)
    return edit


def paragraph(text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(80)
    return edit


def worded(table: dict[str, str]) -> dict[str, str]:
    """A practice vocabulary of ``ui.labels`` ({value: English}) in the language in use."""
    return {key: labels.word(table, key) for key in table}


def choice(words: dict[str, str], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for key, word in words.items():
        box.addItem(word, key)
    if current is not None and box.findData(current) >= 0:
        box.setCurrentIndex(box.findData(current))
    return box


def day_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    tab_leaves(edit)
    return edit


def moment_edit(when: datetime) -> QDateTimeEdit:
    """An editor of wall-clock time, starting at ``when`` (shown in London time)."""
    when = labels.local(when)
    start = QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
    edit = QDateTimeEdit(start)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy HH:mm")
    tab_leaves(edit)
    return edit


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def moment_of(edit: QDateTimeEdit) -> datetime:
    """The wall-clock time typed, as an aware London time."""
    value = edit.dateTime()
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=labels.LONDON)


def text_of(widget: QLineEdit | QPlainTextEdit) -> str | None:
    value = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    return value.strip() or None


def yes_no_unknown(value: bool | None) -> QComboBox:
    box = QComboBox()
    for data in (None, True, False):
        box.addItem(labels.yes_no(data), data)
    box.setCurrentIndex({None: 0, True: 1, False: 2}[value])
    return box


def tri_state(box: QComboBox) -> bool | None:
    return {0: None, 1: True, 2: False}[box.currentIndex()]
