"""Shared pieces of the data-protection dialogs: his name read off the UI thread, and the shape
of a dialog about one man (a message naming him, the dialog's own fields, a status line, a report
shown once done, the buttons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services.mentions import Mention, mentions_of
from engager_desktop.services.participants import get_participant
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import SpokenLabel


def man_name(vault: Any, man_id: str) -> str:
    man = get_participant(vault, man_id)
    full = f"{man.given_name} {man.family_name}".strip()
    if man.preferred_name and man.preferred_name != man.given_name:
        return f"{man.preferred_name} ({full})"
    return full or man.preferred_name or tr("Protection", "this man")


def load_name(vault: Any, man_id: str, owner: QWidget, shown: Callable[[str], None]) -> None:
    """Read his name in the pool and hand it to ``shown`` (a plain message if that fails)."""
    ops.run(lambda: man_name(vault, man_id), shown, lambda message, _e: shown(message), owner=owner)


class OneManDialog(QDialog):
    """A dialog about one man. Subclasses add their fields to ``self.body`` between the message
    and the status line, then call ``finish`` with his name if the caller knew it."""

    MESSAGE = "{name}"  # a subclass marks its own (context "Protection")
    # What to say above the records filed elsewhere that name him ("{records}": "2 records").
    ELSEWHERE = N_("Protection", "His name is also in {records} filed elsewhere:")

    def __init__(
        self,
        vault: Any,
        man_id: str,
        parent: QWidget | None,
        *,
        title: str,
        report_name: str,
        button: QDialogButtonBox.StandardButton,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.man_id = man_id
        self.setWindowTitle(title)  # translated by the subclass
        self.setAccessibleName(title)
        self.setMinimumWidth(440)  # the message reads in a few lines, not a narrow column
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(report_name)
        self.report.hide()
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(button)
        self.buttons.rejected.connect(self.reject)
        self.elsewhere_label = QLabel(
            tr("Protection", "Looking for his name in records filed elsewhere…")
        )
        self.elsewhere_label.setWordWrap(True)
        self.elsewhere = QPlainTextEdit()
        self.elsewhere.setReadOnly(True)
        self.elsewhere.setAccessibleName(tr("Protection", "Records filed elsewhere that name him"))
        self.elsewhere.setMaximumHeight(110)
        self.elsewhere.hide()
        self.found_elsewhere: tuple[Mention, ...] | None = None  # None until read
        self._elsewhere_final = False
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.message)
        self.body.addWidget(self.elsewhere_label)
        self.body.addWidget(self.elsewhere)

    def finish(self, name: str | None) -> None:
        for widget in (self.status, self.report, self.buttons):
            self.body.addWidget(widget)
        self._named(name or tr("Protection", "this man"))
        if not name:
            load_name(self.vault, self.man_id, self, self._named)
        vault, man_id = self.vault, self.man_id
        ops.run(
            lambda: mentions_of(vault, man_id),
            self._show_elsewhere,
            lambda message, _e: self.elsewhere_label.setText(message),
            owner=self,
        )

    def _show_elsewhere(self, found: tuple[Mention, ...], *, final: bool = False) -> None:
        """Show the records filed elsewhere that name him; a ``final`` list (read just before
        an erasure) is never replaced by the one started when the dialog opened."""
        if self._elsewhere_final and not final:
            return
        self._elsewhere_final = final
        self.found_elsewhere = found
        if not found:
            self.elsewhere_label.setText(tr("Protection", "No record filed elsewhere names him."))
            return
        records = trn("Protection", "{n} record", "{n} records", len(found))
        self.elsewhere_label.setText(tr("Protection", self.ELSEWHERE).format(records=records))
        self.elsewhere.setPlainText("\n".join(m.line() for m in found))
        self.elsewhere.show()

    def _named(self, name: str) -> None:
        self.message.setText(tr("Protection", self.MESSAGE).format(name=name))

    def show_report(self, text: str) -> None:
        self.report.setPlainText(text)
        self.report.show()
