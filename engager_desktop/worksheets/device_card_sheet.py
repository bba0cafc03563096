"""The laptop fingerprint card: a laptop's name and fingerprint in large, numbered groups.

Two practitioners at different sites confirm each other's laptop before enrolling its card by
reading the groups to each other ("group 3: 7f2a"), not 32 characters in one breath. The sheet
holds only public facts about the laptop (no key, no man's data), so it may be pinned up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.fonts import REGULAR
from engager_desktop.worksheets.labels import day_text
from engager_desktop.worksheets.layout import (
    box,
    build_document,
    bullets,
    esc,
    field,
    fixed,
    heading,
    spacer,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Laptop fingerprint card")
NOT_SECRET = N_(
    "Doc.DeviceCard",
    "Nothing on this card is secret: it names the laptop and the fingerprint of its public key. "
    "It cannot open the vault or any bundle.",
)
HOW = (
    N_(
        "Doc.DeviceCard",
        "Before another laptop enrols this laptop's card, compare the fingerprints. "
        "That laptop shows the card's fingerprint on screen.",
    ),
    N_(
        "Doc.DeviceCard",
        "On the phone, read the groups in order: say the group's number, then its four characters.",
    ),
    N_("Doc.DeviceCard", "If any group differs, do not enrol the card: it is not this laptop's."),
)
GROUPS = 8
PER_ROW = 2


@dataclass(frozen=True)
class DeviceCardInput:
    """One laptop's public identity, as shown on its card."""

    printed_on: date | None = None
    laptop_name: str | None = None
    device_id: str | None = None
    fingerprint: str | None = None  # 8 groups of 4 hex digits joined by dashes


def build(data: DeviceCardInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    story.append(field(tr("Doc.DeviceCard", "Laptop"), data.laptop_name, st))
    fingerprint = heading(tr("Doc.DeviceCard", "Fingerprint"), st)
    story += [fingerprint, fingerprint_table(data.fingerprint, st), spacer(st)]
    story.append(field(tr("Doc.DeviceCard", "Device id"), data.device_id, st))
    story.append(field(tr("Doc", "Printed on"), day_text(data.printed_on), st))
    how = [tr("Doc.DeviceCard", text) for text in HOW]
    story += [heading(tr("Doc.DeviceCard", "How to use it"), st), *bullets(how, st)]
    story.append(box([fixed(esc(tr("Doc.DeviceCard", NOT_SECRET)), st.body)], st))
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def groups(fingerprint: str | None) -> list[str]:
    """The fingerprint's groups, or empty groups to write in when there is none."""
    found = [g for g in (fingerprint or "").split("-") if g]
    return found if len(found) == GROUPS else [""] * GROUPS


def fingerprint_table(fingerprint: str | None, st: Styles) -> Table:
    """Numbered groups in large type, two to a row."""
    cells: list[Flowable | str] = []
    for number, group in enumerate(groups(fingerprint), start=1):
        cells.append(Paragraph(f"{number}.", st.body))
        cells.append(Paragraph(esc(group), st.code) if group else Spacer(1, st.code.leading))
    rows = [cells[i : i + PER_ROW * 2] for i in range(0, len(cells), PER_ROW * 2)]
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (1, 0), (1, -1), 0.7, st.line_colour),
        ("LINEBELOW", (3, 0), (3, -1), 0.7, st.line_colour),
    ]
    widths = [st.spec.body * 2.5, st.spec.code * 4.5] * PER_ROW
    return Table(rows, colWidths=widths, style=TableStyle(commands), hAlign="LEFT")
