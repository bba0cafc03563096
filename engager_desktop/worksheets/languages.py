"""Printing a document in a language: English, Welsh, or Welsh and English side by side.

A document is built in one language by building it inside ``i18n.using(code)`` (this thread
only: the screens keep theirs). The bilingual form (``cy+en``, for papers meant for services and
others, never the papers he keeps) builds the same document twice, in Welsh and in English, with
the same code, so the two stories have the same parts in the same order; it pairs them part by
part in a two-column table on landscape A4, Welsh on the left (the usual form under the Welsh
Language Standards), a heading in the same row as what follows it. A row is kept whole on a page;
a pair too tall for most of a page (a long story, a long table) prints full width, Welsh then
English, each free to break across pages. (reportlab's splitting inside a table row took minutes
on the understanding document, so rows are never split.)
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from engager_desktop import i18n
from engager_desktop.worksheets.flow import flat
from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.layout import Laid, build_document, capturing
from engager_desktop.worksheets.options import PrintOptions

WELSH = "cy"
BILINGUAL = "cy+en"
# The languages a print can be made in (the man's own papers: the first two only).
PRINT_LANGUAGES: tuple[str, ...] = (i18n.ENGLISH, WELSH, BILINGUAL)
RULE = colors.Color(0.6, 0.6, 0.6)
GAP = 8  # points each side of the line between the languages
TALL_SHARE = 0.6  # a pair taller than this share of a page prints full width, one after the other


def build_in(name: str, data: Any | None, options: PrintOptions, language: str) -> bytes:
    """The PDF of kind ``name`` in ``language`` (``en``, ``cy`` or ``cy+en``)."""
    if language == BILINGUAL:
        return bilingual_pdf(name, data, options)
    if language not in PRINT_LANGUAGES:
        raise ValueError(f"no print language {language!r}; the languages are: en, cy, cy+en")
    with i18n.using(language):
        return build_pdf(name, data, options)


def laid_out(name: str, data: Any | None, options: PrintOptions, language: str) -> Laid:
    """What the builder of ``name`` lays out in ``language``, without writing a PDF."""
    kept: list[Laid] = []
    token = capturing.set(kept)
    try:
        with i18n.using(language):
            build_pdf(name, data, options)
    finally:
        capturing.reset(token)
    if len(kept) != 1:
        raise ValueError(f"{name} did not lay out one document")
    return kept[0]


def bilingual_pdf(name: str, data: Any | None, options: PrintOptions) -> bytes:
    """Welsh and English side by side: the same document built in each, paired part by part."""
    welsh = laid_out(name, data, options, WELSH)
    english = laid_out(name, data, options, i18n.ENGLISH)
    st = welsh.st
    page_width, page_height = landscape(A4)
    column = (page_width - 2 * st.margin) / 2 - GAP
    room = (page_height - 2 * st.margin - st.spec.footer_room) * TALL_SHARE
    story: list[Flowable] = []
    rows: list[list[list[Flowable]]] = []
    for row in paired(welsh.story, english.story):
        if _height(row, column) <= room:
            rows.append(row)
            continue
        if rows:
            story.append(_table(rows))
            rows = []
        story += [*row[0], *row[1]]  # too tall to pair: Welsh, then English, full width
    if rows:
        story.append(_table(rows))
    title = welsh.title if welsh.title == english.title else f"{welsh.title} / {english.title}"
    out = io.BytesIO()
    with i18n.using(WELSH):  # the page footer, Welsh first like the page
        build_document(
            out, story, st, title=title, printed_on=welsh.printed_on, wide=True, columns=1
        )
    return out.getvalue()


def _height(row: list[list[Flowable]], width: float) -> float:
    """The height the taller side of a row needs in a column ``width`` wide."""
    return max(sum(float(part.wrap(width, 1e6)[1]) for part in side) for side in row)


def _table(rows: list[list[list[Flowable]]]) -> Table:
    return Table(
        rows,
        colWidths=["50%", "50%"],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), GAP),
                ("LEFTPADDING", (1, 0), (1, -1), GAP),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
            ]
        ),
    )


def paired(welsh: list[Flowable], english: list[Flowable]) -> list[list[list[Flowable]]]:
    """Table rows of [Welsh parts, English parts]: one row per part, a heading (a part kept with
    the next) in the row of what follows it. Page breaks are left out: the rows flow on.
    Stories that differ in shape (they should not) go in one row, whole."""
    cy = [part for part in flat(welsh) if not isinstance(part, PageBreak | CondPageBreak)]
    en = [part for part in flat(english) if not isinstance(part, PageBreak | CondPageBreak)]
    if len(cy) != len(en) or any(type(a) is not type(b) for a, b in zip(cy, en, strict=True)):
        return [[cy, en]]
    rows: list[list[list[Flowable]]] = []
    left: list[Flowable] = []
    right: list[Flowable] = []
    for a, b in zip(cy, en, strict=True):
        left.append(a)
        right.append(b)
        if not a.getKeepWithNext():
            rows.append([left, right])
            left, right = [], []
    if left:
        rows.append([left, right])
    return rows
