"""Plan commands: ics (appointments and sessions as a calendar file, audited as an export)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import tr, trn
from engager_desktop.services.calendar_export import CalendarOptions, NameStyle, export_ics
from engager_desktop.store.vault import VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ics",
        help="write appointments and sessions to an .ics calendar file (no names or notes)",
    )
    vault_arg(p)
    p.add_argument("--man", metavar="ID", default=None, help="only this man (default: all open)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")
    p.add_argument(
        "--names",
        choices=[style.value for style in NameStyle],
        default=NameStyle.NONE.value,
        help="add his initials or preferred name to each event (default: none)",
    )
    p.add_argument(
        "--with-place",
        action="store_true",
        help="add the place to each event (only for men who agreed to share their whereabouts)",
    )
    p.set_defaults(handler=cmd_ics)


def cmd_ics(args: argparse.Namespace, options: VaultOptions) -> int:
    chosen = CalendarOptions(name_style=args.names, include_place=args.with_place)
    with open_vault(args, options) as vault:
        result = export_ics(vault, args.output, args.man, chosen)
    events = trn("CLI", "{n} event", "{n} events", result.events)
    print(tr("CLI", "{events} written to {path}").format(events=events, path=result.path))
    if result.places_left_out:
        print(
            trn(
                "CLI",
                "places left out for {n} man who has not agreed to share where he is",
                "places left out for {n} men who have not agreed to share where they are",
                result.places_left_out,
            )
        )
    return 0
