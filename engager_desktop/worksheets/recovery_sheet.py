"""The recovery sheet: the recovery code in large clear digits, the vault id, where to keep it.

The code cannot be read back from the vault: the services layer makes a new one for each sheet,
and the old one stops working. This module only lays the sheet out.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from engager_desktop.i18n import N_, tr
from engager_desktop.worksheets.fonts import REGULAR
from engager_desktop.worksheets.inputs import RecoveryInput
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

TITLE = N_("Doc", "Vault recovery code")
WARNING = N_(
    "Doc.RecoverySheet",
    "This code unlocks the vault. Anyone who has this sheet and the laptop can read every "
    "record in it. Keep it locked away.",
)
WHAT_FOR = N_(
    "Doc.RecoverySheet",
    "If nobody can remember the passphrase, open the vault with this code instead. "
    "Then choose a new passphrase.",
)
KEEP = (
    N_("Doc.RecoverySheet", "Keep it in a locked cabinet or safe, away from the laptop."),
    N_("Doc.RecoverySheet", "Do not keep it in the laptop bag, or with the passphrase."),
    N_("Doc.RecoverySheet", "Do not photograph it, scan it or copy it into an email."),
    N_(
        "Doc.RecoverySheet",
        "If you print a new recovery sheet, the code on this one stops working. "
        "Shred this one then.",
    ),
)
GROUPS = 8
PER_ROW = 2


def build(data: RecoveryInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    warning = esc(tr("Doc.RecoverySheet", WARNING))
    story.append(box([fixed(f"<b>{warning}</b>", st.body)], st, heavy=True))
    code = heading(tr("Doc.RecoverySheet", "The recovery code"), st)
    story += [code, code_table(data.code, st), spacer(st)]
    story.append(field(tr("Doc.RecoverySheet", "Vault id"), data.vault_id, st))
    story.append(field(tr("Doc", "Printed on"), day_text(data.printed_on), st))
    what_for = fixed(esc(tr("Doc.RecoverySheet", WHAT_FOR)), st.body)
    story += [heading(tr("Doc.RecoverySheet", "What it is for"), st), what_for]
    keep = [tr("Doc.RecoverySheet", text) for text in KEEP]
    story += [heading(tr("Doc.RecoverySheet", "Where to keep it"), st), *bullets(keep, st)]
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on))


def groups(code: str | None) -> list[str]:
    """The code's groups of digits, or empty groups to write in when there is no code."""
    found = re.findall(r"\d+", code or "")
    return found if found else [""] * GROUPS


def code_table(code: str | None, st: Styles) -> Table:
    """Numbered groups, two to a row, so a group named in an error message is easy to find."""
    cells: list[Flowable | str] = []
    for number, group in enumerate(groups(code), start=1):
        cells.append(Paragraph(f"{number}.", st.body))
        cells.append(Paragraph(esc(group), st.code) if group else Spacer(1, st.code.leading))
    rows = [cells[i : i + PER_ROW * 2] for i in range(0, len(cells), PER_ROW * 2)]
    if len(rows[-1]) < PER_ROW * 2:
        rows[-1] += [""] * (PER_ROW * 2 - len(rows[-1]))
    number_width = st.spec.body * 2.5
    group_width = st.spec.code * 5.2
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, st.spec.body),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (1, 0), (1, -1), 0.7, st.line_colour),
        ("LINEBELOW", (3, 0), (3, -1), 0.7, st.line_colour),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
    ]
    widths = [number_width, group_width] * PER_ROW
    return Table(rows, colWidths=widths, style=TableStyle(commands), hAlign="LEFT")
