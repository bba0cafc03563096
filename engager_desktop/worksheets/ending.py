"""The ending blueprint: signs to watch for, what helps, who to contact, support that carries on."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Paragraph

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.easy_read import help_box, intro, pictured
from engager_desktop.worksheets.flow import closing
from engager_desktop.worksheets.inputs import EndingInput
from engager_desktop.worksheets.labels import day_text, long_day_text
from engager_desktop.worksheets.layout import (
    build_document,
    esc,
    field,
    fixed,
    heading,
    items_or_lines,
    split_lines,
    text_or_lines,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import (
    greeting,
    help_numbers,
    services_section,
    sharing_notice,
    title_block,
    worker_block,
)
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "My plan for staying well")
INTRO = N_(
    "Doc.Ending",
    "this is the plan we made for when our meetings end. It is yours to keep and to use. "
    "Look at it when things get hard.",
)
CARRIES_ON = (
    ("mentoring", N_("Doc.Ending", "A mentor")),
    ("services_text", N_("Doc.Ending", "Services")),
    ("family_and_friends", N_("Doc.Ending", "Family and friends")),
    ("self_care", N_("Doc.Ending", "Looking after yourself")),
)
SIGNS = N_("Doc.Ending", "Signs to watch for")
HELPS = N_("Doc.Ending", "What helps you")
CONTACT = N_("Doc.Ending", "Who to contact")
CARRY_ON = N_("Doc.Ending", "Support that carries on")
SERVICES = N_("Doc.Ending", "Services you can use")
LAST = N_("Doc.Ending", "Our last meetings")
MARK = N_("Doc.Ending", "How we will mark the end")
CALL = N_("Doc.Ending", "A call after the end")
PICTURES = {  # Easy Read: the picture beside each heading
    SIGNS: "warning",
    HELPS: "heart",
    CONTACT: "phone",
    CARRY_ON: "people",
    SERVICES: "house",
    LAST: "calendar",
    MARK: "star",
    CALL: "phone",
}
SHARED = (N_("Doc", "His plan for staying well, and who supports him after our meetings end."),)


def build(data: EndingInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    words = greeting(data.man, tr("Doc.Ending", INTRO), options)
    story.append(intro(fixed(esc(words), st.body), options))
    story += help_box(help_numbers(data.worker, st), options)
    story += [_h(SIGNS, st)]
    story += items_or_lines(split_lines(data.signs_to_watch), st)
    story += [_h(HELPS, st), *items_or_lines(split_lines(data.what_helps), st)]
    story += [_h(CONTACT, st), *items_or_lines(split_lines(data.who_to_contact), st)]
    story += [_h(CARRY_ON, st)]
    for name, part in CARRIES_ON:
        words = tr("Doc.Ending", part)
        story += [Paragraph(esc(words), st.bold), *text_or_lines(getattr(data, name), st, 1)]
    if data.services:
        story += services_section(data.services, st, tr("Doc.Ending", SERVICES))
    story += [_h(LAST, st), *text_or_lines(data.last_meetings, st, 2)]
    story += [_h(MARK, st), *text_or_lines(data.how_to_mark_it, st, 2)]
    call = long_day_text(data.aftercare_call_on)
    last = [_h(CALL, st)]
    last.append(field(tr("Doc.Ending", "Your Engager worker will call you on"), call, st))
    closing(story, [*last, *worker_block(data.worker, st)])
    if options.easy_read:
        pictures = {tr("Doc.Ending", text): name for text, name in PICTURES.items()}
        pictures[tr("Doc", "Your Engager worker")] = "handshake"
        story = pictured(story, pictures, st)
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def _h(text: str, st: Styles) -> Flowable:
    """A heading of this document, in the language in use."""
    return heading(tr("Doc.Ending", text), st)
