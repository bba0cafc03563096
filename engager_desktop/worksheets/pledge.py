"""The pledge: what he commits to, what the practitioner commits to, both signatures (P13)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.easy_read import beside, intro, pictured
from engager_desktop.worksheets.flow import flat, last_two_together, together
from engager_desktop.worksheets.inputs import PledgeInput
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import (
    FillIn,
    build_document,
    esc,
    field,
    fixed,
    has_text,
    heading,
    items_or_lines,
    para,
    spacer,
    split_lines,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import greeting, name_of, sharing_notice, title_block
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Our agreement")
INTRO = N_(
    "Doc.Pledge",
    "we wrote this agreement together. We can change it together at any time. "
    "It is not a legal document. It is a promise we make to each other.",
)
HIS_PART = N_("Doc.Pledge", "What I will do")
WORKER_PART = N_("Doc.Pledge", "What your Engager worker will do")
BLANK_LINES = 5
WHOLE_PART = 6  # a worker's part of up to this many items stays whole with the signatures
SHARED = (N_("Doc", "What he and his Engager worker agreed to do."),)


def build(data: PledgeInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    words = greeting(data.man, tr("Doc.Pledge", INTRO), options)
    story.append(intro(fixed(esc(words), st.body), options))
    name = name_of(data.man)
    easy = options.easy_read
    his_part = (
        tr("Doc.Pledge", "What I, {name}, will do").format(name=name)
        if name
        else tr("Doc.Pledge", HIS_PART)
    )
    story += [heading(his_part, st)]
    story += promises(split_lines(data.his_commitments), st, "person" if easy else None)
    worker = data.worker.name
    worker_part = (
        tr("Doc.Pledge", "What {worker} will do").format(worker=worker)
        if has_text(worker)
        else tr("Doc.Pledge", WORKER_PART)
    )
    theirs = promises(split_lines(data.worker_commitments), st, "handshake" if easy else None)
    # Each signs beside what is signed: a short worker's part stays whole with the signatures;
    # from a long one, its last items do (so the page before is not left half empty).
    head = heading(worker_part, st)
    if len(flat(theirs)) <= WHOLE_PART:
        story.append(together([head, *theirs, *signatures(data, st)]))
    else:
        story += [head, *theirs[:-1], together([theirs[-1], *signatures(data, st)])]
    if easy:  # the picture beside each heading: him, his worker, a pen for the signatures
        pictures = {his_part: "person", worker_part: "handshake"}
        pictures[tr("Doc.Pledge", "Signatures")] = "pen"
        story = pictured(story, pictures, st)
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def promises(items: list[str], st: Styles, picture: str | None) -> list[Flowable]:
    """Each promise as a bullet, or (Easy Read, ``picture``) beside a picture of who makes it;
    lines to write on when there are none."""
    if picture is None or not items:
        return items_or_lines(items, st, BLANK_LINES)
    return last_two_together([beside(picture, [para(item, st.body)]) for item in items])


def signatures(data: PledgeInput, st: Styles) -> list[Flowable]:
    """Signature and date lines for both; never pre-filled, as each signs by hand."""
    name = name_of(data.man)
    worker = data.worker.name if has_text(data.worker.name) else None
    his = (
        tr("Doc.Pledge", "Signed by {name}").format(name=name)
        if name
        else tr("Doc.Pledge", "Signed by you")
    )
    theirs = (
        tr("Doc.Pledge", "Signed by {name}").format(name=worker)
        if worker
        else tr("Doc.Pledge", "Signed by your Engager worker")
    )
    signed = day_text(data.signed_on)
    date = tr("Doc", "Date")
    block: list[Flowable] = [heading(tr("Doc.Pledge", "Signatures"), st)]
    block += [FillIn(f"{his}:", st), field(date, signed, st), spacer(st)]
    block += [FillIn(f"{theirs}:", st), field(date, signed, st)]
    return block
