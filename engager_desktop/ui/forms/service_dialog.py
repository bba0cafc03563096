"""Add or change a services directory entry (P15, P37), and the buttons that open it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QPushButton, QWidget

from engager_desktop.ui.forms.base import FormDialog, choice, line, paragraph, text_of

SETTING = {"community": "In the community", "prison": "In prison"}
TEXT_FIELDS = (
    ("area", "&Area:", False),
    ("address", "Add&ress:", True),
    ("phone", "&Phone:", False),
    ("email", "&Email:", False),
    ("opening_hours", "&Opening hours:", False),
    ("weekend_hours", "&Weekends:", False),
    ("out_of_hours", "O&ut of hours:", False),
    ("cost_to_him", "&Cost to him:", False),
    ("referral_route", "How to re&fer:", True),
    ("does", "&Does:", True),
    ("does_not", "Does &not do:", True),
)


class ServiceDialog(FormDialog):
    """``view``: a ``ServiceView`` to change, or None to add a new entry."""

    def __init__(self, vault: Any, view: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(
            vault, "Change a directory entry" if view else "Add a directory entry", parent
        )
        self.view = view
        entry = view.entry if view is not None else None
        self.name = self.field("name", "Na&me:", line(entry.name if entry else ""))
        self.kind = self.field("kind", "&Kind of service:", line(entry.kind if entry else ""))
        self._offer_kinds()
        setting = str(entry.setting) if entry else None
        self.setting = self.field("setting", "&Setting:", choice(SETTING, setting))
        self.texts: dict[str, Any] = {}
        for key, text, long in TEXT_FIELDS:
            value = (getattr(entry, key) or "") if entry else ""
            widget = paragraph(value) if long else line(value)
            if long:
                widget.setFixedHeight(56)
            self.texts[key] = self.field(key, text, widget)

    def _offer_kinds(self) -> None:
        """Offer the kinds already in the directory as he types, so one kind keeps one spelling
        (read off the UI thread; typing a new kind is still allowed)."""
        from engager_desktop.services.directory import kinds
        from engager_desktop.ui import ops

        vault = self.vault
        ops.run(lambda: kinds(vault), self._kinds_loaded, lambda _m, _e: None, owner=self)

    def _kinds_loaded(self, known: list[str]) -> None:
        completer = QCompleter(known, self.kind)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.kind.setCompleter(completer)

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.directory import ServiceInput, add_service, edit_service

        entry = ServiceInput(
            name=text_of(self.name) or "",
            kind=text_of(self.kind) or "",
            setting=str(self.setting.currentData()),
            last_verified=self.view.entry.last_verified if self.view else None,
            **{key: text_of(widget) for key, widget in self.texts.items()},
        )
        vault, view = self.vault, self.view
        if view is None:
            return lambda: add_service(vault, entry)
        return lambda: edit_service(vault, view.id, entry)


def attach_to_directory(window: Any) -> tuple[QPushButton, QPushButton, QPushButton]:
    """Add "Add an entry", "Change this entry" and "Remove this entry" to a directory window.

    The window needs ``verify_button`` (the new buttons sit beside it), ``_vault``,
    ``_current`` (the chosen entry's view, or None), ``count`` (a line for a refusal) and
    ``refresh``. ``window.confirm_remove(name)`` asks before removing (replaceable in tests).
    """
    add = QPushButton("&Add an entry…")
    change = QPushButton("C&hange this entry…")
    remove = QPushButton("Remo&ve this entry…")
    add.setObjectName("directory_add")
    change.setObjectName("directory_change")
    remove.setObjectName("directory_remove")
    row = _row_of(window, window.verify_button)
    row.insertWidget(0, add)
    row.insertWidget(2, change)
    row.insertWidget(3, remove)
    if not hasattr(window, "confirm_remove"):
        window.confirm_remove = lambda name: _ask_remove(window, name)

    def open_dialog(view: Any) -> ServiceDialog:
        dialog = ServiceDialog(window._vault, view, window)
        dialog.saved.connect(lambda _id: window.refresh())
        window.form_dialog = dialog
        dialog.open()
        return dialog

    def remove_chosen() -> None:
        from engager_desktop.services.directory import remove_service
        from engager_desktop.ui import ops

        view = getattr(window, "_current", None)
        if view is None or not window.confirm_remove(view.entry.name):
            return
        vault, service_id = window._vault, view.id
        ops.run(
            lambda: remove_service(vault, service_id),
            lambda _none: window.refresh(),
            lambda message, _exc: window.count.setText(message),
            owner=window,
        )

    add.clicked.connect(lambda: open_dialog(None))
    change.clicked.connect(lambda: open_dialog(getattr(window, "_current", None)))
    remove.clicked.connect(remove_chosen)
    _keep_enabled_with(change, window.verify_button)
    _keep_enabled_with(remove, window.verify_button)
    return add, change, remove


def _ask_remove(parent: QWidget, name: str) -> bool:
    """Removing an entry takes it out of the directory; what named it keeps its history."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        "Remove this entry",
        f"Remove “{name}” from the services directory? Steps and appointments that name it "
        "keep it in their history.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _row_of(window: QWidget, button: QWidget) -> QHBoxLayout:
    for layout in window.findChildren(QHBoxLayout):
        if layout.indexOf(button) >= 0:
            return layout
    raise LookupError("the directory window has no row for its buttons")


def _keep_enabled_with(follower: QPushButton, leader: QPushButton) -> None:
    """``follower`` is enabled exactly when ``leader`` is (an entry is chosen)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.EnabledChange:
                follower.setEnabled(leader.isEnabled())
            return False

    watch = Watch(follower)
    leader.installEventFilter(watch)
    follower.setEnabled(leader.isEnabled())
