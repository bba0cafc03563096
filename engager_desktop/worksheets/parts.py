"""Parts several documents share: the title block, the worker's details, services, sharing notes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.worksheets.inputs import ManSummary, ServiceLine, WorkerLine
from engager_desktop.worksheets.layout import (
    box,
    esc,
    field,
    for_others_box,
    has_text,
    heading,
    para,
    spacer,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles

LEFT_OUT_CONTACT = "His phone number and other ways to reach him. He has not agreed to share them."
LEFT_OUT_WHEREABOUTS = "Where he lives or is staying. He has not agreed to share this."
LEFT_OUT_SENSITIVE = "Private matters he has talked about."
INCLUDED_SENSITIVE = "Private matters he has talked about. His worker chose to include them."


def name_of(man: ManSummary) -> str | None:
    """How he wants to be addressed, or None when that is not recorded."""
    name = (man.preferred_name or "").strip()
    return name or None


def greeting(man: ManSummary, sentence: str) -> str:
    """``sentence`` addressed to him by name: "Dai, this is …" (or just the sentence)."""
    name = name_of(man)
    if name is None:
        return sentence[:1].upper() + sentence[1:]
    return f"{name}, {sentence}"


def title_block(
    title: str, man: ManSummary, st: Styles, options: PrintOptions, *, for_others: bool = False
) -> list[Flowable]:
    """The title and who the document is for; a copy for others also names him more fully."""
    flow: list[Flowable] = [Paragraph(esc(title), st.title), field("For", name_of(man), st)]
    if for_others or options.for_others:
        if has_text(man.prison_number):
            flow.append(field("Prison number", man.prison_number, st))
        if options.shows_whereabouts(True) and has_text(man.establishment):
            flow.append(field("Prison", man.establishment, st))
    return flow


def sharing_notice(
    options: PrintOptions,
    st: Styles,
    includes: Sequence[str],
    *,
    for_others: bool = False,
    has_contact: bool = False,
    has_whereabouts: bool = False,
    has_sensitive: bool = False,
) -> list[Flowable]:
    """The "what this sheet includes" box, for a copy meant for others; nothing otherwise.

    ``has_*`` say whether this kind of document can carry that kind of detail at all.
    """
    if not (for_others or options.for_others):
        return []
    includes = list(includes)
    if has_sensitive and options.include_sensitive:
        includes.append(INCLUDED_SENSITIVE)
    leaves_out: list[str] = []
    if has_contact and not options.consented_contact:
        leaves_out.append(LEFT_OUT_CONTACT)
    if has_whereabouts and not options.consented_whereabouts:
        leaves_out.append(LEFT_OUT_WHEREABOUTS)
    if has_sensitive and not options.include_sensitive:
        leaves_out.append(LEFT_OUT_SENSITIVE)
    return [for_others_box(includes, leaves_out, st), spacer(st, 0.5)]


def worker_block(
    worker: WorkerLine, st: Styles, title: str = "Your Engager worker"
) -> list[Flowable]:
    return [
        heading(title, st),
        field("Name", worker.name, st),
        field("Phone", worker.phone, st),
        field("When to call", worker.when_to_call, st),
    ]


def service_block(service: ServiceLine, st: Styles) -> Flowable:
    """One service: what it does, where, its phone, its hours (weekends too) and the cost."""
    content: list[Flowable] = []
    if has_text(service.name):
        content.append(Paragraph(f"<b>{esc(str(service.name))}</b>", st.body))
    else:
        content.append(field("Service", None, st))
    if has_text(service.what_they_do):
        content.append(para(str(service.what_they_do), st.body))
    rows = (
        ("Address", service.address),
        ("Phone", service.phone),
        ("Open", service.opening_hours),
        ("Weekends", service.weekend_hours),
        ("Evenings and nights", service.out_of_hours),
        ("Cost", service.cost),
    )
    content.extend(field(label, value, st) for label, value in rows)
    return box(content, st, fill=False)


def services_section(
    services: Sequence[ServiceLine], st: Styles, title: str | None = None, *, blank_count: int = 2
) -> list[Flowable]:
    """A heading and every service, or ``blank_count`` empty service boxes to fill in by hand.

    Each box is kept on one page, and the heading is kept with the first box.
    """
    shown = [service for service in services if any(vars(service).values())]
    if not shown:
        shown = [ServiceLine()] * blank_count
    flow: list[Flowable] = []
    for index, service in enumerate(shown):
        head = [heading(title, st)] if title and index == 0 else []
        flow.append(KeepTogether([*head, service_block(service, st), spacer(st, 0.4)]))
    return flow
