"""The links map: a situation, his thoughts, feelings, what he did and what came of it (P10)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.flow import together
from engager_desktop.worksheets.inputs import LinksMapInput, LinksMapLine
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import (
    box,
    build_document,
    esc,
    fixed,
    has_text,
    heading,
    lines,
    para,
    spacer,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import greeting, sharing_notice, title_block
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "How one moment links up")
INTRO = N_(
    "Doc.LinksMap",
    "this map shows how one moment links up. Start with what happened. "
    "Then write what you thought, what you felt, what you did, and what came of it.",
)
BOXES = (
    ("situation", N_("Doc.LinksMap", "What happened")),
    ("thoughts", N_("Doc.LinksMap", "What I thought")),
    ("feelings", N_("Doc.LinksMap", "What I felt")),
    ("behaviour", N_("Doc.LinksMap", "What I did")),
    ("outcomes", N_("Doc.LinksMap", "What came of it")),
)
ARROW = "\u2193"
SHARED = (N_("Doc", "A map of how one moment linked his thoughts, feelings and actions."),)


def build(data: LinksMapInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    story.append(fixed(esc(greeting(data.man, tr("Doc.LinksMap", INTRO), options)), st.body))
    entries = [entry for entry in data.entries if entry != LinksMapLine()] or [LinksMapLine()]
    if len(entries) == 1:
        story += map_part(entries[0], st)
    for number, entry in enumerate(entries if len(entries) > 1 else [], start=1):
        words = tr("Doc.LinksMap", "Map {number} of {total}")
        head = heading(words.format(number=number, total=len(entries)), st)
        story += [together([head, *map_part(entry, st)]), spacer(st)]
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def map_part(entry: LinksMapLine, st: Styles) -> list[Flowable]:
    """Five boxes, one under the other, joined by arrows; empty boxes get lines to write on.
    The caller keeps the whole map on one page, with space before the next one."""
    flow: list[Flowable] = []
    blank = 2
    for index, (name, title) in enumerate(BOXES):
        text = getattr(entry, name)
        content: list[Flowable] = [Paragraph(esc(tr("Doc.LinksMap", title)), st.bold)]
        content.append(para(str(text), st.body) if has_text(text) else lines(blank, st))
        part: list[Flowable] = [box(content, st, fill=False)]
        if index < len(BOXES) - 1:
            part.append(Paragraph(ARROW, st.centre))
        flow.append(KeepTogether(part))
    return flow
