"""The release plan, "my first week": the day, the gate, appointments, what to bring, phones."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.worksheets.easy_read import help_box, intro, pictured
from engager_desktop.worksheets.flow import closing, last_two_together
from engager_desktop.worksheets.inputs import AppointmentLine, ReleaseInput
from engager_desktop.worksheets.labels import day_text, long_day_text, time_text
from engager_desktop.worksheets.layout import (
    Cell,
    build_document,
    esc,
    field,
    fixed,
    grid,
    heading,
    items_or_lines,
    split_lines,
    text_or_lines,
    ticks,
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

TITLE = N_("Doc", "My first week")
INTRO = N_(
    "Doc.ReleasePlan",
    "this is your plan for leaving prison and for your first week out. "
    "Keep it somewhere safe and take it with you.",
)
BLANK_APPOINTMENTS = 4
LEAVING = N_("Doc.ReleasePlan", "Leaving prison")
GATE = N_("Doc.ReleasePlan", "Who meets you at the gate")
FIRST_DAY = N_("Doc.ReleasePlan", "Your first 24 hours")
APPOINTMENTS = N_("Doc.ReleasePlan", "Your appointments")
SORTED = N_("Doc.ReleasePlan", "Things that are sorted")
BRING = N_("Doc.ReleasePlan", "What to bring")
HEALTH = N_("Doc.ReleasePlan", "Your health")
REACH = N_("Doc.ReleasePlan", "How people can reach you")
LIMITS = N_("Doc.ReleasePlan", "Limits on contact")
NUMBERS = N_("Doc.ReleasePlan", "Phone numbers and opening times")
PICTURES = {  # Easy Read: the picture beside each heading
    LEAVING: "door",
    GATE: "person",
    FIRST_DAY: "clock",
    APPOINTMENTS: "calendar",
    SORTED: "tick",
    BRING: "bag",
    HEALTH: "pill",
    REACH: "phone",
    LIMITS: "warning",
    NUMBERS: "phone",
}
SHARED = (
    N_("Doc", "His release date and the plan for his first week."),
    N_("Doc", "The services he will use, with their phone numbers and opening times."),
)
READY = (
    ("id_documents", N_("Doc.ReleasePlan", "ID")),
    ("bank_account", N_("Doc.ReleasePlan", "A bank account")),
    ("benefit_claim_prepared", N_("Doc.ReleasePlan", "Benefit claim ready")),
    ("gp_registered", N_("Doc.ReleasePlan", "Signed up with a doctor (GP)")),
    ("medication_arranged", N_("Doc.ReleasePlan", "Medication ready for the day you leave")),
    ("phone_working", N_("Doc.ReleasePlan", "A phone that works")),
)


def _h(text: str, st: Styles) -> Flowable:
    """A heading of this document, in the language in use."""
    return heading(tr("Doc.ReleasePlan", text), st)


def build(data: ReleaseInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    where = options.shows_whereabouts(False)
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(
        options,
        st,
        SHARED,
        man=data.man,
        has_contact=True,
        has_whereabouts=True,
        has_sensitive=True,
    )
    words = greeting(data.man, tr("Doc.ReleasePlan", INTRO), options)
    story.append(intro(fixed(esc(words), st.body), options))
    story += help_box(help_numbers(data.worker, st), options)
    story += [_h(LEAVING, st)]
    release = long_day_text(data.release_date)
    story.append(field(tr("Doc.ReleasePlan", "Release date"), release, st))
    if where:
        story.append(field(tr("Doc.ReleasePlan", "Where you are going"), data.going_to, st))
        story.append(field(tr("Doc.ReleasePlan", "Where you will stay"), data.accommodation, st))
    story += [_h(GATE, st), field(tr("Doc", "Name"), data.gate_meeter_name, st)]
    if where:
        place = data.gate_meeting_place
        story.append(field(tr("Doc.ReleasePlan", "Where we meet"), place, st))
    story += [_h(FIRST_DAY, st), *text_or_lines(data.first_24_hours, st, 3)]
    story += [_h(APPOINTMENTS, st), appointments(data.appointments, where, st)]
    if data.appointments_more > 0:
        story.append(fixed(f"<b>{esc(more_appointments(data.appointments_more))}</b>", st.body))
    story += [_h(SORTED, st), *ready_list(data, st)]
    story += [_h(BRING, st)]
    story += items_or_lines(split_lines(data.what_to_bring), st)
    story += [_h(HEALTH, st), field(tr("Doc.ReleasePlan", "Medication"), data.medication, st)]
    story.append(field(tr("Doc.ReleasePlan", "Doctor (GP)"), data.gp_follow_up, st))
    if options.shows_contact(False):
        story += [_h(REACH, st)]
        story.append(field(tr("Doc.ReleasePlan", "Your phone number"), data.phone_number, st))
        other = tr("Doc.ReleasePlan", "Other ways to reach you")
        story.append(field(other, data.other_ways_to_reach, st))
    if options.include_sensitive:
        story += [_h(LIMITS, st), *text_or_lines(data.contact_restrictions, st)]
    story += services_section(data.services, st, tr("Doc.ReleasePlan", NUMBERS))
    closing(story, worker_block(data.worker, st))
    if options.easy_read:
        pictures = {tr("Doc.ReleasePlan", text): name for text, name in PICTURES.items()}
        pictures[tr("Doc", "Your Engager worker")] = "handshake"
        story = pictured(story, pictures, st)
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def more_appointments(count: int) -> str:
    """What the paper says when the table could not hold every appointment."""
    more = trn(
        "Doc.ReleasePlan",
        "And {n} more appointment in your first two weeks, not shown here.",
        "And {n} more appointments in your first two weeks, not shown here.",
        count,
    )
    return f"{more} {tr('Doc.ReleasePlan', 'Your Engager worker has the full list: ask for it.')}"


def appointment_when(line: AppointmentLine) -> str:
    if line.starts_at is None:
        return ""
    return tr("Doc.ReleasePlan", "{day}, {time}").format(
        day=long_day_text(line.starts_at.date()), time=time_text(line.starts_at)
    )


def appointments(lines: tuple[AppointmentLine, ...], where: bool, st: Styles) -> Flowable:
    """A table of appointments; the place only where whereabouts may be shown."""
    header: list[Cell] = [tr("Doc.ReleasePlan", "When"), tr("Doc.ReleasePlan", "Who with")]
    header += [tr("Doc.ReleasePlan", "Where")] if where else []
    widths = ("32%", "34%", "34%") if where else ("40%", "60%")
    rows: list[list[Cell]] = [header]
    for line in lines:
        if line == AppointmentLine():
            continue
        who = line.with_whom or ""
        if line.note:
            who = f"{who}\n{line.note}" if who else line.note
        rows.append([appointment_when(line), who] + ([line.location or ""] if where else []))
    if len(rows) == 1:
        blank: list[Cell] = [Spacer(1, st.spec.write_gap)] + [""] * (len(header) - 1)
        rows += [list(blank) for _ in range(BLANK_APPOINTMENTS)]
    return grid(rows, widths, st)


def ready_list(data: ReleaseInput, st: Styles) -> list[Flowable]:
    """A tick box for each thing to sort before release, ticked where done (the last two kept
    together, as in any list)."""
    return last_two_together(
        [ticks([(getattr(data, name), tr("Doc.ReleasePlan", text))], st) for name, text in READY]
    )
