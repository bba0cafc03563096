"""Supervision: the caseload summary (no risk content, a flag only) and the supervision notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain.audit_head import format_head
from engager_desktop.i18n import N_, tr, trn
from engager_desktop.ui import labels, ops
from engager_desktop.ui.a11y import (
    SpokenLabel,
    closes_like_a_dialog,
    focus_first_field,
    label_for,
    tab_leaves,
    window_role,
)
from engager_desktop.ui.guidance_panel import FoldingGuidance
from engager_desktop.ui.models.rows_model import TextRow
from engager_desktop.ui.workspace.parts import Table

SUMMARY_HEADERS = (
    N_("Supervision", "Name"),
    N_("Supervision", "Phase"),
    N_("Supervision", "Release in"),
    N_("Supervision", "Overdue"),
    N_("Supervision", "Distress"),
    N_("Supervision", "Risk notes"),
    N_("Supervision", "Sessions"),
)
NOTE_HEADERS = (
    N_("Supervision", "Held on"),
    N_("Supervision", "Type"),
    N_("Supervision", "Cases discussed"),
    N_("Supervision", "Reflections"),
    N_("Supervision", "Actions"),
)
NOTE_TEXTS = (
    ("cases_discussed", N_("Supervision", "&Cases discussed:")),
    ("risk", N_("Supervision", "Ris&k:")),
    ("reflections", N_("Supervision", "&Reflections:")),
    ("actions", N_("Supervision", "&Actions agreed:")),
)


def summary_rows(summary: Any) -> list[TextRow]:
    rows = []
    for line in summary.lines:
        trend = labels.word(labels.TREND, line.distress_trend)
        if line.latest_distress is not None:
            trend = f"{trend} ({line.latest_distress})"
        held = str(line.sessions_held)
        if line.sessions_planned:
            held = tr("Supervision", "{held} of {planned}").format(
                held=line.sessions_held, planned=line.sessions_planned
            )
        rows.append(
            TextRow(
                (
                    line.preferred_name,
                    labels.word(labels.PHASE, line.phase),
                    labels.days_to_release(line.days_to_release),
                    str(line.overdue_steps) if line.overdue_steps else "",
                    trend,
                    labels.yes_no(True) if line.risk_flag else "",
                    held,
                ),
                id=line.man_id,
                sort_keys=(
                    line.preferred_name,
                    line.phase,
                    line.days_to_release if line.days_to_release is not None else 10**6,
                    line.overdue_steps,
                    line.distress_trend,
                    line.risk_flag,
                    line.sessions_held,
                ),
            )
        )
    return rows


class NoteForm(QWidget):
    """A new supervision note: its type, date, and what was discussed, reflected on and agreed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for key in labels.SUPERVISION:
            self.kind.addItem(labels.word(labels.SUPERVISION, key), key)
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("d MMM yyyy")
        tab_leaves(self.held_on)
        self.texts: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        form.addRow(label_for(tr("Supervision", "&Type of supervision:"), self.kind), self.kind)
        form.addRow(label_for(tr("Supervision", "&Held on:"), self.held_on), self.held_on)
        for key, english in NOTE_TEXTS:
            text = tr("Supervision", english)
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
            self.texts[key] = edit
            form.addRow(label_for(text, edit), edit)
        self.save_button = QPushButton(tr("Supervision", "&Save the note"))
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        form.addRow(row)

    def note(self) -> Any:
        from engager_desktop.services.supervision import NoteInput

        def text(key: str) -> str | None:
            return self.texts[key].toPlainText().strip() or None

        held = self.held_on.date()
        return NoteInput(
            kind=self.kind.currentData(),
            held_on=date(held.year(), held.month(), held.day()),
            cases_discussed=text("cases_discussed"),
            risk=text("risk"),
            reflections=text("reflections"),
            actions=text("actions"),
        )

    def clear(self) -> None:
        for edit in self.texts.values():
            edit.clear()


class SupervisionView(QWidget):
    def __init__(self, vault: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("Supervision", "Supervision"))
        self.setAccessibleName(tr("Supervision", "Supervision"))
        closes_like_a_dialog(window_role(self))
        self._vault = vault
        self._notes: list[Any] = []
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.summary = Table(
            tr("Supervision", "Caseload summary"),
            [tr("Supervision", text) for text in SUMMARY_HEADERS],
            empty=tr("Supervision", "No men on the caseload."),
            fit=False,
        )
        self.notes = Table(
            tr("Supervision", "Supervision notes"),
            [tr("Supervision", text) for text in NOTE_HEADERS],
            empty=tr("Supervision", "No supervision notes yet."),
            fit=False,
        )
        self.form = NoteForm()
        tabs = QTabWidget()
        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.addWidget(self.head)
        summary_layout.addWidget(self.summary, 1)
        notes_page = QWidget()
        notes_layout = QVBoxLayout(notes_page)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addLayout(self._note_buttons())
        notes_layout.addWidget(self.form)
        tabs.addTab(summary_page, tr("Supervision", "&Caseload summary"))
        tabs.addTab(notes_page, tr("Supervision", "&Notes"))
        tabs.setAccessibleName(tr("Supervision", "Supervision"))
        self.tabs = tabs
        self.guidance = FoldingGuidance("supervision")
        layout = QVBoxLayout(self)
        layout.addWidget(self.guidance)
        layout.addWidget(tabs, 1)
        self.form.save_button.clicked.connect(self.save_note)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._save_shortcut)
        focus_first_field(self)  # opens on its first field, not the guidance button
        self.resize(1000, 700)
        self.refresh()

    def _note_buttons(self) -> QHBoxLayout:
        """Change or remove the chosen note (Enter or a double-click on a row changes it)."""
        self.change_button = QPushButton(tr("Supervision", "Chan&ge the chosen note…"))
        self.change_button.setObjectName("supervision_change")
        self.remove_button = QPushButton(tr("Supervision", "Remo&ve the chosen note…"))
        self.remove_button.setObjectName("supervision_remove")
        self.change_button.clicked.connect(self.change_note)
        self.remove_button.clicked.connect(self.remove_note)
        self.notes.view.activated.connect(lambda _index: self.change_note())
        tip = tr("Supervision", "Press Enter or double-click a note to change it.")
        self.notes.view.setToolTip(tip)
        self.notes.view.setAccessibleDescription(tip)
        self.confirm_remove = self._ask_remove
        self.dialogs: list[QWidget] = []
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        return row

    def _chosen(self) -> Any:
        chosen = self.notes.chosen_id()
        note = next((n for n in self._notes if n.id == chosen), None)
        if note is None:
            self.form.status.setText(tr("Supervision", "Choose a note in the list first."))
        return note

    def change_note(self) -> Any:
        from engager_desktop.ui.forms.supervision_note_dialog import SupervisionNoteDialog

        if (note := self._chosen()) is None:
            return None
        dialog = SupervisionNoteDialog(self._vault, note, self)
        dialog.saved.connect(lambda _r: self._changed(tr("Supervision", "Note changed.")))
        self.dialogs = [*self.dialogs[-4:], dialog]
        dialog.open()
        return dialog

    def remove_note(self) -> None:
        from engager_desktop.services import supervision

        if (note := self._chosen()) is None or not self.confirm_remove(note):
            return
        vault = self._vault
        ops.run(
            lambda: supervision.remove_note(vault, note.id),
            lambda _none: self._changed(tr("Supervision", "Note removed.")),
            lambda message, _exc: self.form.status.setText(message),
            owner=self,
        )

    def _ask_remove(self, note: Any) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            tr("Supervision", "Remove the note"),
            tr(
                "Supervision", "Remove the supervision note of {day}? This cannot be undone."
            ).format(day=labels.day(note.held_on)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _changed(self, message: str) -> None:
        self.form.status.setText(message)
        self.refresh()

    def refresh(self) -> None:
        from engager_desktop.services import supervision

        vault = self._vault
        ops.run(
            lambda: (supervision.caseload_summary(vault), supervision.notes(vault)),
            self._loaded,
            lambda message, _exc: self.head.setText(message),
            owner=self,
        )

    def _loaded(self, result: tuple[Any, list[Any]]) -> None:
        summary, notes = result
        self._notes = list(notes)
        self.head.setText(
            tr(
                "Supervision",
                "Made on {day} for {men} not closed. Audit log: {entries}; its head, "
                "for check --head: {head}.",
            ).format(
                day=labels.day(summary.made_on),
                men=trn("Supervision", "{n} man", "{n} men", len(summary.lines)),
                entries=trn("Supervision", "{n} entry", "{n} entries", summary.audit_count),
                head=format_head(summary.audit_count, summary.audit_hash[:16]),
            )
        )
        self.summary.set_rows(summary_rows(summary))
        self.notes.set_rows(
            [
                TextRow(
                    (
                        labels.day(n.held_on),
                        labels.word(labels.SUPERVISION, n.kind),
                        n.cases_discussed or "",
                        n.reflections or "",
                        n.actions or "",
                    ),
                    id=n.id,
                    sort_keys=(n.held_on, n.kind, "", "", ""),
                )
                for n in notes
            ]
        )

    def _save_shortcut(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.save_note()

    def save_note(self) -> None:
        from engager_desktop.services import supervision

        vault = self._vault
        note = self.form.note()
        self.form.save_button.setEnabled(False)

        def saved(_id: Any) -> None:
            self.form.save_button.setEnabled(True)
            self.form.clear()
            self.form.status.setText(tr("Supervision", "Note saved."))
            self.refresh()

        def refused(message: str, _exc: BaseException) -> None:
            self.form.save_button.setEnabled(True)
            self.form.status.setText(message)

        ops.run(lambda: supervision.add_note(vault, note), saved, refused, owner=self)
