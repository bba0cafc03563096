"""PDF bytes in Qt: load into a QPdfDocument from memory, and print pages on a QPrinter.

The bytes are read through a QBuffer, never a temporary file: a document about a man must not
land on disk unless the practitioner saves it. Printing renders each page to an image at the
printer's resolution (capped, to keep memory in hand) and paints it onto the page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import N_, tr

MAX_DPI = 300
NO_PRINTER = N_(
    "Print",
    "No printer is set up on this computer. Save it as a PDF instead, or ask for a printer to "
    "be added.",
)


class PrintFailed(UserError):
    """The printer could not be used; the message says why in one line."""


class LoadedPdf:
    """A QPdfDocument reading ``data`` from memory; keeps the bytes and buffer alive with it."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        self.bytes = QByteArray(data)
        self.buffer = QBuffer(parent)
        self.buffer.setData(self.bytes)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(parent)  # type: ignore[arg-type]  # None works: stub says no
        self.document.load(self.buffer)

    @property
    def ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinters())


def _render_dpi(printer: QPrinter) -> int:
    return max(72, min(MAX_DPI, printer.resolution()))


def paint_pages(
    painter: QPainter,
    printer: QPrinter,
    document: QPdfDocument,
    *,
    first: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Paint every page of ``document`` on the open ``painter``; returns the pages painted.

    ``first`` False starts with a new sheet (for the second and later documents of a batch).
    Pages are painted on the whole sheet at their own size (see ``prepare_printer``): the PDF
    has its own margins, and shrinking it to fit the printer's would print type under 12 pt.
    """
    area = printer.pageLayout().fullRectPixels(printer.resolution())
    dpi = _render_dpi(printer)
    painted = 0
    for index in range(document.pageCount()):
        if cancelled():
            break
        if not first or index > 0:
            if not printer.newPage():
                raise PrintFailed(tr("Print", "the printer stopped taking pages"))
        points = document.pagePointSize(index)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = document.render(index, size)
        if image.isNull():
            raise PrintFailed(tr("Print", "a page could not be drawn for the printer"))
        target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(QPoint(0, 0), target), image)
        painted += 1
    return painted


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Whole-sheet painting, turned to match the document's first page."""
    printer.setFullPage(True)
    if document.pageCount():
        size = document.pagePointSize(0)
        landscape = size.width() > size.height()
        orientation = (
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        printer.setPageOrientation(orientation)


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print ``data`` on ``printer`` (already set up by the print dialog); the pages printed."""
    loaded = LoadedPdf(data)
    try:
        if not loaded.ready:
            raise PrintFailed(tr("Print", "the document could not be read for printing"))
        prepare_printer(printer, loaded.document)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(
                tr("Print", "the printer could not be started; check it is on and connected")
            )
        try:
            return paint_pages(painter, printer, loaded.document)
        finally:
            painter.end()
    finally:
        loaded.close()


class PrinterSink:
    """Prints each document of a batch as one print job; call ``close`` at the end.

    Runs in the batch's worker thread: Qt allows painting on a QPrinter outside the GUI thread.
    """

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self.painter: QPainter | None = None
        self.documents = 0

    def __call__(self, document: object) -> None:
        data: bytes = document.pdf  # type: ignore[attr-defined]
        loaded = LoadedPdf(data)
        try:
            if not loaded.ready:
                raise PrintFailed(tr("Print", "a document could not be read for printing"))
            if self.painter is None:
                prepare_printer(self.printer, loaded.document)
                self.painter = QPainter()
                if not self.painter.begin(self.printer):
                    self.painter = None
                    raise PrintFailed(
                        tr("Print", "the printer could not be started; check it is on")
                    )
            paint_pages(self.painter, self.printer, loaded.document, first=self.documents == 0)
            self.documents += 1
        finally:
            loaded.close()

    def close(self) -> None:
        if self.painter is not None:
            self.painter.end()
            self.painter = None
