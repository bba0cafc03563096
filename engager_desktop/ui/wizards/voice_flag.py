"""A flag under a goal written about him, with the same goal in his voice (a suggestion only)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QPlainTextEdit

from engager_desktop.domain.own_voice import in_his_voice
from engager_desktop.i18n import N_, tr
from engager_desktop.ui.wizards.fields import Field

FLAG_STYLE = "background:#eef4fb; border-left:3px solid #2b5d8a; padding:4px;"
FLAG_WORDS = N_(
    "Wizard", "This reads as written about him, and he keeps his plan. In his voice it could be:"
)
FLAG_HINT = N_("Wizard", "Change it only if he agrees.")


def flag_text(text: str) -> str:
    """The flag's words for ``text``, or "" when it already reads in his voice."""
    suggestion = in_his_voice(text)
    if suggestion is None:
        return ""
    said = suggestion.strip()
    stop = "" if said.endswith((".", "!", "?")) else "."
    return f"{tr('Wizard', FLAG_WORDS)} \u201c{said}{stop}\u201d {tr('Wizard', FLAG_HINT)}"


class VoiceFlag(QLabel):
    """Shown under a goal's text box while it reads as about him; says how it reads in his voice.

    ``VoiceFlag.under(field)`` puts one under a wizard field; any form can pass its own text box
    and the layout to add the flag to.
    """

    def __init__(self, edit: QPlainTextEdit | QLineEdit, layout: QLayout, hint: str = "") -> None:
        super().__init__(edit.parentWidget())
        self.edit = edit
        self.hint = hint
        self.setObjectName(f"{edit.objectName()}_voice")
        self.setWordWrap(True)
        self.setStyleSheet(FLAG_STYLE)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self)
        edit.textChanged.connect(self.update_flag)
        self.update_flag()

    @classmethod
    def under(cls, field: Field) -> VoiceFlag:
        edit = field.widget
        layout = field.container.layout()
        assert isinstance(edit, QPlainTextEdit | QLineEdit) and layout is not None
        return cls(edit, layout, field.spec.hint or "")

    def text_now(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def update_flag(self) -> None:
        words = flag_text(self.text_now())
        self.setText(escape(words))
        self.setVisible(bool(words))
        self.edit.setAccessibleDescription(words or self.hint)


def flag_rows(fields: list[Field]) -> list[VoiceFlag]:
    """Flags for the given goal fields that have none yet (row lists make new fields)."""
    return [VoiceFlag.under(f) for f in fields if f.container.findChild(VoiceFlag) is None]
