"""Anonymised service figures by month: the table, its small-number suppression, CSV and PDF.

The counts come from ``figures_query`` (definitions in docs/figures.md) and pass through
``domain.figures.suppress`` before anyone sees them: every value in a ``FiguresTable`` is already
safe to leave the laptop. No name, id or free text is ever read into it. Viewing the table changes
nothing and is not audited; every export is (what, the range, the file's name; never a figure).

The same code runs at the hub (``engager-hub figures``) over its PostgreSQL database: it needs
only what ``Source`` names, which a laptop's ``Vault`` and the hub's ``Hub`` both offer.
"""

from __future__ import annotations

import csv
import io
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from engager_desktop.domain import figures as rules
from engager_desktop.domain.clock import Clock
from engager_desktop.domain.errors import UserError
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.i18n import N_, tr
from engager_desktop.services.figures_query import FLOWS, TOTAL, Period, RawFigures, count_figures

MAX_MONTHS = 60
TOTAL_HEADING = N_("Figures", "Whole range")
HIDDEN = frozenset({"sessions_other", "housing_not", "gp_not", "gate_not"})
Key = tuple[str, str]


class Source(Protocol):
    """Where the figures are counted: a laptop's vault or the hub (read, clock, audit)."""

    @property
    def clock(self) -> Clock: ...

    def read(self) -> AbstractContextManager[Session]: ...

    def audit(
        self,
        action: str,
        kind: str | None = None,
        record_id: str | None = None,
        detail: str | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    indent: bool = False


MEASURES = (
    Measure("referred", N_("Figures", "Men referred (added to the caseload)")),
    Measure("engaged", N_("Figures", "Men engaged (first session held)")),
    Measure("in_prison", N_("Figures", "Men in prison at the month's end")),
    Measure("released", N_("Figures", "Men released")),
    Measure("housing", N_("Figures", "with first-night housing confirmed"), indent=True),
    Measure("gp", N_("Figures", "with GP registration ticked"), indent=True),
    Measure("gate", N_("Figures", "with someone arranged to meet him at the gate"), indent=True),
    Measure("in_community", N_("Figures", "Men in the community at the month's end")),
    Measure("ended", N_("Figures", "Men whose support ended")),
    Measure("ended_planned", N_("Figures", "planned ending (signed off)"), indent=True),
    Measure("ended_unplanned", N_("Figures", "not planned"), indent=True),
    Measure("sessions", N_("Figures", "Sessions held")),
    Measure("sessions_prison", N_("Figures", "in prison"), indent=True),
    Measure("sessions_community", N_("Figures", "in the community"), indent=True),
    Measure("sessions_phone", N_("Figures", "by phone"), indent=True),
    Measure("distress_men", N_("Figures", "Men rated for distress, with an earlier rating")),
    Measure("distress_first", N_("Figures", "their first rating, median (0-10)"), indent=True),
    Measure("distress_latest", N_("Figures", "their latest rating, median"), indent=True),
    Measure("distress_change", N_("Figures", "change, latest minus first, median"), indent=True),
)
MEDIANS = ("distress_first", "distress_latest", "distress_change")
NOTES = (
    rules.WITHHELD_NOTE,
    N_(
        "Figures",
        "A median is withheld when fewer than 5 men are rated; it is blank when none are.",
    ),
    N_(
        "Figures",
        "Figures for the whole range: men and sessions in it; at the month's end: on its last day.",
    ),
    N_("Figures", "No names, ids or notes. Definitions: docs/figures.md."),
)


class BadRange(UserError, ValueError):
    """The dates asked for do not make a range."""


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    indent: bool
    cells: tuple[str, ...]  # one per column; "" where the figure does not apply


@dataclass(frozen=True)
class FiguresTable:
    """What may leave the laptop: published cells as text, every small count withheld."""

    first: date
    last: date
    made_on: date
    columns: tuple[str, ...]  # the months ("Jan 2026"), then TOTAL_HEADING
    rows: tuple[FigureRow, ...]
    notes: tuple[str, ...] = NOTES

    def cell(self, key: str, column: int) -> str:
        return next(row for row in self.rows if row.key == key).cells[column]


def check_range(first: date, last: date) -> None:
    if last < first:
        raise BadRange(
            tr("Errors", "the range ends before it starts: choose a start on or before the end")
        )
    if (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
        raise BadRange(
            tr(
                "Errors", "the range is longer than {max_months} months: ask for a shorter one"
            ).format(max_months=MAX_MONTHS)
        )


def default_range(vault: Source) -> tuple[date, date]:
    """The last twelve months: from the first of the month eleven months ago to today."""
    today = vault.clock.today()
    months_back = today.year * 12 + today.month - 1 - 11
    return date(months_back // 12, months_back % 12 + 1, 1), today


def relations(periods: tuple[Period, ...]) -> list[rules.Relation]:
    """Every additive relation a reader could use: parts of a column, months of a row."""
    out: list[rules.Relation] = []
    for p in periods:
        k = p.key

        def key(measure: str, period: str = k) -> Key:
            return (measure, period)

        out.append(rules.Relation(key("ended"), (key("ended_planned"), key("ended_unplanned"))))
        parts = ("sessions_prison", "sessions_community", "sessions_phone", "sessions_other")
        out.append(rules.Relation(key("sessions"), tuple(key(m) for m in parts)))
        for tick in ("housing", "gp", "gate"):
            out.append(rules.Relation(key("released"), (key(tick), key(f"{tick}_not"))))
    months = [p.key for p in periods if p.key != TOTAL]
    for measure in FLOWS:
        out.append(rules.Relation((measure, TOTAL), tuple((measure, m) for m in months)))
    return out


def publish(raw: RawFigures) -> dict[Key, str]:
    """The text of every published cell, after suppression."""
    hidden = {(m, p.key) for m in HIDDEN for p in raw.periods}
    safe = rules.suppress(raw.counts, relations(raw.periods), hidden)
    text = {key: rules.shown(value) for key, value in safe.items()}
    for period in raw.periods:
        men = raw.counts.get(("distress_men", period.key), 0)
        text[("distress_men", period.key)] = rules.shown(None if rules.is_small(men) else men)
        for name in MEDIANS:
            value = raw.medians.get((name, period.key))
            if rules.is_small(men):
                text[(name, period.key)] = rules.WITHHELD
            else:
                text[(name, period.key)] = "" if value is None else f"{value:g}"
    return text


def month_heading(period: Period) -> str:
    return TOTAL_HEADING if period.key == TOTAL else f"{period.first:%b %Y}"


def service_figures(vault: Source, first: date, last: date) -> FiguresTable:
    """The published table for the months from ``first`` to ``last`` (both days included)."""
    check_range(first, last)
    with vault.read() as session:
        raw = count_figures(session, first, last)
    text = publish(raw)
    rows = tuple(
        FigureRow(
            m.key, m.label, m.indent, tuple(text.get((m.key, p.key), "") for p in raw.periods)
        )
        for m in MEASURES
    )
    columns = tuple(month_heading(p) for p in raw.periods)
    return FiguresTable(first, last, vault.clock.today(), columns, rows)


# --- exports --------------------------------------------------------------------------------


def csv_bytes(table: FiguresTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Measure", *table.columns])
    for row in table.rows:
        label = f"- {row.label}" if row.indent else row.label
        writer.writerow([label, *row.cells])
    writer.writerow([])
    writer.writerow(
        [f"Engager service figures, {range_text(table)}; made {table.made_on:%d %b %Y}"]
    )
    for note in table.notes:
        writer.writerow([note])
    return out.getvalue().encode("utf-8-sig")  # the byte-order mark lets Excel read UTF-8


def range_text(table: FiguresTable) -> str:
    return f"{table.first:%d %b %Y} to {table.last:%d %b %Y}"


class ExportFailed(UserError):
    """The file could not be written; one plain line says why."""


def export(vault: Source, table: FiguresTable, path: Path) -> Path:
    """Write ``table`` to ``path`` (.csv or .pdf, atomically) and audit the export."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        raise ExportFailed(tr("Errors", "the file must end in .csv or .pdf"))
    if path.is_dir():
        raise ExportFailed(
            tr("Errors", "cannot save the figures: the name chosen is a folder, not a file")
        )
    if not path.parent.is_dir():
        raise ExportFailed(tr("Errors", "cannot save the figures: the folder does not exist"))
    if suffix == ".csv":
        data = csv_bytes(table)
    else:
        from engager_desktop.worksheets import figures as sheet

        data = sheet.pdf_bytes(table)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        reason = (exc.strerror or "the file could not be written").lower()
        raise ExportFailed(
            tr("Errors", "cannot save the figures there: {reason}").format(reason=reason)
        ) from None
    vault.audit(
        "export_figures",
        detail=f"service figures {table.first.isoformat()} to {table.last.isoformat()} "
        f"as {suffix[1:]} to {path.name}",
    )
    return path


__all__ = [
    "BadRange",
    "ExportFailed",
    "FigureRow",
    "FiguresTable",
    "MEASURES",
    "Source",
    "check_range",
    "default_range",
    "csv_bytes",
    "export",
    "publish",
    "relations",
    "service_figures",
]
