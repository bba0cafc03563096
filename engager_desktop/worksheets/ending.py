"""The ending blueprint: signs to watch for, what helps, who to contact, support that carries on."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Paragraph

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
from engager_desktop.worksheets.styles import styles

TITLE = "My plan for staying well"
INTRO = (
    "this is the plan we made for when our meetings end. It is yours to keep and to use. "
    "Look at it when things get hard."
)
CARRIES_ON = (
    ("mentoring", "A mentor"),
    ("services_text", "Services"),
    ("family_and_friends", "Family and friends"),
    ("self_care", "Looking after yourself"),
)
PICTURES = {  # Easy Read: the picture beside each heading
    "Signs to watch for": "warning",
    "What helps you": "heart",
    "Who to contact": "phone",
    "Support that carries on": "people",
    "Services you can use": "house",
    "Our last meetings": "calendar",
    "How we will mark the end": "star",
    "A call after the end": "phone",
    "Your Engager worker": "handshake",
}
SHARED = ("His plan for staying well, and who supports him after our meetings end.",)


def build(data: EndingInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    story: list[Flowable] = title_block(TITLE, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    story.append(intro(fixed(esc(greeting(data.man, INTRO, options)), st.body), options))
    story += help_box(help_numbers(data.worker, st), options)
    story += [heading("Signs to watch for", st)]
    story += items_or_lines(split_lines(data.signs_to_watch), st)
    story += [heading("What helps you", st), *items_or_lines(split_lines(data.what_helps), st)]
    story += [heading("Who to contact", st), *items_or_lines(split_lines(data.who_to_contact), st)]
    story += [heading("Support that carries on", st)]
    for name, title in CARRIES_ON:
        story += [Paragraph(esc(title), st.bold), *text_or_lines(getattr(data, name), st, 1)]
    if data.services:
        story += services_section(data.services, st, "Services you can use")
    story += [heading("Our last meetings", st), *text_or_lines(data.last_meetings, st, 2)]
    story += [heading("How we will mark the end", st), *text_or_lines(data.how_to_mark_it, st, 2)]
    call = long_day_text(data.aftercare_call_on)
    last = [heading("A call after the end", st)]
    last.append(field("Your Engager worker will call you on", call, st))
    closing(story, [*last, *worker_block(data.worker, st)])
    if options.easy_read:
        story = pictured(story, PICTURES, st)
    build_document(out, story, st, title=TITLE, printed_on=day_text(data.printed_on))
