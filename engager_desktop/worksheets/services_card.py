"""The services card: his services with addresses, phones and opening times, on folded A4."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether

from engager_desktop.worksheets.inputs import ServicesCardInput, WorkerLine
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import build_document, esc, fixed, has_text, heading, para
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import (
    greeting,
    services_section,
    sharing_notice,
    title_block,
    worker_block,
)
from engager_desktop.worksheets.styles import Styles, styles

TITLE = "My services"
INTRO = "here are the services you use. Fold this sheet in half and keep it with you."
SHARED = ("The services he uses, with their phone numbers and opening times.",)


def build(data: ServicesCardInput, out: BinaryIO, options: PrintOptions) -> None:
    """A4 landscape in two halves with a fold line; it spills onto a second sheet only when
    there are more services than one sheet holds."""
    st = styles(options)
    story: list[Flowable] = title_block(TITLE, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    story.append(fixed(esc(greeting(data.man, INTRO, options)), st.body))
    story += services_section(data.services, st, "Services", blank_count=2)
    story.append(KeepTogether(worker_part(data.worker, st)))
    build_document(
        out, story, st, title=TITLE, printed_on=day_text(data.printed_on), wide=True, columns=2
    )


def worker_part(worker: WorkerLine, st: Styles) -> list[Flowable]:
    """The worker's details on one line when they are all there (the card is short of room)."""
    if not (has_text(worker.name) and has_text(worker.phone)):
        return worker_block(worker, st)
    text = f"{worker.name}, {worker.phone}"
    if has_text(worker.when_to_call):
        text += f" ({worker.when_to_call})"
    return [heading("Your Engager worker", st), para(text, st.body)]
