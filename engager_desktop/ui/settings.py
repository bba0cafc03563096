"""Settings declared once (key, default, type, label), kept in QSettings, and their dialog.

QSettings holds only these preferences: never a passphrase, a key or anything about a man.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engager_desktop import i18n
from engager_desktop.i18n import N_, tr

ORGANISATION = "Engager"
APPLICATION = "Engager Desktop"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type
    label: str
    minimum: int = 0
    maximum: int = 0
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, words shown) for a list to pick


IDLE_LOCK_MINUTES = Setting(
    "lock/idle_minutes",
    10,
    int,
    N_("Settings", "Lock after this many minutes without use"),
    1,
    120,
)
LARGE_PRINT = Setting(
    "print/large_print", True, bool, N_("Settings", "Print worksheets in large print by default")
)
SHOW_GUIDANCE = Setting(
    "guidance/show", True, bool, N_("Settings", "Show practice guidance beside forms")
)
DEFAULT_VAULT = Setting(
    "vault/default_folder", "", str, N_("Settings", "Vault folder to open at start")
)
# Each language is named in its own words, so anyone can find theirs whatever is shown now.
LANGUAGE = Setting(
    "interface/language",
    i18n.ENGLISH,
    str,
    N_("Settings", "Language of the screens"),
    choices=tuple(i18n.LANGUAGES.items()),
)

ALL: tuple[Setting, ...] = (LANGUAGE, IDLE_LOCK_MINUTES, LARGE_PRINT, SHOW_GUIDANCE, DEFAULT_VAULT)


class Settings:
    """Typed access to the declared settings; an unknown or damaged value reads as the default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(ORGANISATION, APPLICATION)

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings in an INI file (tests and portable use)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, setting: Setting) -> Any:
        raw = self._store.value(setting.key, setting.default)
        try:
            value = _coerce(raw, setting.type)
        except (TypeError, ValueError):
            return setting.default
        if setting.type is int and setting.maximum:
            value = min(max(value, setting.minimum), setting.maximum)
        if setting.choices and value not in dict(setting.choices):
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        if setting not in ALL:
            raise KeyError(setting.key)
        self._store.setValue(setting.key, _coerce(value, setting.type))
        self._store.sync()

    def keys(self) -> list[str]:
        return list(self._store.allKeys())


def _coerce(raw: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(raw, str):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        return bool(raw)
    if kind is int:
        return int(raw)
    return "" if raw is None else str(raw)


class SettingsDialog(QDialog):
    """Edit every declared setting; one labelled input each, built from the declarations."""

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, vault: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings", "Settings"))
        self.setAccessibleName(tr("Settings", "Settings"))
        self._settings = settings
        self._inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        for setting in ALL:
            widget = self._input_for(setting)
            label = QLabel(
                tr("Settings", "{setting}:").format(setting=tr("Settings", setting.label))
            )
            field = widget.findChild(QLineEdit) if setting.type is str else widget
            target = field if isinstance(field, QWidget) else widget
            label.setBuddy(target)
            target.setAccessibleName(tr("Settings", setting.label))
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.worker = None
        self.team = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        if vault is not None:  # unlocked: your own details too (P36)
            from engager_desktop.ui.team_box import TeamBox
            from engager_desktop.ui.worker_details import WorkerDetailsBox

            self.worker = WorkerDetailsBox(vault, self)
            layout.addWidget(self.worker)
            self.team = TeamBox(vault, self)
            layout.addWidget(self.team)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def _input_for(self, setting: Setting) -> QWidget:
        value = self._settings.get(setting)
        if setting.choices:
            combo = QComboBox()
            for stored, words in setting.choices:
                combo.addItem(words, stored)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            self._inputs[setting.key] = combo
            return combo
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            self._inputs[setting.key] = box
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(setting.minimum, setting.maximum)
            spin.setValue(int(value))
            self._inputs[setting.key] = spin
            return spin
        return self._folder_input(setting, str(value))

    def _folder_input(self, setting: Setting, value: str) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(value)
        edit.setPlaceholderText(tr("Settings", "The usual folder in your user data"))
        choose = QPushButton(tr("Settings", "Choose…"))
        choose.setAccessibleName(
            tr("Settings", "Choose the {what}").format(what=tr("Settings", setting.label).lower())
        )
        choose.clicked.connect(lambda: self._choose_folder(edit))
        row.addWidget(edit, 1)
        row.addWidget(choose)
        self._inputs[setting.key] = edit
        return holder

    def _choose_folder(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Settings", "Choose the vault folder"), edit.text()
        )
        if folder:
            edit.setText(folder)

    def value_of(self, setting: Setting) -> Any:
        widget = self._inputs[setting.key]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def accept(self) -> None:
        for setting in ALL:
            self._settings.set(setting, self.value_of(setting))
        if self.worker is None:
            super().accept()
            return
        self.buttons.setEnabled(False)
        team = self.team
        if team is None:
            self.worker.save(self._saved, self._refused)
        else:
            self.worker.save(lambda: team.save(self._saved, self._refused), self._refused)

    def _saved(self) -> None:
        self.buttons.setEnabled(True)
        super().accept()

    def _refused(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(message)
