"""Service figures for the team, as a PDF: the anonymised table by month, 12 pt, landscape.

The table arrives already suppressed (services.figures); this module only lays it out. Months go
up to seven to a table so that every column stays readable; the whole-range column ends the last
table.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.domain import figures as rules
from engager_desktop.i18n import N_, month_name, short_date, tr
from engager_desktop.worksheets.layout import Cell, build_document, esc, fixed, grid, heading
from engager_desktop.worksheets.styles import NORMAL, Styles, styles_for


class FigureRowLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def indent(self) -> bool: ...
    @property
    def cells(self) -> tuple[str, ...]: ...


class FiguresTable(Protocol):
    """What this sheet reads of services.figures.FiguresTable (already made safe)."""

    @property
    def first(self) -> date: ...
    @property
    def last(self) -> date: ...
    @property
    def made_on(self) -> date: ...
    @property
    def columns(self) -> tuple[str, ...]: ...
    @property
    def rows(self) -> Sequence[FigureRowLike]: ...
    @property
    def notes(self) -> tuple[str, ...]: ...


TITLE = N_("Doc", "Engager service figures")
INTRO = N_(
    "Doc.Figures",
    "Anonymised figures for the team and commissioners. They hold no names, ids or notes. "
    "Counts of fewer than 5 are withheld, so the figures may leave the laptop.",
)


def _from_domain(text: str) -> str:
    """The words the table arrives with from the domain layer ("withheld" and its note), marked
    here for the catalogue (the measures, the other notes and "Whole range" are marked where
    they are defined, in services.figures, in the context "Figures")."""
    marked = {
        rules.WITHHELD: N_("Doc.Figures", "withheld"),
        rules.WITHHELD_NOTE: N_(
            "Doc.Figures",
            "“withheld”: fewer than 5, or held back so that a count of fewer than 5 cannot be "
            "worked out from the other figures. 0 means none.",
        ),
    }
    return marked.get(text, text)


SPEC = replace(NORMAL, name="figures", min_size=12, body=12, footer=12)
MOST_PER_TABLE = 7  # month columns beside the labels, on A4 landscape at 12 pt
LABEL_WIDTH = 205.0


def _right(st: Styles) -> ParagraphStyle:
    return ParagraphStyle("figure", parent=st.cell, alignment=TA_RIGHT)


def tables(table: FiguresTable, st: Styles, width: float) -> list[Flowable]:
    right = _right(st)
    indented = ParagraphStyle("figure_part", parent=st.cell, leftIndent=st.spec.body * 1.5)
    out: list[Flowable] = []
    count = len(table.columns)
    per_table = math.ceil(count / math.ceil(count / MOST_PER_TABLE))  # even: 13 gives 7 and 6
    for start in range(0, count, per_table):
        columns = range(start, min(count, start + per_table))
        header: list[Cell] = [tr("Doc.Figures", "Measure")]
        header += [column_heading(table, i) for i in columns]
        body: list[list[Cell]] = []
        for row in table.rows:
            body.append(
                [Paragraph(esc(words(row.label)), indented if row.indent else st.cell)]
                + [Paragraph(esc(words(row.cells[i])), right) for i in columns]
            )
        each = (width - LABEL_WIDTH) / per_table
        widths = [LABEL_WIDTH, *([each] * len(columns))]
        out.append(grid([header, *body], widths, st))
        out.append(fixed("&nbsp;", st.body))
    return out


def words(text: str) -> str:
    """A label, note or cell from the table, in the language in use (figures stay as they are)."""
    if text in (rules.WITHHELD, rules.WITHHELD_NOTE):
        return tr("Doc.Figures", _from_domain(text))
    return tr("Figures", text)  # the measures, notes and "Whole range" of services.figures


def column_heading(table: FiguresTable, index: int) -> str:
    """The month of column ``index`` ("Jan 2026", "Ion 2026"), or the whole range's heading:
    the months run on from the range's first, one to a column, and the last column is the
    whole range."""
    if index == len(table.columns) - 1:
        return words(table.columns[index])
    number = table.first.year * 12 + table.first.month - 1 + index
    return f"{month_name(number % 12 + 1, short=True)} {number // 12}"


def build(table: FiguresTable, out: io.BytesIO) -> None:
    st = styles_for(SPEC)
    made = short_date(table.made_on)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    dates = tr("Doc.Figures", "From {first} to {last}. Made {made}.").format(
        first=short_date(table.first), last=short_date(table.last), made=made
    )
    story.append(fixed(esc(dates), st.body))
    story.append(fixed(esc(tr("Doc.Figures", INTRO)), st.body))
    width = 842 - 2 * st.margin  # A4 landscape
    story += tables(table, st, width)
    notes = [heading(tr("Doc.Figures", "How to read these figures"), st)]
    notes += [fixed(esc(words(note)), st.body) for note in table.notes]
    story.append(KeepTogether(notes))
    build_document(out, story, st, title=title, printed_on=made, wide=True)


def pdf_bytes(table: FiguresTable) -> bytes:
    out = io.BytesIO()
    build(table, out)
    return out.getvalue()
