"""Add a man to the caseload: his names, prison number, prison and expected release date.

A refused field shows its message beside it; nothing is saved until every field is right.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import announce, buttons_last, focus_first_field, label_for, tab_leaves
from engager_desktop.ui.document_languages import DOCUMENT_LANGUAGES

FIELDS = (
    ("given_name", N_("NewMan", "&Given name:"), True),
    ("family_name", N_("NewMan", "&Family name:"), True),
    ("preferred_name", N_("NewMan", "&Wants to be called:"), True),
    ("prison_number", N_("NewMan", "Prison &number:"), False),
    ("establishment", N_("NewMan", "Pri&son:"), False),
)


REQUIRED = {key for key, _text, required in FIELDS if required}


class NewManDialog(QDialog):
    created = Signal(str)

    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("NewMan", "Add a man to the caseload"))
        self.setAccessibleName(tr("NewMan", "Add a man to the caseload"))
        self._vault = vault
        self._preferred_touched = False
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text, required in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            label = label_for(
                tr("NewMan", text), edit, description=tr("NewMan", "Required") if required else None
            )
            form.addRow(label, edit)
            form.addRow("", self._error_label(key))
            self.edits[key] = edit
        self.language = QComboBox()
        self.language.setObjectName("document_language")
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        language_label = label_for(tr("NewMan", "Language of his &papers:"), self.language)
        form.addRow(language_label, self.language)
        self.release_known = QCheckBox(tr("NewMan", "His release date is known"))
        self.release = QDateEdit()
        self.release.setCalendarPopup(True)
        self.release.setDisplayFormat("d MMM yyyy")
        self.release.setDate(QDate.currentDate().addMonths(3))
        self.release.setEnabled(False)
        tab_leaves(self.release)
        form.addRow("", self.release_known)
        form.addRow(label_for(tr("NewMan", "Expected &release:"), self.release), self.release)
        form.addRow("", self._error_label("expected_release"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        intro = QLabel(
            tr(
                "NewMan",
                "His given name, family name and the name he wants to be called are needed; "
                "the rest can be added later.",
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.release_known.toggled.connect(self.release.setEnabled)
        self.edits["given_name"].textChanged.connect(self._copy_given)
        self.setMinimumWidth(520)
        self._settled = False
        self.edits["preferred_name"].textEdited.connect(self._preferred_edited)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._settled:  # first showing: focus on the first field, not on Save
            self._settled = True
            buttons_last(self, self.buttons)
            focus_first_field(self)

    def _error_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"{key}_error")
        label.setWordWrap(True)
        label.setStyleSheet("color: #a00000")
        label.hide()
        self.errors[key] = label
        return label

    def _copy_given(self, text: str) -> None:
        if not self._preferred_touched:
            self.edits["preferred_name"].setText(text)

    def _preferred_edited(self, _text: str) -> None:
        self._preferred_touched = True

    def form(self) -> Any:
        from engager_desktop.services.participants import ParticipantForm

        def text(key: str) -> str | None:
            value = self.edits[key].text().strip()
            return value or None

        chosen = self.release.date()
        release = (
            date(chosen.year(), chosen.month(), chosen.day())
            if self.release_known.isChecked()
            else None
        )
        return ParticipantForm(
            given_name=text("given_name") or "",
            family_name=text("family_name") or "",
            preferred_name=text("preferred_name") or "",
            prison_number=text("prison_number"),
            establishment=text("establishment"),
            expected_release=release,
            document_language=self.language.currentData() or None,
        )

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return
        for key, label in self.errors.items():
            if label.isVisibleTo(self):
                self.edits.get(key, self.release).setAccessibleDescription(
                    tr("NewMan", "Required") if key in REQUIRED else ""
                )
            label.hide()
        form = self.form()
        vault = self._vault
        self.buttons.setEnabled(False)
        self.status.setText(tr("NewMan", "Saving…"))

        def work() -> Any:
            from engager_desktop.services.participants import create_participant

            return create_participant(vault, form)

        ops.run(work, self._saved, self._refused, owner=self)

    def _saved(self, view: Any) -> None:
        self.buttons.setEnabled(True)
        self.status.clear()
        announce(self.parentWidget() or self, tr("NewMan", "Saved."))
        self.created.emit(view.id)
        self.accept()

    def _refused(self, message: str, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = getattr(exc, "field", None)
        if field in self.errors:
            self.status.setText(tr("NewMan", "Please check the field marked below."))
            self.errors[field].setText(message)
            self.errors[field].show()
            target = self.edits.get(field, self.release)
            target.setFocus()
            target.setAccessibleDescription(message)
        else:
            self.status.setText(message)
        announce(self.status, message, assertive=True)
