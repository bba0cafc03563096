"""The pages of the unlock window besides unlocking: create a vault, recover it, show the code."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.domain import device_names
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import describe_value, label_for, plain
from engager_desktop.ui.key_change import SomeoneMayKnow
from engager_desktop.ui.passphrase_input import PassphraseInput

NEW_VAULT_NAME = "Engager vault"

HEADING = "page_heading"  # announced when its page comes up


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(HEADING)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def status_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class FolderRow(QWidget):
    """A folder path with a Choose… button; ``new`` picks a parent and names a new folder in it."""

    def __init__(self, label: str, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("folder")
        self.choose = QPushButton(tr("Unlock", "Choose…"))
        self.choose.setAccessibleName(
            tr("Unlock", "Choose the {what}").format(what=plain(label).lower())
        )
        self._new = new
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose)
        self.choose.clicked.connect(self._pick)
        self.label = label_for(label, self.edit)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path) -> None:
        self.edit.setText(str(path))

    def _pick(self) -> None:
        start = self.edit.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, tr("Unlock", "Choose a folder"), start)
        if not folder:
            return
        chosen = Path(folder)
        if self._new and chosen.exists() and any(chosen.iterdir()):
            chosen = chosen / NEW_VAULT_NAME
        self.set_path(chosen)


def new_passphrase_page(
    page: QWidget,
    title: str,
    intro_text: str,
    form: QFormLayout,
    passphrase: QWidget,
    status: QLabel,
    back: QPushButton,
    action: QPushButton,
) -> None:
    """Lay out a page that sets a new passphrase: heading, intro, form, passphrase, buttons."""
    layout = QVBoxLayout(page)
    layout.addWidget(heading(title))
    intro = QLabel(intro_text)
    intro.setWordWrap(True)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(passphrase)
    layout.addWidget(status)
    buttons = QHBoxLayout()
    buttons.addWidget(back)
    buttons.addStretch(1)
    buttons.addWidget(action)
    layout.addLayout(buttons)
    layout.addStretch(1)


class CreatePage(QWidget):
    """Make a new vault: a folder that does not exist yet and a strong passphrase."""

    create_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = FolderRow(tr("Unlock", "New vault &folder:"), new=True)
        self.laptop_name = QLineEdit(device_names.suggested(platform.node()))
        self.laptop_name.setObjectName("laptop_name")
        self.laptop_name.setMaxLength(device_names.MAX_LENGTH)
        self.name_problem = QLabel()  # one line, not wrapped: a wrapped label in a form leaves gaps
        self.name_problem.setObjectName("laptop_name_problem")
        self.passphrase = PassphraseInput()
        self.create_button = QPushButton(tr("Unlock", "&Create the vault"))
        self.back_button = QPushButton(tr("Unlock", "&Back"))
        self.status = status_label("create_status")
        form = QFormLayout()
        form.addRow(self.folder.label, self.folder)
        form.addRow(
            label_for(tr("Unlock", "This &laptop's name:"), self.laptop_name), self.laptop_name
        )
        example = tr(
            "Unlock",
            "Other laptops show it, e.g. “Sam – HMP Example interview room”; change it later.",
        )
        self.laptop_name.setToolTip(example)
        self.laptop_name.setAccessibleDescription(example)
        hint = QLabel(example)
        hint.setWordWrap(True)  # longer in some languages: it wraps rather than being cut
        form.addRow("", hint)
        form.addRow("", self.name_problem)
        new_passphrase_page(
            self,
            tr("Unlock", "Create a new vault"),
            tr(
                "Unlock",
                "Everything you record is kept in this vault, encrypted with your passphrase. "
                "Choose a passphrase of four or more unrelated words that you can remember.",
            ),
            form,
            self.passphrase,
            self.status,
            self.back_button,
            self.create_button,
        )
        self.passphrase.changed.connect(self._update)
        self.folder.edit.textChanged.connect(self._update)
        self.laptop_name.textChanged.connect(self._update)
        self.create_button.clicked.connect(self.create_requested)
        self.back_button.clicked.connect(self.back_requested)
        self._update()

    def name_error(self) -> str:
        """Why the laptop name cannot be used, or "" when it can."""
        try:
            device_names.check(self.laptop_name.text())
        except ValidationError as exc:
            return exc.message
        return ""

    def _update(self) -> None:
        problem = self.name_error()
        self.name_problem.setText(problem)
        ready = self.passphrase.acceptable() and self.folder.path() is not None and not problem
        self.create_button.setEnabled(ready)


class RecoverPage(QWidget):
    """Forgot the passphrase: the printed recovery code opens the vault and sets a new one."""

    recover_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = FolderRow(tr("Unlock", "&Vault folder:"), new=False)
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code.setPlaceholderText(tr("Unlock", "The 48 digits on your recovery sheet"))
        self.passphrase = PassphraseInput()
        self.recover_button = QPushButton(tr("Unlock", "&Recover and set the new passphrase"))
        self.back_button = QPushButton(tr("Unlock", "&Back"))
        self.status = status_label("recover_status")
        self.someone = SomeoneMayKnow(checked=True)  # the default after a recovery
        form = QFormLayout()
        form.addRow(self.folder.label, self.folder)
        form.addRow(label_for(tr("Unlock", "Recovery &code:"), self.code), self.code)
        form.addRow(self.someone)
        new_passphrase_page(
            self,
            tr("Unlock", "Forgot your passphrase?"),
            tr(
                "Unlock",
                "Type the recovery code from the recovery sheet printed when the vault was made, "
                "then choose a new passphrase. The old recovery code stops working and you get a "
                "new one to print.",
            ),
            form,
            self.passphrase,
            self.status,
            self.back_button,
            self.recover_button,
        )
        self.passphrase.changed.connect(self._update)
        self.code.textChanged.connect(self._update)
        self.recover_button.clicked.connect(self.recover_requested)
        self.back_button.clicked.connect(self.back_requested)
        self._update()

    def _update(self) -> None:
        ready = self.passphrase.acceptable() and bool(self.code.text().strip())
        self.recover_button.setEnabled(ready and self.folder.path() is not None)


class CodePage(QWidget):
    """The recovery code, shown once; to continue, tick that it was printed or written down."""

    continue_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_label = QLabel()
        self.code_label.setObjectName("recovery_code_shown")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        self.code_label.setFont(font)
        self.code_label.setWordWrap(True)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        describe_value(self.code_label, tr("Unlock", "Recovery code"))
        self.print_button = QPushButton(tr("Unlock", "&Print the recovery sheet…"))
        self.kept = QCheckBox(
            tr("Unlock", "I have printed the recovery sheet or written the code down")
        )
        self.continue_button = QPushButton(tr("Unlock", "C&ontinue"))
        self.continue_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Unlock", "Your recovery code")))
        intro = QLabel(
            tr(
                "Unlock",
                "This code opens the vault if the passphrase is forgotten. It is shown only now. "
                "Print the recovery sheet or write the code down, and keep it locked away from "
                "the laptop.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        self.note = status_label("key_change_note")
        self.note.hide()
        layout.addWidget(self.note)
        layout.addWidget(self.print_button)
        layout.addWidget(self.kept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.print_button.clicked.connect(self.print_requested)
        self.continue_button.clicked.connect(self.continue_requested)

    def show_code(self, code: str, note: str = "") -> None:
        self.code_label.setText(code)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.kept.setChecked(False)

    def forget(self) -> None:
        self.code_label.clear()
        self.note.clear()
        self.kept.setChecked(False)


def recovery_sheet(code: str, vault_folder: Path | None, made_on: str) -> QTextDocument:
    """A plain recovery sheet (the printed worksheet replaces it once printing lands)."""
    doc = QTextDocument()
    where = f"<p>Vault folder: {_escape(str(vault_folder))}</p>" if vault_folder else ""
    doc.setHtml(
        "<h1>Engager Desktop: recovery sheet</h1>"
        f"<p>Made on {_escape(made_on)}.</p>{where}"
        "<p>This code opens the vault if the passphrase is forgotten. Keep this sheet locked "
        "away, apart from the laptop. Anyone with this sheet and the laptop can read the vault.</p>"
        f"<p style='font-size:20pt; font-family:monospace'><b>{_escape(code)}</b></p>"
        "<p>In Engager Desktop choose <i>Forgot your passphrase?</i>, type this code and choose "
        "a new passphrase. A new code is then given and this one stops working.</p>"
    )
    return doc


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
