"""The services card: his services with addresses, phones and opening times, on folded A4."""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from reportlab.platypus import Flowable

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.inputs import ServicesCardInput
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import build_document, esc, fixed
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.parts import (
    greeting,
    help_numbers,
    services_section,
    sharing_notice,
    title_block,
)
from engager_desktop.worksheets.styles import HIS, StyleSpec, spec_for, styles_for

TITLE = N_("Doc", "My services")
INTRO = N_(
    "Doc.ServicesCard",
    "here are the services you use. Fold this sheet in half and keep it with you.",
)
SHARED = (N_("Doc", "The services he uses, with their phone numbers and opening times."),)
CARD_MARGIN_MM = 14  # each half of the folded sheet: a little less than a page's, so 14 pt fits


def spec(options: PrintOptions) -> StyleSpec:
    """His clear print with slightly narrower margins on each half; any other print as usual."""
    chosen = spec_for(options, his=True)
    return replace(chosen, margin_mm=CARD_MARGIN_MM) if chosen == HIS else chosen


def build(data: ServicesCardInput, out: BinaryIO, options: PrintOptions) -> None:
    """A4 landscape in two halves with a fold line; it spills onto a second sheet only when
    there are more services than one sheet holds."""
    st = styles_for(spec(options))
    title = tr("Doc", TITLE)
    story: list[Flowable] = title_block(title, data.man, st, options)
    story += sharing_notice(options, st, SHARED, man=data.man)
    story.append(fixed(esc(greeting(data.man, tr("Doc.ServicesCard", INTRO), options)), st.body))
    story += help_numbers(data.worker, st)  # with his worker's name, phone and hours
    heading = tr("Doc.ServicesCard", "Services")
    story += services_section(data.services, st, heading, blank_count=2)
    build_document(
        out, story, st, title=title, printed_on=day_text(data.printed_on), wide=True, columns=2
    )
