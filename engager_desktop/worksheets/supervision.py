"""The caseload summary for supervision, with the audit chain head (P34)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, Paragraph, Spacer

from engager_desktop.domain.audit_head import format_head
from engager_desktop.i18n import N_, tr, trn
from engager_desktop.worksheets.fonts import text_width
from engager_desktop.worksheets.inputs import SupervisionInput, SupervisionRow
from engager_desktop.worksheets.labels import PHASE, day_text, label
from engager_desktop.worksheets.layout import (
    Cell,
    build_document,
    esc,
    field,
    fixed,
    grid,
    heading,
)
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import Styles, styles

TITLE = N_("Doc", "Caseload summary for supervision")
INTRO = N_(
    "Doc.Supervision",
    "Men are named as each wants to be addressed. Talk through each case in private.",
)
HEADER = (
    N_("Doc.Supervision", "Name"),
    N_("Doc.Supervision", "Stage"),
    N_("Doc.Supervision", "Days to release"),
    N_("Doc.Supervision", "Steps overdue"),
    N_("Doc.Supervision", "Distress, latest last"),
    N_("Doc.Supervision", "Meetings held / planned"),
    N_("Doc.Supervision", "Days since contact"),
)
WIDTHS = ("18%", "15%", "12%", "11%", "16%", "15%", "13%")
RISK_HEADER = N_("Doc.Supervision", "Risk")
RISK_WIDTHS = ("15%", "12%", "10%", "9%", "12%", "12%", "10%", "20%")
SOON_DAYS = 28
DISTRESS_SHOWN = 4
BLANK_ROWS = 5
CELL_PADDING = 10  # the grid's left and right padding, and a little to spare
WORD_SHARE = 0.2  # a word wider than this share of the table may break inside


def build(data: SupervisionInput, out: BinaryIO, options: PrintOptions) -> None:
    st = styles(options)
    title = tr("Doc", TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    story.append(field(tr("Doc.Supervision", "Practitioner"), data.worker.name, st))
    story.append(field(tr("Doc", "Team"), data.worker.team, st))
    story.append(field(tr("Doc", "Date"), day_text(data.printed_on), st))
    story.append(fixed(esc(tr("Doc.Supervision", INTRO)), st.body))
    story += audit(data, st)  # at the top, so it never sits alone on a last page
    caseload = heading(tr("Doc.Supervision", "The caseload"), st)
    story += [caseload, fixed(esc(totals(data.rows)), st.body)]
    story.append(table(data.rows, options.include_sensitive, st))
    build_document(out, story, st, title=title, printed_on=day_text(data.printed_on), wide=True)


def totals(rows: tuple[SupervisionRow, ...]) -> str:
    overdue = sum(1 for row in rows if (row.overdue_steps or 0) > 0)
    soon = sum(
        1
        for row in rows
        if row.days_to_release is not None and 0 <= row.days_to_release <= SOON_DAYS
    )
    return tr(
        "Doc.Supervision",
        "Men on the caseload: {men}. With steps overdue: {overdue}. "
        "Leaving prison within {days} days: {soon}.",
    ).format(men=len(rows), overdue=overdue, days=SOON_DAYS, soon=soon)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def release_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return trn("Doc.Supervision", "Out {n} day", "Out {n} days", -days)
    return tr("Doc.Supervision", "Today") if days == 0 else str(days)


def distress_text(ratings: tuple[int, ...]) -> str:
    return " \u2192 ".join(str(score) for score in ratings[-DISTRESS_SHOWN:])


def meetings_text(row: SupervisionRow) -> str:
    if row.sessions_held is None and row.sessions_planned is None:
        return ""
    return f"{_number(row.sessions_held) or '0'} / {_number(row.sessions_planned) or '?'}"


def row_cells(row: SupervisionRow, with_risk: bool) -> list[Cell]:
    cells: list[Cell] = [
        row.name or "",
        label(PHASE, row.phase) or "",
        release_text(row.days_to_release),
        _number(row.overdue_steps),
        distress_text(row.distress),
        meetings_text(row),
        _number(row.days_since_contact),
    ]
    if with_risk:  # the services' fixed "Yes: see his record", in the paper's language
        cells.append(tr("Doc.Supervision", row.risk_flag) if row.risk_flag else "")
    return cells


def table(rows: tuple[SupervisionRow, ...], with_risk: bool, st: Styles) -> Flowable:
    header: list[Cell] = [tr("Doc.Supervision", text) for text in HEADER]
    header += [tr("Doc.Supervision", RISK_HEADER)] if with_risk else []
    body: list[list[Cell]] = [row_cells(row, with_risk) for row in rows]
    if not body:
        blank: list[Cell] = [Spacer(1, st.spec.write_gap)] + [""] * (len(header) - 1)
        body = [list(blank) for _ in range(BLANK_ROWS)]
    shares = RISK_WIDTHS if with_risk else WIDTHS
    return grid([header, *body], fitted_widths([header, *body], shares, st), st)


def fitted_widths(rows: list[list[Cell]], shares: tuple[str, ...], st: Styles) -> list[float]:
    """Column widths in points: each at least as wide as its longest word (so no word breaks
    inside, "Meeting / s"), the room left shared out as ``shares`` say. Only a word too long for
    any column (over ``WORD_SHARE`` of the table) breaks."""
    total = landscape(A4)[0] - 2 * st.margin
    need = [0.0] * len(shares)
    for index, row in enumerate(rows):
        for column, cell in enumerate(row):
            words = cell.split() if isinstance(cell, str) else []
            bold = index == 0
            widest = max((text_width(w, st.spec.body, bold=bold) for w in words), default=0)
            need[column] = max(need[column], min(widest + CELL_PADDING, total * WORD_SHARE))
    parts = [float(share.rstrip("%")) / 100 for share in shares]
    wanted = [max(need[i], total * parts[i]) for i in range(len(parts))]
    if sum(wanted) <= total:
        spare = total - sum(wanted)
        return [width + spare * part for width, part in zip(wanted, parts, strict=True)]
    # Too wide: every column keeps its longest word; the rest is shared by the room over it.
    over = [max(0.0, wanted[i] - need[i]) for i in range(len(parts))]
    cut = (sum(wanted) - total) / (sum(over) or 1)
    widths = [wanted[i] - over[i] * min(cut, 1.0) for i in range(len(parts))]
    scale = min(1.0, total / sum(widths))  # words too long for any column break after all
    return [width * scale for width in widths]


def audit(data: SupervisionInput, st: Styles) -> list[Flowable]:
    """The chain head, so a later check can show that no entry was removed or rewritten since."""
    count = None if data.audit_count is None else f"{data.audit_count:,}"
    head = None
    if data.audit_count is not None and data.audit_head is not None:
        head = format_head(data.audit_count, data.audit_head)
    return [
        field(tr("Doc.Supervision", "Entries in the audit log"), count, st),
        field(tr("Doc.Supervision", "Audit head, for engager-desktop check --head"), head, st),
    ]
