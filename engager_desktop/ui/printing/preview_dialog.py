"""The print preview: what will print, what was left out and the wording check, then print or save.

The document is prepared off the UI thread and shown with QtPdf straight from memory. Options
(large print, Easy Read, sensitive parts, a copy for someone else) rebuild it. Printing goes
through Qt's print dialog; saving goes where the practitioner chooses. Each print or save is
audited.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape, unescape
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services import printing
from engager_desktop.services import printing_copies as copies
from engager_desktop.services.vault_types import Vault
from engager_desktop.ui import ops
from engager_desktop.ui.a11y import SpokenLabel, announce, describe_value
from engager_desktop.ui.document_languages import BILINGUAL, PRINT_LANGUAGES
from engager_desktop.ui.printing.pdf_pages import NO_PRINTER, LoadedPdf, has_printer, print_pdf
from engager_desktop.ui.printing.worker_details_dialog import WorkerDetailsDialog
from engager_desktop.worksheets.kinds import KINDS
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.save import SavePdfError, save_pdf

FINDINGS_SHOWN = 12
PREPARING = N_("Print", "Preparing the document…")
UNDRAWABLE = N_(
    "Print",
    "These characters cannot be printed and will show as �; change them or write them by hand",
)
NO_SERVICE = N_("Print", "Not for a named service")
CONFIRM_RESTRICTION = N_("Print", "Print his &address and phone despite the limit on contact")
CONFIRM_RESTRICTION_TIP = N_(
    "Print",
    "A limit on contact is recorded. Tick only once you have checked that giving his family "
    "his address and phone number is safe. The print is recorded with this choice.",
)

ChooseSavePath = Callable[[str], str | None]
ChoosePrinter = Callable[[QWidget], QPrinter | None]


def default_folder() -> Path:
    place = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(place) or Path.home())


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        tr("Print", "Save as PDF"),
        str(default_folder() / suggested),
        tr("Print", "PDF files (*.pdf)"),
    )
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"


def ask_printer(parent: QWidget) -> QPrinter | None:
    """Qt's print dialog; None when cancelled. ``NoPrinter`` when none is set up."""
    if not has_printer():
        raise NoPrinter()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print", "Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


class NoPrinter(Exception):
    def __init__(self) -> None:
        super().__init__(tr("Print", NO_PRINTER))


def one_line(message: str, exc: BaseException) -> str:
    """Our own message for a save that failed (it names no file), else the generic one."""
    if isinstance(exc, SavePdfError):
        text = str(exc)
        return f"{text[:1].upper()}{text[1:]}."
    return message


def plain_item(item: str) -> str:
    """One bullet of a notice as plain words (no bullet sign, no HTML escapes)."""
    return unescape(item).removeprefix("• ").strip()


def bullet_text(items: list[str]) -> str:
    return "<br>".join(f"• {escape(item)}" for item in items)


class PreviewDialog(QDialog):
    """Preview one document; ``prepared`` is the document shown (None while it is built)."""

    def __init__(
        self,
        vault: Vault,
        kind: str,
        man_id: str | None,
        parent: QWidget | None = None,
        *,
        blank: bool = False,
        large_print: bool = False,
    ) -> None:
        super().__init__(parent)
        self.vault, self.kind, self.man_id, self.blank = vault, kind, man_id, blank
        self.prepared: printing.PreparedDocument | None = None
        self.loaded: LoadedPdf | None = None
        self.choose_save_path: ChooseSavePath = lambda name: ask_save_path(self, name)
        self.choose_printer: ChoosePrinter = ask_printer
        self._op: ops.Op | None = None
        title = KINDS[kind].title
        self.setWindowTitle(tr("Print", "Print: {title}").format(title=title))
        self.resize(900, 760)
        self._build(title, large_print)
        self.refresh()

    # --- layout ---------------------------------------------------------------------------

    def _build(self, title: str, large_print: bool) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{escape(title)}</b>")
        heading.setObjectName("document_title")
        layout.addWidget(heading)
        layout.addLayout(self._options(large_print))
        self.left_out = self._notice(tr("Print", "Left out"), layout)
        self.notes = self._notice(tr("Print", "Check before you give it out"), layout)
        self.findings = self._notice(tr("Print", "Wording check on the text entered"), layout)
        self.undrawable = self._notice(tr("Print", UNDRAWABLE), layout)
        self.status = SpokenLabel(tr("Print", PREPARING))
        self.status.setWordWrap(True)
        describe_value(self.status, tr("Print", "Status"))
        layout.addWidget(self.status)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(tr("Print", "Preview of the document"))
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons())

    def _options(self, large_print: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.large_print = QCheckBox(tr("Print", "&Large print"))
        self.large_print.setChecked(large_print)
        self.easy_read = QCheckBox(tr("Print", "&Easy Read"))
        self.easy_read.setToolTip(
            tr(
                "Print",
                "A picture beside each idea, short sentences and 16 pt type or larger. The "
                "wording check warns about sentences over 15 words.",
            )
        )
        self.easy_read.setVisible(KINDS[self.kind].easy_read)
        self.easy_read.toggled.connect(lambda on: self.large_print.setEnabled(not on))
        self.sensitive = QCheckBox(tr("Print", "Include &sensitive parts"))
        self.sensitive.setToolTip(
            tr("Print", "Trauma, risk and limits on family contact are left out unless ticked")
        )
        self.for_others = QCheckBox(tr("Print", "A copy for &someone else"))
        self.for_others.setToolTip(
            tr(
                "Print",
                "For a service or his family: his contact details and whereabouts print only "
                "with his recorded consent",
            )
        )
        chosen = KINDS[self.kind]
        self.for_others.setVisible(chosen.needs_man and not chosen.for_others and not self.blank)
        self.confirm_restriction = QCheckBox(tr("Print", CONFIRM_RESTRICTION))
        self.confirm_restriction.setToolTip(tr("Print", CONFIRM_RESTRICTION_TIP))
        self.confirm_restriction.setVisible(False)  # shown when a limit on contact applies
        boxes = (
            self.large_print,
            self.easy_read,
            self.sensitive,
            self.for_others,
            self.confirm_restriction,
        )
        self.for_others.toggled.connect(self._offer_languages)  # before the rebuild below
        for box in boxes:
            box.toggled.connect(self.refresh)
            row.addWidget(box)
        self.service = QComboBox()
        self.service.setAccessibleName(tr("Print", "Which service the copy is for"))
        self.service.addItem(tr("Print", NO_SERVICE), None)
        self.service.setVisible(False)  # shown for a copy for someone else, once services load
        self.service.currentIndexChanged.connect(self.refresh)
        self.for_others.toggled.connect(self._show_services)
        row.addWidget(self.service)
        row.addStretch(1)
        self._languages(row)
        if self.man_id is not None and not self.for_others.isHidden():
            man_id, vault = self.man_id, self.vault
            ops.run(
                lambda: copies.services_he_agreed(vault, man_id),
                self._services,
                lambda *_: None,
                owner=self,  # closed meanwhile: the list is not wanted
            )
        return row

    def _languages(self, row: QHBoxLayout) -> None:
        """The language of this print: his by default (set once the first build says which)."""
        self.language = QComboBox()
        self.language.setObjectName("print_language")
        # wide enough for "Cymraeg + English", which is offered once it is a copy for others
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(tr("Print", "Lang&uage:"))
        label.setBuddy(self.language)
        self.language.setAccessibleName(tr("Print", "Language of the document"))
        self.language.setToolTip(
            tr(
                "Print",
                "His papers print in his preferred language (set in “Who he is”). Welsh and "
                "English side by side is for papers meant for others.",
            )
        )
        self._language_known = False
        self._offer_languages()
        self.language.currentIndexChanged.connect(self._language_chosen)
        row.addWidget(label)
        row.addWidget(self.language)

    def bilingual_allowed(self) -> bool:
        """Welsh and English side by side: only for papers meant for others."""
        chosen = KINDS[self.kind]
        return chosen.for_others or (self.for_others.isChecked() and not self.for_others.isHidden())

    def _offer_languages(self) -> None:
        box = self.language
        offered = [code for code, _name in PRINT_LANGUAGES]
        if not self.bilingual_allowed():
            offered.remove(BILINGUAL)
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for code, name in PRINT_LANGUAGES:
            if code in offered:
                box.addItem(name, code)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _language_chosen(self) -> None:
        self._language_known = True
        self.refresh()

    def print_language(self) -> str | None:
        """The language chosen for this print; None until known (his, decided by the service)."""
        return str(self.language.currentData()) if self._language_known else None

    def _services(self, found: list[tuple[str, str]]) -> None:
        for service_id, name in found:
            self.service.addItem(tr("Print", "For {service}").format(service=name), service_id)
        self._show_services()

    def _show_services(self) -> None:
        self.service.setVisible(self.for_others.isChecked() and self.service.count() > 1)

    def for_service(self) -> str | None:
        """The service a copy is addressed to (one he agreed to share his plan with), if any."""
        if self.service.isHidden() or not self.for_others.isChecked():
            return None
        chosen = self.service.currentData()
        return str(chosen) if chosen else None

    def _notice(self, title: str, layout: QVBoxLayout) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        describe_value(label, title)
        label.setProperty("notice_title", title)
        label.hide()
        layout.addWidget(label)
        return label

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.details_button = QPushButton(tr("Print", "Your details for printin&g…"))
        self.details_button.clicked.connect(self.edit_worker_details)
        self.print_button = QPushButton(tr("Print", "&Print…"))
        self.save_button = QPushButton(tr("Print", "Save as P&DF…"))
        close = QPushButton(tr("Print", "&Close"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        close.clicked.connect(self.reject)
        row.addWidget(self.details_button)
        row.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            row.addWidget(button)
        self.print_button.setDefault(True)
        return row

    # --- preparing ------------------------------------------------------------------------

    def options(self) -> PrintOptions:
        return PrintOptions(
            large_print=self.large_print.isChecked() and not self.easy_read.isChecked(),
            easy_read=self.easy_read.isChecked() and not self.easy_read.isHidden(),
            include_sensitive=self.sensitive.isChecked(),
            for_others=self.for_others.isChecked() and not self.for_others.isHidden(),
            confirmed_restriction=self.confirm_restriction.isChecked(),
        )

    def refresh(self) -> None:
        """Build the document again with the options as ticked now (off the UI thread)."""
        if self._op is not None:
            self._op.cancel()
        self._set_busy(tr("Print", PREPARING))
        vault, kind, man_id, blank, chosen = (
            self.vault, self.kind, self.man_id, self.blank, self.options()
        )  # fmt: skip
        service, language = self.for_service(), self.print_language()
        self._op = ops.run(
            lambda: printing.prepare(
                vault, kind, man_id, chosen, blank=blank, for_service=service, language=language
            ),
            self._show,
            self._failed,
        )

    def _set_busy(self, message: str) -> None:
        self.status.setText(message)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _show(self, prepared: printing.PreparedDocument) -> None:
        self._op = None
        self.prepared = prepared
        old, self.loaded = self.loaded, LoadedPdf(prepared.pdf, self)
        self.view.setDocument(self.loaded.document)
        if old is not None:
            old.close()
        self._fill(self.left_out, prepared.left_out)
        self._fill(self.notes, prepared.notes)
        self._fill(self.findings, [item.message for item in prepared.findings], FINDINGS_SHOWN)
        self._fill(self.undrawable, [item.message for item in prepared.undrawable], FINDINGS_SHOWN)
        self.confirm_restriction.setVisible(prepared.restriction)
        if not self._language_known:  # the first build: show the language it was made in
            self.language.blockSignals(True)
            self.language.setCurrentIndex(max(0, self.language.findData(prepared.language)))
            self.language.blockSignals(False)
            self._language_known = True
        pages = self.loaded.document.pageCount()
        self.status.setText(
            trn("Print", "Ready to print: {n} page.", "Ready to print: {n} pages.", pages)
        )
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        warnings = self.warnings()
        if warnings:  # shown above the preview; a reader who tabs to Print would not meet them
            announce(
                self.status, tr("Print", "Before you print: {warnings}").format(warnings=warnings)
            )

    def warnings(self) -> str:
        """The notices shown now (left out, to check, wording) as one line for a reader."""
        said = []
        for label in (self.left_out, self.notes, self.findings):
            if not label.isHidden():
                items = [plain_item(item) for item in label.text().split("<br>")[1:]]
                said.append(f"{label.property('notice_title')}: {'; '.join(items)}.")
        return " ".join(said)

    def _fill(self, label: QLabel, items: list[str] | tuple[str, ...], most: int = 0) -> None:
        shown = list(items)[:most] if most else list(items)
        if not shown:
            label.hide()
            return
        more = len(items) - len(shown)
        if more:
            shown.append(tr("Print", "and {n} more").format(n=more))
        title = escape(str(label.property("notice_title")))
        label.setText(f"<b>{title}:</b><br>{bullet_text(shown)}")
        label.show()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self._op = None
        self.status.setText(message)

    def edit_worker_details(self) -> None:
        """Your own details and the local crisis line; the document is rebuilt once saved."""
        dialog = WorkerDetailsDialog(self.vault, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        self.details_dialog = dialog

    # --- printing and saving --------------------------------------------------------------

    def print_document(self) -> None:
        if self.prepared is None:
            return
        try:
            printer = self.choose_printer(self)
        except NoPrinter as exc:
            self.status.setText(str(exc))
            return
        if printer is None:
            return
        try:
            pages = print_pdf(self.prepared.pdf, printer)
        except Exception as exc:  # a printer problem: say so, never lose the preview
            self.status.setText(tr("Print", "It did not print: {reason}.").format(reason=exc))
            return
        self._audit(
            "printer",
            trn("Print", "Sent {n} page to the printer.", "Sent {n} pages to the printer.", pages),
        )

    def save_document(self) -> None:
        if self.prepared is None:
            return
        path = self.choose_save_path(self.prepared.file_name)
        if not path:
            return
        data = self.prepared.pdf
        self._set_busy(tr("Print", "Saving…"))
        ops.run(
            lambda: save_pdf(data, path),
            lambda saved: self._audit(
                "file", tr("Print", "Saved as {name}.").format(name=Path(saved).name)
            ),
            self._save_failed,
        )

    def _save_failed(self, message: str, exc: BaseException) -> None:
        self.status.setText(one_line(message, exc))
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _audit(self, destination: str, done: str) -> None:
        prepared = self.prepared
        assert prepared is not None
        vault = self.vault

        def record() -> None:
            printing.record_document(vault, prepared, destination)

        ops.run(record, lambda _none: self._after(done), self._save_failed)

    def _after(self, message: str) -> None:
        self.status.setText(message)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        if self._op is not None:
            self._op.cancel()
        super().done(result)
