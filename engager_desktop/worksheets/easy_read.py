"""Easy Read: a picture beside each idea, 16 pt type or larger, short sentences.

A document that offers Easy Read builds its usual story with the Easy Read styles, then
``pictured`` puts a picture beside each heading (chosen by the heading's words) and the
document puts a smaller one beside each item that is an idea of its own (a step, a promise).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from engager_desktop.worksheets.flow import flat
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.pictures import Picture
from engager_desktop.worksheets.styles import Styles

HEADING_PICTURE = 17 * mm
ITEM_PICTURE = 12 * mm
GAP = 10  # points between a picture and its words
DEFAULT = "star"

DOMAIN_PICTURES = {
    "housing": "house",
    "family_and_relationships": "people",
    "benefits_and_money": "money",
    "work_and_learning": "book",
    "health": "pill",
    "substances": "glass",
    "coping_with_prison": "clock",
    "other": "star",
}
HELP_PICTURES = {
    "him": "person",
    "practitioner": "handshake",
    "other_professional": "phone",
    "family_or_peers": "people",
}


def beside(
    picture: str, content: list[Flowable], *, size: float = ITEM_PICTURE, middle: bool = False
) -> Table:
    """``content`` with the picture ``picture`` to its left, both at the top of the row (or,
    with ``middle``, the picture level with the middle of the words)."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if middle else "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), GAP),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return Table(
        [[Picture(picture, size), content]],
        colWidths=[size + GAP, "*"],
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _heading_beside(paragraph: Paragraph, pictures: Mapping[str, str]) -> Table:
    words = paragraph.getPlainText().strip()
    picture = pictures.get(words) or next(
        (name for start, name in pictures.items() if words.startswith(start)), DEFAULT
    )
    return heading_beside(paragraph, picture)


def heading_beside(paragraph: Paragraph, picture: str) -> Table:
    """A heading with a picture beside it, kept with what follows."""
    paragraph.style = _without_space_before(paragraph.style)
    row = beside(picture, [paragraph], size=HEADING_PICTURE, middle=True)
    row.keepWithNext = 1  # a heading stays with what it heads
    row.spaceBefore = paragraph.style.fontSize * 0.6
    return row


def _without_space_before(style: Any) -> Any:
    plain = style.clone(f"{style.name}-beside")
    plain.spaceBefore = 0
    plain.keepWithNext = 0
    return plain


def intro(paragraph: Flowable, options: PrintOptions, picture: str = "people") -> Flowable:
    """A document's opening words: in Easy Read with a picture of the two of them beside."""
    if not options.easy_read:
        return paragraph
    return beside(picture, [paragraph], size=HEADING_PICTURE, middle=True)


def help_box(flow: list[Flowable], options: PrintOptions) -> list[Flowable]:
    """The help numbers' box: in Easy Read with a phone beside it, still kept on one page."""
    if not options.easy_read:
        return flow
    return [KeepTogether([beside("phone", flat(flow), size=HEADING_PICTURE)])]


def pictured(story: list[Flowable], pictures: Mapping[str, str], st: Styles) -> list[Flowable]:
    """``story`` with a picture beside each heading (``pictures``: a heading's words, or how it
    starts, to a picture's name; any other heading gets a star). Groups kept together are
    opened to find their headings and kept together again."""
    out: list[Flowable] = []
    for item in story:
        if isinstance(item, KeepTogether):
            out.append(KeepTogether(pictured(list(item._content), pictures, st)))
        elif isinstance(item, Paragraph) and item.style is st.heading:
            out.append(_heading_beside(item, pictures))
        else:
            out.append(item)
    return out
