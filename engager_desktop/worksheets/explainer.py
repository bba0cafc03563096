"""One page for prison staff and other services: what Engager does and does not do (P36)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.fonts import REGULAR
from engager_desktop.worksheets.inputs import ExplainerInput, WorkerLine
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import (
    build_document,
    bullets,
    esc,
    field,
    fixed,
    heading,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Engager: what it does and does not do")
FOR_OTHERS = True  # for other services; it holds no man's details, so it needs no sharing box
INTRO = N_(
    "Doc.Explainer",
    "This page is for prison staff and other services. It says what Engager offers, so that "
    "we can work well together. It holds nothing about any man we work with.",
)
WHO_FOR = N_(
    "Doc.Explainer",
    "Engager supports men on short sentences who are struggling with their mental health. "
    "Support starts some weeks before release. It carries on for a few months after he leaves "
    "prison.",
)
DOES = (
    N_("Doc.Explainer", "One worker meets him one to one, in prison and after release."),
    N_("Doc.Explainer", "We help him set his own goals and plan small steps towards them."),
    N_(
        "Doc.Explainer",
        "We help him reach the right services, and go with him where that helps.",
    ),
    N_(
        "Doc.Explainer",
        "We plan his release with him: where he will stay, money, his doctor and his first week.",
    ),
    N_("Doc.Explainer", "Where we can, someone meets him at the gate."),
    N_("Doc.Explainer", "We keep in touch after release, more often when he needs it."),
    N_(
        "Doc.Explainer",
        "We end in a planned way, and leave him with a plan for staying well.",
    ),
)
DOES_NOT = (
    N_("Doc.Explainer", "We are not an emergency service. In an emergency, call 999."),
    N_(
        "Doc.Explainer",
        "We do not take the place of probation, his doctor or other services. We work with them.",
    ),
    N_(
        "Doc.Explainer",
        "We do not repeat assessments that other services have done. We build on them.",
    ),
    N_("Doc.Explainer", "We do not provide housing or money. We help him apply for them."),
    N_("Doc.Explainer", "Talking to us does not change his sentence or his licence."),
    N_(
        "Doc.Explainer",
        "Our support ends after a set time. We agree this with him at the start.",
    ),
)
HOW_TO_HELP = (
    N_(
        "Doc.Explainer",
        "Tell us about appointments you make with him, so that they do not clash.",
    ),
    N_("Doc.Explainer", "Tell us if you lose touch with him. We may know how to reach him."),
    N_(
        "Doc.Explainer",
        "Ask us what we are working on. With his agreement, we can share his plan.",
    ),
)
SHARING = N_(
    "Doc.Explainer",
    "We ask for his agreement before we share his details or his plan with anyone.",
)


def build(data: ExplainerInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    story.append(fixed(esc(tr("Doc.Explainer", INTRO)), st.body))
    story.append(fixed(esc(tr("Doc.Explainer", WHO_FOR)), st.body))
    does = [tr("Doc.Explainer", text) for text in DOES]
    does_not = [tr("Doc.Explainer", text) for text in DOES_NOT]
    how = [tr("Doc.Explainer", text) for text in HOW_TO_HELP]
    story += [heading(tr("Doc.Explainer", "What Engager does"), st), *bullets(does, st)]
    story += [heading(tr("Doc.Explainer", "What Engager does not do"), st), *bullets(does_not, st)]
    story += [heading(tr("Doc.Explainer", "How you can help"), st), *bullets(how, st)]
    story.append(fixed(f"<b>{esc(tr('Doc.Explainer', SHARING))}</b>", st.body))
    story.append(contact(data.worker, st))
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def contact(worker: WorkerLine, st: Styles) -> Table:
    """The worker's details in two columns, to keep the explainer to one page."""
    cells = [
        [
            field(tr("Doc.Explainer", "Contact"), worker.name, st),
            field(tr("Doc", "Phone"), worker.phone, st),
        ],
        [
            field(tr("Doc", "Team"), worker.team, st),
            field(tr("Doc", "When to call"), worker.when_to_call, st),
        ],
    ]
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    padding = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "TOPPADDING")]
    return Table(
        cells, colWidths=["50%", "50%"], style=TableStyle(commands + padding), splitInRow=1
    )
