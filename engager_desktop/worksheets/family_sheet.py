"""The family sheet: what to expect when he comes home, and where families can get support (P19)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.worksheets.flow import closing
from engager_desktop.worksheets.inputs import FamilySheetInput
from engager_desktop.worksheets.labels import day_text, long_day_text
from engager_desktop.worksheets.layout import (
    build_document,
    esc,
    field,
    fixed,
    heading,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import (
    name_of,
    services_section,
    sharing_notice,
    title_block,
    worker_block,
)
from engager_desktop.worksheets.styles import styles

TITLE = N_("Doc", "For family and friends")
FOR_OTHERS = True
WHAT_TO_EXPECT = (
    N_(
        "Doc.FamilySheet",
        "Coming home after prison can be hard for everyone. Things will have changed, for him "
        "and for you.",
    ),
    N_(
        "Doc.FamilySheet",
        "It often helps to take things step by step. A slow return usually works better than "
        "trying to do everything at once.",
    ),
    N_(
        "Doc.FamilySheet",
        "The first days out can be the hardest. Plans can fall through. Try to be patient with "
        "each other.",
    ),
    N_(
        "Doc.FamilySheet",
        "Talk about what each of you expects. That includes money, jobs around the home, "
        "visitors and time together.",
    ),
    N_(
        "Doc.FamilySheet",
        "He may feel tired, worried or restless at first. This is common. It often gets easier "
        "with time.",
    ),
    N_(
        "Doc.FamilySheet",
        "Look after yourself too. You do not have to cope alone. The services below can help.",
    ),
)
WORKER_NOTE = N_(
    "Doc.FamilySheet",
    "You can call his Engager worker with questions. They will not pass on what he has told "
    "them unless he agrees.",
)
URGENT = (
    N_("Doc.FamilySheet", "If someone is in danger right now, call 999."),
    N_("Doc.FamilySheet", "For urgent health advice, call 111."),
    N_("Doc.FamilySheet", "Samaritans listen, day or night, for free: call 116 123."),
)
SHARED = (
    N_("Doc", "What to expect when he comes home, and where families can get support."),
    N_("Doc", "His release date and his Engager worker's details."),
)


def build(data: FamilySheetInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options, for_others=FOR_OTHERS)
    story += sharing_notice(
        options,
        st,
        SHARED,
        man=data.man,
        for_others=FOR_OTHERS,
        has_contact=True,
        has_whereabouts=True,
    )
    name = name_of(data.man)
    leaves = (
        tr("Doc.FamilySheet", "{name} is due to leave prison on").format(name=name)
        if name
        else tr("Doc.FamilySheet", "He is due to leave prison on")
    )
    story.append(field(leaves, long_day_text(data.release_date), st))
    if options.shows_whereabouts(FOR_OTHERS):
        story.append(field(tr("Doc.FamilySheet", "He will live at"), data.going_to, st))
    if options.shows_contact(FOR_OTHERS):
        story.append(field(tr("Doc.FamilySheet", "His phone number"), data.phone_number, st))
    story += [heading(tr("Doc.FamilySheet", "What to expect"), st)]
    story += [fixed(esc(tr("Doc.FamilySheet", text)), st.body) for text in WHAT_TO_EXPECT]
    story += [heading(tr("Doc.FamilySheet", "If you need help quickly"), st)]
    story += [fixed(esc(tr("Doc.FamilySheet", text)), st.body) for text in URGENT]
    story += services_section(data.services, st, tr("Doc.FamilySheet", "Where you can get support"))
    if data.services_more > 0:
        more = trn(
            "Doc.FamilySheet",
            "And {n} more service for families, not shown here.",
            "And {n} more services for families, not shown here.",
            data.services_more,
        )
        more += " " + tr("Doc.FamilySheet", "His Engager worker can tell you about them.")
        story.append(fixed(f"<b>{esc(more)}</b>", st.body))
    worker = worker_block(data.worker, st, tr("Doc.FamilySheet", "His Engager worker"))
    closing(story, [*worker, fixed(esc(tr("Doc.FamilySheet", WORKER_NOTE)), st.body)])
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))
