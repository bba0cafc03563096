"""Casework commands: caseload (filtered list) and search. Each run is audited as an export."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import N_, tr
from engager_desktop.services import caseload
from engager_desktop.services.caseload import FILTER_FORMS, CaseloadRow, FilterError
from engager_desktop.store.vault import VaultOptions

COLUMNS: tuple[tuple[str, str], ...] = (
    ("NAME", "preferred_name"),
    ("PRISON NO", "prison_number"),
    ("PHASE", "phase"),
    ("DAYS TO RELEASE", "days_to_release"),
    ("OPEN", "open_steps"),
    ("OVERDUE", "overdue_steps"),
    ("LAST CONTACT", "last_contact"),
    ("NEXT SESSION", "next_session"),
    ("ALERTS", "alerts"),
    ("ID", "id"),
)
# The headings above, marked for the catalogue; ``table`` shows them in the language in use.
HEADINGS = (
    N_("CLI", "NAME"),
    N_("CLI", "PRISON NO"),
    N_("CLI", "PHASE"),
    N_("CLI", "DAYS TO RELEASE"),
    N_("CLI", "OPEN"),
    N_("CLI", "OVERDUE"),
    N_("CLI", "LAST CONTACT"),
    N_("CLI", "NEXT SESSION"),
    N_("CLI", "ALERTS"),
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "caseload",
        help="list the caseload (every man, closed included, unless filtered)",
        description=f"Filters (repeat --filter; all apply): {FILTER_FORMS}.",
    )
    vault_arg(p)
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        type=_filter,
        metavar="F",
        help=f"one of {FILTER_FORMS}",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of rows")
    p.set_defaults(handler=cmd_caseload)

    p = sub.add_parser("search", help="find men by name, prison number, goal words or notes")
    vault_arg(p)
    p.add_argument("text", metavar="TEXT", help="words to find (the start of a word is enough)")
    p.add_argument("--json", action="store_true", help="print a JSON list of rows")
    p.set_defaults(handler=cmd_search)


def _filter(text: str) -> str:
    try:
        caseload.parse_filters([text])
    except FilterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def cmd_caseload(args: argparse.Namespace, options: VaultOptions) -> int:
    try:
        filters = caseload.parse_filters(args.filter)
    except FilterError as exc:  # held-by given twice: a usage error, as a bad filter is
        print(f"engager-desktop: error: {exc}", file=sys.stderr)
        return 2
    with open_vault(args, options) as vault:
        filters = caseload.resolve_holders(vault, filters)
        rows = caseload.list_caseload(vault, filters)
        vault.audit("export_cli", detail=f"caseload: {len(rows)} rows")
    _print(rows, as_json=args.json)
    return 0


def cmd_search(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        rows = caseload.search(vault, args.text)
        vault.audit("export_cli", detail=f"search: {len(rows)} rows")
    _print(rows, as_json=args.json)
    return 0


def _print(rows: Sequence[CaseloadRow], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
    elif not rows:
        print(tr("CLI", "no men match"))
    else:
        print(table(rows))


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table(rows: Sequence[CaseloadRow]) -> str:
    """Rows as an aligned text table, numbers to the right, one man a line."""
    cells = [[_cell(getattr(row, field)) for _, field in COLUMNS] for row in rows]
    titles = [tr("CLI", title) for title, _ in COLUMNS]
    widths = [max(len(title), *(len(line[i]) for line in cells)) for i, title in enumerate(titles)]
    numeric = {"days_to_release", "open_steps", "overdue_steps", "alerts"}

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if field in numeric else value.ljust(width)
            for value, width, (_, field) in zip(values, widths, COLUMNS, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(titles), *(line(values) for values in cells)])
