"""Small pieces the sync dialogs share: path fields, big monospace text, busy and message lines."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import announce, describe_value, plain

AskPath = Callable[[QWidget], str | None]
Confirm = Callable[[QWidget, str, str], bool]
ERROR_STYLE = "color: #a4000f;"
OK_STYLE = "color: #1b5e20;"


def ask_folder(parent: QWidget) -> str | None:
    """The stick's folder, from the system's folder picker (None if cancelled)."""
    path = QFileDialog.getExistingDirectory(
        parent, tr("Sync", "Choose the USB stick or its folder")
    )
    return path or None


def ask_card_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Sync", "Choose the other laptop's card"),
        "",
        tr("Sync", "Device cards (*.engager-card);;All (*)"),
    )
    return path or None


def ask_bundle_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Sync", "Choose the bundle to import"),
        "",
        tr("Sync", "Engager bundles (*.engager);;All (*)"),
    )
    return path or None


def ask_yes(parent: QWidget, title: str, question: str) -> bool:
    """A plain yes/no question; No is the default."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class PathField(QWidget):
    """A path typed or chosen with a button; ``ask`` is replaceable (tests type the path)."""

    def __init__(self, label: str, ask: AskPath, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ask = ask
        self.edit = QLineEdit()
        self.edit.setAccessibleName(plain(label))
        self.edit.setMinimumWidth(320)
        self.button = QPushButton(tr("Sync", "Choose…"))
        self.button.setAccessibleName(tr("Sync", "Choose: {what}").format(what=plain(label)))
        self.button.setAutoDefault(False)  # Return in the path field must not open a picker
        self.button.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def _choose(self) -> None:
        chosen = self.ask(self.window())
        if chosen:
            self.edit.setText(chosen)

    def text(self) -> str:
        return self.edit.text().strip()


def action_row(
    dialog: QDialog, action: QPushButton, slot: Callable[[], object], close: QPushButton
) -> QHBoxLayout:
    """The dialog's own action (the default button, running ``slot``) and Close, at the right."""
    row = QHBoxLayout()
    row.addStretch(1)
    action.setDefault(True)
    action.clicked.connect(slot)
    close.clicked.connect(dialog.reject)
    row.addWidget(action)
    row.addWidget(close)
    return row


def checked_ids(widget: QListWidget) -> tuple[str, ...]:
    """The keys of the ticked items of a list made with ``check_list``."""
    items = (widget.item(i) for i in range(widget.count()))
    return tuple(
        str(item.data(Qt.ItemDataRole.UserRole))
        for item in items
        if item.checkState() == Qt.CheckState.Checked
    )


def check_list(name: str) -> QListWidget:
    """A list of items to tick, named for the screen reader."""
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setMinimumHeight(90)
    return widget


def add_checkable(widget: QListWidget, text: str, key: str, checked: bool) -> None:
    """An item to tick, carrying ``key``."""
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, key)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    widget.addItem(item)


def labelled(text: str, field: QWidget) -> QLabel:
    """A label naming ``field`` (or a PathField's line edit) for screen readers."""
    target = field.edit if isinstance(field, PathField) else field
    label = QLabel(text)
    label.setBuddy(target)
    target.setAccessibleName(plain(text))
    return label


def big_text(text: str = "", *, name: str) -> QLabel:
    """Large monospace text the practitioner reads aloud or copies by hand; selectable."""
    label = QLabel(text)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), 10) + 6)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    describe_value(label, name)
    label.setStyleSheet("padding: 6px; border: 1px solid palette(mid); border-radius: 4px;")
    return label


class MessageLine(QLabel):
    """One plain line for an error or a result; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def error(self, text: str) -> None:
        self._set(text, ERROR_STYLE)

    def ok(self, text: str) -> None:
        self._set(text, OK_STYLE)

    def note(self, text: str) -> None:
        self._set(text, "")

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def _set(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setVisible(bool(text))
        announce(self, text, assertive=style == ERROR_STYLE)  # a changed label makes no sound


def busy_bar(name: str) -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.hide()
    return bar
