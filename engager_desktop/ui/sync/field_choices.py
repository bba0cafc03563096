"""One conflict's fields side by side (this laptop's value, the other's), settled one by one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.services import sync
from engager_desktop.ui.sync.conflicts_model import field_words, value_words

HEADERS = (
    N_("Conflicts", "Field"),
    N_("Conflicts", "On this laptop"),
    N_("Conflicts", "From the other laptop"),
    N_("Conflicts", "Choose"),
)
_STANDS = {
    ("here", "mine"): N_("Conflicts", "Settled here: this laptop's text stands."),
    ("here", "theirs"): N_("Conflicts", "Settled here: the other laptop's text stands."),
    ("here", "other"): N_("Conflicts", "Settled here: a newer text stands."),
    ("there", "mine"): N_("Conflicts", "Settled on the other laptop: this laptop's text stands."),
    ("there", "theirs"): N_(
        "Conflicts", "Settled on the other laptop: the other laptop's text stands."
    ),
    ("there", "other"): N_("Conflicts", "Settled on the other laptop: a newer text stands."),
}


def settled_words(item: sync.FieldView) -> str:
    where = "here" if item.settled_by == "here" else "there"
    return tr("Conflicts", _STANDS[(where, item.stands)])


class FieldChoices(QScrollArea):
    """A grid: field, both values (the one standing for now marked), keep mine / take theirs."""

    chosen = Signal(str, str)  # field name, sync.KEEP_MINE or sync.TAKE_THEIRS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(tr("Conflicts", "The fields in conflict, both versions"))
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.show_items(())

    def show_items(self, items: Sequence[sync.FieldView]) -> None:
        self.buttons = {}
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, text in enumerate(HEADERS if items else ()):
            grid.addWidget(_label(f"<b>{tr('Conflicts', text)}</b>"), 0, column)
        for row, item in enumerate(items, start=1):
            grid.addWidget(_label(field_words(item.name)), row, 0)
            grid.addWidget(_value(item.mine, item, "mine"), row, 1)
            grid.addWidget(_value(item.theirs, item, "theirs"), row, 2)
            grid.addWidget(self._choice(item), row, 3)
        grid.setRowStretch(len(items) + 1, 1)
        self.setWidget(body)

    def _choice(self, item: sync.FieldView) -> QWidget:
        if item.settled_by is not None:
            return _label(settled_words(item))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for choice, text in (
            (sync.KEEP_MINE, tr("Conflicts", "Keep mine")),
            (sync.TAKE_THEIRS, tr("Conflicts", "Take theirs")),
        ):
            button = QPushButton(text)
            button.setAccessibleName(f"{text}: {field_words(item.name)}")
            button.clicked.connect(lambda _=False, n=item.name, c=choice: self.chosen.emit(n, c))
            row.addWidget(button)
            self.buttons[(item.name, choice)] = button
        return box

    def set_enabled(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _value(value: object, item: sync.FieldView, side: str) -> QLabel:
    label = QLabel(value_words(value))
    label.setTextFormat(Qt.TextFormat.PlainText)  # his text is never read as markup
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if item.settled_by is None and item.stands == side:
        label.setToolTip(tr("Conflicts", "Kept for now"))
        label.setText(f"{value_words(value)}\n" + tr("Conflicts", "(kept for now)"))
    return label
