"""Parts several documents share: the title block, the worker's details, services, sharing notes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.inputs import ManSummary, ServiceLine, WorkerLine
from engager_desktop.worksheets.layout import (
    box,
    bullets,
    esc,
    field,
    fixed,
    for_others_box,
    has_text,
    heading,
    para,
    spacer,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles

LEFT_OUT_CONTACT = N_(
    "Doc", "His phone number and other ways to reach him. He has not agreed to share them."
)
LEFT_OUT_WHEREABOUTS = N_("Doc", "Where he lives or is staying. He has not agreed to share this.")
LEFT_OUT_SENSITIVE = N_("Doc", "Private matters he has talked about.")
LEFT_OUT_RESTRICTED = N_("Doc", "His address and phone number. A limit on contact is recorded.")
INCLUDED_CONTACT = N_(
    "Doc", "His phone number and other ways to reach him. He has agreed to share them."
)
INCLUDED_WHEREABOUTS = N_("Doc", "Where he lives or is staying. He has agreed to share this.")
FOR_OTHERS_INTRO = N_(
    "Doc",
    "This copy was made for {whom} with his agreement. It was written for him, so where it says "
    "“you”, it means {name}.",
)
INCLUDED_SENSITIVE = N_(
    "Doc", "Private matters he has talked about. His worker chose to include them."
)


def name_of(man: ManSummary) -> str | None:
    """How he wants to be addressed, or None when that is not recorded."""
    name = (man.preferred_name or "").strip()
    return name or None


def greeting(man: ManSummary, sentence: str, options: PrintOptions | None = None) -> str:
    """``sentence`` addressed to him by name: "Dai, this is …" (or just the sentence). A copy
    for others is not addressed to him: it says who it is for and who "you" means."""
    name = name_of(man)
    if options is not None and options.for_others and not options.blank:
        whom = options.recipient or tr("Doc", "someone else")
        return tr("Doc", FOR_OTHERS_INTRO).format(
            whom=whom, name=man.full_name or name or tr("Doc", "him")
        )
    if name is None:
        return sentence[:1].upper() + sentence[1:]
    return tr("Doc", "{name}, {sentence}").format(name=name, sentence=sentence)


def title_block(
    title: str, man: ManSummary, st: Styles, options: PrintOptions, *, for_others: bool = False
) -> list[Flowable]:
    """The title and who the document is for; a copy for others also names him more fully, and
    a copy for a service is addressed to it and says what he agreed to."""
    flow: list[Flowable] = [Paragraph(esc(title), st.title)]
    if options.recipient and options.for_others:
        flow.append(field(tr("Doc", "For"), options.recipient, st))
        flow.append(field(tr("Doc", "About"), man.full_name or name_of(man), st))
        if has_text(man.full_name) and name_of(man):
            flow.append(field(tr("Doc", "He likes to be called"), name_of(man), st))
    else:
        flow.append(field(tr("Doc", "For"), name_of(man), st))
        if (for_others or options.for_others) and has_text(man.full_name):
            flow.append(field(tr("Doc", "Full name"), man.full_name, st))
    if for_others or options.for_others:
        if has_text(man.prison_number):
            flow.append(field(tr("Doc", "Prison number"), man.prison_number, st))
        if options.shows_whereabouts(True) and has_text(man.establishment):
            flow.append(field(tr("Doc", "Prison"), man.establishment, st))
        if options.agreed:
            flow.append(fixed(f"<b>{esc(tr('Doc', 'He agreed to:'))}</b>", st.body))
            flow.extend(bullets(options.agreed, st))
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
    man: ManSummary | None = None,
) -> list[Flowable]:
    """The "what this sheet includes" box, for a copy meant for others; nothing otherwise.

    ``has_*`` say whether this kind of document can carry that kind of detail at all. Every
    personal detail about ``man`` that the copy carries is listed.
    """
    if not (for_others or options.for_others):
        return []
    includes = [tr("Doc", text) for text in includes]
    if man is not None and not options.blank:
        includes = personal_details(man, options) + includes
    if has_sensitive and options.include_sensitive:
        includes.append(tr("Doc", INCLUDED_SENSITIVE))
    if has_contact and options.consented_contact and not options.blank:
        includes.append(tr("Doc", INCLUDED_CONTACT))
    if has_whereabouts and options.consented_whereabouts and not options.blank:
        includes.append(tr("Doc", INCLUDED_WHEREABOUTS))
    leaves_out: list[str] = []
    if options.blank:  # a blank form holds nothing about any man, so nothing was kept off it
        return [for_others_box(includes, leaves_out, st), spacer(st, 0.5)]
    if options.restriction_held:
        leaves_out.append(tr("Doc", LEFT_OUT_RESTRICTED))
    else:
        if has_contact and not options.consented_contact:
            leaves_out.append(tr("Doc", LEFT_OUT_CONTACT))
        if has_whereabouts and not options.consented_whereabouts:
            leaves_out.append(tr("Doc", LEFT_OUT_WHEREABOUTS))
    if has_sensitive and not options.include_sensitive:
        leaves_out.append(tr("Doc", LEFT_OUT_SENSITIVE))
    return [for_others_box(includes, leaves_out, st), spacer(st, 0.5)]


def personal_details(man: ManSummary, options: PrintOptions) -> list[str]:
    """The details that identify him on a copy for others, in plain words."""
    found = []
    if has_text(man.full_name):
        found.append(tr("Doc", "His full name, and the name he likes to be called."))
    elif name_of(man):
        found.append(tr("Doc", "The name he likes to be called."))
    if has_text(man.prison_number):
        found.append(tr("Doc", "His prison number."))
    if options.shows_whereabouts(True) and has_text(man.establishment):
        found.append(tr("Doc", "The prison he is in."))
    return found


HELP_TITLE = N_("Doc", "If you need help now")
HELP_NUMBERS = (
    (N_("Doc", "In danger or hurt right now"), "999"),
    (N_("Doc", "Health worries that cannot wait"), "111"),
    (N_("Doc", "Samaritans, any time, free"), "116 123"),
)


def help_numbers(worker: WorkerLine, st: Styles) -> list[Flowable]:
    """The national help numbers, the local crisis line and his worker's phone, in one box kept
    on one page: on every paper he takes out with him."""
    content: list[Flowable] = [fixed(f"<b>{esc(tr('Doc', HELP_TITLE))}</b>", st.body)]
    content += [
        fixed(f"{esc(tr('Doc', what))}: <b>{number}</b>", st.body) for what, number in HELP_NUMBERS
    ]
    content.append(field(tr("Doc", "Local crisis line"), worker.crisis_line, st))
    if has_text(worker.name) and has_text(worker.phone):
        text = f"{worker.name}, {worker.phone}"
        if has_text(worker.when_to_call):
            text += f" ({worker.when_to_call})"
        content.append(field(tr("Doc", "Your Engager worker"), text, st))
    else:
        content.append(field(tr("Doc", "Your Engager worker's phone"), worker.phone, st))
    return [KeepTogether([box(content, st, heavy=True)])]


def worker_block(worker: WorkerLine, st: Styles, title: str | None = None) -> list[Flowable]:
    """The worker's name, phone and calling hours under a heading (kept together by callers
    with ``closing``, so no page holds only these)."""
    return [
        heading(title or tr("Doc", "Your Engager worker"), st),
        field(tr("Doc", "Name"), worker.name, st),
        field(tr("Doc", "Phone"), worker.phone, st),
        field(tr("Doc", "When to call"), worker.when_to_call, st),
    ]


def service_block(service: ServiceLine, st: Styles) -> Flowable:
    """One service: what it does, where, its phone, its hours (weekends too) and the cost."""
    content: list[Flowable] = []
    if has_text(service.name):
        content.append(Paragraph(f"<b>{esc(str(service.name))}</b>", st.body))
    else:
        content.append(field(tr("Doc", "Service"), None, st))
    if has_text(service.what_they_do):
        content.append(para(str(service.what_they_do), st.body))
    rows = (
        (tr("Doc", "Address"), service.address),
        (tr("Doc", "Phone"), service.phone),
        (tr("Doc", "Open"), service.opening_hours),
        (tr("Doc", "Weekends"), service.weekend_hours),
        (tr("Doc", "Evenings and nights"), service.out_of_hours),
        (tr("Doc", "Cost"), service.cost),
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
        flow += [KeepTogether([*head, service_block(service, st)]), spacer(st, 0.4)]
    return flow
