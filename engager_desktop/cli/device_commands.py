"""Laptop commands: laptop-name (show or change this laptop's name) and devices (the list)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import N_, short_date, tr
from engager_desktop.services import laptops
from engager_desktop.store.vault import VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser("laptop-name", help="show this laptop's name, or give it a new one")
    vault_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME", help="the new name (at most 60 characters)")
    p.set_defaults(handler=cmd_laptop_name)

    p = sub.add_parser(
        "devices", help="list this laptop and the enrolled ones: names, fingerprints, dates"
    )
    vault_arg(p)
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.set_defaults(handler=cmd_devices)


ROLES = {"practitioner": N_("Devices", "practitioner"), "supervisor": N_("Devices", "supervisor")}


def cmd_laptop_name(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        if args.name is None:
            print(laptops.laptop_name(vault))
            return 0
        name = laptops.rename_laptop(vault, args.name)
    print(tr("CLI", "this laptop is now called {name}").format(name=name))
    print(tr("CLI", "partners see the new name once they enrol this laptop's card again"))
    return 0


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(value: datetime | None) -> str:
    return tr("CLI", "never") if value is None else short_date(value)


def cmd_devices(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        rows = laptops.devices(vault)
        vault.audit("export_cli", "devices", None, "devices listed")
    if args.json:
        listed = [
            {
                "device_id": r.device_id,
                "name": r.name,
                "fingerprint": r.fingerprint,
                "is_self": r.is_self,
                "enrolled_at": _when(r.enrolled_at),
                "revoked_at": _when(r.revoked_at),
                "last_import_at": _when(r.last_import_at),
                "last_export_at": _when(r.last_export_at),
                "practitioner": r.practitioner,
                "role": r.role,
            }
            for r in rows
        ]
        print(json.dumps({"devices": listed}, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        if r.is_self:
            print(tr("CLI", "{name} (this laptop)").format(name=r.name))
        elif r.revoked_at:
            print(tr("CLI", "{name} (revoked)").format(name=r.name))
        else:
            print(r.name)
        print(tr("CLI", "  fingerprint: {fingerprint}").format(fingerprint=r.fingerprint))
        if r.practitioner:
            role = tr("Devices", ROLES[r.role]) if r.role in ROLES else r.role
            print(tr("CLI", "  used by {name} ({role})").format(name=r.practitioner, role=role))
        print(
            tr("CLI", "  device {device}, enrolled {day}").format(
                device=r.device_id, day=_day(r.enrolled_at)
            )
        )
        if not r.is_self:
            print(
                tr("CLI", "  last bundle from it: {came}; last bundle to it: {went}").format(
                    came=_day(r.last_import_at), went=_day(r.last_export_at)
                )
            )
    return 0
