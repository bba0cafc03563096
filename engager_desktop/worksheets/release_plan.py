"""The release plan, "my first week": the day, the gate, appointments, what to bring, phones."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable, Spacer

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

TITLE = "My first week"
INTRO = (
    "this is your plan for leaving prison and for your first week out. "
    "Keep it somewhere safe and take it with you."
)
BLANK_APPOINTMENTS = 4
PICTURES = {  # Easy Read: the picture beside each heading
    "Leaving prison": "door",
    "Who meets you at the gate": "person",
    "Your first 24 hours": "clock",
    "Your appointments": "calendar",
    "Things that are sorted": "tick",
    "What to bring": "bag",
    "Your health": "pill",
    "How people can reach you": "phone",
    "Limits on contact": "warning",
    "Phone numbers and opening times": "phone",
    "Your Engager worker": "handshake",
}
SHARED = (
    "His release date and the plan for his first week.",
    "The services he will use, with their phone numbers and opening times.",
)
READY = (
    ("id_documents", "ID"),
    ("bank_account", "A bank account"),
    ("benefit_claim_prepared", "Benefit claim ready"),
    ("gp_registered", "Signed up with a doctor (GP)"),
    ("medication_arranged", "Medication ready for the day you leave"),
    ("phone_working", "A phone that works"),
)


def build(data: ReleaseInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options, his=True)
    where = options.shows_whereabouts(False)
    story: list[Flowable] = title_block(TITLE, data.man, st, options)
    story += sharing_notice(
        options,
        st,
        SHARED,
        man=data.man,
        has_contact=True,
        has_whereabouts=True,
        has_sensitive=True,
    )
    story.append(intro(fixed(esc(greeting(data.man, INTRO, options)), st.body), options))
    story += help_box(help_numbers(data.worker, st), options)
    story += [heading("Leaving prison", st)]
    story.append(field("Release date", long_day_text(data.release_date), st))
    if where:
        story.append(field("Where you are going", data.going_to, st))
        story.append(field("Where you will stay", data.accommodation, st))
    story += [heading("Who meets you at the gate", st), field("Name", data.gate_meeter_name, st)]
    if where:
        story.append(field("Where we meet", data.gate_meeting_place, st))
    story += [heading("Your first 24 hours", st), *text_or_lines(data.first_24_hours, st, 3)]
    story += [heading("Your appointments", st), appointments(data.appointments, where, st)]
    if data.appointments_more > 0:
        story.append(fixed(f"<b>{esc(more_appointments(data.appointments_more))}</b>", st.body))
    story += [heading("Things that are sorted", st), *ready_list(data, st)]
    story += [heading("What to bring", st)]
    story += items_or_lines(split_lines(data.what_to_bring), st)
    story += [heading("Your health", st), field("Medication", data.medication, st)]
    story.append(field("Doctor (GP)", data.gp_follow_up, st))
    if options.shows_contact(False):
        story += [heading("How people can reach you", st)]
        story.append(field("Your phone number", data.phone_number, st))
        story.append(field("Other ways to reach you", data.other_ways_to_reach, st))
    if options.include_sensitive:
        story += [heading("Limits on contact", st), *text_or_lines(data.contact_restrictions, st)]
    story += services_section(data.services, st, "Phone numbers and opening times")
    closing(story, worker_block(data.worker, st))
    if options.easy_read:
        story = pictured(story, PICTURES, st)
    build_document(out, story, st, title=TITLE, printed_on=day_text(data.printed_on))


def more_appointments(count: int) -> str:
    """What the paper says when the table could not hold every appointment."""
    noun = "appointment" if count == 1 else "appointments"
    return (
        f"And {count} more {noun} in your first two weeks, not shown here. "
        "Your Engager worker has the full list: ask for it."
    )


def appointment_when(line: AppointmentLine) -> str:
    if line.starts_at is None:
        return ""
    return f"{long_day_text(line.starts_at.date())}, {time_text(line.starts_at)}"


def appointments(lines: tuple[AppointmentLine, ...], where: bool, st: Styles) -> Flowable:
    """A table of appointments; the place only where whereabouts may be shown."""
    header: list[Cell] = ["When", "Who with"] + (["Where"] if where else [])
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
    return last_two_together([ticks([(getattr(data, name), text)], st) for name, text in READY])
