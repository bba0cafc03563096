"""A flag under a goal written about him, with the same goal in his voice (a suggestion only)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from engager_desktop.domain.own_voice import in_his_voice
from engager_desktop.ui.wizards.fields import Field

FLAG_STYLE = "background:#eef4fb; border-left:3px solid #2b5d8a; padding:4px;"
FLAG_WORDS = "This reads as written about him, and he keeps his plan. In his voice it could be:"
FLAG_HINT = "Change it only if he agrees."


def flag_text(text: str) -> str:
    """The flag's words for ``text``, or "" when it already reads in his voice."""
    suggestion = in_his_voice(text)
    if suggestion is None:
        return ""
    said = suggestion.strip()
    stop = "" if said.endswith((".", "!", "?")) else "."
    return f"{FLAG_WORDS} \u201c{said}{stop}\u201d {FLAG_HINT}"


class VoiceFlag(QLabel):
    """Shown under ``field`` while its text reads as about him; says how it reads in his voice."""

    def __init__(self, field: Field) -> None:
        super().__init__(field.container)
        self.field = field
        self.setObjectName(f"{field.spec.key}_voice")
        self.setWordWrap(True)
        self.setStyleSheet(FLAG_STYLE)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = field.container.layout()
        if layout is not None:
            layout.addWidget(self)
        field.on_change(self.update_flag)
        self.update_flag()

    def update_flag(self) -> None:
        value = self.field.value()
        words = flag_text(value) if isinstance(value, str) else ""
        self.setText(escape(words))
        self.setVisible(bool(words))
        self.field.widget.setAccessibleDescription(words or self.field.spec.hint or "")


def flag_rows(fields: list[Field]) -> list[VoiceFlag]:
    """Flags for the given goal fields that have none yet (row lists make new fields)."""
    made = []
    for field in fields:
        if field.container.findChild(VoiceFlag) is None:
            made.append(VoiceFlag(field))
    return made
