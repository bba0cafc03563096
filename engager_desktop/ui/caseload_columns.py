"""Caseload column widths from the font: names and phases whole, the first four columns in view.

Widths come from font metrics, so they hold at any font size or screen scale; the caseload panel
asks for the width its first four columns need (name, phase, release, overdue).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from engager_desktop.ui import labels
from engager_desktop.ui.models.caseload_model import (
    COL_ALERTS,
    COL_NAME,
    COL_OVERDUE,
    COL_PHASE,
    COL_RELEASE,
)

# A long name of the usual kind (family, given, and how he wants to be addressed).
LONG_NAME = "Kowalczyk, Jonathan (Jon)"
WIDEST_RELEASE = 188  # days
MAX_NAME_SHARE = 0.5  # a very long name may be cut (its tooltip says it whole) past this share
FIRST_COLUMNS = (COL_NAME, COL_PHASE, COL_RELEASE, COL_OVERDUE)


def cell_padding(table: QTableView) -> int:
    """Room a cell takes beyond its text: the focus frame's margins and a little air."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    return 2 * (margin + 1) + 8


def text_width(table: QTableView, *texts: str) -> int:
    metrics = table.fontMetrics()
    return max(metrics.horizontalAdvance(text) for text in texts) + cell_padding(table)


def header_width(header: QHeaderView, column: int) -> int:
    """A heading's width (Qt counts the room for the sort arrow in it)."""
    return header.sectionSizeFromContents(column).width()


def wanted_widths(table: QTableView) -> dict[int, int]:
    """The width each of the first columns needs for its words (and the rows now shown)."""
    header = table.horizontalHeader()
    contents = {
        COL_NAME: text_width(table, LONG_NAME),
        COL_PHASE: text_width(table, *(labels.word(labels.PHASE, k) for k in labels.PHASE)),
        COL_RELEASE: text_width(table, labels.days_to_release(WIDEST_RELEASE), labels.NONE),
        COL_OVERDUE: text_width(table, "99"),
        COL_ALERTS: text_width(table, "9"),
    }
    if table.model() is not None and table.model().rowCount():
        cap = int(max(table.window().width(), 1024) * MAX_NAME_SHARE)
        shown = table.sizeHintForColumn(COL_NAME)
        contents[COL_NAME] = max(contents[COL_NAME], min(shown, cap))
    return {column: max(width, header_width(header, column)) for column, width in contents.items()}


def fit_columns(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column, width in wanted_widths(table).items():
        header.resizeSection(column, width)


def panel_width(table: QTableView) -> int:
    """The table width that shows the first four columns whole, beside its scroll bar."""
    widths = wanted_widths(table)
    scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    return sum(widths[c] for c in FIRST_COLUMNS) + scroll_bar + 2 * table.frameWidth() + 4
