"""Add or change a services directory entry (P15, P37), and the buttons that open it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QPushButton, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui.forms.base import FormDialog, choice, line, paragraph, text_of

SETTING = {
    "community": N_("ServiceForm", "In the community"),
    "prison": N_("ServiceForm", "In prison"),
}
TEXT_FIELDS = (
    ("area", N_("ServiceForm", "&Area:"), False),
    ("address", N_("ServiceForm", "Add&ress:"), True),
    ("phone", N_("ServiceForm", "&Phone:"), False),
    ("email", N_("ServiceForm", "&Email:"), False),
    ("opening_hours", N_("ServiceForm", "&Opening hours:"), False),
    ("weekend_hours", N_("ServiceForm", "&Weekends:"), False),
    ("out_of_hours", N_("ServiceForm", "O&ut of hours:"), False),
    ("cost_to_him", N_("ServiceForm", "&Cost to him:"), False),
    ("referral_route", N_("ServiceForm", "How to re&fer:"), True),
    ("does", N_("ServiceForm", "&Does:"), True),
    ("does_not", N_("ServiceForm", "Does &not do:"), True),
)


class ServiceDialog(FormDialog):
    """``view``: a ``ServiceView`` to change, or None to add a new entry."""

    def __init__(self, vault: Any, view: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(
            vault,
            tr("ServiceForm", "Change a directory entry")
            if view
            else tr("ServiceForm", "Add a directory entry"),
            parent,
        )
        self.view = view
        entry = view.entry if view is not None else None
        self.name = self.field(
            "name", tr("ServiceForm", "Na&me:"), line(entry.name if entry else "")
        )
        self.kind = self.field(
            "kind", tr("ServiceForm", "&Kind of service:"), line(entry.kind if entry else "")
        )
        self._offer_kinds()
        setting = str(entry.setting) if entry else None
        settings = {key: tr("ServiceForm", word) for key, word in SETTING.items()}
        self.setting = self.field(
            "setting", tr("ServiceForm", "&Setting:"), choice(settings, setting)
        )
        self.texts: dict[str, Any] = {}
        for key, text, long in TEXT_FIELDS:
            value = (getattr(entry, key) or "") if entry else ""
            widget = paragraph(value) if long else line(value)
            if long:
                widget.setFixedHeight(56)
            self.texts[key] = self.field(key, tr("ServiceForm", text), widget)

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
    add = QPushButton(tr("ServiceForm", "&Add an entry…"))
    change = QPushButton(tr("ServiceForm", "C&hange this entry…"))
    remove = QPushButton(tr("ServiceForm", "Remo&ve this entry…"))
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
        tr("ServiceForm", "Remove this entry"),
        tr(
            "ServiceForm",
            "Remove “{name}” from the services directory? Steps and appointments that name it "
            "keep it in their history.",
        ).format(name=name),
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
