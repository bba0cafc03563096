"""The figures command: anonymised service figures by month, as a CSV or PDF file (audited).

Bad dates, a range that ends before it starts and a file that is neither .csv nor .pdf are usage
errors (exit 2); a file that cannot be written is a failure (exit 1), each on one line.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import tr
from engager_desktop.services import figures
from engager_desktop.store.vault import VaultOptions

USAGE = 2


def register(sub: Any) -> None:
    p = sub.add_parser(
        "figures",
        help="anonymised service figures by month (no names; counts under 5 withheld)",
        description="Writes men referred, engaged, in prison, released, in the community, "
        "ended, sessions held, release checks and distress medians, month by month. Every "
        "count of 1 to 4, and any figure that would reveal one, is withheld. "
        "Definitions: docs/figures.md.",
    )
    vault_arg(p)
    p.add_argument("--from", dest="first", required=True, type=_day, metavar="DATE")
    p.add_argument("--to", dest="last", required=True, type=_day, metavar="DATE")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.csv|.pdf", help="where to"
    )
    p.set_defaults(handler=cmd_figures)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("CLI", "not a date (YYYY-MM-DD): {text!r}").format(text=text)
        ) from None


def usage_error(message: str) -> int:
    print(
        tr("CLI", "engager-desktop figures: error: {message}").format(message=message),
        file=sys.stderr,
    )
    return USAGE


def cmd_figures(args: argparse.Namespace, options: VaultOptions) -> int:
    try:
        figures.check_range(args.first, args.last)
    except figures.BadRange as exc:
        return usage_error(str(exc))
    if args.output.suffix.lower() not in (".csv", ".pdf"):
        return usage_error(tr("Errors", "the file must end in .csv or .pdf"))
    with open_vault(args, options) as vault:
        table = figures.service_figures(vault, args.first, args.last)
        path = figures.export(vault, table, args.output)
    print(
        tr("CLI", "Service figures, {range}: written to {path}").format(
            range=figures.range_text(table), path=path
        )
    )
    return 0
