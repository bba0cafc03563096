"""Building blocks every document shares: the page and its footer, text, lines to write on, boxes.

Documents are built in invariant mode (fixed dates and ids), with no personal data in the PDF's
metadata, so the same input always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO, TypeAlias

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from engager_desktop.i18n import tr
from engager_desktop.worksheets.flow import KEEP_SHARE, KeepWithNext, last_two_together
from engager_desktop.worksheets.fonts import (
    REGULAR,
    draw_string,
    markup,
    register,
    text_width,
)
from engager_desktop.worksheets.styles import TICK_BOX_MM, Styles

rl_config.invariant = 1  # fixed creation date and document id: the same input, the same bytes

BOX_FILL = colors.Color(0.93, 0.93, 0.93)

_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
CREATOR = "Engager Desktop"


@dataclass
class Laid:
    """What a builder asked ``build_document`` to lay out (kept, not built, while capturing)."""

    story: list[Flowable]
    st: Styles
    title: str
    printed_on: str | None
    wide: bool
    columns: int


# While set (worksheets.languages, for a bilingual print), build_document keeps what it is given
# here instead of writing a PDF.
capturing: ContextVar[list[Laid] | None] = ContextVar("capturing", default=None)


def esc(text: str) -> str:
    """Entered text made safe for a Paragraph: printable, markup escaped, line breaks kept, each
    character in a font that has it (see ``fonts.markup``)."""
    return markup(text)


def has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def split_lines(text: str | None) -> list[str]:
    """The non-blank lines of ``text``, stripped (a list typed one item per line)."""
    if not text:
        return []
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def para(text: str, style: Any) -> Paragraph:
    """A paragraph of entered (or any plain) text."""
    return Paragraph(esc(text), style)


def fixed(markup: str, style: Any) -> Paragraph:
    """A paragraph of our own fixed text, which may hold <b> markup."""
    return Paragraph(markup, style)


def heading(text: str, st: Styles) -> Paragraph:
    return Paragraph(esc(text), st.heading)


class WriteLines(Flowable):  # type: ignore[misc]
    """Ruled lines across the frame to write on by hand."""

    def __init__(self, count: int, st: Styles) -> None:
        super().__init__()
        self.count = count
        self.gap = st.spec.write_gap
        self.colour = st.line_colour
        self.width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap + 2

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.7)
        for index in range(self.count):
            y = self.count * self.gap - (index + 1) * self.gap + 2
            canvas.line(0, y, self.width, y)


class FillIn(Flowable):  # type: ignore[misc]
    """A bold label and a line to write on: beside it ("Date: ____") when the label is short,
    under it when the label would leave too little room to write."""

    BESIDE = 0.55  # the label may take up to this share of the width and keep the line beside it
    BELOW = 3.0  # space under the line

    def __init__(self, label: str, st: Styles) -> None:
        super().__init__()
        self.text = label
        self.label = Paragraph(esc(label), st.cell_bold)
        self.st = st
        self.width = 0.0
        self.height = 0.0
        self.beside = True
        self.label_width = 0.0
        self.label_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        gap = self.st.spec.write_gap
        natural = text_width(self.text, self.st.spec.body, bold=True) + 2
        self.beside = natural <= avail_width * self.BESIDE
        self.label_width = natural if self.beside else avail_width
        _, self.label_height = self.label.wrap(self.label_width, avail_height)
        self.width = avail_width
        if self.beside:
            self.height = max(self.label_height, gap) + self.BELOW
        else:
            self.height = self.label_height + gap + self.BELOW
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A label too long for a page (a name pasted in by mistake) becomes a paragraph that
        can break across pages, then the line; a short one moves to the next page whole."""
        self.wrap(avail_width, avail_height)
        if self.label_height <= self.st.spec.write_gap * 5:
            return []
        label = Paragraph(esc(self.text), self.st.cell_bold)
        label.wrap(avail_width, avail_height)
        parts = label.split(avail_width, avail_height)
        return [*parts, WriteLines(1, self.st)] if parts else []

    def draw(self) -> None:
        top = self.height - self.label_height
        self.label.drawOn(self.canv, 0, top)
        self.canv.setStrokeColor(self.st.line_colour)
        self.canv.setLineWidth(0.7)
        if self.beside:
            self.canv.line(self.label_width + 6, top + 2, self.width, top + 2)
        else:
            self.canv.line(0, self.BELOW, self.width, self.BELOW)


def lines(count: int, st: Styles) -> WriteLines:
    return WriteLines(count, st)


def text_or_lines(text: str | None, st: Styles, blank_lines: int = 2) -> list[Flowable]:
    """The entered text, or ruled lines to fill in by hand when nothing is recorded."""
    if has_text(text):
        return [para(str(text), st.body)]
    return [lines(blank_lines, st)]


def bullets(items: Iterable[str], st: Styles, *, in_box: bool = False) -> list[Flowable]:
    """A bulleted list whose last item never goes alone onto a new page (``in_box``: a list
    inside a box, which keeps to its own rows)."""
    shown = [Paragraph(esc(item), st.bullet, bulletText="•") for item in items if has_text(item)]
    return shown if in_box else last_two_together(shown)


def items_or_lines(items: Sequence[str], st: Styles, blank_lines: int = 3) -> list[Flowable]:
    """A bulleted list, or ruled lines when the list is empty."""
    shown = bullets(items, st)
    return shown if shown else [lines(blank_lines, st)]


def field(label: str, value: str | None, st: Styles) -> Flowable:
    """Shows "Label: value", or the label with a line to write on when there is no value."""
    if has_text(value):
        return Paragraph(f"<b>{esc(label)}:</b> {esc(str(value))}", st.body)
    return FillIn(f"{label}:", st)


class TickBox(Flowable):  # type: ignore[misc]
    """A square to tick, ``TICK_BOX_MM`` a side, drawn in black (ticked when ``done``)."""

    def __init__(self, done: bool | None = False) -> None:
        super().__init__()
        self.done = bool(done)
        self.side = TICK_BOX_MM * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        canvas, side = self.canv, self.side
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(1.2)
        canvas.rect(0, 0, side, side, stroke=1, fill=0)
        if self.done:
            canvas.setLineWidth(1.8)
            path = canvas.beginPath()
            path.moveTo(side * 0.2, side * 0.5)
            path.lineTo(side * 0.42, side * 0.22)
            path.lineTo(side * 0.82, side * 0.82)
            canvas.drawPath(path, stroke=1, fill=0)


def ticks(choices: Sequence[tuple[bool | None, str]], st: Styles, style: Any = None) -> Table:
    """Tick boxes in one row, each followed by its words: "[ ] Done   [ ] Not done", or a single
    box beside a longer text that wraps."""
    style = style or st.body
    side = TICK_BOX_MM * mm
    row: list[Any] = []
    widths: list[Any] = []
    for done, text in choices:
        row += [TickBox(done), Paragraph(esc(text), style)]
        if len(choices) == 1:
            widths += [side + 6, "*"]
        else:
            widths += [side + 6, text_width(text, style.fontSize) + 18]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
    ]
    return Table([row], colWidths=widths, style=TableStyle(commands), hAlign="LEFT")


def box(content: list[Flowable], st: Styles, *, fill: bool = True, heavy: bool = False) -> Table:
    """Flowables inside a ruled box across the frame (it may break across pages)."""
    pad = st.spec.box_padding
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 2.0 if heavy else 1.0, colors.black),
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if fill:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), BOX_FILL))
    return Table([[content]], colWidths=["100%"], style=TableStyle(commands), splitInRow=1)


Cell: TypeAlias = Any  # a table cell: text (which wraps), a flowable or a list of flowables


def grid(rows: Sequence[Sequence[Cell]], widths: Sequence[float | str], st: Styles) -> Table:
    """A ruled table; the first row is the header and repeats on each page. Text cells wrap."""
    cells = [
        [
            Paragraph(esc(cell), st.cell_bold if index == 0 else st.cell)
            if isinstance(cell, str)
            else cell
            for cell in row
        ]
        for index, row in enumerate(rows)
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.7, st.line_colour),
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
        ("BACKGROUND", (0, 0), (-1, 0), BOX_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    return Table(
        cells, colWidths=list(widths), style=TableStyle(commands), repeatRows=1, splitInRow=1
    )


def for_others_box(includes: Sequence[str], leaves_out: Sequence[str], st: Styles) -> Table:
    """The box a copy for someone else carries: what it holds and what was kept off it (P35)."""
    content: list[Flowable] = [
        fixed(f"<b>{esc(tr('Doc', 'This sheet is for other people to read.'))}</b>", st.body)
    ]
    content.append(fixed(f"<b>{esc(tr('Doc', 'It includes:'))}</b>", st.body))
    content.extend(bullets(includes, st, in_box=True))
    if leaves_out:
        content.append(fixed(f"<b>{esc(tr('Doc', 'It leaves out:'))}</b>", st.body))
        content.extend(bullets(leaves_out, st, in_box=True))
    return box(content, st, heavy=True)


def spacer(st: Styles, lines_high: float = 0.5) -> Spacer:
    return Spacer(1, st.spec.body * st.spec.leading * lines_high)


class _FooterCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end, so each footer can say "Page x of y"."""

    def __init__(self, *args: Any, footer: str, st: Styles, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._st = st
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        size = self._st.spec.footer
        margin = self._st.margin
        width = self._pagesize[0]
        y = margin * 0.6
        self.setFillColor(colors.black)
        draw_string(self, margin, y, self._footer, size)
        page = tr("Doc", "Page {number} of {total}").format(number=number, total=total)
        draw_string(self, width - margin, y, page, size, right=True)


def footer_text(printed_on: str | None) -> str:
    if printed_on:
        return tr("Doc", "Printed {date}").format(date=printed_on)
    return tr("Doc", "Printed on:") + " ____________"


def build_document(
    out: BinaryIO,
    story: list[Flowable],
    st: Styles,
    *,
    title: str,
    printed_on: str | None,
    wide: bool = False,
    columns: int = 1,
) -> None:
    """Lay ``story`` out on A4 (landscape when ``wide``) and write the PDF to ``out``.

    With two columns the page is an A4 sheet to fold in half: a dashed fold line is drawn between
    the two halves, each with its own margins.
    """
    kept = capturing.get()
    if kept is not None:
        kept.append(Laid(story, st, title, printed_on, wide, columns))
        return
    register()
    pagesize = landscape(A4) if wide else A4
    margin = st.margin
    bottom = margin + st.spec.footer_room
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom,
        title=title,
        author=CREATOR,
        creator=CREATOR,
        producer=CREATOR,
        subject="",
        keywords="",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=st.spec.body,
        initialLeading=st.spec.body * st.spec.leading,
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=_frames(doc, columns), onPage=_fold(columns))]
    )
    doc.keepTogetherClass = partial(KeepWithNext, room=doc.height * KEEP_SHARE)
    doc.build(story, canvasmaker=partial(_FooterCanvas, footer=footer_text(printed_on), st=st))


def _frames(doc: BaseDocTemplate, columns: int) -> list[Frame]:
    page_width = doc.pagesize[0]
    column_width = page_width / columns
    frames = []
    for index in range(columns):
        left = index * column_width + doc.leftMargin
        width = column_width - doc.leftMargin - doc.rightMargin
        frame = Frame(left, doc.bottomMargin, width, doc.height, id=f"column{index}", **_NO_PADDING)
        frames.append(frame)
    return frames


def _fold(columns: int) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if columns < 2:
            return
        x = doc.pagesize[0] / 2
        canvas.saveState()
        canvas.setDash(4, 4)
        canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        canvas.line(x, doc.bottomMargin * 0.5, x, doc.pagesize[1] - doc.topMargin * 0.5)
        canvas.restoreState()

    return draw
