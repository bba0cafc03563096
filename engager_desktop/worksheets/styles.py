"""Type sizes, spacing and margins for each kind of print, held as data, and their styles.

No character on any document is smaller than ``min_size``: 12 pt in normal print and 16 pt in
large print and Easy Read, tables, headers and footers included (tests walk every text operator
to prove it). Documents he keeps (his plan, his agreement, his first week …) print their body
text at 14 pt (``HIS``, the size RNIB recommends for clear print); documents for services and
the team stay at 12 pt (``NORMAL``). Writing lines and rules are 65% black (``line_grey`` 0.35),
dark enough to see on a poor photocopy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from engager_desktop.worksheets.fonts import BOLD, REGULAR, register
from engager_desktop.worksheets.options import PrintOptions


@dataclass(frozen=True)
class StyleSpec:
    """Sizes in points unless named otherwise."""

    name: str
    min_size: float  # the smallest character allowed anywhere
    body: float
    heading: float
    title: float
    footer: float
    code: float  # the recovery code's digits
    leading: float  # line height as a multiple of the type size
    margin_mm: float
    footer_room: float  # space kept for the footer below the text frame
    space_after: float  # after a paragraph
    space_before_heading: float
    write_gap: float  # between hand-writing lines
    box_padding: float
    line_grey: float  # 0 black .. 1 white, for rules and writing lines


NORMAL = StyleSpec(
    name="normal",
    min_size=12,
    body=12,
    heading=15,
    title=20,
    footer=12,
    code=26,
    leading=1.35,
    margin_mm=18,
    footer_room=18,
    space_after=5,
    space_before_heading=12,
    write_gap=24,
    box_padding=8,
    line_grey=0.35,
)

# His documents: NORMAL at 14 pt, with slightly tighter lines so a page still holds a plan.
HIS = replace(NORMAL, name="his", body=14, heading=17, title=22, leading=1.2, space_after=4)

LARGE = StyleSpec(
    name="large",
    min_size=16,
    body=16,
    heading=19,
    title=24,
    footer=16,
    code=30,
    leading=1.35,
    margin_mm=15,
    footer_room=24,
    space_after=7,
    space_before_heading=14,
    write_gap=32,
    box_padding=9,
    line_grey=0.35,
)

# Easy Read: LARGE with more room round each short idea.
EASY = replace(
    LARGE,
    name="easy",
    heading=20,
    title=26,
    leading=1.4,
    space_after=8,
    space_before_heading=16,
    write_gap=34,
)

TICK_BOX_MM = 5.5  # the side of a drawn tick box (at least 5 mm, so it is easy to see and mark)


def spec_for(options: PrintOptions, his: bool = False) -> StyleSpec:
    """Easy Read, large print, or normal print: 14 pt when ``his`` (a document he keeps, not a
    copy for someone else), 12 pt otherwise."""
    if options.easy_read:
        return EASY
    if options.large_print:
        return LARGE
    return HIS if his and not options.for_others else NORMAL


@dataclass(frozen=True)
class Styles:
    """The paragraph styles made from one ``StyleSpec``; never changed after they are made."""

    spec: StyleSpec
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    bold: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    code: ParagraphStyle
    centre: ParagraphStyle

    @property
    def margin(self) -> float:
        return float(self.spec.margin_mm * mm)

    @property
    def line_colour(self) -> colors.Color:
        grey = self.spec.line_grey
        return colors.Color(grey, grey, grey)


def _style(name: str, size: float, spec: StyleSpec, **extra: object) -> ParagraphStyle:
    settings: dict[str, object] = {
        "fontName": REGULAR,
        "fontSize": size,
        "leading": round(size * spec.leading, 2),
        "spaceAfter": spec.space_after,
        "textColor": colors.black,
        "splitLongWords": 1,
        "spaceShrinkage": 0,  # reportlab lets a line overrun by squeezing spaces; we do not
    }
    settings.update(extra)
    return ParagraphStyle(name, **settings)


@lru_cache(maxsize=8)
def styles_for(spec: StyleSpec) -> Styles:
    register()
    body = spec.body
    return Styles(
        spec=spec,
        title=_style("title", spec.title, spec, fontName=BOLD, spaceAfter=spec.space_after * 2),
        heading=_style(
            "heading",
            spec.heading,
            spec,
            fontName=BOLD,
            spaceBefore=spec.space_before_heading,
            keepWithNext=1,
        ),
        body=_style("body", body, spec),
        bold=_style("bold", body, spec, fontName=BOLD, keepWithNext=1),
        bullet=_style(
            "bullet",
            body,
            spec,
            leftIndent=body * 1.4,
            bulletIndent=body * 0.3,
            bulletFontName=REGULAR,
            bulletFontSize=body,
            spaceAfter=spec.space_after * 0.5,
        ),
        cell=_style("cell", body, spec, spaceAfter=0),
        cell_bold=_style("cell_bold", body, spec, fontName=BOLD, spaceAfter=0),
        code=_style("code", spec.code, spec, fontName=BOLD, leading=spec.code * 1.5),
        centre=_style(
            "centre",
            spec.heading,
            spec,
            fontName=BOLD,
            alignment=TA_CENTER,
            spaceAfter=0,
            leading=spec.heading * 1.1,
        ),
    )


def styles(options: PrintOptions, *, his: bool = False) -> Styles:
    """The styles for ``options``; ``his``: a document he keeps (see ``spec_for``)."""
    return styles_for(spec_for(options, his))
